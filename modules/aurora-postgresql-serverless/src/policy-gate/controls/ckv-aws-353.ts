import { settingControl } from "../private/define-control";

export const CKV_AWS_353 = settingControl({
  id: "CKV_AWS_353",
  checkov: ["CKV_AWS_353"],
  title: "instances have Performance Insights",
  resourceType: "aws_rds_cluster_instance",
  attribute: "performance_insights_enabled",
  required: true,
  problem: "Performance Insights is off",
});
