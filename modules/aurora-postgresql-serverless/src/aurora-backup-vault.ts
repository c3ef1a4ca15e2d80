import type { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import type { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { AuroraBackupVaultProps } from "./backup-props";
import { AccountContext } from "./private/account-context";
import { backupVaultNameClaims } from "./private/backup-name-claims";
import { backupVaultNames } from "./private/backup-names";
import { RecoveryPointVault } from "./private/backup-vault";
import { literalProviderRegion } from "./private/deployment-region";
import { claimNamesOrThrow, namePlace } from "./private/name-registry";
import { validateBackupVaultProps } from "./private/validation/backup-vault";
import { constructSubject } from "./validation-error";

/** Construct ids of the vault's resources: their Terraform addresses depend on them. */
const VAULT_CONSTRUCT_IDS = { account: "Account", vault: "Vault" } as const;

/**
 * A backup vault for one `AuroraPostgresServerless`, with its own customer-managed key (or a
 * given key) and optional Vault Lock, for a long-lived stack (such as the environment's key
 * stack), so that the recovery points outlive the database's stack, which can then be destroyed
 * and re-created. By default the vault `<name>-aurora-backup` of the database's region: pass its
 * `vaultName` to `AuroraBackupPlan` as `vault: { existingVaultName }`. With `disasterRecovery`,
 * the vault `<name>-aurora-backup-dr` in another region: pass its `vaultArn` to the plan as
 * `copyToVaultArn`.
 *
 * Props are validated when the construct is created; invalid props throw a `ValidationError`
 * that lists every problem, and nothing is synthesized.
 */
export class AuroraBackupVault extends Construct {
  /** The `aws_backup_vault`, `<name>-aurora-backup` (`<name>-aurora-backup-dr` with `disasterRecovery`). */
  public readonly vault: BackupVault;
  /** The vault's ARN, for `AuroraBackupPlan`'s `copyToVaultArn` (with `disasterRecovery`). */
  public readonly vaultArn: string;
  /** The vault's name, for `AuroraBackupPlan`'s `vault: { existingVaultName }` (without `disasterRecovery`). */
  public readonly vaultName: string;
  /** The vault's key, when the construct created it (`encryptionKey: "create"`). */
  public readonly key?: KmsKey;
  /** ARN of the vault's key (created, or `encryptionKey.existingKeyArn`). */
  public readonly keyArn: string;
  /** The vault's `aws_backup_vault_lock_configuration` (`vaultLock`). */
  public readonly vaultLock?: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: AuroraBackupVaultProps) {
    // Validated before the construct joins the tree: invalid props leave no trace in the app.
    const subject = constructSubject("AuroraBackupVault", scope, id);
    const region = literalProviderRegion(scope);
    const config = validateBackupVaultProps(props, subject, region);
    claimNamesOrThrow(scope, subject, namePlace(scope, region), backupVaultNameClaims(config));
    super(scope, id);
    const context = new AccountContext(this, VAULT_CONSTRUCT_IDS.account);
    const names = backupVaultNames(config.name, config.disasterRecovery);
    const created = new RecoveryPointVault(this, VAULT_CONSTRUCT_IDS.vault, { names, settings: config, context });
    ({ vault: this.vault, key: this.key, keyArn: this.keyArn, lock: this.vaultLock } = created);
    this.vaultArn = created.vault.arn;
    this.vaultName = names.vaultName;
  }
}
