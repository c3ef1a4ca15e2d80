import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { asList } from "../private/document";
import { clusters } from "../private/rds";

export const RDS_37 = defineControl({
  id: "RDS.37",
  checkov: ["CKV_AWS_324"],
  title: "Aurora PostgreSQL clusters publish logs to CloudWatch Logs",
  checks: "every `aws_rds_cluster` lists `postgresql` in `enabled_cloudwatch_logs_exports`",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => !asList(setting(cluster, "enabled_cloudwatch_logs_exports")).includes("postgresql"))
      .map((cluster) => fail(cluster, "the PostgreSQL log is not exported to CloudWatch Logs")),
});
