import { TerraformOutput, TerraformStack } from "cdktf";
import { AuroraDisasterRecoveryVault, AuroraEncryptionKey, PolicyGate } from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import { applyStackSettings, type StackSettings } from "./stack-settings";

export interface DisasterRecoveryStackProps extends StackSettings {
  /** The `name` of the environment's database (`alex-prod`), which every name here derives from. */
  readonly databaseName: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The vault the database stack's backup plan copies its recovery points to (`disasterRecoveryCopies`). */
  readonly backupCopies: boolean;
  /** The key of a global database's secondary cluster in this region (`globalSecondary`). */
  readonly secondaryKey: boolean;
}

/** `prod` → `prod-dr`. */
export function disasterRecoveryStackName(environment: string): string {
  return `${environment}-dr`;
}

/**
 * An environment's long-lived stack in its disaster-recovery region (its AWS provider's region):
 * the vault the backup plan copies every recovery point to, `<name>-aurora-backup-dr` with a key
 * of this region, and, for a global database, the key of the secondary cluster
 * (`alias/<name>-aurora` in this region, which the secondary's stack finds by its alias). Applied
 * before the database stack, which builds the vault's ARN from its name, this region and the
 * account, reading nothing of this stack's state. Destroying it fails while the vault holds
 * copies: the vault's `force_destroy` is false, and AWS deletes only an empty vault.
 */
export class DisasterRecoveryStack extends TerraformStack {
  /** The region of this stack's AWS provider. */
  public readonly region: string;
  /** The copies' vault (`backupCopies`). */
  public readonly backupVault?: AuroraDisasterRecoveryVault;
  /** The secondary cluster's key (`secondaryKey`). */
  public readonly secondaryKey?: AuroraEncryptionKey;

  constructor(scope: Construct, stackName: string, props: DisasterRecoveryStackProps) {
    super(scope, stackName);
    applyStackSettings(this, stackName, props);
    this.region = props.region;
    if (props.backupCopies) this.backupVault = new AuroraDisasterRecoveryVault(this, "BackupCopies", { name: props.databaseName, tags: props.tags });
    if (props.secondaryKey) this.secondaryKey = new AuroraEncryptionKey(this, "SecondaryKey", { name: props.databaseName, tags: props.tags });
    PolicyGate.apply(this);

    new TerraformOutput(this, "disaster_recovery_region", {
      value: props.region,
      description: "The disaster-recovery region: this stack's, and the global secondary's",
    });
    if (this.backupVault !== undefined) {
      new TerraformOutput(this, "backup_copy_vault_name", {
        value: this.backupVault.vaultName,
        description: "Name of the vault the backup plan copies every recovery point to",
      });
      new TerraformOutput(this, "backup_copy_vault_arn", {
        value: this.backupVault.vaultArn,
        description: "ARN of the vault the backup plan copies every recovery point to",
      });
    }
    if (this.secondaryKey !== undefined) {
      new TerraformOutput(this, "secondary_kms_key_arn", {
        value: this.secondaryKey.keyArn,
        description: "ARN of the key of the global database's secondary cluster in this region",
      });
      new TerraformOutput(this, "secondary_kms_key_alias", { value: this.secondaryKey.aliasName, description: "Alias the secondary's stack finds the key by" });
    }
  }
}
