import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { instances } from "../private/rds";

export const CKV_AWS_353 = defineControl({
  id: "CKV_AWS_353",
  checkov: ["CKV_AWS_353"],
  title: "instances have Performance Insights",
  findings: (document, fail) =>
    instances(document)
      .filter((instance) => setting(instance, "performance_insights_enabled") !== true)
      .map((instance) => fail(instance, "Performance Insights is off")),
});
