/**
 * Backups and disaster recovery in the stacks: the vault of the recovery points in the long-lived
 * key stack, the copies' vault in the disaster-recovery stack `<env>-dr` (its own region), the
 * plan in the database stack naming both without reading their state, the order the stacks deploy
 * in, their outputs, and the global secondary `<env>-secondary` of a scratch copy of the table
 * that turns it on.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { defineStacks, PREVIEW_SETTINGS, validationErrors, type EnvironmentsTable } from "../../stacks/app";
import { BACKUP_PLAN_CONTROL, GLOBAL_DATABASE_SECRET_EXCEPTIONS, globalClusterIdentifier } from "../../stacks/database-stack";
import { manifestProblems, stacksOfTable } from "../../stacks/deploy-matrix";
import {
  databaseResourceName,
  ENVIRONMENTS,
  environmentTags,
  hasDisasterRecoveryStack,
  PROJECT,
  type EnvironmentName,
  type EnvironmentSettings,
} from "../../stacks/environments";
import { secondaryExceptions } from "../../stacks/secondary-stack";
import { prepareSynth } from "../../stacks/synth-gate";
import { testApp } from "../support/app";
import {
  dataRef,
  inHook,
  onlyDataSource,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  synthApp,
  synthesize,
  synthStacksByName,
  validationProblems,
  type Block,
} from "../support/synth";

const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];
const row = (name: EnvironmentName): EnvironmentSettings => ENVIRONMENTS[name];
const BACKED_UP = ENVIRONMENT_NAMES.filter((name) => row(name).backups !== "none");
const WITH_DR = ENVIRONMENT_NAMES.filter((name) => hasDisasterRecoveryStack(row(name)));
/** The disaster-recovery region without AURORA_<ENV>_DR_REGION (tests/stacks/disaster-recovery-region.test.ts pins it). */
const DR_REGION = PROJECT.defaultDisasterRecoveryRegion;

/** The Terraform name of the one resource of a type whose construct path starts with `prefix` (`BackupVault_…`). */
const named = (json: Block, type: string, prefix: string) => {
  const entries = Object.entries(resourcesOf(json, type)).filter(([name]) => name.startsWith(prefix));
  expect(entries, `exactly one ${type} ${prefix}…`).toHaveLength(1);
  return { name: entries[0]![0], body: entries[0]![1] };
};

describe("the app, given a settings table it cannot build", () => {
  it("stops before defining any stack, naming the setting: a global secondary with credentials managed by RDS", () => {
    const table: EnvironmentsTable = { ...ENVIRONMENTS, prod: { ...ENVIRONMENTS.prod, globalSecondary: true } };
    expect(validationProblems(() => defineStacks(testApp(), {}, { environments: table }))).toEqual([
      {
        property: "prod.globalSecondary",
        received: true,
        allowed: expect.stringContaining('false with credentials "managed": AWS refuses RDS-managed master passwords in a global database'),
      },
    ]);
    const app = testApp();
    expect(prepareSynth(app, {}, { environments: table })).toMatch(
      /^The settings table \(stacks\/environments\.ts\) has 1 invalid input:\n {2}- prod\.globalSecondary: received true; allowed: false with credentials "managed"/,
    );
    expect(app.node.children).toEqual([]);
  });

  it("refuses backups in the row every preview takes", () => {
    const table: EnvironmentsTable = {
      ...ENVIRONMENTS,
      [PREVIEW_SETTINGS]: { ...ENVIRONMENTS[PREVIEW_SETTINGS], encryptionKey: "key-stack", backups: "daily" },
    };
    expect(validationProblems(() => defineStacks(testApp(), {}, { environments: table }))).toEqual([
      {
        property: `${PREVIEW_SETTINGS}.backups`,
        received: "daily",
        allowed: `"none": every preview takes ${PREVIEW_SETTINGS}'s settings, and a preview has no key or disaster-recovery stack`,
      },
    ]);
  });
});

describe("AURORA_PROD_DR_REGION, read by the app", () => {
  /** The region of the copies' vault in each rule's copy action. */
  const copyRegions = (env: Record<string, string>) =>
    (onlyResource(synthApp(env).environments.prod.json, "aws_backup_plan").body.rule as Block[]).map(
      (rule) => String(rule.copy_action[0].destination_vault_arn).split(":")[3],
    );

  it("puts the disaster-recovery stack and the plan's copies in the default disaster-recovery region, and in the region it names", () => {
    expect(synthApp().disasterRecovery.prod!.text).toHaveProviderWithProperties(AwsProvider, { region: DR_REGION });
    expect(copyRegions({})).toEqual([DR_REGION, DR_REGION, DR_REGION]);
    const env = { AURORA_PROD_DR_REGION: "eu-central-1" };
    expect(synthApp(env).disasterRecovery.prod!.text).toHaveProviderWithProperties(AwsProvider, { region: "eu-central-1" });
    expect(copyRegions(env)).toEqual(["eu-central-1", "eu-central-1", "eu-central-1"]);
    expect(synthApp(env).environments.prod.json.output.disaster_recovery_region.value).toBe("eu-central-1");
    expect(defineStacks(testApp(), env).bootstrap.disasterRecovery.prod!.region).toBe("eu-central-1");
  });

  it("stops the synth on a value it refuses, naming the variable, and refuses the variable for an environment without a disaster-recovery stack", () => {
    expect(validationProblems(() => defineStacks(testApp(), { AURORA_PROD_DR_REGION: PROJECT.defaultRegion }))).toEqual([
      {
        property: "AURORA_PROD_DR_REGION",
        received: PROJECT.defaultRegion,
        allowed: expect.stringContaining(`a region other than prod's own region (${PROJECT.defaultRegion}, the default)`),
      },
    ]);
    expect(validationProblems(() => defineStacks(testApp(), { AURORA_STAGING_DR_REGION: "us-west-2" })).map((problem) => problem.property)).toEqual([
      "AURORA_STAGING_DR_REGION",
    ]);
  });
});

describe("the vault of the recovery points, in the key stack", () => {
  it("exists for the environments with backups, and only those", () => {
    // The shipped rows are pinned in tests/stacks/settings-table.test.ts.
    expect(BACKED_UP).toContain("prod");
    for (const name of ENVIRONMENT_NAMES) {
      const key = synthApp().keys[name];
      expect(key === undefined ? [] : Object.keys(resourcesOf(key.json, "aws_backup_vault")), name).toHaveLength(BACKED_UP.includes(name) ? 1 : 0);
    }
  });

  it.each(BACKED_UP)("%s: <name>-aurora-backup with a key of its own, never force-destroyed, tagged for the environment", (name) => {
    const json = synthApp().keys[name]!.json;
    const vault = named(json, "aws_backup_vault", "BackupVault_").body;
    const key = named(json, "aws_kms_key", "BackupVault_");
    expect(vault).toMatchObject({
      name: `${databaseResourceName(name)}-aurora-backup`,
      force_destroy: false,
      kms_key_arn: ref("aws_kms_key", key.name, "arn"),
      tags: environmentTags(name),
    });
    expect(key.body).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, tags: environmentTags(name) });
    expect(named(json, "aws_kms_alias", "BackupVault_").body.name).toBe(`alias/${databaseResourceName(name)}-aurora-backup`);
    expect(json.output.backup_vault_name.value).toBe(`${databaseResourceName(name)}-aurora-backup`);
    expect(json.output.backup_vault_arn.value).toBe(ref("aws_backup_vault", named(json, "aws_backup_vault", "BackupVault_").name, "arn"));
  });
});

describe("the disaster-recovery stack", () => {
  const json = inHook(() => synthApp().disasterRecovery.prod!.json);

  it("exists for the environments with copies or a global secondary: prod-dr, in its own region and workspace", () => {
    expect(WITH_DR).toContain("prod");
    expect(Object.keys(synthApp().disasterRecovery)).toEqual(WITH_DR);
    expect(json().provider.aws).toEqual([{ region: DR_REGION }]);
    expect(synthApp({ TF_CLOUD_ORGANIZATION: "acme" }).disasterRecovery.prod!.json.terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: `${PROJECT.name}-database-prod-dr`, project: `${PROJECT.name}-database` },
    });
  });

  it("holds the copies' vault <name>-aurora-backup-dr with a key of its region, never force-destroyed, and no secondary key without a global secondary", () => {
    const vault = onlyResource(json(), "aws_backup_vault");
    const key = onlyResource(json(), "aws_kms_key");
    expect(vault.body).toMatchObject({
      name: `${databaseResourceName("prod")}-aurora-backup-dr`,
      force_destroy: false,
      kms_key_arn: ref("aws_kms_key", key.name, "arn"),
      tags: environmentTags("prod"),
    });
    expect(onlyResource(json(), "aws_kms_alias").body.name).toBe(`alias/${databaseResourceName("prod")}-aurora-backup-dr`);
    expect(json().output).toEqual({
      disaster_recovery_region: expect.objectContaining({ value: DR_REGION }),
      backup_copy_vault_name: expect.objectContaining({ value: `${databaseResourceName("prod")}-aurora-backup-dr` }),
      backup_copy_vault_arn: expect.objectContaining({ value: ref("aws_backup_vault", vault.name, "arn") }),
    });
  });
});

describe.each(BACKED_UP)("the %s database stack's backup plan", (name) => {
  const json = inHook(() => synthApp().environments[name].json);
  const plan = () => onlyResource(json(), "aws_backup_plan");

  it("takes the rules of its setting and keeps their recovery points in the key stack's vault, by name, creating no vault or key", () => {
    const rules = plan().body.rule as Block[];
    const expected =
      row(name).backups === "daily"
        ? [["daily", "cron(0 5 ? * * *)", 7]]
        : [
            ["daily", "cron(0 5 ? * * *)", 7],
            ["weekly", "cron(0 5 ? * SUN *)", 28],
            ["monthly", "cron(0 5 1 * ? *)", 90],
          ];
    expect(rules.map((rule) => [rule.rule_name, rule.schedule, rule.lifecycle.delete_after])).toEqual(expected);
    for (const rule of rules) expect(rule.target_vault_name).toBe(`${databaseResourceName(name)}-aurora-backup`);
    expect(plan().body.name).toBe(`${databaseResourceName(name)}-aurora-backup`);
    expect(resourcesOf(json(), "aws_backup_vault")).toEqual({});
    expect(resourcesOf(json(), "aws_kms_key")).toEqual({});
  });

  it("copies every rule's recovery point to the disaster-recovery vault, built from this stack's account and partition, that region and the vault's name", () => {
    const copies = (plan().body.rule as Block[]).map((rule) => rule.copy_action);
    if (!row(name).disasterRecoveryCopies) {
      expect(copies.every((copy) => copy === undefined)).toBe(true);
      return;
    }
    const arn = `arn:${dataRef("aws_partition", "Partition", "partition")}:backup:${DR_REGION}:${dataRef("aws_caller_identity", "Account", "account_id")}:backup-vault:${databaseResourceName(name)}-aurora-backup-dr`;
    expect(copies).toEqual(
      (plan().body.rule as Block[]).map((rule) => [{ destination_vault_arn: arn, lifecycle: { delete_after: rule.lifecycle.delete_after } }]),
    );
    expect(json().output.backup_copy_vault_arn.value).toBe(arn);
  });

  it("selects exactly this stack's cluster, with a role AWS Backup assumes that carries the environment's permissions boundary", () => {
    const role = Object.entries(resourcesOf(json(), "aws_iam_role")).find(([, body]) => body.name === `${databaseResourceName(name)}-aurora-backup-role`)!;
    const cluster = onlyResource(json(), "aws_rds_cluster").name;
    expect(onlyResource(json(), "aws_backup_selection").body).toMatchObject({
      resources: [ref("aws_rds_cluster", cluster, "arn")],
      iam_role_arn: ref("aws_iam_role", role[0], "arn"),
    });
    expect(role[1].permissions_boundary).toBe(dataRef("aws_iam_policy", onlyDataSource(json(), "aws_iam_policy").name, "arn"));
    expect(json().output.backup_role_arn.value).toBe(ref("aws_iam_role", role[0], "arn"));
  });

  it("reads no other stack's state", () => {
    expect(JSON.stringify(json())).not.toContain("terraform_remote_state");
  });

  it("sends the vault's default events to the database's alarm topic, at the plan's address", () => {
    expect(row(name).alarms).toBe(true);
    const topic = onlyResource(json(), "aws_sns_topic");
    expect(resourcesOf(json(), "aws_backup_vault_notifications")).toEqual({
      Backup_Notifications_E40FB62A: {
        backup_vault_name: `${databaseResourceName(name)}-aurora-backup`,
        sns_topic_arn: ref("aws_sns_topic", topic.name, "arn"),
        backup_vault_events: ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"],
      },
    });
  });

  it("opens the alarm topic and the key stack's key to AWS Backup for that vault only, in place: the topic and the key keep their addresses and names", () => {
    const topic = onlyResource(json(), "aws_sns_topic");
    expect(topic.name).toBe("Database_Alarms_Notifications_Topic_B597D8D6");
    expect(topic.body.name).toBe(`${databaseResourceName(name)}-aurora-alarms`);
    const topicStatements = policyStatements(topic.body);
    expect(topicStatements.map((statement) => statement.Sid)).toEqual(["CloudWatchPublishesThisDatabaseAlarms", "BackupPublishesThisDatabaseVaultEvents"]);
    expect(topicStatements[1]).toMatchObject({
      Principal: { Service: "backup.amazonaws.com" },
      Action: "sns:Publish",
      Condition: { ArnEquals: { "aws:SourceArn": expect.stringMatching(new RegExp(`:backup-vault:${databaseResourceName(name)}-aurora-backup$`)) } },
    });
    const keyJson = synthApp().keys[name]!.json;
    const key = named(keyJson, "aws_kms_key", "Key_");
    expect(key.name).toBe("Key_EncryptionKey_E0F2D22A");
    const keyStatements = policyStatements(key.body);
    expect(keyStatements.map((statement) => statement.Sid).slice(-2)).toEqual([
      "CloudWatchPublishesThisDatabaseAlarms",
      "BackupPublishesThisDatabaseVaultEvents",
    ]);
    expect(keyStatements.at(-1)).toMatchObject({
      Principal: { Service: "backup.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Condition: {
        StringEquals: { "kms:EncryptionContext:aws:sns:topicArn": expect.stringMatching(new RegExp(`:${databaseResourceName(name)}-aurora-alarms$`)) },
        ArnEquals: { "aws:SourceArn": expect.stringMatching(new RegExp(`:backup-vault:${databaseResourceName(name)}-aurora-backup$`)) },
      },
    });
  });
});

it("gives dev's alarm topic and key no AWS Backup statement: dev has neither alarms nor backups", () => {
  expect(resourcesOf(synthApp().environments.dev.json, "aws_sns_topic")).toEqual({});
  expect(resourcesOf(synthApp().environments.dev.json, "aws_backup_vault_notifications")).toEqual({});
  expect(synthApp().keys.dev).toBeUndefined();
});

it("gives dev and the previews no backup plan", () => {
  expect(resourcesOf(synthApp().environments.dev.json, "aws_backup_plan")).toEqual({});
  expect(resourcesOf(synthesize(defineStacks(testApp(), { PREVIEW_ID: "7" }).preview!).json, "aws_backup_plan")).toEqual({});
});

describe("the order of the stacks", () => {
  it("deploys each environment's disaster-recovery and key stacks before its database stack, which depends on both", () => {
    const stacks = defineStacks(testApp(), {});
    expect(stacks.environments.prod.dependencies).toEqual([stacks.keys.prod, stacks.disasterRecovery.prod]);
    // Each row's stacks, in the table's order: its disaster-recovery stack, its key stack, then its database stack.
    const expected = ENVIRONMENT_NAMES.flatMap((name) => [
      ...(hasDisasterRecoveryStack(row(name)) ? [`${name}-dr`] : []),
      ...(row(name).encryptionKey === "key-stack" ? [`${name}-key`] : []),
      name,
    ]);
    expect(expected).toEqual(expect.arrayContaining(["prod-dr", "prod-key", "prod"]));
    expect(stacksOfTable().map((entry) => entry.stack)).toEqual(expected);
    expect(
      stacksOfTable()
        .filter((entry) => ["prod-dr", "prod-key", "prod"].includes(entry.stack))
        .map((entry) => entry.environment),
    ).toEqual(Array(3).fill(row("prod").githubEnvironment));
  });

  it("matches the synthesized manifest's dependencies", () => {
    const app = testApp();
    const stacks = defineStacks(app, {});
    const manifest = {
      stacks: Object.fromEntries(
        app.node.children.map((stack) => [
          stack.node.id,
          { dependencies: (stack as { dependencies?: { node: { id: string } }[] }).dependencies?.map((dependency) => dependency.node.id) ?? [] },
        ]),
      ),
    };
    expect(manifestProblems(manifest)).toEqual([]);
    expect(stacks.secondaries).toEqual({});
  });
});

describe("a global secondary (a scratch copy of the table turns it on)", () => {
  /** prod with its global secondary, and the credentials a global database needs. */
  const TABLE: EnvironmentsTable = { ...ENVIRONMENTS, prod: { ...ENVIRONMENTS.prod, globalSecondary: true, credentials: "generated" } };
  const stacks = inHook(() => {
    const app = testApp();
    const defined = defineStacks(app, {}, { environments: TABLE });
    return {
      app,
      defined,
      primary: synthesize(defined.environments.prod).json,
      dr: synthesize(defined.disasterRecovery.prod!).json,
      secondary: synthesize(defined.secondaries.prod!).json,
    };
  });

  it("adds prod-secondary in the disaster-recovery region, after prod and prod-dr, which it depends on", () => {
    const { defined, secondary } = stacks();
    expect(defined.secondaries.prod!.dependencies).toEqual([defined.environments.prod, defined.disasterRecovery.prod]);
    expect(secondary.provider.aws).toEqual([{ region: DR_REGION }]);
    const order = stacksOfTable(TABLE).map((entry) => entry.stack);
    expect(order.slice(order.indexOf("prod-dr"), order.indexOf("prod-dr") + 4)).toEqual(["prod-dr", "prod-key", "prod", "prod-secondary"]);
  });

  it("makes prod's cluster the primary of a global database named literally, which the secondary joins by that name", () => {
    const { primary, secondary } = stacks();
    expect(onlyResource(primary, "aws_rds_global_cluster").body).toMatchObject({
      global_cluster_identifier: globalClusterIdentifier("prod"),
      source_db_cluster_identifier: ref("aws_rds_cluster", onlyResource(primary, "aws_rds_cluster").name, "arn"),
    });
    expect(globalClusterIdentifier("prod")).toBe(`${databaseResourceName("prod")}-aurora-global`);
    expect(onlyResource(secondary, "aws_rds_cluster").body.global_cluster_identifier).toBe(`${databaseResourceName("prod")}-aurora-global`);
    expect(primary.output.global_cluster_identifier.value).toBe(ref("aws_rds_global_cluster", onlyResource(primary, "aws_rds_global_cluster").name, "id"));
    expect(JSON.stringify(secondary)).not.toContain("terraform_remote_state");
  });

  it("gives the secondary the primary's instances and capacity, and a key of its region from the disaster-recovery stack, found by its alias", () => {
    const { dr, primary, secondary } = stacks();
    const prefix = databaseResourceName("prod");
    const keyAlias = Object.values(resourcesOf(dr, "aws_kms_alias"))
      .map((alias) => alias.name)
      .sort();
    expect(keyAlias).toEqual([`alias/${prefix}-aurora`, `alias/${prefix}-aurora-backup-dr`].sort());
    expect(onlyDataSource(secondary, "aws_kms_key").body).toEqual({ key_id: `alias/${prefix}-aurora` });
    const cluster = onlyResource(secondary, "aws_rds_cluster").body;
    const primaryCluster = onlyResource(primary, "aws_rds_cluster").body;
    expect(primaryCluster.serverlessv2_scaling_configuration).toEqual({ min_capacity: row("prod").minCapacity, max_capacity: row("prod").maxCapacity });
    expect(cluster).toMatchObject({
      cluster_identifier: `${prefix}-aurora-cluster`,
      kms_key_id: dataRef("aws_kms_key", onlyDataSource(secondary, "aws_kms_key").name, "arn"),
      serverlessv2_scaling_configuration: primaryCluster.serverlessv2_scaling_configuration,
      deletion_protection: true,
      backup_retention_period: row("prod").backupRetentionDays,
    });
    expect(Object.keys(resourcesOf(secondary, "aws_rds_cluster_instance"))).toHaveLength(1 + row("prod").readers);
    expect(Object.keys(secondary.output).sort()).toEqual([
      "disaster_recovery_region",
      "secondary_cluster_arn",
      "secondary_cluster_endpoint",
      "secondary_reader_endpoint",
    ]);
  });

  it("passes every stack's validations, the policy gates with the secondary's exceptions and the generated secret's included", () => {
    expect(validationErrors(stacks().app)).toEqual([]);
    expect(secondaryExceptions(TABLE.prod).map((exception) => exception.control)).toEqual(["RDS.24", "RDS.6"]);
    // The generated password's secret has no rotation: accepted with the global database, which refuses a managed one.
    expect(stacks().defined.environments.prod.acceptedExceptions.filter((exception) => !TABLE.prod.acceptedControlExceptions.includes(exception))).toEqual(
      GLOBAL_DATABASE_SECRET_EXCEPTIONS,
    );
    expect(defineStacks(testApp(), {}).environments.prod.acceptedExceptions).toEqual(ENVIRONMENTS.prod.acceptedControlExceptions);
  });

  it("passes them for staging too, one instance and no copies: the disaster-recovery stack then holds the secondary's key alone", () => {
    const table: EnvironmentsTable = { ...ENVIRONMENTS, staging: { ...ENVIRONMENTS.staging, globalSecondary: true, credentials: "generated" } };
    const app = testApp();
    const defined = defineStacks(app, {}, { environments: table });
    expect(validationErrors(app)).toEqual([]);
    const dr = synthesize(defined.disasterRecovery.staging!).json;
    expect(resourcesOf(dr, "aws_backup_vault")).toEqual({});
    expect(Object.values(resourcesOf(dr, "aws_kms_alias")).map((alias) => alias.name)).toEqual([`alias/${databaseResourceName("staging")}-aurora`]);
    expect(secondaryExceptions(table.staging).map((exception) => exception.control)).toEqual(["RDS.24", "RDS.6", "RDS.7", "RDS.15"]);
    expect(defined.environments.staging.policyOptIn).toEqual([BACKUP_PLAN_CONTROL]);
  });

  it("gives prod's roles the secondary's types in the disaster-recovery region", () => {
    const { defined } = stacks();
    const types = defined.bootstrap.disasterRecovery.prod!.types;
    expect(types).toEqual(
      expect.arrayContaining(["aws_rds_cluster", "aws_rds_cluster_instance", "aws_db_subnet_group", "aws_security_group", "aws_kms_key", "aws_backup_vault"]),
    );
    expect(defined.bootstrap.resourceTypes.prod).toContain("aws_rds_global_cluster");
    expect(types).not.toContain("aws_rds_global_cluster");
  });
});

it("synthesizes the shipped stacks, each named as the table's stacks are", () => {
  expect(Object.keys(synthStacksByName()).sort()).toEqual(
    stacksOfTable()
      .map((entry) => entry.stack)
      .sort(),
  );
});
