import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.6: Enhanced Monitoring", () => {
  it("fails an interval of 0, an interval left out (the provider's default is 0), and an interval without a role", () => {
    expect(findingsOn("RDS.6", "failing")).toEqual([
      "RDS.6 Enhanced Monitoring is off on aws_rds_cluster_instance.interval_zero (interval-zero)",
      "RDS.6 Enhanced Monitoring is off on aws_rds_cluster_instance.interval_left_out (interval-left-out)",
      "RDS.6 Enhanced Monitoring is off on aws_rds_cluster_instance.no_role (no-role)",
    ]);
  });

  it("passes an interval with a role", () => {
    expect(findingsOn("RDS.6", "passing")).toEqual([]);
  });
});
