import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { isCustomerManagedKey } from "../private/keys";
import { clusters } from "../private/rds";

export const CKV_AWS_327 = defineControl({
  id: "CKV_AWS_327",
  checkov: ["CKV_AWS_327"],
  title: "clusters are encrypted with a customer-managed key",
  findings: (document, fail) =>
    clusters(document)
      .filter((cluster) => !isCustomerManagedKey(document, setting(cluster, "kms_key_id")))
      .map((cluster) => fail(cluster, "storage is not encrypted with a customer-managed key")),
});
