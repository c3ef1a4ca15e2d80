import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CKV_AWS_149: customer-managed secret key", () => {
  it("fails our secrets and RDS-managed secrets without a key (the AWS managed key) or with an AWS managed alias, literal or looked up (by .arn or .id)", () => {
    expect(findingsOn("CKV_AWS_149", "failing")).toEqual([
      "CKV_AWS_149 the secret uses the AWS managed key on aws_secretsmanager_secret.key_left_out (key-left-out)",
      "CKV_AWS_149 the secret uses the AWS managed key on aws_secretsmanager_secret.aws_managed_lookup (aws-managed-lookup)",
      "CKV_AWS_149 the secret uses the AWS managed key on aws_secretsmanager_secret.aws_managed_lookup_by_id (aws-managed-lookup-by-id)",
      "CKV_AWS_149 the RDS-managed secret uses the AWS managed key on aws_rds_cluster.managed_key_left_out (managed-key-left-out)",
      "CKV_AWS_149 the RDS-managed secret uses the AWS managed key on aws_rds_cluster.managed_aws_alias (managed-aws-alias)",
      "CKV_AWS_149 the RDS-managed secret uses the AWS managed key on aws_rds_cluster.managed_aws_lookup_by_id (managed-aws-lookup-by-id)",
    ]);
  });

  it("passes customer-managed keys, created or looked up, and ignores clusters that keep their own password", () => {
    expect(findingsOn("CKV_AWS_149", "passing")).toEqual([]);
  });
});
