import { settingControl } from "../private/define-control";

export const CKV_AWS_353 = settingControl({
  id: "CKV_AWS_353",
  checkov: ["CKV_AWS_353"],
  title: "instances have Performance Insights",
  checks: "every `aws_rds_cluster_instance` has `performance_insights_enabled` true (the provider's default is false)",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/RDSInstancePerformanceInsights.py"],
  resourceType: "aws_rds_cluster_instance",
  attribute: "performance_insights_enabled",
  required: true,
  problem: "Performance Insights is off",
});
