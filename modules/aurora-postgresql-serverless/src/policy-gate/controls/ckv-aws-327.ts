import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { isCustomerManagedKey } from "../private/keys";
import { clusters } from "../private/rds";

export const CKV_AWS_327 = defineControl({
  id: "CKV_AWS_327",
  checkov: ["CKV_AWS_327"],
  title: "clusters are encrypted with a customer-managed key",
  checks:
    "every `aws_rds_cluster` names a customer-managed key in `kms_key_id` (without one, `alias/aws/\u2026`, or a `data.aws_kms_key` that looks one up, the key is AWS managed)",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/RDSClusterEncryptedWithCMK.py"],
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => !isCustomerManagedKey(document, setting(cluster, "kms_key_id")))
      .map((cluster) => fail(cluster, "storage is not encrypted with a customer-managed key")),
});
