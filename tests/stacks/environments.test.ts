/**
 * What each environment changes, read from the synthesized JSON. The shipped rows (dev, staging,
 * prod) are pinned here, value by value, not taken from the settings table, so that an edit of
 * the table shows here as a failing expectation; a row added to the table is checked against
 * its own settings.
 */
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../modules/aurora-postgresql-serverless/src/private/resolved-props";
import { permissionsBoundaryPolicyName } from "../../stacks/delivery";
import { databaseResourceName, ENVIRONMENTS, PROJECT, type EnvironmentName, type EnvironmentSettings } from "../../stacks/environments";
import { dataRef, inHook, onlyDataSource, onlyResource, ref, resourcesOf, synthEnvironments, type Block } from "../support/synth";

interface Expected {
  readonly scaling: Block;
  readonly instances: number;
  readonly backupRetention: number;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly applyImmediately: boolean;
  readonly credentials: EnvironmentSettings["credentials"];
  /** Recovery window of our secret, for generated (or write-only) credentials. */
  readonly recoveryWindow?: number;
  readonly customerKey: boolean;
  readonly logRetention: number;
  /** Alarms per instance (5, and replica lag with readers); 0 for none. */
  readonly alarms: number;
}

/** The shipped rows, pinned. */
const PINNED: Partial<Record<EnvironmentName, Expected>> = {
  dev: {
    scaling: { min_capacity: 0, max_capacity: 1, seconds_until_auto_pause: 300 },
    instances: 1,
    backupRetention: 7,
    deletionProtection: false,
    skipFinalSnapshot: true,
    applyImmediately: true,
    credentials: "managed",
    customerKey: false,
    logRetention: 7,
    alarms: 0,
  },
  staging: {
    scaling: { min_capacity: 0.5, max_capacity: 4 },
    instances: 1,
    backupRetention: 7,
    deletionProtection: false,
    skipFinalSnapshot: false,
    applyImmediately: true,
    credentials: "managed",
    customerKey: true,
    logRetention: 30,
    alarms: 5,
  },
  prod: {
    scaling: { min_capacity: 2, max_capacity: 16 },
    instances: 2,
    backupRetention: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    applyImmediately: false,
    credentials: "managed",
    customerKey: true,
    logRetention: 365,
    alarms: 12,
  },
};

/** What a row this file does not pin asks for, from its settings. */
function expectedOfRow(name: EnvironmentName): Expected {
  const row: EnvironmentSettings = ENVIRONMENTS[name];
  const instances = 1 + row.readers;
  return {
    // The module pauses a cluster whose minimum is 0 ACU, after its default idle time.
    scaling: {
      min_capacity: row.minCapacity,
      max_capacity: row.maxCapacity,
      ...(row.minCapacity === 0 ? { seconds_until_auto_pause: DEFAULTS.secondsUntilAutoPause } : {}),
    },
    instances,
    backupRetention: row.backupRetentionDays,
    deletionProtection: row.deletionProtection,
    skipFinalSnapshot: row.skipFinalSnapshot,
    applyImmediately: row.applyImmediately,
    credentials: row.credentials,
    recoveryWindow: row.secretRecoveryWindowDays ?? DEFAULTS.secretRecoveryWindowDays,
    customerKey: row.encryptionKey === "key-stack",
    logRetention: row.logRetentionDays,
    // Five per instance, and replica lag too where the cluster has readers.
    alarms: row.alarms ? instances * (row.readers > 0 ? 6 : 5) : 0,
  };
}

const EXPECTED = (Object.keys(ENVIRONMENTS) as EnvironmentName[]).map((name) => [name, PINNED[name] ?? expectedOfRow(name)] as const);

it("synthesizes a database stack for each row of the table, in its order, the pinned rows among them", () => {
  expect(Object.keys(synthEnvironments())).toEqual(Object.keys(ENVIRONMENTS));
  expect(Object.keys(ENVIRONMENTS).filter((name) => name in PINNED)).toEqual(Object.keys(PINNED));
});

describe.each(EXPECTED)("the %s stack", (stackName, expected) => {
  const stack = inHook(() => {
    const json = synthEnvironments()[stackName].json;
    return { json, cluster: onlyResource(json, "aws_rds_cluster"), instances: Object.values(resourcesOf(json, "aws_rds_cluster_instance")) };
  });

  it("scales as the environment table says", () => {
    expect(stack().cluster.body.serverlessv2_scaling_configuration).toEqual(expected.scaling);
  });

  it("has the writer plus the environment's readers, all db.serverless in this cluster", () => {
    expect(stack().instances).toHaveLength(expected.instances);
    expect(
      stack()
        .instances.map((i) => i.identifier)
        .sort(),
    ).toEqual(Array.from({ length: expected.instances }, (_, i) => `${databaseResourceName(stackName)}-aurora-instance-${i + 1}`));
    for (const instance of stack().instances) {
      expect(instance.instance_class).toBe("db.serverless");
      expect(instance.cluster_identifier).toBe(ref("aws_rds_cluster", stack().cluster.name, "id"));
    }
  });

  it("keeps backups, deletion protection and apply-immediately as the table says", () => {
    expect(stack().cluster.body).toMatchObject({
      backup_retention_period: expected.backupRetention,
      deletion_protection: expected.deletionProtection,
      skip_final_snapshot: expected.skipFinalSnapshot,
      apply_immediately: expected.applyImmediately,
    });
    for (const instance of stack().instances) expect(instance.apply_immediately).toBe(expected.applyImmediately);
  });

  it("keeps a final snapshot, named uniquely per cluster lifetime, unless the environment skips it", () => {
    if (expected.skipFinalSnapshot) {
      expect(stack().cluster.body.final_snapshot_identifier).toBeUndefined();
    } else {
      const suffix = onlyResource(stack().json, "random_id").name;
      expect(stack().cluster.body.final_snapshot_identifier).toBe(`${databaseResourceName(stackName)}-aurora-cluster-final-${ref("random_id", suffix, "hex")}`);
    }
  });

  it("keeps credentials as the environment says: our secret with its recovery window, or RDS's", () => {
    const secrets = Object.values(resourcesOf(stack().json, "aws_secretsmanager_secret"));
    if (expected.credentials !== "managed") {
      expect(secrets.map((secret) => secret.recovery_window_in_days)).toEqual([expected.recoveryWindow]);
      expect(stack().cluster.body.manage_master_user_password).toBeUndefined();
    } else {
      expect(secrets).toEqual([]);
      expect(stack().cluster.body.manage_master_user_password).toBe(true);
    }
  });

  it("encrypts with the customer-managed key of its key stack where the environment says so, else with aws/rds", () => {
    expect(resourcesOf(stack().json, "aws_kms_key")).toEqual({});
    const lookup = onlyDataSource(stack().json, "aws_kms_key");
    expect(stack().cluster.body.kms_key_id).toBe(dataRef("aws_kms_key", lookup.name, "arn"));
    expect(lookup.body.key_id).toBe(expected.customerKey ? `alias/${databaseResourceName(stackName)}-aurora` : "alias/aws/rds");
  });

  it("gives every IAM role its environment's permissions boundary from the bootstrap stack, in this stack's account and partition", () => {
    const roles = Object.values(resourcesOf(stack().json, "aws_iam_role"));
    expect(roles.length).toBeGreaterThan(0);
    // The stack's own lookups (the module's are private to it).
    const partition = "Partition";
    const account = "Account";
    expect(Object.keys(stack().json.data.aws_partition)).toContain(partition);
    expect(Object.keys(stack().json.data.aws_caller_identity)).toContain(account);
    // Looked up first, so that a plan in an account without the bootstrap stack stops before it creates anything.
    expect(stack().json.data.aws_iam_policy.PermissionsBoundary).toEqual({
      arn: `arn:${dataRef("aws_partition", partition, "partition")}:iam::${dataRef("aws_caller_identity", account, "account_id")}:policy/${permissionsBoundaryPolicyName(stackName)}`,
    });
    for (const role of roles) expect(role.permissions_boundary).toBe(dataRef("aws_iam_policy", "PermissionsBoundary", "arn"));
  });

  it("keeps the exported PostgreSQL log for the environment's retention", () => {
    expect(onlyResource(stack().json, "aws_cloudwatch_log_group").body).toMatchObject({
      name: `/aws/rds/cluster/${databaseResourceName(stackName)}-aurora-cluster/postgresql`,
      retention_in_days: expected.logRetention,
    });
  });

  it("logs slow statements and schema changes through its parameter group", () => {
    const group = onlyResource(stack().json, "aws_rds_cluster_parameter_group");
    expect(group.body.family).toBe("aurora-postgresql17");
    expect(group.body.parameter).toEqual([
      { name: "log_min_duration_statement", value: "1000", apply_method: "immediate" },
      { name: "log_statement", value: "ddl", apply_method: "immediate" },
    ]);
    expect(stack().cluster.body.db_cluster_parameter_group_name).toBe(ref("aws_rds_cluster_parameter_group", group.name, "name"));
  });

  it("names every resource after the stack, so environments share an account without collisions", () => {
    expect(stack().cluster.body.cluster_identifier).toBe(`${databaseResourceName(stackName)}-aurora-cluster`);
    expect(onlyResource(stack().json, "aws_db_subnet_group").body.name).toBe(`${databaseResourceName(stackName)}-aurora-subnet-group`);
    expect(onlyResource(stack().json, "aws_security_group").body.name_prefix).toBe(`${databaseResourceName(stackName)}-aurora-sg-`);
    expect(
      Object.values(resourcesOf(stack().json, "aws_iam_role"))
        .map((role) => role.name)
        .sort(),
    ).toEqual([
      // The role AWS Backup assumes, where the row has backups.
      ...(ENVIRONMENTS[stackName].backups === "none" ? [] : [`${databaseResourceName(stackName)}-aurora-backup-role`]),
      `${databaseResourceName(stackName)}-lambda-aurora-role`,
      `${databaseResourceName(stackName)}-rds-monitoring-role`,
    ]);
    expect(onlyResource(stack().json, "aws_rds_cluster_parameter_group").body.name_prefix).toBe(`${databaseResourceName(stackName)}-aurora-postgresql17-`);
    for (const secret of Object.values(resourcesOf(stack().json, "aws_secretsmanager_secret"))) {
      expect(secret.name).toMatch(new RegExp(`^${databaseResourceName(stackName)}-aurora-credentials-`));
    }
  });

  it("has a dashboard, and alarms where the environment is not disposable, sent to its topic encrypted with its key stack's key", () => {
    expect(onlyResource(stack().json, "aws_cloudwatch_dashboard").body.dashboard_name).toBe(`${databaseResourceName(stackName)}-aurora`);
    const alarms = Object.values(resourcesOf(stack().json, "aws_cloudwatch_metric_alarm"));
    expect(alarms).toHaveLength(expected.alarms);
    if (expected.alarms === 0) {
      expect(resourcesOf(stack().json, "aws_sns_topic")).toEqual({});
      return;
    }
    const topic = onlyResource(stack().json, "aws_sns_topic");
    expect(topic.body.name).toBe(`${databaseResourceName(stackName)}-aurora-alarms`);
    expect(topic.body.kms_master_key_id).toBe(dataRef("aws_kms_key", onlyDataSource(stack().json, "aws_kms_key").name, "arn"));
    for (const alarm of alarms) {
      expect(alarm.alarm_name).toMatch(new RegExp(`^${databaseResourceName(stackName)}-aurora-instance-\\d+-`));
      expect(alarm.alarm_actions).toEqual([ref("aws_sns_topic", topic.name, "arn")]);
    }
    // Nobody is subscribed unless AURORA_ALARM_EMAIL says who.
    expect(resourcesOf(stack().json, "aws_sns_topic_subscription")).toEqual({});
  });

  it("keeps the original database name and master username, encryption and the Data API", () => {
    expect(stack().cluster.body).toMatchObject({
      database_name: PROJECT.databaseName,
      master_username: PROJECT.masterUsername,
      storage_encrypted: true,
      enable_http_endpoint: true,
      engine_version: "17",
    });
  });
});

describe("readers in prod", () => {
  const prod = inHook(() => {
    const json = synthEnvironments().prod.json;
    const instances = resourcesOf(json, "aws_rds_cluster_instance");
    return {
      json,
      writer: Object.entries(instances).find(([, i]) => i.identifier.endsWith("-1"))!,
      reader: Object.values(instances).find((i) => i.identifier.endsWith("-2"))!,
    };
  });

  it("are created after the writer, so the intended instance becomes the writer", () => {
    const monitoring = `aws_iam_role_policy_attachment.${Object.keys(resourcesOf(prod().json, "aws_iam_role_policy_attachment")).find((name) => name.startsWith("Database_Monitoring_"))}`;
    expect(prod().reader.depends_on).toEqual([monitoring, `aws_rds_cluster_instance.${prod().writer[0]}`]);
    expect(prod().writer[1].depends_on).toEqual([monitoring]);
  });

  it("are in promotion tier 1, so they scale with the writer and fail over warm", () => {
    expect(prod().writer[1].promotion_tier).toBe(0);
    expect(prod().reader.promotion_tier).toBe(1);
  });

  it("go round-robin over the availability zones of the subnets, and a later zone change replaces nothing", () => {
    const zones = (index: number) =>
      expect.stringMatching(
        new RegExp(
          `^\\$\\{element\\(sort\\(distinct\\(\\[ for key, val in data\\.aws_subnet\\.[A-Za-z0-9_]+: val\\.availability_zone\\]\\)\\), ${index}\\)\\}$`,
        ),
      );
    expect(prod().writer[1].availability_zone).toEqual(zones(0));
    expect(prod().reader.availability_zone).toEqual(zones(1));
    for (const instance of [prod().writer[1], prod().reader]) expect(instance.lifecycle).toEqual({ ignore_changes: ["availability_zone"] });
  });
});
