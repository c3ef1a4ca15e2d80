/**
 * Every AWS name the backup constructs derive from their `name` prop, in one place, so that the
 * validation of `name` and the resources cannot disagree.
 */
import type { AccountScope } from "./account-context";

/** Backup vault names: 2–50 letters, digits, `-` and `_` (CreateBackupVault, https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html). */
export const MAX_VAULT_NAME_LENGTH = 50;

const VAULT_SUFFIX = "-aurora-backup";
const DISASTER_RECOVERY_VAULT_SUFFIX = "-aurora-backup-dr";

/**
 * Longest `name`: the disaster-recovery vault's name is the binding limit, and both constructs
 * take the same `name` (the database's), so one limit holds for both.
 */
export const MAX_BACKUP_NAME_LENGTH = MAX_VAULT_NAME_LENGTH - DISASTER_RECOVERY_VAULT_SUFFIX.length;

export interface BackupNames {
  /** The vault of the plan's recovery points, in the database's region. */
  readonly vaultName: string;
  /** The plan: 1–50 letters, digits and `-_.`, like rule names. */
  readonly planName: string;
  /** The role AWS Backup assumes to back up and restore. */
  readonly roleName: string;
  /** The selection of the one cluster the plan backs up. */
  readonly selectionName: string;
  /** The alias of the vault's key, when the construct creates it. */
  readonly keyAlias: string;
  /** The vault in the disaster-recovery region. */
  readonly disasterRecoveryVaultName: string;
  readonly disasterRecoveryKeyAlias: string;
}

/** The names of one vault and its key's alias. */
export interface VaultNames {
  readonly vaultName: string;
  readonly keyAlias: string;
}

export function backupNames(name: string): BackupNames {
  const vaultName = `${name}${VAULT_SUFFIX}`;
  const disasterRecoveryVaultName = `${name}${DISASTER_RECOVERY_VAULT_SUFFIX}`;
  return {
    vaultName,
    planName: vaultName,
    roleName: `${vaultName}-role`,
    selectionName: `${name}-aurora-cluster`,
    keyAlias: `alias/${vaultName}`,
    disasterRecoveryVaultName,
    disasterRecoveryKeyAlias: `alias/${disasterRecoveryVaultName}`,
  };
}

/**
 * The vault `AuroraBackupVault` creates for a database's `name`: the one a plan in the database's
 * region writes to, or, with `disasterRecovery`, the copies' vault in another region.
 */
export function backupVaultNames(name: string, disasterRecovery: boolean): VaultNames {
  const names = backupNames(name);
  return disasterRecovery
    ? { vaultName: names.disasterRecoveryVaultName, keyAlias: names.disasterRecoveryKeyAlias }
    : { vaultName: names.vaultName, keyAlias: names.keyAlias };
}

/**
 * The ARN of a vault of the given partition, region and account, built from its name (for a vault
 * another stack keeps, or one a policy names before it exists):
 * `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`.
 */
export function backupVaultArn(scope: AccountScope, vaultName: string): string {
  return `arn:${scope.partition}:backup:${scope.region}:${scope.accountId}:backup-vault:${vaultName}`;
}
