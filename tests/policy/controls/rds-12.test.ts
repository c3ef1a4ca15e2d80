import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.12: IAM database authentication", () => {
  it("fails a cluster with IAM authentication off, or left out (the provider's default is off)", () => {
    expect(findingsOn("RDS.12", "failing")).toEqual([
      "RDS.12 IAM authentication is off on aws_rds_cluster.iam_auth_off (iam-auth-off)",
      "RDS.12 IAM authentication is off on aws_rds_cluster.iam_auth_left_out (iam-auth-left-out)",
    ]);
  });

  it("passes a cluster with IAM authentication on", () => {
    expect(findingsOn("RDS.12", "passing")).toEqual([]);
  });
});
