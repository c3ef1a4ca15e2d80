import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("IAM.21: no wildcards in identity policies", () => {
  it("fails wildcard Allow statements in policy resources, inline policy blocks and referenced policy documents, unreadable policies, and wildcard AWS managed policies however attached", () => {
    expect(findingsOn("IAM.21", "failing")).toEqual([
      "IAM.21 statement All allows wildcard actions on aws_iam_role_policy.wildcard_action (wildcard-action)",
      "IAM.21 statement Not allows wildcard actions on aws_iam_role_policy.not_action (not-action)",
      "IAM.21 the policy is neither JSON, jsonencode of an object, nor an aws_iam_policy_document, and cannot be verified on aws_iam_role_policy.from_file (from-file)",
      "IAM.21 statement AllOfS3 allows wildcard actions on aws_iam_role_policy.from_document (from-document)",
      "IAM.21 statement AllButOne applies to every resource on aws_iam_role_policy.from_document (from-document)",
      // A document that merges others is only known at plan.
      "IAM.21 the policy is neither JSON, jsonencode of an object, nor an aws_iam_policy_document, and cannot be verified on aws_iam_role_policy.from_merged_document (from-merged-document)",
      "IAM.21 statement Any applies to every resource on aws_iam_policy.every_resource (every-resource)",
      "IAM.21 statement Admin of inline policy everything allows wildcard actions on aws_iam_role.inline (inline)",
      "IAM.21 statement Admin of inline policy everything applies to every resource on aws_iam_role.inline (inline)",
      "IAM.21 the AWS managed policy AmazonS3FullAccess allows wildcard actions on aws_iam_role_policy_attachment.s3_full_access",
      "IAM.21 the AWS managed policy PowerUserAccess allows wildcard actions on aws_iam_policy_attachment.power_user (power-user)",
      "IAM.21 the AWS managed policy AdministratorAccess allows wildcard actions on aws_iam_role.managed_admin (managed-admin)",
      "IAM.21 the AWS managed policy AmazonRDSDataFullAccess allows wildcard actions on aws_iam_role_policy_attachments_exclusive.data_full_access",
    ]);
  });

  it("passes exact statements in every form, Deny statements with wildcards, and other AWS managed policies whatever the partition expression", () => {
    expect(findingsOn("IAM.21", "passing")).toEqual([]);
  });
});
