import { settingControl } from "../private/define-control";

export const RDS_7 = settingControl({
  id: "RDS.7",
  checkov: ["CKV_AWS_139"],
  title: "clusters have deletion protection",
  checks: "every `aws_rds_cluster` has `deletion_protection` true (the provider's default is false)",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  resourceType: "aws_rds_cluster",
  attribute: "deletion_protection",
  required: true,
  problem: "deletion protection is off",
});
