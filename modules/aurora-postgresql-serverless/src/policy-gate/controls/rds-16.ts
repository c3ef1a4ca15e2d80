import { settingControl } from "../private/define-control";

export const RDS_16 = settingControl({
  id: "RDS.16",
  checkov: ["CKV_AWS_313"],
  title: "clusters copy tags to snapshots",
  checks: "every `aws_rds_cluster` has `copy_tags_to_snapshot` true (the provider's default is false)",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  resourceType: "aws_rds_cluster",
  attribute: "copy_tags_to_snapshot",
  required: true,
  problem: "tags are not copied to snapshots",
});
