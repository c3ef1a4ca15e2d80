import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { clusters } from "../private/rds";

export const CKV_AWS_133 = defineControl({
  id: "CKV_AWS_133",
  checkov: ["CKV_AWS_133"],
  title: "clusters keep backups for at least 7 days",
  checks: "every `aws_rds_cluster` has a `backup_retention_period` of 7 days or more (the provider's default is 1)",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/DBInstanceBackupRetentionPeriod.py"],
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => !(Number(setting(cluster, "backup_retention_period")) >= 7))
      .map((cluster) => fail(cluster, "backups are kept for fewer than 7 days")),
});
