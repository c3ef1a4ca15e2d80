import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.24: custom administrator name", () => {
  it("fails a default master username, whatever its case, and a cluster without one (it cannot be verified)", () => {
    expect(findingsOn("RDS.24", "failing")).toEqual([
      "RDS.24 the master username is a default name on aws_rds_cluster.postgres (postgres-admin)",
      "RDS.24 the master username is a default name on aws_rds_cluster.admin (admin-admin)",
      "RDS.24 no master username is set, so it cannot be verified on aws_rds_cluster.restored (restored)",
    ]);
  });

  it("passes a custom master username", () => {
    expect(findingsOn("RDS.24", "passing")).toEqual([]);
  });
});
