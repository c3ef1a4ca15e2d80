/**
 * The IAM documents of the backup constructs: the key policy of a vault's key, and the managed
 * policies of the backup role. The role's trust policy is `serviceTrustPolicy` (policy-documents.ts),
 * which limits AWS Backup to this account (`aws:SourceAccount`).
 */
import { accountAdministersTheKey } from "./policy-documents";
import { jsonDocument } from "./write-json-document";

/**
 * AWS's managed policies for an AWS Backup service role: backing up and restoring the services
 * AWS Backup supports, Aurora among them
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForBackup.html,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForRestores.html).
 * They follow AWS Backup's own needs as AWS changes them, which an inline copy would not.
 */
export const BACKUP_MANAGED_POLICIES = {
  backup: "AWSBackupServiceRolePolicyForBackup",
  restores: "AWSBackupServiceRolePolicyForRestores",
} as const;

/** A managed policy's ARN in the stack's partition (`arn:aws-cn:…` in China). */
export function managedPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/${policy}`;
}

/** The services that use a vault's key in its region, each through its regional endpoint (`kms:ViaService`). */
const vaultKeyServices = (region: string) => [`backup.${region}.amazonaws.com`, `rds.${region}.amazonaws.com`];

/**
 * The policy of a vault's key. The account administers it; use is delegated to IAM policies of
 * this account (the backup role's) only through AWS Backup and RDS in the vault's region: AWS
 * Backup encrypts and decrypts with it, and RDS encrypts the snapshots copied into the vault with
 * it, each creating grants for itself only. Nobody may encrypt or decrypt with the key directly.
 * "*" as Resource in a key policy means "this key".
 */
export function backupVaultKeyPolicy(accountRootArn: string, region: string): string {
  const account = { AWS: accountRootArn };
  const throughBackupAndRds = { "kms:ViaService": vaultKeyServices(region) };
  return jsonDocument({
    Version: "2012-10-17",
    Statement: [
      accountAdministersTheKey(accountRootArn),
      {
        Sid: "BackupAndRdsUseTheKey",
        Effect: "Allow",
        Principal: account,
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Resource: "*",
        Condition: { StringEquals: throughBackupAndRds },
      },
      {
        Sid: "BackupAndRdsCreateGrantsForThemselves",
        Effect: "Allow",
        Principal: account,
        Action: ["kms:CreateGrant"],
        Resource: "*",
        Condition: { StringEquals: throughBackupAndRds, Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ],
  });
}
