import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { resources } from "../private/document";

export const KMS_4 = defineControl({
  id: "KMS.4",
  checkov: ["CKV_AWS_7"],
  title: "customer-managed keys rotate",
  findings: (document, fail) =>
    resources(document, "aws_kms_key")
      .filter((key) => setting(key, "enable_key_rotation") !== true)
      .map((key) => fail(key, "key rotation is off")),
});
