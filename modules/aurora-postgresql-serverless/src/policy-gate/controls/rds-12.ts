import { settingControl } from "../private/define-control";

export const RDS_12 = settingControl({
  id: "RDS.12",
  checkov: ["CKV_AWS_162"],
  title: "clusters allow IAM database authentication",
  checks: "every `aws_rds_cluster` has `iam_database_authentication_enabled` true (the provider's default is false)",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  resourceType: "aws_rds_cluster",
  attribute: "iam_database_authentication_enabled",
  required: true,
  problem: "IAM authentication is off",
});
