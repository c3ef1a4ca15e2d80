import { settingControl } from "../private/define-control";

export const RDS_27 = settingControl({
  id: "RDS.27",
  checkov: ["CKV_AWS_96"],
  title: "clusters are encrypted at rest",
  resourceType: "aws_rds_cluster",
  attribute: "storage_encrypted",
  required: true,
  problem: "storage is not encrypted",
});
