import { settingControl } from "../private/define-control";

export const CKV_AWS_17 = settingControl({
  id: "CKV_AWS_17",
  checkov: ["CKV_AWS_17"],
  title: "instances are not publicly accessible",
  checks: "no `aws_rds_cluster_instance` has `publicly_accessible` true",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/RDSPubliclyAccessible.py"],
  resourceType: "aws_rds_cluster_instance",
  attribute: "publicly_accessible",
  required: false,
  problem: "the instance is publicly accessible",
});
