import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { isSet } from "../private/document";
import { instances } from "../private/rds";

export const RDS_6 = defineControl({
  id: "RDS.6",
  checkov: ["CKV_AWS_118"],
  title: "instances have Enhanced Monitoring",
  findings: (document, fail) =>
    instances(document)
      .filter((instance) => !(Number(setting(instance, "monitoring_interval")) > 0 && isSet(instance.body.monitoring_role_arn)))
      .map((instance) => fail(instance, "Enhanced Monitoring is off")),
});
