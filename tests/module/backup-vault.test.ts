/**
 * AuroraBackupVault in a long-lived stack, of both kinds (the plan's vault and the copies'), and
 * the plan that keeps its recovery points in it (`vault: { existingVaultName }`): a database stack
 * with no vault, key or lock of its own, whose rules and notifications name the vault and whose
 * `vaultArn` is built from the stack's partition, region and account, so that the stack can be
 * destroyed and re-created while the vault and its recovery points stay.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import {
  AuroraBackupPlan,
  AuroraBackupVault,
  AuroraDisasterRecoveryVault,
  evaluateControls,
  type AuroraBackupPlanProps,
  type AuroraBackupVaultProps,
  type TerraformDocument,
} from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { accountRefs, databaseStack, inHook, onlyResource, ref, resourcesOf, synthesize, type Block } from "../support/synth";
import { synthesizeReadmeExample } from "./readme-example";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:orders-backup";
const DR_VAULT_ARN = "arn:aws:backup:us-west-2:123456789012:backup-vault:orders-aurora-backup-dr";
const LOCK = { mode: "governance", minRetentionDays: 7 } as const;
const VAULT_TYPES = ["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_kms_key", "aws_kms_alias"];

/** A long-lived stack (the environment's key stack) in `region` with what `build` adds, synthesized. */
function longLivedStack<T>(build: (stack: TerraformStack) => T, region = "us-east-1"): { built: T; json: Block } {
  const stack = new TerraformStack(testApp(), "key");
  new AwsProvider(stack, "aws", { region });
  const built = build(stack);
  return { built, json: synthesize(stack).json };
}

const vaultIn = (props: Partial<AuroraBackupVaultProps> = {}, region?: string) =>
  longLivedStack((stack) => new AuroraBackupVault(stack, "Backup", { name: "orders", ...props }), region);

/** The blocks of `kind` ("resource" or "data") of the construct "Backup", by type: the vault's (or the plan's) and its account's. */
const backupBlocks = (json: Block, kind: "resource" | "data", types: readonly string[]) =>
  Object.fromEntries(
    types.map((type) => [type, Object.fromEntries(Object.entries((json[kind]?.[type] ?? {}) as Block).filter(([name]) => name.startsWith("Backup_")))]),
  );
const ACCOUNT_TYPES = ["aws_partition", "aws_region", "aws_caller_identity"];

describe("AuroraBackupVault", () => {
  const plain = inHook(() => vaultIn({ vaultLock: LOCK, tags: { Team: "orders" } }));

  it('is the vault <name>-aurora-backup with its own key and lock: exactly what a plan with vault "create" creates, at the same addresses', () => {
    const { stack, database } = databaseStack({ name: "orders" });
    new AuroraBackupPlan(stack, "Backup", { name: "orders", database, vaultLock: LOCK, tags: { Team: "orders" } });
    const fromPlan = synthesize(stack).json;
    expect(onlyResource(plain().json, "aws_backup_vault").body.name).toBe("orders-aurora-backup");
    expect(onlyResource(plain().json, "aws_kms_alias").body.name).toBe("alias/orders-aurora-backup");
    expect(backupBlocks(plain().json, "resource", VAULT_TYPES)).toEqual(backupBlocks(fromPlan, "resource", VAULT_TYPES));
    expect(backupBlocks(plain().json, "data", ACCOUNT_TYPES)).toEqual(backupBlocks(fromPlan, "data", ACCOUNT_TYPES));
    expect(Object.keys(plain().json.data).sort()).toEqual([...ACCOUNT_TYPES].sort());
  });

  it("gives the vault's name for the plan's vault: { existingVaultName }, its ARN, key and lock", () => {
    const { built: vault, json } = longLivedStack((stack) => {
      const created = new AuroraBackupVault(stack, "Backup", { name: "orders", vaultLock: LOCK });
      new TerraformOutput(stack, "vault_arn", { value: created.vaultArn });
      new TerraformOutput(stack, "key_arn", { value: created.keyArn });
      return created;
    });
    const key = onlyResource(json, "aws_kms_key").name;
    expect(vault.vaultName).toBe("orders-aurora-backup");
    expect(json.output.vault_arn.value).toBe(ref("aws_backup_vault", onlyResource(json, "aws_backup_vault").name, "arn"));
    expect(json.output.key_arn.value).toBe(ref("aws_kms_key", key, "arn"));
    expect([vault.vault, vault.key, vault.vaultLock].every((resource) => resource !== undefined)).toBe(true);
    expect(onlyResource(json, "aws_backup_vault").body.kms_key_arn).toBe(ref("aws_kms_key", key, "arn"));
    expect(Object.keys(json.resource).sort()).toEqual([...VAULT_TYPES].sort());
  });

  it("takes an existing key of its region and creates none", () => {
    const { built: vault, json } = vaultIn({ encryptionKey: { existingKeyArn: KEY } });
    expect(resourcesOf(json, "aws_kms_key")).toEqual({});
    expect(resourcesOf(json, "aws_kms_alias")).toEqual({});
    expect(onlyResource(json, "aws_backup_vault").body.kms_key_arn).toBe(KEY);
    expect([vault.key, vault.keyArn, vault.vaultLock]).toEqual([undefined, KEY, undefined]);
  });

  it("with disasterRecovery is the copies' vault <name>-aurora-backup-dr, as AuroraDisasterRecoveryVault creates it, at the same addresses", () => {
    const copies = vaultIn({ disasterRecovery: true, vaultLock: LOCK }, "us-west-2");
    const legacy = longLivedStack((stack) => new AuroraDisasterRecoveryVault(stack, "Backup", { name: "orders", vaultLock: LOCK }), "us-west-2");
    expect(copies.built.vaultName).toBe("orders-aurora-backup-dr");
    expect(onlyResource(copies.json, "aws_kms_alias").body.name).toBe("alias/orders-aurora-backup-dr");
    expect({ resource: copies.json.resource, data: copies.json.data }).toEqual({ resource: legacy.json.resource, data: legacy.json.data });
    expect(legacy.built).toBeInstanceOf(AuroraBackupVault);
    expect(legacy.built.vaultName).toBe("orders-aurora-backup-dr");
  });
});

/** The key stack's vault, and a database stack whose plan keeps its recovery points there. */
function keptApart(props: Partial<AuroraBackupPlanProps> = {}) {
  const app = testApp();
  const keyStack = new TerraformStack(app, "orders-key");
  new AwsProvider(keyStack, "aws", { region: "us-east-1" });
  const keptVault = new AuroraBackupVault(keyStack, "BackupVault", { name: "orders", vaultLock: LOCK });
  const { stack, database } = databaseStack({ name: "orders" }, app);
  const plan = new AuroraBackupPlan(stack, "Backup", { name: "orders", database, vault: { existingVaultName: keptVault.vaultName }, ...props });
  new TerraformOutput(stack, "vault_arn", { value: plan.vaultArn });
  return { plan, keptVault, json: synthesize(stack).json, keyJson: synthesize(keyStack).json };
}

describe("a plan with an existing vault", () => {
  const apart = inHook(() => keptApart({ notifications: { topicArn: TOPIC }, copyToVaultArn: DR_VAULT_ARN, tags: { Team: "orders" } }));

  it("creates no vault, key, alias or lock in the database's stack, which the key stack keeps", () => {
    const { json, keyJson } = apart();
    for (const type of VAULT_TYPES) expect(resourcesOf(json, type), type).toEqual({});
    expect(Object.keys(keyJson.resource).sort()).toEqual([...VAULT_TYPES].sort());
    const { plan } = apart();
    expect([plan.vault, plan.key, plan.keyArn, plan.vaultLock]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("targets the vault by its name in every rule, and has its notifications on it", () => {
    const { json, keptVault, plan } = apart();
    expect(plan.vaultName).toBe(keptVault.vaultName);
    const rules = onlyResource(json, "aws_backup_plan").body.rule as Block[];
    expect(rules.map((rule) => rule.target_vault_name)).toEqual(["orders-aurora-backup", "orders-aurora-backup", "orders-aurora-backup"]);
    expect(rules.every((rule) => rule.copy_action[0].destination_vault_arn === DR_VAULT_ARN)).toBe(true);
    expect(onlyResource(json, "aws_backup_vault_notifications").body).toEqual({
      backup_vault_name: "orders-aurora-backup",
      sns_topic_arn: TOPIC,
      backup_vault_events: ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"],
    });
  });

  it("builds the vault's ARN from the stack's partition, region and account", () => {
    const { partition, region, account } = accountRefs(apart().json, "Backup");
    expect(apart().json.output.vault_arn.value).toBe(`arn:${partition}:backup:${region}:${account}:backup-vault:orders-aurora-backup`);
  });

  it('keeps the plan, selection and role of vault "create", at the same addresses and with the same bodies but the vault\'s name', () => {
    const { stack, database } = databaseStack({ name: "orders" });
    new AuroraBackupPlan(stack, "Backup", {
      name: "orders",
      database,
      notifications: { topicArn: TOPIC },
      copyToVaultArn: DR_VAULT_ARN,
      tags: { Team: "orders" },
    });
    const created = synthesize(stack).json;
    const vault = ref("aws_backup_vault", onlyResource(created, "aws_backup_vault").name, "name");
    const rest = (json: Block) => {
      const { resource } = JSON.parse(JSON.stringify(json).replaceAll(vault, "orders-aurora-backup")) as Block;
      for (const type of VAULT_TYPES) delete resource[type];
      return resource;
    };
    expect(rest(apart().json)).toEqual(rest(created));
  });

  it("is found by the policy gate to back the cluster up (CKV2_AWS_8), with no new failure", () => {
    const failures = (json: Block) => [...evaluateControls(json as TerraformDocument, ["CKV2_AWS_8"]).keys()].sort();
    const without = synthesize(databaseStack({ name: "orders" }).stack).json;
    expect(failures(without)).toContain("CKV2_AWS_8");
    expect(failures(apart().json)).toEqual(failures(without).filter((id) => id !== "CKV2_AWS_8"));
  });
});

describe("the module README's example of a vault in the key stack", () => {
  it("synthesizes as written: the vault in the key stack, and a plan in the database's stack that names it, creates none and selects the cluster", () => {
    let keyStack: TerraformStack | undefined;
    const given = (stack: TerraformStack) => {
      keyStack = new TerraformStack(stack.node.scope as Construct, "readme-key");
      new AwsProvider(keyStack, "aws", { region: "us-east-1" });
      return { AuroraBackupPlan, AuroraBackupVault, keyStack };
    };
    const { json } = synthesizeReadmeExample("### The vault in a long-lived stack", given);
    const keyJson = synthesize(keyStack!).json;
    expect(onlyResource(keyJson, "aws_backup_vault").body.name).toBe("orders-prod-aurora-backup");
    for (const type of VAULT_TYPES) expect(resourcesOf(json, type), type).toEqual({});
    expect(onlyResource(json, "aws_backup_plan").body.rule[0].target_vault_name).toBe("orders-prod-aurora-backup");
    expect(onlyResource(json, "aws_backup_selection").body.resources).toEqual([ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "arn")]);
  });
});
