import type { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import type { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { AuroraDisasterRecoveryVaultProps } from "./backup-props";
import { backupNames } from "./private/backup-names";
import { RecoveryPointVault } from "./private/backup-vault";
import { literalProviderRegion } from "./private/deployment-region";
import { AccountContext } from "./private/encryption-key";
import { assertSupportedAwsProvider } from "./private/provider-support";
import { validateDisasterRecoveryVaultProps } from "./private/validate-backup-vault";
import { constructSubject } from "./validation-error";

/**
 * The backup vault an `AuroraBackupPlan` copies its recovery points to, with its own
 * customer-managed key and optional Vault Lock, for a long-lived stack in the disaster-recovery
 * region: the copies outlive the database's stack and its region. Pass `vaultArn` to the plan as
 * `copyToVaultArn`.
 */
export class AuroraDisasterRecoveryVault extends Construct {
  /** The `aws_backup_vault`, `<name>-aurora-backup-dr`. */
  public readonly vault: BackupVault;
  /** The vault's ARN, for `AuroraBackupPlan`'s `copyToVaultArn`. */
  public readonly vaultArn: string;
  /** The vault's name, `<name>-aurora-backup-dr`. */
  public readonly vaultName: string;
  /** The vault's key, when the construct created it (`encryptionKey: "create"`). */
  public readonly key?: KmsKey;
  /** ARN of the vault's key. */
  public readonly keyArn: string;
  /** The vault's `aws_backup_vault_lock_configuration` (`vaultLock`). */
  public readonly vaultLock?: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: AuroraDisasterRecoveryVaultProps) {
    const config = validateDisasterRecoveryVaultProps(props, constructSubject("AuroraDisasterRecoveryVault", scope, id), literalProviderRegion(scope));
    super(scope, id);
    const names = backupNames(config.name);
    const vault = new RecoveryPointVault(this, "Vault", {
      vaultName: names.disasterRecoveryVaultName,
      keyAlias: names.disasterRecoveryKeyAlias,
      key: config.encryptionKey,
      lock: config.vaultLock,
      context: new AccountContext(this, "Account"),
      tags: config.tags,
    });
    assertSupportedAwsProvider(vault.vault);
    this.vault = vault.vault;
    this.vaultArn = vault.vault.arn;
    this.vaultName = names.disasterRecoveryVaultName;
    this.key = vault.key;
    this.keyArn = vault.keyArn;
    this.vaultLock = vault.lock;
  }
}
