/**
 * Every validation rule of AuroraBackupPlan, AuroraBackupVault and AuroraDisasterRecoveryVault
 * with values it refuses (the property and value the error names, and what it allows) and values
 * it accepts; hostile values for every prop, which give a construct or a ValidationError and
 * never another error.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  AuroraBackupPlan,
  AuroraBackupVault,
  AuroraDisasterRecoveryVault,
  AuroraPostgresServerless,
  ValidationError,
  type AuroraBackupPlanProps,
  type AuroraBackupVaultProps,
  type AuroraDisasterRecoveryVaultProps,
  type BackupRule,
} from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { MINIMAL_PROPS, validationProblems } from "../support/synth";

type PlanProps = Partial<AuroraBackupPlanProps>;

const DR_VAULT = "arn:aws:backup:us-west-2:123456789012:backup-vault:orders-aurora-backup-dr";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:orders-backup";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** The vault a long-lived stack keeps (an AuroraBackupVault's `vaultName`). */
const EXISTING = { existingVaultName: "orders-aurora-backup" } as const;

/** One stack, one database: each attempt adds a plan with an id of its own (a refused one adds nothing). */
function planFactory(region?: string) {
  const stack = new TerraformStack(testApp(), "backups");
  if (region !== undefined) new AwsProvider(stack, "aws", { region });
  new RandomProvider(stack, "random");
  const database = new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, name: "orders" });
  let count = 0;
  return {
    stack,
    database,
    // Each plan its own name (a plan and its vault are unique in an account and region), unless given.
    create: (props: PlanProps | Record<string, unknown>) => {
      const index = count++;
      return new AuroraBackupPlan(stack, `Backup${index}`, { name: index === 0 ? "orders" : `orders-${index}`, database, ...props } as AuroraBackupPlanProps);
    },
  };
}

const inUsEast1 = planFactory("us-east-1");
const refuses = (props: PlanProps | Record<string, unknown>) => validationProblems(() => inUsEast1.create(props));
const accepts = (props: PlanProps) => expect(() => inUsEast1.create(props)).not.toThrow();
const rule = (fields: Partial<BackupRule> | Record<string, unknown>): BackupRule =>
  ({ name: "daily", schedule: "cron(0 5 ? * * *)", retentionDays: 7, ...fields }) as BackupRule;
const rules = (...fields: (Partial<BackupRule> | Record<string, unknown>)[]) => ({ rules: fields.map(rule) });

interface Case {
  readonly rule: string;
  /** Props it refuses, the property the error names and, unless `props[property]`, the value it reports. */
  readonly failing: readonly [PlanProps | Record<string, unknown>, string, unknown][];
  readonly passing: readonly PlanProps[];
  readonly allowed: RegExp;
}

const CASES: readonly Case[] = [
  {
    rule: "name: lowercase letters, digits and single hyphens, at most 33 characters",
    failing: [
      [{ name: "Orders" }, "name", "Orders"],
      [{ name: "a".repeat(34) }, "name", "a".repeat(34)],
      [{ name: "a--b" }, "name", "a--b"],
      [{ name: "" }, "name", ""],
    ],
    passing: [{ name: "a".repeat(33) }, { name: "orders-prod" }],
    allowed: /1 to 33 characters .*50-character vault names/,
  },
  {
    rule: "rules: at least one",
    failing: [[{ rules: [] }, "rules", []]],
    passing: [rules({})],
    allowed: /at least one rule/,
  },
  {
    rule: "rules[].name: AWS Backup's rule names",
    failing: [
      [rules({ name: "daily backup" }), "rules[0].name", "daily backup"],
      [rules({ name: "" }), "rules[0].name", ""],
      [rules({ name: "x".repeat(51) }), "rules[0].name", "x".repeat(51)],
    ],
    passing: [rules({ name: "Daily_1.a-b" }), rules({ name: "x".repeat(50) })],
    allowed: /1 to 50 letters, digits, '-', '_' or '.'/,
  },
  {
    rule: "rules[].name: unique within the plan, case-sensitive",
    failing: [[rules({ name: "daily" }, { name: "daily" }), "rules[1].name", "daily"]],
    passing: [rules({ name: "daily" }, { name: "Daily" })],
    allowed: /a name no other rule of the plan has/,
  },
  {
    rule: "rules[].schedule: cron only",
    failing: [[rules({ schedule: "rate(1 day)" }), "rules[0].schedule", "rate(1 day)"]],
    passing: [rules({ schedule: "cron(0 5 ? * * *)" })],
    allowed: /a rate expression: AWS Backup takes cron expressions only/,
  },
  {
    rule: "rules[].schedule: six fields",
    failing: [
      [rules({ schedule: "cron(0 5 * * ?)" }), "rules[0].schedule", "cron(0 5 * * ?)"],
      [rules({ schedule: "0 5 ? * * *" }), "rules[0].schedule", "0 5 ? * * *"],
      [rules({ schedule: "cron(0  5 ? * * *)" }), "rules[0].schedule", "cron(0  5 ? * * *)"],
    ],
    passing: [rules({ schedule: "cron(15 3 ? * * 2027)" })],
    allowed: /cron\(Minutes Hours Day-of-month Month Day-of-week Year\).*(six fields|not of the form)/,
  },
  {
    rule: "rules[].schedule: at most hourly (one minute)",
    failing: [
      [rules({ schedule: "cron(0/15 * ? * * *)" }), "rules[0].schedule", "cron(0/15 * ? * * *)"],
      [rules({ schedule: "cron(* 5 ? * * *)" }), "rules[0].schedule", "cron(* 5 ? * * *)"],
      [rules({ schedule: "cron(60 5 ? * * *)" }), "rules[0].schedule", "cron(60 5 ? * * *)"],
    ],
    passing: [rules({ schedule: "cron(59 * ? * * *)" }), rules({ schedule: "cron(0 0/4 ? * * *)" })],
    allowed: /at most hourly/,
  },
  {
    rule: "rules[].schedule: each field in its range and syntax",
    failing: [
      [rules({ schedule: "cron(0 24 ? * * *)" }), "rules[0].schedule", "cron(0 24 ? * * *)"],
      [rules({ schedule: "cron(0 5 32 * ? *)" }), "rules[0].schedule", "cron(0 5 32 * ? *)"],
      [rules({ schedule: "cron(0 5 ? 13 * *)" }), "rules[0].schedule", "cron(0 5 ? 13 * *)"],
      [rules({ schedule: "cron(0 5 ? * 8 *)" }), "rules[0].schedule", "cron(0 5 ? * 8 *)"],
      [rules({ schedule: "cron(0 5 ? * MON/2 *)" }), "rules[0].schedule", "cron(0 5 ? * MON/2 *)"],
      [rules({ schedule: "cron(0 5 ? * * 1969)" }), "rules[0].schedule", "cron(0 5 ? * * 1969)"],
    ],
    passing: [
      rules({ schedule: "cron(0 5 L * ? *)" }),
      rules({ schedule: "cron(0 5 15W * ? *)" }),
      rules({ schedule: "cron(0 5 ? JAN,JUL 2#1 *)" }),
      rules({ schedule: "cron(0 5 ? * 6L *)" }),
      rules({ schedule: "cron(0 5 ? * MON-FRI 2026-2199)" }),
    ],
    allowed: /field ".*" is not/,
  },
  {
    rule: "rules[].schedule: exactly one day field is ?",
    failing: [
      [rules({ schedule: "cron(0 5 * * * *)" }), "rules[0].schedule", "cron(0 5 * * * *)"],
      [rules({ schedule: "cron(0 5 ? * ? *)" }), "rules[0].schedule", "cron(0 5 ? * ? *)"],
    ],
    passing: [rules({ schedule: "cron(0 5 1 * ? *)" })],
    allowed: /exactly one of its day-of-month and day-of-week fields is \?/,
  },
  {
    rule: "rules[].retentionDays: 1 to 36500 for snapshots",
    failing: [
      [rules({ retentionDays: 0 }), "rules[0].retentionDays", 0],
      [rules({ retentionDays: 36_501 }), "rules[0].retentionDays", 36_501],
      [rules({ retentionDays: 7.5 }), "rules[0].retentionDays", 7.5],
    ],
    passing: [rules({ retentionDays: 1 }), rules({ retentionDays: 36_500 })],
    allowed: /an integer from 1 to 36500 days/,
  },
  {
    rule: "rules[].retentionDays: 1 to 35 for continuous backups",
    failing: [[rules({ continuous: true, retentionDays: 36 }), "rules[0].retentionDays", 36]],
    passing: [rules({ continuous: true, retentionDays: 35 }), rules({ continuous: true, retentionDays: 1 })],
    allowed: /from 1 to 35 days with continuous/,
  },
  {
    rule: "rules[].coldStorageAfterDays: refused for Aurora",
    failing: [[rules({ coldStorageAfterDays: 30 }), "rules[0].coldStorageAfterDays", 30]],
    passing: [rules({})],
    allowed: /does not move Aurora recovery points to cold storage/,
  },
  {
    rule: "rules[].startWindowMinutes: at least 60",
    failing: [
      [rules({ startWindowMinutes: 59 }), "rules[0].startWindowMinutes", 59],
      [rules({ startWindowMinutes: 52_560_001, completionWindowMinutes: 52_560_000 }), "rules[0].startWindowMinutes", 52_560_001],
    ],
    passing: [rules({ startWindowMinutes: 60 }), rules({ startWindowMinutes: 480, completionWindowMinutes: 10_080 })],
    allowed: /from 60 \(AWS Backup's minimum start window\) to 52560000 minutes/,
  },
  {
    rule: "rules[].completionWindowMinutes: more than the start window",
    failing: [
      [rules({ completionWindowMinutes: 60 }), "rules[0].completionWindowMinutes", { completion: 60, start: 60 }],
      [rules({ startWindowMinutes: 480, completionWindowMinutes: 180 }), "rules[0].completionWindowMinutes", { completion: 180, start: 480 }],
    ],
    passing: [rules({ completionWindowMinutes: 61 })],
    allowed: /more minutes than startWindowMinutes/,
  },
  {
    rule: "rules[].completionWindowMinutes: at most 100 years",
    failing: [[rules({ completionWindowMinutes: 52_560_001 }), "rules[0].completionWindowMinutes", 52_560_001]],
    passing: [rules({ completionWindowMinutes: 52_560_000 })],
    allowed: /up to 52560000/,
  },
  {
    rule: "rules[].copyRetentionDays: 1 to 36500",
    failing: [[{ ...rules({ copyRetentionDays: 0 }), copyToVaultArn: DR_VAULT }, "rules[0].copyRetentionDays", 0]],
    passing: [{ ...rules({ copyRetentionDays: 36_500 }), copyToVaultArn: DR_VAULT }],
    allowed: /an integer from 1 to 36500 days/,
  },
  {
    rule: "rules[].copyRetentionDays: only with copyToVaultArn",
    failing: [[rules({ copyRetentionDays: 30 }), "rules[0].copyRetentionDays", 30]],
    passing: [{ ...rules({ copyRetentionDays: 30 }), copyToVaultArn: DR_VAULT }],
    allowed: /nothing without copyToVaultArn/,
  },
  {
    rule: "rules[].retentionDays: within the vault lock's limits",
    failing: [
      [{ ...rules({ retentionDays: 6 }), vaultLock: { mode: "governance", minRetentionDays: 7 } }, "rules[0].retentionDays", 6],
      [{ vaultLock: { mode: "governance", maxRetentionDays: 30 } }, "rules[2].retentionDays", 90],
    ],
    passing: [{ vaultLock: { mode: "governance", minRetentionDays: 7, maxRetentionDays: 90 } }],
    allowed: /within the vault lock's limits/,
  },
  {
    rule: "vault.existingVaultName: a backup vault's name, as CreateBackupVault allows it",
    failing: [
      [{ vault: { existingVaultName: "a" } }, "vault.existingVaultName", "a"],
      [{ vault: { existingVaultName: "v".repeat(51) } }, "vault.existingVaultName", "v".repeat(51)],
      [{ vault: { existingVaultName: "orders backup" } }, "vault.existingVaultName", "orders backup"],
      [{ vault: { existingVaultName: "orders.backup" } }, "vault.existingVaultName", "orders.backup"],
      [{ vault: { existingVaultName: "" } }, "vault.existingVaultName", ""],
      [{ vault: { existingVaultName: DR_VAULT } }, "vault.existingVaultName", DR_VAULT],
    ],
    passing: [
      { vault: { existingVaultName: "ab" } },
      { vault: { existingVaultName: "v".repeat(50) } },
      { vault: { existingVaultName: "Orders_Vault-1" } },
      { vault: "create" },
    ],
    allowed: /a backup vault's name: 2 to 50 letters, digits, - and _ \(CreateBackupVault\)/,
  },
  {
    rule: "encryptionKey: not with an existing vault, whose own stack has its key",
    failing: [
      [{ vault: EXISTING, encryptionKey: { existingKeyArn: KEY } }, "encryptionKey", { existingKeyArn: KEY }],
      [{ vault: EXISTING, encryptionKey: "create" }, "encryptionKey", "create"],
    ],
    passing: [{ vault: EXISTING }, { vault: "create", encryptionKey: { existingKeyArn: KEY } }],
    allowed:
      /nothing with vault \{ existingVaultName \}: the key belongs to the vault, which its own long-lived stack creates \(AuroraBackupVault's encryptionKey\)/,
  },
  {
    rule: "vaultLock: not with an existing vault, whose own stack has its lock",
    failing: [
      [{ vault: EXISTING, vaultLock: { mode: "governance", minRetentionDays: 7 } }, "vaultLock", { mode: "governance", minRetentionDays: 7 }],
      [{ vault: EXISTING, vaultLock: { mode: "compliance", changeableForDays: 3 } }, "vaultLock", { mode: "compliance", changeableForDays: 3 }],
    ],
    passing: [
      { vault: EXISTING, notifications: { topicArn: TOPIC } },
      { vault: "create", vaultLock: { mode: "governance", minRetentionDays: 7 } },
    ],
    allowed:
      /nothing with vault \{ existingVaultName \}: the lock belongs to the vault, which its own long-lived stack creates \(AuroraBackupVault's vaultLock\)/,
  },
  {
    rule: "copyToVaultArn: a backup vault's ARN",
    failing: [
      [{ copyToVaultArn: "orders-aurora-backup-dr" }, "copyToVaultArn", "orders-aurora-backup-dr"],
      [{ copyToVaultArn: "arn:aws:backup:us-west-2:123456789012:backup-plan:abc" }, "copyToVaultArn", "arn:aws:backup:us-west-2:123456789012:backup-plan:abc"],
      [{ copyToVaultArn: `${DR_VAULT} ` }, "copyToVaultArn", `${DR_VAULT} `],
      [{ copyToVaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:a" }, "copyToVaultArn", "arn:aws:backup:us-west-2:123456789012:backup-vault:a"],
    ],
    passing: [{ copyToVaultArn: DR_VAULT }, { copyToVaultArn: "arn:aws:backup:eu-central-1:123456789012:backup-vault:Dr_Vault-1" }],
    allowed: /a backup vault's ARN/,
  },
  {
    rule: "copyToVaultArn: another region than the stack's",
    failing: [
      [
        { copyToVaultArn: "arn:aws:backup:us-east-1:123456789012:backup-vault:orders-dr" },
        "copyToVaultArn",
        "arn:aws:backup:us-east-1:123456789012:backup-vault:orders-dr",
      ],
    ],
    passing: [{ copyToVaultArn: "arn:aws:backup:us-east-2:123456789012:backup-vault:orders-dr" }],
    allowed: /a vault in another region than us-east-1/,
  },
  {
    rule: "copyToVaultArn: the stack's partition",
    failing: [
      [
        { copyToVaultArn: "arn:aws-cn:backup:cn-north-1:123456789012:backup-vault:orders-dr" },
        "copyToVaultArn",
        "arn:aws-cn:backup:cn-north-1:123456789012:backup-vault:orders-dr",
      ],
    ],
    passing: [{ copyToVaultArn: DR_VAULT }],
    allowed: /a vault in the aws partition, that of us-east-1/,
  },
  {
    rule: "encryptionKey.existingKeyArn: a KMS key ARN of the stack's partition",
    failing: [
      [{ encryptionKey: { existingKeyArn: "alias/orders" } }, "encryptionKey.existingKeyArn", "alias/orders"],
      [
        { encryptionKey: { existingKeyArn: KEY.replace("arn:aws:kms:us-east-1", "arn:aws-cn:kms:cn-north-1") } },
        "encryptionKey.existingKeyArn",
        KEY.replace("arn:aws:kms:us-east-1", "arn:aws-cn:kms:cn-north-1"),
      ],
    ],
    passing: [{ encryptionKey: { existingKeyArn: KEY } }, { encryptionKey: "create" }],
    allowed: /KMS key ARN|a key in the aws partition/,
  },
  {
    rule: "vaultLock: retention limits from 1 to 36500, the maximum at least the minimum",
    failing: [
      [{ vaultLock: { mode: "governance", minRetentionDays: 0 } }, "vaultLock.minRetentionDays", 0],
      [{ vaultLock: { mode: "governance", maxRetentionDays: 36_501 } }, "vaultLock.maxRetentionDays", 36_501],
      [{ vaultLock: { mode: "governance", minRetentionDays: 7, maxRetentionDays: 6 } }, "vaultLock.maxRetentionDays", 6],
    ],
    passing: [{ vaultLock: { mode: "governance", minRetentionDays: 1, maxRetentionDays: 36_500 } }],
    allowed: /an integer from 1 to 36500 days|at least minRetentionDays \(7\)/,
  },
  {
    rule: "vaultLock.changeableForDays: required with compliance, at least 3",
    failing: [
      [{ vaultLock: { mode: "compliance", minRetentionDays: 7 } }, "vaultLock.changeableForDays", undefined],
      [{ vaultLock: { mode: "compliance", changeableForDays: 2 } }, "vaultLock.changeableForDays", 2],
    ],
    passing: [{ vaultLock: { mode: "compliance", changeableForDays: 3 } }],
    allowed: /with mode "compliance"|from 3 to 36500 days/,
  },
  {
    rule: "vaultLock.changeableForDays: refused with governance",
    failing: [[{ vaultLock: { mode: "governance", changeableForDays: 3 } }, "vaultLock.changeableForDays", 3]],
    passing: [{ vaultLock: { mode: "governance" } }],
    allowed: /nothing with mode "governance"/,
  },
  {
    rule: "notifications.topicArn: a standard SNS topic of the stack's partition",
    failing: [
      [{ notifications: { topicArn: "orders-backup" } }, "notifications.topicArn", "orders-backup"],
      [{ notifications: { topicArn: `${TOPIC}.fifo` } }, "notifications.topicArn", `${TOPIC}.fifo`],
      [
        { notifications: { topicArn: "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t" } },
        "notifications.topicArn",
        "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t",
      ],
    ],
    passing: [{ notifications: { topicArn: TOPIC } }],
    allowed: /an SNS topic's ARN|FIFO|a topic in the aws partition/,
  },
  {
    rule: "notifications.events: events AWS Backup sends, each once, at least one",
    failing: [
      [{ notifications: { topicArn: TOPIC, events: ["BACKUP_JOB_FAILED"] } }, "notifications.events[0]", "BACKUP_JOB_FAILED"],
      [{ notifications: { topicArn: TOPIC, events: ["S3_BACKUP_OBJECT_FAILED"] } }, "notifications.events[0]", "S3_BACKUP_OBJECT_FAILED"],
      [{ notifications: { topicArn: TOPIC, events: ["COPY_JOB_FAILED", "COPY_JOB_FAILED"] } }, "notifications.events[1]", "COPY_JOB_FAILED"],
      [{ notifications: { topicArn: TOPIC, events: [] } }, "notifications.events", []],
    ],
    passing: [{ notifications: { topicArn: TOPIC, events: ["BACKUP_JOB_STARTED", "RECOVERY_POINT_MODIFIED"] } }],
    allowed: /deprecated and never sent; use BACKUP_JOB_COMPLETED|one of BACKUP_JOB_STARTED|listed once|at least one event/,
  },
  {
    rule: "permissionsBoundary: an IAM managed policy's ARN of the stack's partition",
    failing: [
      [{ permissionsBoundary: "arn:aws:iam::123456789012:role/boundary" }, "permissionsBoundary", "arn:aws:iam::123456789012:role/boundary"],
      [{ permissionsBoundary: "arn:aws-cn:iam::123456789012:policy/boundary" }, "permissionsBoundary", "arn:aws-cn:iam::123456789012:policy/boundary"],
    ],
    passing: [{ permissionsBoundary: "arn:aws:iam::123456789012:policy/delivery/boundary" }],
    allowed: /the ARN of an IAM managed policy|a policy in the aws partition/,
  },
  {
    rule: "tags: AWS's tag rules",
    failing: [
      [{ tags: { "aws:team": "x" } }, 'tags["aws:team"]', "aws:team"],
      [{ tags: { Team: "x", team: "y" } }, 'tags["team"]', "team"],
      [{ tags: { Team: "v".repeat(257) } }, 'tags["Team"]', "v".repeat(257)],
      [
        { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
        "tags",
        Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])),
      ],
    ],
    passing: [{ tags: { Team: "orders", "cost-center": "db/1" } }],
    allowed: /aws:|regardless of case|at most 256|at most 50 tags/,
  },
];

describe.each(CASES)("$rule", ({ failing, passing, allowed }) => {
  it.each(failing.map(([props, property, received]) => [property, props, received] as const))("refuses %s", (property, props, received) => {
    const problems = refuses(props);
    const problem = problems.find((p) => p.property === property);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.received).toEqual(received);
    expect(problem!.allowed).toMatch(allowed);
  });

  it("accepts the passing values", () => {
    for (const props of passing) accepts(props);
  });
});

describe("the types of the props, for JavaScript callers and JSON configs", () => {
  it.each<[Record<string, unknown>, string, RegExp]>([
    [{ database: { clusterArn: "arn:aws:rds:us-east-1:123456789012:cluster:x" } }, "database", /an AuroraPostgresServerless construct/],
    [{ rules: "daily" }, "rules", /a list of backup rules/],
    [{ rules: [{ name: "x", schedule: "cron(0 5 ? * * *)" }] }, "rules[0].retentionDays", /a number \(required\)/],
    [{ rules: [rule({ retentionDays: "7" })] }, "rules[0].retentionDays", /a number \(7, not the string "7"\)/],
    [{ rules: [rule({ retension: 7 })] }, "rules[0].retension", /no such field; did you mean retentionDays\?/],
    [{ encryptionKey: "aws-managed" }, "encryptionKey", /"create" or \{ existingKeyArn/],
    [{ vaultLock: { mode: "strict" } }, "vaultLock.mode", /"governance" or "compliance"/],
    [{ notifications: { events: ["COPY_JOB_FAILED"] } }, "notifications.topicArn", /a string \(required\)/],
    [{ copyToVault: DR_VAULT }, "copyToVault", /did you mean copyToVaultArn\?/],
    [{ vault: "existing" }, "vault", /"create" or \{ existingVaultName: "<backup vault name>" \}/],
    [{ vault: { name: "orders-aurora-backup" } }, "vault", /"create" or \{ existingVaultName/],
    [{ vault: { existingVaultName: 7 } }, "vault.existingVaultName", /a string/],
  ])("refuse %j at %s", (props, property, allowed) => {
    const problems = refuses(props);
    expect(problems.map((p) => p.property)).toContain(property);
    expect(problems.find((p) => p.property === property)!.allowed).toMatch(allowed);
  });

  it("name a missing name and database", () => {
    const problems = validationProblems(() => new AuroraBackupPlan(inUsEast1.stack, "NoProps", {} as AuroraBackupPlanProps));
    expect(problems.map((p) => p.property)).toEqual(["name", "database"]);
  });
});

describe("references", () => {
  it("pass a copy destination, topic and boundary given as references unjudged", () => {
    const variable = (name: string) => new TerraformVariable(inUsEast1.stack, name, { type: "string" }).stringValue;
    accepts({
      copyToVaultArn: variable("vault"),
      notifications: { topicArn: variable("topic") },
      permissionsBoundary: variable("boundary"),
      rules: [rule({ retentionDays: new TerraformVariable(inUsEast1.stack, "days", { type: "number" }).numberValue })],
    });
  });

  it("pass an existing vault's name given as a reference unjudged, and refuse a reference for the whole vault, which decides what is built", () => {
    const name = new TerraformVariable(inUsEast1.stack, "vaultName", { type: "string" }).stringValue;
    accepts({ vault: { existingVaultName: name } });
    expect(refuses({ vault: name }).find((p) => p.property === "vault")!.allowed).toMatch(/known at synth/);
  });

  it("judge no region or partition when the stack's region is not known at synth", () => {
    const unknown = planFactory(undefined);
    expect(() => unknown.create({ copyToVaultArn: "arn:aws:backup:us-east-1:123456789012:backup-vault:orders-dr" })).not.toThrow();
  });
});

/** The vault constructs, each in a stack of its own in us-west-2, and what each refuses and accepts. */
const VAULTS = [
  {
    construct: "AuroraBackupVault",
    create: (stack: TerraformStack, id: string, props: unknown) => new AuroraBackupVault(stack, id, props as AuroraBackupVaultProps),
    refused: [
      [{ name: "orders", disasterRecovery: "true" }, "disasterRecovery", /a boolean \(true, not the string "true"\)/],
      [{ name: "orders", disasterRecovery: null }, "disasterRecovery", /true or false \(leave the prop out/],
      [{ name: "orders", existingVaultName: "orders-aurora-backup" }, "existingVaultName", /no such prop/],
    ],
    accepted: [
      { name: "orders", disasterRecovery: false, vaultLock: { mode: "governance", minRetentionDays: 7 } },
      { name: "orders", disasterRecovery: true },
    ],
  },
  {
    construct: "AuroraDisasterRecoveryVault",
    create: (stack: TerraformStack, id: string, props: unknown) => new AuroraDisasterRecoveryVault(stack, id, props as AuroraDisasterRecoveryVaultProps),
    refused: [[{ name: "orders", disasterRecovery: true }, "disasterRecovery", /no such prop/]],
    accepted: [{ name: "orders" }],
  },
] as const;

/** What both refuse alike: the same table but `disasterRecovery`. */
const REFUSED_BY_BOTH: readonly [unknown, string, RegExp][] = [
  [{ name: "Orders" }, "name", /1 to 33 characters/],
  [{ name: "orders", vaultLock: { mode: "compliance" } }, "vaultLock.changeableForDays", /with mode "compliance"/],
  [{ name: "orders", encryptionKey: { existingKeyArn: "alias/x" } }, "encryptionKey.existingKeyArn", /KMS key ARN/],
  [{ name: "orders", tags: { "AWS:x": "y" } }, 'tags["AWS:x"]', /not starting with "aws:"/],
  [{ name: "orders", copyToVaultArn: DR_VAULT }, "copyToVaultArn", /no such prop/],
  ["orders", "props", /an object of props/],
];

describe.each(VAULTS)("$construct", ({ construct, create, refused, accepted }) => {
  let count = 0;
  // Each vault in a stack of its own: vaults of one name are unique in an account and region.
  const attempt = (props: unknown) => {
    const stack = new TerraformStack(testApp(), "dr");
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    return create(stack, `Copies${count++}`, props);
  };

  it.each<readonly [unknown, string, RegExp]>([...REFUSED_BY_BOTH, ...refused])("refuses %j at %s", (props, property, allowed) => {
    const problems = validationProblems(() => attempt(props));
    expect(problems.find((p) => p.property === property)?.allowed).toMatch(allowed);
  });

  it("names itself in its errors", () => {
    expect(() => attempt({ name: "Orders" })).toThrow(new RegExp(`^${construct} "dr/Copies\\d+" has 1 invalid input`));
  });

  it("accepts a name, a lock and tags", () => {
    expect(() =>
      attempt({ name: "orders", vaultLock: { mode: "compliance", changeableForDays: 3, minRetentionDays: 7 }, tags: { Team: "orders" } }),
    ).not.toThrow();
    for (const props of accepted) expect(() => attempt(props)).not.toThrow();
  });
});

/** One of each kind of value a caller, a JSON config or a bug can produce. */
const HOSTILE: readonly unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  -1,
  0.5,
  2 ** 31,
  Number.MAX_VALUE,
  "",
  " ",
  "7",
  "false",
  "__proto__",
  "${var.x}",
  "line\nbreak",
  "x".repeat(100_000),
  true,
  10n,
  Symbol("hostile"),
  () => "x",
  [],
  [null],
  [{}],
  [{ name: "x", schedule: null, retentionDays: Number.NaN }],
  {},
  Object.create(null),
  { existingKeyArn: 7 },
  { mode: "compliance", changeableForDays: "3" },
  { topicArn: 7, events: "all" },
  { existingVaultName: 7 },
  { existingVaultName: "orders-aurora-backup" },
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  new Map([["a", "b"]]),
  new Date(0),
  new Proxy({}, {}),
];

const PLAN_PROPS: Record<keyof AuroraBackupPlanProps, true> = {
  name: true,
  database: true,
  rules: true,
  vault: true,
  copyToVaultArn: true,
  encryptionKey: true,
  vaultLock: true,
  notifications: true,
  permissionsBoundary: true,
  tags: true,
};
const VAULT_PROPS: Record<keyof AuroraDisasterRecoveryVaultProps, true> = { name: true, encryptionKey: true, vaultLock: true, tags: true };
const BACKUP_VAULT_PROPS: Record<keyof AuroraBackupVaultProps, true> = { ...VAULT_PROPS, disasterRecovery: true };

/** What went wrong, when the outcome is neither a construct that synthesizes nor a ValidationError naming props and values. */
function outcome(build: (stack: TerraformStack, database: AuroraPostgresServerless) => unknown, index: number): string | undefined {
  const stack = new TerraformStack(inUsEast1.stack.node.scope as never, `hostile${index}`);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new RandomProvider(stack, "random");
  try {
    build(stack, inUsEast1.database);
    Testing.synth(stack);
    return undefined;
  } catch (error) {
    if (!(error instanceof ValidationError)) return `threw ${String(error).slice(0, 200)}`;
    if (error.problems.some((p) => p.property === "" || p.allowed === "") || !error.message.includes("received ")) return `unnamed problem: ${error.message}`;
    return undefined;
  }
}

describe("hostile values", () => {
  let index = 0;
  it.each(Object.keys(PLAN_PROPS))("for AuroraBackupPlan's %s give a construct or a ValidationError, never another error", (prop) => {
    const failures = HOSTILE.flatMap((value) => {
      const failure = outcome(
        (stack, database) => new AuroraBackupPlan(stack, "Backup", { name: "orders", database, [prop]: value } as AuroraBackupPlanProps),
        index++,
      );
      return failure === undefined ? [] : [`${prop} = ${typeof value === "string" ? value.slice(0, 30) : String(typeof value)}: ${failure}`];
    });
    expect(failures).toEqual([]);
  });

  it.each([
    ...Object.keys(BACKUP_VAULT_PROPS).map((prop) => [VAULTS[0].construct, prop] as const),
    ...Object.keys(VAULT_PROPS).map((prop) => [VAULTS[1].construct, prop] as const),
  ])("for %s's %s give a construct or a ValidationError", (construct, prop) => {
    const { create } = VAULTS.find((vault) => vault.construct === construct)!;
    const failures = HOSTILE.flatMap((value) => {
      const failure = outcome((stack) => create(stack, "Copies", { name: "orders", [prop]: value }), index++);
      return failure === undefined ? [] : [`${prop}: ${failure}`];
    });
    expect(failures).toEqual([]);
  });

  it("as one rule's fields give a construct or a ValidationError", () => {
    const fields = [
      "name",
      "schedule",
      "retentionDays",
      "continuous",
      "startWindowMinutes",
      "completionWindowMinutes",
      "copyRetentionDays",
      "coldStorageAfterDays",
    ];
    const failures = fields.flatMap((field) =>
      HOSTILE.flatMap((value) => {
        const failure = outcome(
          (stack, database) => new AuroraBackupPlan(stack, "Backup", { name: "orders", database, copyToVaultArn: DR_VAULT, rules: [rule({ [field]: value })] }),
          index++,
        );
        return failure === undefined ? [] : [`rules[0].${field}: ${failure}`];
      }),
    );
    expect(failures).toEqual([]);
  });

  it("pollute no prototype", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
