import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { isSet } from "../private/document";
import { instances } from "../private/rds";

export const RDS_6 = defineControl({
  id: "RDS.6",
  checkov: ["CKV_AWS_118"],
  title: "instances have Enhanced Monitoring",
  checks: "every `aws_rds_cluster_instance` has a `monitoring_interval` above 0 (the provider's default is 0) and a `monitoring_role_arn`",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"],
  findings: (document, fail) =>
    instances(document)
      .filter((instance) => !(Number(setting(instance, "monitoring_interval")) > 0 && isSet(instance.body.monitoring_role_arn)))
      .map((instance) => fail(instance, "Enhanced Monitoring is off")),
});
