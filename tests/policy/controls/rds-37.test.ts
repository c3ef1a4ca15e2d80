import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.37: PostgreSQL log export", () => {
  it("fails a cluster that exports other logs only, or none (the provider's default)", () => {
    expect(findingsOn("RDS.37", "failing")).toEqual([
      "RDS.37 the PostgreSQL log is not exported to CloudWatch Logs on aws_rds_cluster.other_log (other-log)",
      "RDS.37 the PostgreSQL log is not exported to CloudWatch Logs on aws_rds_cluster.exports_left_out (exports-left-out)",
    ]);
  });

  it("passes a cluster that exports the PostgreSQL log", () => {
    expect(findingsOn("RDS.37", "passing")).toEqual([]);
  });
});
