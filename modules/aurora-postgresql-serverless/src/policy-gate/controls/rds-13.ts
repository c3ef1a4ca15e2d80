import { settingControl } from "../private/define-control";

export const RDS_13 = settingControl({
  id: "RDS.13",
  checkov: ["CKV_AWS_226"],
  title: "instances upgrade minor versions automatically",
  checks: "no `aws_rds_cluster_instance` sets `auto_minor_version_upgrade` to false",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  resourceType: "aws_rds_cluster_instance",
  attribute: "auto_minor_version_upgrade",
  required: true,
  problem: "automatic minor version upgrade is off",
});
