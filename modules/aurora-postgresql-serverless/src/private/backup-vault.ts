/**
 * A backup vault with its key and, on request, its lock: what `AuroraBackupPlan` keeps its
 * recovery points in (`vault: "create"`), and what `AuroraBackupVault` creates in a long-lived
 * stack.
 */
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { BackupVaultKey, BackupVaultLock } from "../backup-props";
import type { AccountContext } from "./account-context";
import type { VaultNames } from "./backup-names";
import { backupVaultKeyPolicy } from "./backup-policy-documents";
import { assertSupportedAwsProvider } from "./provider-support";

/**
 * Days KMS waits before deleting a vault's key once it is destroyed: the longest it allows, since
 * recovery points encrypted with it become unreadable when it is gone.
 */
const VAULT_KEY_DELETION_WINDOW_DAYS = 30;

/** Construct ids of the vault's resources: their Terraform addresses depend on them. */
const VAULT_IDS = { vault: "Vault", key: "Key", keyAlias: "KeyAlias", lock: "Lock" } as const;

/** What a vault is made of, as the constructs' props give it once validated. */
export interface VaultSettings {
  readonly encryptionKey: BackupVaultKey;
  readonly vaultLock?: BackupVaultLock;
  readonly tags: Readonly<Record<string, string>>;
}

export interface RecoveryPointVaultProps {
  readonly names: VaultNames;
  readonly settings: VaultSettings;
  readonly context: AccountContext;
}

export class RecoveryPointVault extends Construct {
  public readonly vault: BackupVault;
  /** The key created for the vault (`"create"`). */
  public readonly key?: KmsKey;
  public readonly keyArn: string;
  public readonly lock?: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: RecoveryPointVaultProps) {
    super(scope, id);
    const { names, context } = props;
    const { encryptionKey, vaultLock, tags } = props.settings;
    if (encryptionKey === "create") {
      this.key = new KmsKey(this, VAULT_IDS.key, {
        description: `Encrypts the recovery points of the backup vault ${names.vaultName}`,
        enableKeyRotation: true,
        deletionWindowInDays: VAULT_KEY_DELETION_WINDOW_DAYS,
        policy: backupVaultKeyPolicy(`arn:${context.partition}:iam::${context.accountId}:root`, context.region),
        tags: { ...tags },
      });
      new KmsAlias(this, VAULT_IDS.keyAlias, { name: names.keyAlias, targetKeyId: this.key.keyId });
    }
    this.keyArn = this.key?.arn ?? (encryptionKey as { existingKeyArn: string }).existingKeyArn;
    // force_destroy stays false: destroying a vault that holds recovery points fails instead of deleting them.
    this.vault = new BackupVault(this, VAULT_IDS.vault, { name: names.vaultName, kmsKeyArn: this.keyArn, forceDestroy: false, tags: { ...tags } });
    assertSupportedAwsProvider(this.vault);
    if (vaultLock !== undefined) {
      this.lock = new BackupVaultLockConfiguration(this, VAULT_IDS.lock, {
        backupVaultName: this.vault.name,
        minRetentionDays: vaultLock.minRetentionDays,
        maxRetentionDays: vaultLock.maxRetentionDays,
        changeableForDays: vaultLock.mode === "compliance" ? vaultLock.changeableForDays : undefined,
      });
    }
  }
}
