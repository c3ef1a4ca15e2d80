import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.13: instance minor upgrades", () => {
  it("fails an instance that turns automatic minor version upgrades off", () => {
    expect(findingsOn("RDS.13", "failing")).toEqual([
      "RDS.13 automatic minor version upgrade is off on aws_rds_cluster_instance.upgrades_off (upgrades-off)",
    ]);
  });

  it("passes an instance that turns them on, and one that leaves them to the provider's default (true)", () => {
    expect(findingsOn("RDS.13", "passing")).toEqual([]);
  });
});
