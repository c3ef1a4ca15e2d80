import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CKV_AWS_354: customer-managed Performance Insights key", () => {
  it("fails an instance without a key (the AWS managed key), with an alias/aws/ key, or with a data.aws_kms_key that looks up alias/aws/rds, referred to by .arn or .id", () => {
    expect(findingsOn("CKV_AWS_354", "failing")).toEqual([
      "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.key_left_out (key-left-out)",
      "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.aws_managed_alias (aws-managed-alias)",
      "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.aws_managed_lookup (aws-managed-lookup)",
      "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.aws_managed_lookup_by_id (aws-managed-lookup-by-id)",
    ]);
  });

  it("passes a key created in the stack and a looked-up customer-managed alias", () => {
    expect(findingsOn("CKV_AWS_354", "passing")).toEqual([]);
  });
});
