/**
 * Where a database's alarms are sent when the construct creates the topic: an SNS topic
 * `<name>-aurora-alarms` that only this database's alarms may publish to, encrypted at rest with a
 * customer-managed key, and its email subscriptions.
 *
 * The key: CloudWatch cannot publish to a topic encrypted with the AWS managed key `aws/sns`,
 * whose policy does not let it use the key and cannot be changed ("How do I configure a
 * CloudWatch alarm with an encrypted SNS topic?",
 * https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns). So the topic takes the
 * database's customer-managed key when it has one (a key the construct creates, or an
 * `AuroraEncryptionKey`, both of whose policies let CloudWatch use them for this topic; any other
 * `existingKeyArn` must say the same in its own policy), and otherwise a small key of its own
 * (about $1 a month) whose policy lets only CloudWatch use it, for this database's alarms.
 *
 * With `backupNotifications`, AWS Backup may publish the events of this database's vault
 * `<name>-aurora-backup` too: the topic's policy and the key the construct creates (the topic's
 * own, or the database's) say so; an `AuroraEncryptionKey` says so with its own
 * `backupNotifications`, and any other existing key must say so in its policy.
 */
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import type { AccountScope } from "./account-context";
import { backupVaultArn } from "./backup-names";
import type { ResourceNames } from "./naming";
import { alarmTopicKeyPolicy, alarmTopicPolicy, type AlarmTopicSource } from "./policy-documents";

/**
 * The topic's ARN, built from its name (a key policy needs it before the topic exists), and the
 * ARNs of the alarms that may publish to it: every alarm of this database, `<name>-aurora-*`; with
 * `backupNotifications`, also the vault whose AWS Backup events may be published to it, this
 * database's `<name>-aurora-backup` in the topic's region and account.
 */
export function alarmTopicSource({ partition, region, accountId }: AccountScope, names: ResourceNames, backupNotifications = false): AlarmTopicSource {
  return {
    topicArn: `arn:${partition}:sns:${region}:${accountId}:${names.alarmTopicName}`,
    alarmArnPattern: `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${names.alarmName("*")}`,
    accountId,
    ...(backupNotifications ? { backupVaultArn: backupVaultArn({ partition, region, accountId }, names.backupVaultName) } : {}),
  };
}

/** What a created alarm topic admits besides CloudWatch: the vault whose AWS Backup events it takes, if any. */
export interface CreatedAlarmTopic {
  readonly topicArn: string;
  /** `<name>-aurora-backup` with `alarms.backupNotifications`; undefined when the topic admits only CloudWatch. */
  readonly backupVaultName?: string;
}

/** The topics the constructs created, by the database that owns each: AuroraBackupPlan reads it to judge its notifications. */
const CREATED_TOPICS = new WeakMap<Construct, CreatedAlarmTopic>();

export function recordCreatedAlarmTopic(database: Construct, topic: CreatedAlarmTopic): void {
  CREATED_TOPICS.set(database, topic);
}

/** The alarm topic `database` created, or undefined (no alarms, or `alarms.topicArn`). */
export function createdAlarmTopicOf(database: Construct): CreatedAlarmTopic | undefined {
  return CREATED_TOPICS.get(database);
}

/**
 * Days KMS waits before deleting the topic's own key once its stack is destroyed: the shortest it
 * allows, since the key only ever encrypts notifications on their way to subscribers.
 */
export const ALARM_TOPIC_KEY_DELETION_WINDOW_DAYS = 7;

/** Construct ids of the topic's resources: their Terraform addresses depend on them. */
export const ALARM_TOPIC_IDS = { topic: "Topic", key: "Key", keyAlias: "KeyAlias", email: (address: string) => `Email-${address}` } as const;

export interface AlarmTopicProps {
  readonly names: ResourceNames;
  readonly context: AccountScope;
  /** The database's customer-managed key, which then encrypts the topic too. */
  readonly customerKeyArn?: string;
  readonly emailAddresses: readonly string[];
  /** Let AWS Backup publish the events of the vault `<name>-aurora-backup` too (`alarms.backupNotifications`). */
  readonly backupNotifications: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

export class AlarmTopic extends Construct {
  public readonly topic: SnsTopic;
  /** The key created for the topic when the database has no customer-managed key. */
  public readonly key?: KmsKey;
  /** One subscription per email address, keyed by the address. */
  public readonly subscriptions: readonly SnsTopicSubscription[];

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { names, context, tags } = props;
    const source = alarmTopicSource(context, names, props.backupNotifications);
    let keyArn = props.customerKeyArn;
    if (keyArn === undefined) {
      this.key = new KmsKey(this, ALARM_TOPIC_IDS.key, {
        description: `Encrypts the alarm notifications of ${names.clusterIdentifier}`,
        enableKeyRotation: true,
        deletionWindowInDays: ALARM_TOPIC_KEY_DELETION_WINDOW_DAYS,
        policy: alarmTopicKeyPolicy(`arn:${context.partition}:iam::${context.accountId}:root`, source),
        tags: { ...tags },
      });
      new KmsAlias(this, ALARM_TOPIC_IDS.keyAlias, { name: names.alarmTopicKeyAlias, targetKeyId: this.key.keyId });
      keyArn = this.key.arn;
    }
    this.topic = new SnsTopic(this, ALARM_TOPIC_IDS.topic, {
      name: names.alarmTopicName,
      displayName: `Alarms of ${names.clusterIdentifier}`,
      kmsMasterKeyId: keyArn,
      policy: alarmTopicPolicy(source),
      tags: { ...tags },
    });
    this.subscriptions = props.emailAddresses.map(
      (address) => new SnsTopicSubscription(this, ALARM_TOPIC_IDS.email(address), { topicArn: this.topic.arn, protocol: "email", endpoint: address }),
    );
  }
}
