import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { resources } from "../private/document";
import { isCustomerManagedKey } from "../private/keys";

/**
 * checkov CKV_AWS_166, "Ensure Backup Vault is encrypted at rest using KMS CMK": every backup
 * vault names a customer-managed key in `kms_key_arn`. Without one AWS Backup uses its AWS
 * managed key (aws/backup). checkov passes any key that is set; like the gate's other
 * customer-managed key controls, a key looked up as `alias/aws/…` fails here.
 * https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/BackupVaultEncrypted.py
 */
export const CKV_AWS_166 = defineControl({
  id: "CKV_AWS_166",
  checkov: ["CKV_AWS_166"],
  title: "backup vaults are encrypted with a customer-managed key",
  checks:
    "every `aws_backup_vault` names a customer-managed key in `kms_key_arn` (without one, AWS Backup's AWS managed key; `alias/aws/\u2026` fails, which checkov accepts)",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/BackupVaultEncrypted.py"],
  findings: (document, fail) =>
    resources(document, "aws_backup_vault")
      .filter((vault) => !isCustomerManagedKey(document, setting(vault, "kms_key_arn")))
      .map((vault) => fail(vault, "the vault is not encrypted with a customer-managed key")),
});
