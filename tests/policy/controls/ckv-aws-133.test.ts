import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CKV_AWS_133: backup retention", () => {
  it("fails a cluster that keeps backups 3 days, or leaves retention out (the provider's default is 1 day)", () => {
    expect(findingsOn("CKV_AWS_133", "failing")).toEqual([
      "CKV_AWS_133 backups are kept for fewer than 7 days on aws_rds_cluster.three_days (three-days)",
      "CKV_AWS_133 backups are kept for fewer than 7 days on aws_rds_cluster.retention_left_out (retention-left-out)",
    ]);
  });

  it("passes 7 and 35 days", () => {
    expect(findingsOn("CKV_AWS_133", "passing")).toEqual([]);
  });
});
