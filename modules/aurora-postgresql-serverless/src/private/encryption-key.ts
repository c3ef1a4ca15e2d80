import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import type { AccountContext } from "./account-context";
import { alarmTopicSource } from "./alarm-topic";
import type { KeyLogGroups } from "./log-encryption";
import type { ResourceNames } from "./naming";
import { keyPolicy } from "./policy-documents";

export interface DatabaseKeyProps {
  readonly names: ResourceNames;
  readonly context: AccountContext;
  readonly deletionWindowDays: number;
  readonly tags: Readonly<Record<string, string>>;
  /** Let CloudWatch use the key for the database's alarm topic (`<name>-aurora-alarms`). */
  readonly encryptsAlarmTopic?: boolean;
  /** With `encryptsAlarmTopic`, let AWS Backup use the key for that topic too, for the events of the vault `<name>-aurora-backup`. */
  readonly backupNotifications?: boolean;
  /** The log groups CloudWatch Logs may encrypt with the key, if any (`logEncryptionKey`). */
  readonly logGroups?: KeyLogGroups;
}

/** Construct ids of the key and its alias: their Terraform addresses depend on them. */
export const DATABASE_KEY_IDS = { key: "Key", alias: "Alias" } as const;

/**
 * A customer-managed key for one database: rotated yearly, with an explicit key policy that
 * lets this account administer it and lets RDS and Secrets Manager use it for this database.
 */
export class DatabaseKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: DatabaseKeyProps) {
    super(scope, id);
    const { partition, accountId, region } = props.context;
    this.key = new KmsKey(this, DATABASE_KEY_IDS.key, {
      description: `Encrypts the ${props.names.clusterIdentifier} Aurora cluster, its secret and Performance Insights`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays,
      policy: keyPolicy({
        accountRootArn: `arn:${partition}:iam::${accountId}:root`,
        region,
        alarmTopic: props.encryptsAlarmTopic ? alarmTopicSource(props.context, props.names, props.backupNotifications) : undefined,
        logGroups: props.logGroups,
      }),
      tags: { ...props.tags },
    });
    this.alias = new KmsAlias(this, DATABASE_KEY_IDS.alias, { name: props.names.keyAlias, targetKeyId: this.key.keyId });
  }
}
