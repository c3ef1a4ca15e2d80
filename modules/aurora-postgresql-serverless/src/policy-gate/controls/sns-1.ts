import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { isSet, resources } from "../private/document";

/**
 * Security Hub SNS.1 (checkov CKV_AWS_26): a topic is encrypted at rest with a KMS key, named in
 * `kms_master_key_id` (the provider encrypts nothing without it). Any KMS key passes, as for both
 * scanners; that CloudWatch needs a customer-managed key to publish is the alarms' own concern.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html
 */
export const SNS_1 = defineControl({
  id: "SNS.1",
  checkov: ["CKV_AWS_26"],
  title: "SNS topics are encrypted at rest with KMS",
  checks: "every `aws_sns_topic` names a KMS key, any key, in `kms_master_key_id`",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html"],
  findings: (document, fail) =>
    resources(document, "aws_sns_topic")
      .filter((topic) => !isSet(setting(topic, "kms_master_key_id")))
      .map((topic) => fail(topic, "the topic is not encrypted at rest (no kms_master_key_id)")),
});
