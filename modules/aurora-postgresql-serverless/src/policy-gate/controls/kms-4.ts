import { settingControl } from "../private/define-control";

export const KMS_4 = settingControl({
  id: "KMS.4",
  checkov: ["CKV_AWS_7"],
  title: "customer-managed keys rotate",
  checks: "every `aws_kms_key` has `enable_key_rotation` true (the provider's default is false)",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html"],
  resourceType: "aws_kms_key",
  attribute: "enable_key_rotation",
  required: true,
  problem: "key rotation is off",
});
