import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { isCustomerManagedKey } from "../private/keys";
import { instances } from "../private/rds";

export const CKV_AWS_354 = defineControl({
  id: "CKV_AWS_354",
  checkov: ["CKV_AWS_354"],
  title: "Performance Insights is encrypted with a customer-managed key",
  checks: "every `aws_rds_cluster_instance` names a customer-managed key in `performance_insights_kms_key_id`",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/RDSInstancePerfInsightsEncryptionWithCMK.py"],
  findings: (document, fail) =>
    instances(document)
      .filter((instance) => !isCustomerManagedKey(document, setting(instance, "performance_insights_kms_key_id")))
      .map((instance) => fail(instance, "Performance Insights is not encrypted with a customer-managed key")),
});
