import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { resources } from "../private/document";
import { isCustomerManagedKey } from "../private/keys";
import { clusters } from "../private/rds";

export const CKV_AWS_149 = defineControl({
  id: "CKV_AWS_149",
  checkov: ["CKV_AWS_149"],
  title: "credentials secrets are encrypted with a customer-managed key",
  checks:
    "every `aws_secretsmanager_secret` names a customer-managed key in `kms_key_id`, and every `aws_rds_cluster` with `manage_master_user_password` one in `master_user_secret_kms_key_id`",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/SecretManagerSecretEncrypted.py"],
  findings: (document, fail) => [
    ...resources(document, "aws_secretsmanager_secret")
      .filter((secret) => !isCustomerManagedKey(document, setting(secret, "kms_key_id")))
      .map((secret) => fail(secret, "the secret uses the AWS managed key")),
    ...clusters(document)
      .filter((cluster) => setting(cluster, "manage_master_user_password") === true)
      .filter((cluster) => !isCustomerManagedKey(document, setting(cluster, "master_user_secret_kms_key_id")))
      .map((cluster) => fail(cluster, "the RDS-managed secret uses the AWS managed key")),
  ],
});
