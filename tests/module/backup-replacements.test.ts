/**
 * The backup constructs' named resources: each name derives from `name` alone, so that changing
 * rules, copies, the lock, notifications, tags or the key never renames (and so never replaces) a
 * resource, and every backup resource type has its row in the module README's replacement table.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { AuroraBackupPlan, AuroraBackupVault, AuroraDisasterRecoveryVault, type AuroraBackupPlanProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { databaseStack, inHook, synthesize, type Block } from "../support/synth";

/** Every resource type the backup constructs create, and the row that states what replaces it. */
const ROWS: Record<string, string> = {
  aws_backup_vault: "| `aws_backup_vault` (backups)",
  aws_backup_plan: "| `aws_backup_plan`",
  aws_backup_selection: "| `aws_backup_selection`",
  aws_backup_vault_lock_configuration: "| `aws_backup_vault_lock_configuration`",
  aws_backup_vault_notifications: "| `aws_backup_vault_notifications`",
  aws_kms_key: "| backup `aws_kms_key`",
  aws_kms_alias: "| `aws_kms_alias`",
  aws_iam_role: "| backup `aws_iam_role`",
};

/** The backup resources of a plan with everything on (the database's resources left out), by type. */
function backupResources(variant: Partial<AuroraBackupPlanProps> = {}): Record<string, Block[]> {
  const { stack, database } = databaseStack({ name: "orders" });
  new AuroraBackupPlan(stack, "Backup", {
    name: "orders",
    database,
    copyToVaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:orders-aurora-backup-dr",
    vaultLock: { mode: "governance", minRetentionDays: 7 },
    notifications: { topicArn: "arn:aws:sns:us-east-1:123456789012:orders-backup" },
    ...variant,
  });
  const resources = synthesize(stack).json.resource as Record<string, Record<string, Block>>;
  return Object.fromEntries(
    Object.entries(resources)
      .map(
        ([type, blocks]) =>
          [
            type,
            Object.entries(blocks)
              .filter(([address]) => address.startsWith("Backup_"))
              .map(([, body]) => body),
          ] as const,
      )
      .filter(([, bodies]) => bodies.length > 0),
  );
}

/** `type name` of every backup resource with a literal name. */
const fixedNames = (resources: Record<string, Block[]>) =>
  Object.entries(resources)
    .flatMap(([type, bodies]) => bodies.filter((body) => typeof body.name === "string" && !body.name.includes("${")).map((body) => `${type} ${body.name}`))
    .sort();

describe("the backup plan's names", () => {
  const everything = inHook(() => backupResources());

  it("are fixed names derived from `name` alone, never prefixes and never create-before-destroy", () => {
    expect(fixedNames(everything())).toEqual(
      [
        "aws_backup_plan orders-aurora-backup",
        "aws_backup_selection orders-aurora-cluster",
        "aws_backup_vault orders-aurora-backup",
        "aws_iam_role orders-aurora-backup-role",
        "aws_kms_alias alias/orders-aurora-backup",
      ].sort(),
    );
    for (const bodies of Object.values(everything())) {
      for (const body of bodies) {
        expect(body.name_prefix).toBeUndefined();
        expect(body.lifecycle?.create_before_destroy).toBeUndefined();
      }
    }
  });

  it("stay when rules, copies, the lock, notifications and tags change", () => {
    const other = backupResources({
      rules: [{ name: "hourly", schedule: "cron(0 * ? * * *)", retentionDays: 2, startWindowMinutes: 120, completionWindowMinutes: 240 }],
      copyToVaultArn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:elsewhere",
      vaultLock: { mode: "compliance", minRetentionDays: 1, changeableForDays: 30 },
      notifications: { topicArn: "arn:aws:sns:us-east-1:123456789012:other", events: ["COPY_JOB_FAILED"] },
      tags: { Team: "orders" },
    });
    expect(fixedNames(other)).toEqual(fixedNames(everything()));
  });

  it("leave out the key's alias, and only it, with a key of your own", () => {
    const given = backupResources({ encryptionKey: { existingKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } });
    expect(fixedNames(given)).toEqual(fixedNames(everything()).filter((entry) => !entry.startsWith("aws_kms_alias")));
  });

  it("leave out the vault, its key's alias and its lock, and only them, with an existing vault, whose own stack names them", () => {
    const existing = backupResources({ vault: { existingVaultName: "orders-aurora-backup" }, vaultLock: undefined });
    expect(fixedNames(existing)).toEqual(
      fixedNames(everything()).filter((entry) => !entry.startsWith("aws_kms_alias") && !entry.startsWith("aws_backup_vault ")),
    );
    expect(
      Object.keys(existing).filter((type) => ["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_kms_key", "aws_kms_alias"].includes(type)),
    ).toEqual([]);
  });

  it("are covered by the README's table: every type the constructs create has a row", () => {
    const dr = new TerraformStack(testApp(), "dr");
    new AwsProvider(dr, "aws", { region: "us-west-2" });
    new AuroraDisasterRecoveryVault(dr, "Copies", { name: "orders", vaultLock: { mode: "governance" } });
    new AuroraBackupVault(dr, "Vault", { name: "orders", vaultLock: { mode: "governance" } });
    const types = new Set([...Object.keys(everything()), ...Object.keys(synthesize(dr).json.resource as Block)]);
    types.delete("aws_iam_role_policy_attachment"); // follows its role, as the database's attachment does
    expect([...types].sort()).toEqual(Object.keys(ROWS).sort());
  });
});

describe("the module README's replacement table", () => {
  const readme = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## What replaces what, and why that is safe"), readme.indexOf("## API reference"));

  it.each(Object.entries(ROWS))("has a row for %s", (_type, row) => {
    expect(table.split("\n").some((line) => line.startsWith(row))).toBe(true);
  });

  it.each(["vault.go", "plan.go", "selection.go", "vault_lock_configuration.go", "vault_notifications.go"])(
    "cites the AWS provider's internal/service/backup/%s at a commit for what forces a new resource",
    (file) => {
      expect(table).toMatch(new RegExp(`internal/service/backup/${file.replace(".", "\\.")}\` at [0-9a-f]{40}`));
    },
  );

  it("states that no backup resource is created before it is destroyed", () => {
    for (const row of Object.values(ROWS).filter((start) => start.includes("backup"))) {
      const line = table.split("\n").find((candidate) => candidate.startsWith(row))!;
      expect(line.includes("Create-before-destroy"), row).toBe(false);
    }
  });
});
