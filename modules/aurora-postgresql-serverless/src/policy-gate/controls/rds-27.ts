import { settingControl } from "../private/define-control";

export const RDS_27 = settingControl({
  id: "RDS.27",
  checkov: ["CKV_AWS_96"],
  title: "clusters are encrypted at rest",
  checks: "every `aws_rds_cluster` has `storage_encrypted` true",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  resourceType: "aws_rds_cluster",
  attribute: "storage_encrypted",
  required: true,
  problem: "storage is not encrypted",
});
