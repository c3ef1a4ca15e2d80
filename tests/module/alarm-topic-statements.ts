/**
 * The statements the alarm topic's policy and the key that encrypts it are expected to hold,
 * written out as AWS's pages give them, with the ARNs built from the scope's partition, region and
 * account lookups: CloudWatch publishing this database's alarms, and with
 * `alarms.backupNotifications` AWS Backup publishing the events of the vault `<name>-aurora-backup`.
 */
import { accountRefs, type Block } from "../support/synth";

/** The ARNs the statements name, for the database `name` whose lookups are those of `scope`. */
export function topicArns(json: Block, scope = "Database", name = "test") {
  const { partition, region, account } = accountRefs(json, scope);
  return {
    account,
    root: `arn:${partition}:iam::${account}:root`,
    topicArn: `arn:${partition}:sns:${region}:${account}:${name}-aurora-alarms`,
    alarmArns: `arn:${partition}:cloudwatch:${region}:${account}:alarm:${name}-aurora-*`,
    vaultArn: `arn:${partition}:backup:${region}:${account}:backup-vault:${name}-aurora-backup`,
  };
}

/** The topic-policy statement that lets CloudWatch publish this database's alarms. */
export function cloudWatchTopicStatement(json: Block, scope?: string, name?: string) {
  const { account, topicArn, alarmArns } = topicArns(json, scope, name);
  return {
    Sid: "CloudWatchPublishesThisDatabaseAlarms",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": alarmArns } },
  };
}

/** The key-policy statement that lets CloudWatch use the key for this database's alarms on its topic. */
export function cloudWatchKeyStatement(json: Block, scope?: string, name?: string) {
  const { account, topicArn, alarmArns } = topicArns(json, scope, name);
  return {
    Sid: "CloudWatchPublishesThisDatabaseAlarms",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceAccount": account, "kms:EncryptionContext:aws:sns:topicArn": topicArn },
      ArnLike: { "aws:SourceArn": alarmArns },
    },
  };
}

/** The topic-policy statement that lets AWS Backup publish the vault's events. */
export function backupTopicStatement(json: Block, scope?: string, name?: string) {
  const { account, topicArn, vaultArn } = topicArns(json, scope, name);
  return {
    Sid: "BackupPublishesThisDatabaseVaultEvents",
    Effect: "Allow",
    Principal: { Service: "backup.amazonaws.com" },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: { StringEquals: { "aws:SourceAccount": account }, ArnEquals: { "aws:SourceArn": vaultArn } },
  };
}

/** The key-policy statement that lets AWS Backup use the key for that topic. */
export function backupKeyStatement(json: Block, scope?: string, name?: string) {
  const { account, topicArn, vaultArn } = topicArns(json, scope, name);
  return {
    Sid: "BackupPublishesThisDatabaseVaultEvents",
    Effect: "Allow",
    Principal: { Service: "backup.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceAccount": account, "kms:EncryptionContext:aws:sns:topicArn": topicArn },
      ArnEquals: { "aws:SourceArn": vaultArn },
    },
  };
}
