import { defineControl } from "../private/define-control";
import { isSet } from "../private/document";
import { instances } from "../private/rds";

export const CKV_AWS_354 = defineControl({
  id: "CKV_AWS_354",
  checkov: ["CKV_AWS_354"],
  title: "Performance Insights is encrypted with a customer-managed key",
  findings: (document, fail) =>
    instances(document)
      .filter((instance) => !isSet(instance.body.performance_insights_kms_key_id))
      .map((instance) => fail(instance, "Performance Insights is not encrypted with a customer-managed key")),
});
