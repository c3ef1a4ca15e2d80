/**
 * AuroraBackupPlan and AuroraDisasterRecoveryVault as synthesized: the vault, its key and lock,
 * the plan's rules and copies, the selection of exactly the database's cluster, the backup role
 * (exact IAM documents), notifications, and a database that the plan leaves as it was.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import {
  AuroraBackupPlan,
  AuroraDisasterRecoveryVault,
  DAILY_WEEKLY_MONTHLY_RULES,
  evaluateControls,
  type AuroraBackupPlanProps,
  type AuroraPostgresServerless,
  type TerraformDocument,
} from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import {
  accountRefs,
  databaseStack,
  inHook,
  jsonDocument,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  resourceWhere,
  synthesize,
  type Block,
} from "../support/synth";
import { KEY_ADMINISTRATION_ACTIONS } from "./key-statements";
import { synthesizeReadmeExample } from "./readme-example";

const DR_VAULT_ARN = "arn:aws:backup:us-west-2:123456789012:backup-vault:orders-aurora-backup-dr";
const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:orders-backup";
const BOUNDARY = "arn:aws:iam::123456789012:policy/delivery-boundary";

type PlanProps = Partial<AuroraBackupPlanProps>;

/** The database "orders" (us-east-1) with a backup plan of `props`, synthesized. */
function synthPlan(props: PlanProps | ((database: AuroraPostgresServerless) => PlanProps) = {}): Block {
  const { stack, database } = databaseStack({ name: "orders" });
  new AuroraBackupPlan(stack, "Backup", { name: "orders", database, ...(typeof props === "function" ? props(database) : props) });
  return synthesize(stack).json;
}

/** The exact policy of a vault's key, in the account and region of the construct `scope`. */
function vaultKeyPolicy(json: Block, scope: string): Block[] {
  const { partition, region, account } = accountRefs(json, scope);
  const root = { AWS: `arn:${partition}:iam::${account}:root` };
  const services = [`backup.${region}.amazonaws.com`, `rds.${region}.amazonaws.com`];
  return [
    { Sid: "AccountAdministersTheKey", Effect: "Allow", Principal: root, Action: KEY_ADMINISTRATION_ACTIONS, Resource: "*" },
    {
      Sid: "BackupAndRdsUseTheKey",
      Effect: "Allow",
      Principal: root,
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": services } },
    },
    {
      Sid: "BackupAndRdsCreateGrantsForThemselves",
      Effect: "Allow",
      Principal: root,
      Action: ["kms:CreateGrant"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": services }, Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}

describe("a backup plan with every default", () => {
  const stack = inHook(() => {
    const json = synthPlan();
    return { json, vault: onlyResource(json, "aws_backup_vault"), plan: onlyResource(json, "aws_backup_plan"), key: onlyResource(json, "aws_kms_key") };
  });

  it("keeps its recovery points in the vault <name>-aurora-backup, encrypted with its own key, never force-destroyed", () => {
    expect(stack().vault.body).toEqual({
      name: "orders-aurora-backup",
      kms_key_arn: ref("aws_kms_key", stack().key.name, "arn"),
      force_destroy: false,
      tags: {},
    });
  });

  it("creates a rotated key with the longest deletion window and the exact least-privilege policy", () => {
    expect(stack().key.body).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(policyStatements(stack().key.body)).toEqual(vaultKeyPolicy(stack().json, "Backup"));
    expect(onlyResource(stack().json, "aws_kms_alias").body).toEqual({
      name: "alias/orders-aurora-backup",
      target_key_id: ref("aws_kms_key", stack().key.name, "key_id"),
    });
  });

  it("has the seeds' preset: daily kept 7 days, weekly 28, monthly 90, each with a 60-minute start and 180-minute completion window", () => {
    const vault = ref("aws_backup_vault", stack().vault.name, "name");
    const ruleOf = (name: string, schedule: string, days: number) => ({
      rule_name: name,
      target_vault_name: vault,
      schedule,
      enable_continuous_backup: false,
      start_window: 60,
      completion_window: 180,
      lifecycle: { delete_after: days },
    });
    expect(stack().plan.body).toEqual({
      name: "orders-aurora-backup",
      rule: [ruleOf("daily", "cron(0 5 ? * * *)", 7), ruleOf("weekly", "cron(0 5 ? * SUN *)", 28), ruleOf("monthly", "cron(0 5 1 * ? *)", 90)],
      tags: {},
    });
    expect(DAILY_WEEKLY_MONTHLY_RULES.map(({ name, retentionDays }) => [name, retentionDays])).toEqual([
      ["daily", 7],
      ["weekly", 28],
      ["monthly", 90],
    ]);
  });

  it("selects exactly the database's cluster by its ARN, with the backup role, once the role has its policies", () => {
    const { json } = stack();
    const role = resourceWhere(json, "aws_iam_role", "name", "orders-aurora-backup-role");
    expect(onlyResource(json, "aws_backup_selection").body).toEqual({
      name: "orders-aurora-cluster",
      plan_id: ref("aws_backup_plan", stack().plan.name, "id"),
      iam_role_arn: ref("aws_iam_role", role.name, "arn"),
      resources: [ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "arn")],
      depends_on: Object.keys(resourcesOf(json, "aws_iam_role_policy_attachment"))
        .filter((name) => name.startsWith("Backup_"))
        .map((name) => `aws_iam_role_policy_attachment.${name}`),
    });
  });

  it("adds no lock, no notifications and no copies", () => {
    expect(resourcesOf(stack().json, "aws_backup_vault_lock_configuration")).toEqual({});
    expect(resourcesOf(stack().json, "aws_backup_vault_notifications")).toEqual({});
    expect(stack().plan.body.rule.every((rule: Block) => rule.copy_action === undefined)).toBe(true);
  });
});

describe("the backup role", () => {
  // The database of the shared synthesis has roles of its own; the backup role is the one named so.
  const role = inHook(() => {
    const { stack, database } = databaseStack({ name: "orders", createLambdaRole: false, monitoringIntervalSeconds: 0 });
    new AuroraBackupPlan(stack, "Backup", { name: "orders", database, permissionsBoundary: BOUNDARY, tags: { Team: "orders" } });
    const json = synthesize(stack).json;
    return { json, role: onlyResource(json, "aws_iam_role") };
  });

  it("is trusted by AWS Backup for this account only (aws:SourceAccount)", () => {
    const { account } = accountRefs(role().json, "Backup");
    expect(role().role.body.name).toBe("orders-aurora-backup-role");
    expect(jsonDocument(role().role.body.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "backup.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": account } },
        },
      ],
    });
  });

  it("has exactly AWS's managed policies for backup and restore, by their ARNs in the stack's partition, and no inline policy", () => {
    const { partition } = accountRefs(role().json, "Backup");
    const attachments = Object.values(resourcesOf(role().json, "aws_iam_role_policy_attachment"));
    expect(attachments).toEqual([
      { role: ref("aws_iam_role", role().role.name, "name"), policy_arn: `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup` },
      {
        role: ref("aws_iam_role", role().role.name, "name"),
        policy_arn: `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
      },
    ]);
    expect(resourcesOf(role().json, "aws_iam_role_policy")).toEqual({});
  });

  it("takes the permissions boundary and the tags, which the vault, the plan, the key and the recovery points get too", () => {
    const { json } = role();
    expect(role().role.body).toMatchObject({ permissions_boundary: BOUNDARY, tags: { Team: "orders" } });
    for (const type of ["aws_backup_vault", "aws_backup_plan", "aws_kms_key"]) expect(onlyResource(json, type).body.tags, type).toEqual({ Team: "orders" });
    for (const rule of onlyResource(json, "aws_backup_plan").body.rule) expect(rule.recovery_point_tags).toEqual({ Team: "orders" });
  });
});

describe("options", () => {
  const options = inHook(() =>
    synthPlan({
      rules: [
        { name: "pitr", schedule: "cron(0 * ? * * *)", retentionDays: 35, continuous: true },
        {
          name: "nightly",
          schedule: "cron(30 2 ? * MON-FRI *)",
          retentionDays: 30,
          startWindowMinutes: 120,
          completionWindowMinutes: 600,
          copyRetentionDays: 90,
        },
      ],
      copyToVaultArn: DR_VAULT_ARN,
      encryptionKey: { existingKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
      vaultLock: { mode: "compliance", minRetentionDays: 7, maxRetentionDays: 365, changeableForDays: 3 },
      notifications: { topicArn: TOPIC_ARN, events: ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED"] },
    }),
  );

  it("write each rule as given: continuous backups, windows, and copies kept copyRetentionDays (or retentionDays)", () => {
    const vault = onlyResource(options(), "aws_backup_vault").name;
    expect(onlyResource(options(), "aws_backup_plan").body.rule).toEqual([
      {
        rule_name: "pitr",
        target_vault_name: ref("aws_backup_vault", vault, "name"),
        schedule: "cron(0 * ? * * *)",
        enable_continuous_backup: true,
        start_window: 60,
        completion_window: 180,
        lifecycle: { delete_after: 35 },
        copy_action: [{ destination_vault_arn: DR_VAULT_ARN, lifecycle: { delete_after: 35 } }],
      },
      {
        rule_name: "nightly",
        target_vault_name: ref("aws_backup_vault", vault, "name"),
        schedule: "cron(30 2 ? * MON-FRI *)",
        enable_continuous_backup: false,
        start_window: 120,
        completion_window: 600,
        lifecycle: { delete_after: 30 },
        copy_action: [{ destination_vault_arn: DR_VAULT_ARN, lifecycle: { delete_after: 90 } }],
      },
    ]);
  });

  it("use a given key and create none", () => {
    expect(resourcesOf(options(), "aws_kms_key")).toEqual({});
    expect(onlyResource(options(), "aws_backup_vault").body.kms_key_arn).toBe("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  });

  it("lock the vault: a compliance lock with its limits and changeable days", () => {
    expect(onlyResource(options(), "aws_backup_vault_lock_configuration").body).toEqual({
      backup_vault_name: ref("aws_backup_vault", onlyResource(options(), "aws_backup_vault").name, "name"),
      min_retention_days: 7,
      max_retention_days: 365,
      changeable_for_days: 3,
    });
  });

  it("send the vault's events to the topic", () => {
    expect(onlyResource(options(), "aws_backup_vault_notifications").body).toEqual({
      backup_vault_name: ref("aws_backup_vault", onlyResource(options(), "aws_backup_vault").name, "name"),
      sns_topic_arn: TOPIC_ARN,
      backup_vault_events: ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED"],
    });
  });

  it("send failed backup and copy jobs by default", () => {
    expect(onlyResource(synthPlan({ notifications: { topicArn: TOPIC_ARN } }), "aws_backup_vault_notifications").body.backup_vault_events).toEqual([
      "BACKUP_JOB_COMPLETED",
      "COPY_JOB_FAILED",
    ]);
  });

  it("write a governance lock without changeable days", () => {
    expect(onlyResource(synthPlan({ vaultLock: { mode: "governance", maxRetentionDays: 100 } }), "aws_backup_vault_lock_configuration").body).toEqual({
      backup_vault_name: expect.any(String),
      max_retention_days: 100,
    });
  });
});

describe("the database", () => {
  it("is the same with or without a backup plan: adding, changing or removing one never plans a change to the cluster", () => {
    const databaseBlocks = (json: Block) => {
      const resources = json.resource as Record<string, Record<string, Block>>;
      return Object.fromEntries(
        Object.entries(resources)
          .map(([type, blocks]) => [type, Object.fromEntries(Object.entries(blocks).filter(([name]) => name.startsWith("Database_")))] as const)
          .filter(([, blocks]) => Object.keys(blocks).length > 0),
      );
    };
    const without = synthesize(databaseStack({ name: "orders" }).stack).json;
    const withPlan = synthPlan({ copyToVaultArn: DR_VAULT_ARN, vaultLock: { mode: "governance", minRetentionDays: 7 } });
    const changed = synthPlan({ rules: [{ name: "hourly", schedule: "cron(0 * ? * * *)", retentionDays: 2 }] });
    expect(databaseBlocks(withPlan)).toEqual(databaseBlocks(without));
    expect(databaseBlocks(changed)).toEqual(databaseBlocks(without));
  });
});

describe("the policy gate", () => {
  it("finds the cluster backed up (CKV2_AWS_8) and nothing new on the plan's resources (CKV_AWS_166, Backup.1, KMS.4)", () => {
    const failures = (json: Block) => [...evaluateControls(json as TerraformDocument, ["CKV2_AWS_8"]).keys()].sort();
    const without = failures(synthesize(databaseStack({ name: "orders" }).stack).json);
    expect(without).toContain("CKV2_AWS_8");
    expect(failures(synthPlan({ copyToVaultArn: DR_VAULT_ARN }))).toEqual(without.filter((id) => id !== "CKV2_AWS_8"));
  });
});

describe("AuroraDisasterRecoveryVault", () => {
  const disasterRecovery = inHook(() => {
    const stack = new TerraformStack(testApp(), "dr");
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    const vault = new AuroraDisasterRecoveryVault(stack, "BackupCopies", {
      name: "orders",
      vaultLock: { mode: "governance", minRetentionDays: 7 },
      tags: { Team: "orders" },
    });
    return { vault, json: synthesize(stack).json };
  });

  it("is the vault <name>-aurora-backup-dr with its own rotated key, never force-destroyed, and its lock", () => {
    const { json } = disasterRecovery();
    const key = onlyResource(json, "aws_kms_key");
    expect(onlyResource(json, "aws_backup_vault").body).toEqual({
      name: "orders-aurora-backup-dr",
      kms_key_arn: ref("aws_kms_key", key.name, "arn"),
      force_destroy: false,
      tags: { Team: "orders" },
    });
    expect(policyStatements(key.body)).toEqual(vaultKeyPolicy(json, "BackupCopies"));
    expect(onlyResource(json, "aws_kms_alias").body.name).toBe("alias/orders-aurora-backup-dr");
    expect(onlyResource(json, "aws_backup_vault_lock_configuration").body.min_retention_days).toBe(7);
  });

  it("gives its ARN, name and key to pass to the plan's stack", () => {
    const { vault, json } = disasterRecovery();
    expect(vault.vaultName).toBe("orders-aurora-backup-dr");
    expect(Object.keys(json.resource).sort()).toEqual(["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_kms_alias", "aws_kms_key"]);
  });
});

describe("the module README's backup example", () => {
  it("synthesizes as written: a disaster-recovery vault, and a plan that copies to it", () => {
    const { json } = synthesizeReadmeExample("## Backups with AWS Backup", (stack) => ({ AuroraBackupPlan, AuroraDisasterRecoveryVault, drStack: stack }));
    expect(
      Object.values(resourcesOf(json, "aws_backup_vault"))
        .map((vault) => vault.name)
        .sort(),
    ).toEqual(["orders-prod-aurora-backup", "orders-prod-aurora-backup-dr"]);
    expect(onlyResource(json, "aws_backup_plan").body.rule[0].copy_action[0].destination_vault_arn).toMatch(/:backup-vault:orders-prod-aurora-backup-dr$/);
  });
});
