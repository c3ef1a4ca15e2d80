import { TerraformOutput, TerraformStack } from "cdktf";
import { AuroraBackupVault, AuroraEncryptionKey, PolicyGate } from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import { applyStackSettings, type StackSettings } from "./stack-settings";

export interface EncryptionKeyStackProps extends StackSettings {
  /** The `name` of the database the key is for (`alex-prod`): the alias is `alias/<name>-aurora`. */
  readonly databaseName: string;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The id of an existing key to adopt, with its alias, instead of creating them: the key 0.1.0
   * created inside the database stack, which that stack now forgets (Terraform `import`
   * blocks; a no-op once the key is in this stack's state).
   */
  readonly importKeyId?: string;
  /**
   * The vault of the database's backup plan (`<name>-aurora-backup`, with a key of its own), for an
   * environment with backups: here, so that destroying the database stack leaves the vault and its
   * recovery points. @default no vault
   */
  readonly backupVault?: boolean;
  /**
   * Let AWS Backup use the key for the database's alarm topic, which it encrypts, for the events of
   * the backup vault (`AuroraEncryptionKey`'s `backupNotifications`): with the database's
   * `alarms.backupNotifications`. @default false
   */
  readonly backupNotifications?: boolean;
}

/** `prod` → `prod-key`. */
export function keyStackName(environment: string): string {
  return `${environment}-key`;
}

/**
 * An environment's customer-managed key, in a long-lived stack of its own: destroying the
 * database's stack never schedules the key for deletion, so a final snapshot encrypted with
 * it stays restorable. Applied before its database stack, which finds the key by its alias;
 * destroyed only after every snapshot encrypted with it is gone. With backups, it also keeps the
 * vault of the database's recovery points, which the database stack's plan names by its name.
 */
export class EncryptionKeyStack extends TerraformStack {
  public readonly key: AuroraEncryptionKey;
  /** The vault of the backup plan's recovery points (`backupVault`). */
  public readonly backupVault?: AuroraBackupVault;

  constructor(scope: Construct, stackName: string, props: EncryptionKeyStackProps) {
    super(scope, stackName);
    applyStackSettings(this, stackName, props);
    this.key = new AuroraEncryptionKey(this, "Key", { name: props.databaseName, backupNotifications: props.backupNotifications, tags: props.tags });
    if (props.importKeyId !== undefined) {
      this.key.key.importFrom(props.importKeyId);
      this.key.alias.importFrom(this.key.aliasName);
    }
    if (props.backupVault) this.backupVault = new AuroraBackupVault(this, "BackupVault", { name: props.databaseName, tags: props.tags });
    PolicyGate.apply(this);

    new TerraformOutput(this, "kms_key_arn", {
      value: this.key.keyArn,
      description: "ARN of the key that encrypts the database, its secret and Performance Insights",
    });
    new TerraformOutput(this, "kms_key_alias", { value: this.key.aliasName, description: "Alias the database stack finds the key by" });
    if (this.backupVault !== undefined) {
      new TerraformOutput(this, "backup_vault_name", {
        value: this.backupVault.vaultName,
        description: "Name of the vault of the backup plan's recovery points, which the database stack's plan names",
      });
      new TerraformOutput(this, "backup_vault_arn", { value: this.backupVault.vaultArn, description: "ARN of the vault of the backup plan's recovery points" });
    }
  }
}
