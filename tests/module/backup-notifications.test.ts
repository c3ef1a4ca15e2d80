/**
 * `alarms.backupNotifications` and `AuroraEncryptionKey`'s `backupNotifications`: AWS Backup may
 * publish the events of the database's vault `<name>-aurora-backup` to the alarm topic, which the
 * topic's policy and the key that encrypts it say exactly; without the opt-in they admit only
 * CloudWatch. An `AuroraBackupPlan` refuses to notify the database's alarm topic unless it admits
 * the plan's vault.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { AuroraBackupPlan, AuroraEncryptionKey, type AuroraBackupPlanProps, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import {
  databaseStack,
  inHook,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";
import { backupKeyStatement, backupTopicStatement, cloudWatchKeyStatement, cloudWatchTopicStatement } from "./alarm-topic-statements";

const EXISTING_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const EXISTING_TOPIC = "arn:aws:sns:us-east-1:123456789012:team-alarms";

const sids = (block: Block) => policyStatements(block).map((statement) => statement.Sid);

describe("alarms.backupNotifications on a database with the AWS managed keys", () => {
  const synth = inHook(() => ({
    without: synthDatabase({ alarms: {} }).json,
    with: synthDatabase({ alarms: { backupNotifications: true } }).json,
  }));

  it("is off by default: the topic and its key admit only CloudWatch", () => {
    const json = synth().without;
    expect(policyStatements(onlyResource(json, "aws_sns_topic").body)).toEqual([cloudWatchTopicStatement(json)]);
    const statements = policyStatements(onlyResource(json, "aws_kms_key").body);
    expect(statements.map((statement) => statement.Sid)).toEqual(["AccountAdministersTheKey", "CloudWatchPublishesThisDatabaseAlarms"]);
    expect(statements.at(-1)).toEqual(cloudWatchKeyStatement(json));
  });

  it("lets AWS Backup publish to the topic, only for this account and the vault <name>-aurora-backup", () => {
    const json = synth().with;
    expect(policyStatements(onlyResource(json, "aws_sns_topic").body)).toEqual([cloudWatchTopicStatement(json), backupTopicStatement(json)]);
  });

  it("lets AWS Backup use the topic's own key, only for this topic, account and vault", () => {
    const json = synth().with;
    const statements = policyStatements(onlyResource(json, "aws_kms_key").body);
    expect(statements.map((statement) => statement.Sid)).toEqual([
      "AccountAdministersTheKey",
      "CloudWatchPublishesThisDatabaseAlarms",
      "BackupPublishesThisDatabaseVaultEvents",
    ]);
    expect(statements.slice(1)).toEqual([cloudWatchKeyStatement(json), backupKeyStatement(json)]);
  });

  it("adds no resource and changes only the topic's and the key's policies, which update in place", () => {
    const strip = (json: Block) => {
      const copy = structuredClone(json.resource) as Block;
      for (const body of Object.values(copy.aws_sns_topic as Block)) delete body.policy;
      for (const body of Object.values(copy.aws_kms_key as Block)) delete body.policy;
      return copy;
    };
    expect(strip(synth().with)).toEqual(strip(synth().without));
  });
});

describe("alarms.backupNotifications with the database's own key", () => {
  it("adds AWS Backup's statement to the key the database creates, after CloudWatch's", () => {
    const { json } = synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true, alarms: { backupNotifications: true } });
    const key = onlyResource(json, "aws_kms_key");
    expect(onlyResource(json, "aws_sns_topic").body.kms_master_key_id).toBe(ref("aws_kms_key", key.name, "arn"));
    const statements = policyStatements(key.body);
    expect(statements.map((statement) => statement.Sid)).toEqual([
      "AccountAdministersTheKey",
      "RdsCreatesGrantsForItself",
      "SecretsManagerProtectsTheCredentials",
      "PerformanceInsightsReaders",
      "CloudWatchPublishesThisDatabaseAlarms",
      "BackupPublishesThisDatabaseVaultEvents",
    ]);
    expect(statements.at(-1)).toEqual(backupKeyStatement(json));
    expect(policyStatements(onlyResource(json, "aws_sns_topic").body).at(-1)).toEqual(backupTopicStatement(json));
  });

  it("leaves an existing key's policy to its owner, and still opens the topic's policy", () => {
    const { json } = synthDatabase({ encryptionKey: { existingKeyArn: EXISTING_KEY }, alarms: { backupNotifications: true } });
    expect(resourcesOf(json, "aws_kms_key")).toEqual({});
    expect(sids(onlyResource(json, "aws_sns_topic").body)).toEqual(["CloudWatchPublishesThisDatabaseAlarms", "BackupPublishesThisDatabaseVaultEvents"]);
  });

  it("is refused with a topic of your own, whose policy the construct does not write", () => {
    expect(validationProblems(() => databaseStack({ alarms: { topicArn: EXISTING_TOPIC, backupNotifications: true } }))).toEqual([
      {
        property: "alarms.backupNotifications",
        received: true,
        allowed:
          "false with topicArn: the construct writes the policy of the topic it creates only; let backup.amazonaws.com publish in your own topic's policy",
      },
    ]);
    expect(() => databaseStack({ alarms: { topicArn: EXISTING_TOPIC, backupNotifications: false } })).not.toThrow();
  });

  it("is a boolean known at synth", () => {
    const problems = validationProblems(() => databaseStack({ alarms: { backupNotifications: "yes" } } as unknown as Partial<AuroraPostgresServerlessProps>));
    expect(problems.map((problem) => problem.property)).toEqual(["alarms.backupNotifications"]);
  });
});

describe("AuroraEncryptionKey's backupNotifications", () => {
  const keyJson = (backupNotifications?: boolean) => {
    const stack = new TerraformStack(testApp(), "keys");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new AuroraEncryptionKey(stack, "Key", { name: "orders-prod", ...(backupNotifications === undefined ? {} : { backupNotifications }) });
    return synthesize(stack).json;
  };

  it("is off by default: the key admits CloudWatch only for the alarm topic", () => {
    expect(sids(onlyResource(keyJson(), "aws_kms_key").body).at(-1)).toBe("CloudWatchPublishesThisDatabaseAlarms");
    expect(sids(onlyResource(keyJson(false), "aws_kms_key").body)).not.toContain("BackupPublishesThisDatabaseVaultEvents");
  });

  it("adds the statement the database's own key would, for the topic and vault of the database's name", () => {
    const json = keyJson(true);
    const statements = policyStatements(onlyResource(json, "aws_kms_key").body);
    expect(statements.map((statement) => statement.Sid).slice(-2)).toEqual(["CloudWatchPublishesThisDatabaseAlarms", "BackupPublishesThisDatabaseVaultEvents"]);
    expect(statements.at(-1)).toEqual(backupKeyStatement(json, "Key", "orders-prod"));
  });

  it("is a boolean known at synth", () => {
    const stack = new TerraformStack(testApp(), "keys");
    const problems = validationProblems(
      () => new AuroraEncryptionKey(stack, "Key", { name: "orders-prod", backupNotifications: "yes" } as unknown as { name: string }),
    );
    expect(problems.map((problem) => problem.property)).toEqual(["backupNotifications"]);
  });
});

describe("an AuroraBackupPlan notifying the database's alarm topic", () => {
  const planOn = (alarms: AuroraPostgresServerlessProps["alarms"], plan: Partial<AuroraBackupPlanProps> = {}) => {
    const { stack, database } = databaseStack({ alarms });
    const create = () => new AuroraBackupPlan(stack, "Backup", { name: "test", database, notifications: { topicArn: database.alarmTopicArn! }, ...plan });
    return { stack, database, create };
  };

  it("is refused when the database did not opt in: the topic would drop AWS Backup's events", () => {
    const { database, create } = planOn({});
    expect(validationProblems(create)).toEqual([
      {
        property: "notifications.topicArn",
        received: database.alarmTopicArn,
        allowed:
          "a topic that lets AWS Backup publish: the database's alarm topic lets only CloudWatch publish unless the database has " +
          "alarms.backupNotifications: true (and, with an AuroraEncryptionKey as its key, that key backupNotifications: true)",
        related: ["database"],
      },
    ]);
  });

  it("is refused for a vault the topic does not admit", () => {
    const { database, create } = planOn({ backupNotifications: true }, { vault: { existingVaultName: "other-aurora-backup" } });
    expect(validationProblems(create)).toEqual([
      {
        property: "notifications.topicArn",
        received: database.alarmTopicArn,
        allowed:
          "a topic that admits this plan's vault: the database's alarm topic admits the events of the vault test-aurora-backup only " +
          '(give the plan the database\'s name with vault "create", or that vault as existingVaultName, or notify another topic)',
        related: ["database", "name", "vault"],
      },
    ]);
  });

  it.each([
    ["the vault the plan creates", {}],
    ["an AuroraBackupVault's vault of the database's name", { vault: { existingVaultName: "test-aurora-backup" } }],
  ] as const)("sends the vault's events to the topic, with %s", (_, plan) => {
    const { stack, create } = planOn({ backupNotifications: true }, plan);
    create();
    const { json } = synthesize(stack);
    const topic = onlyResource(json, "aws_sns_topic");
    expect(onlyResource(json, "aws_backup_vault_notifications").body).toEqual({
      backup_vault_name: "vault" in plan ? "test-aurora-backup" : ref("aws_backup_vault", onlyResource(json, "aws_backup_vault").name, "name"),
      sns_topic_arn: ref("aws_sns_topic", topic.name, "arn"),
      backup_vault_events: ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"],
    });
  });

  it("judges neither another topic nor a topic of the database's own choosing", () => {
    expect(() => planOn({}, { notifications: { topicArn: EXISTING_TOPIC } }).create()).not.toThrow();
    expect(() => planOn({ topicArn: EXISTING_TOPIC }).create()).not.toThrow();
  });
});
