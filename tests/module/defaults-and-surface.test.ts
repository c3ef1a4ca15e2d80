/**
 * The module on its own: safe defaults, the typed surface, and several databases side by side.
 */
import { TerraformOutput } from "cdktf";
import { AuroraPostgresServerless, DEFAULT_ENGINE_VERSION } from "cdktf-aurora-postgresql-serverless";
import { afterEach, describe, expect, it, vi } from "vitest";
import { databaseStack, inHook, onlyResource, ref, resourcesOf, resourceWhere, synthDatabase, synthesize } from "../support/synth";

describe("defaults", () => {
  const defaults = inHook(() => {
    const { json } = synthDatabase();
    const cluster = onlyResource(json, "aws_rds_cluster").body;
    const lifetime = Object.entries(resourcesOf(json, "random_id")).find(([, body]) => body.keepers !== undefined)![0];
    return { json, cluster, lifetime };
  });

  it("protect data: deletion protection on, final snapshot kept under a per-lifetime name", () => {
    expect(defaults().cluster.deletion_protection).toBe(true);
    expect(defaults().cluster.skip_final_snapshot).toBe(false);
    expect(defaults().cluster.final_snapshot_identifier).toBe(`test-aurora-cluster-final-${ref("random_id", defaults().lifetime, "hex")}`);
  });

  it("encrypt storage, copy tags to snapshots and wait for the maintenance window", () => {
    expect(defaults().cluster).toMatchObject({ storage_encrypted: true, copy_tags_to_snapshot: true, apply_immediately: false });
  });

  it("use the original capacity range without auto-pause, and a major-only engine version", () => {
    expect(defaults().cluster.serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 1 });
    expect(defaults().cluster.engine_version).toBe(DEFAULT_ENGINE_VERSION);
    expect(DEFAULT_ENGINE_VERSION).toMatch(/^\d+$/);
  });

  it("use a non-default master username and keep a deleted secret recoverable for 30 days", () => {
    expect(defaults().cluster.master_username).toBe("dbadmin");
    expect(onlyResource(defaults().json, "aws_secretsmanager_secret").body.recovery_window_in_days).toBe(30);
  });

  it("create one writer, private, and no reader", () => {
    const instances = Object.values(resourcesOf(defaults().json, "aws_rds_cluster_instance"));
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ identifier: "test-aurora-instance-1", publicly_accessible: false, apply_immediately: false });
  });
});

describe("options", () => {
  it("turn storage encryption off only when asked", () => {
    expect(onlyResource(synthDatabase({ storageEncrypted: false }).json, "aws_rds_cluster").body.storage_encrypted).toBe(false);
  });

  it("default the pause delay to 300 s at 0 ACU and accept another", () => {
    const scaling = (json: ReturnType<typeof synthDatabase>["json"]) => onlyResource(json, "aws_rds_cluster").body.serverlessv2_scaling_configuration;
    expect(scaling(synthDatabase({ minCapacity: 0 }).json).seconds_until_auto_pause).toBe(300);
    expect(scaling(synthDatabase({ minCapacity: 0, secondsUntilAutoPause: 3600 }).json).seconds_until_auto_pause).toBe(3600);
  });

  it("pass a pinned engine version, password length and windows through", () => {
    const { json } = synthDatabase({
      engineVersion: "16.6",
      autoMinorVersionUpgrade: false,
      passwordLength: 40,
      preferredBackupWindow: "01:00-01:30",
      preferredMaintenanceWindow: "wed:02:00-wed:03:00",
      backupRetentionDays: 21,
    });
    expect(onlyResource(json, "aws_rds_cluster").body).toMatchObject({
      engine_version: "16.6",
      preferred_backup_window: "01:00-01:30",
      preferred_maintenance_window: "wed:02:00-wed:03:00",
      backup_retention_period: 21,
    });
    expect(onlyResource(json, "random_password").body.length).toBe(40);
  });

  it("create N readers named after the writer", () => {
    const { json } = synthDatabase({ readers: 3 });
    const identifiers = Object.values(resourcesOf(json, "aws_rds_cluster_instance"))
      .map((i) => i.identifier)
      .sort();
    expect(identifiers).toEqual([1, 2, 3, 4].map((n) => `test-aurora-instance-${n}`));
  });
});

describe("attributes", () => {
  it("expose the cluster, endpoints, port, secret, role, security group and database name", () => {
    const { stack, database } = databaseStack({ readers: 1 });
    const attributes = {
      clusterArn: database.clusterArn,
      clusterIdentifier: database.clusterIdentifier,
      endpoint: database.endpoint,
      readerEndpoint: database.readerEndpoint,
      port: database.port,
      secretArn: database.secretArn,
      lambdaRoleArn: database.lambdaRoleArn,
      lambdaRoleName: database.lambdaRoleName,
      securityGroupId: database.securityGroupId,
      databaseName: database.databaseName,
    };
    for (const [name, value] of Object.entries(attributes)) new TerraformOutput(stack, name, { value });
    const { json } = synthesize(stack);
    const cluster = onlyResource(json, "aws_rds_cluster").name;
    const value = (name: string) => json.output[name].value;
    expect(value("clusterArn")).toBe(ref("aws_rds_cluster", cluster, "arn"));
    expect(value("clusterIdentifier")).toBe(ref("aws_rds_cluster", cluster, "cluster_identifier"));
    expect(value("endpoint")).toBe(ref("aws_rds_cluster", cluster, "endpoint"));
    expect(value("readerEndpoint")).toBe(ref("aws_rds_cluster", cluster, "reader_endpoint"));
    expect(value("port")).toBe(ref("aws_rds_cluster", cluster, "port"));
    expect(value("databaseName")).toBe(ref("aws_rds_cluster", cluster, "database_name"));
    expect(value("secretArn")).toBe(ref("aws_secretsmanager_secret", onlyResource(json, "aws_secretsmanager_secret").name, "arn"));
    const lambdaRole = resourceWhere(json, "aws_iam_role", "name", "test-lambda-aurora-role").name;
    expect(value("lambdaRoleArn")).toBe(ref("aws_iam_role", lambdaRole, "arn"));
    expect(value("lambdaRoleName")).toBe(ref("aws_iam_role", lambdaRole, "name"));
    expect(value("securityGroupId")).toBe(ref("aws_security_group", onlyResource(json, "aws_security_group").name, "id"));
    expect(database.readers).toHaveLength(1);
    expect(database.writer.identifierInput).toBe("test-aurora-instance-1");
  });
});

describe("several databases in one stack", () => {
  it("get distinct names for every named resource", () => {
    const { stack } = databaseStack({ name: "orders" });
    new AuroraPostgresServerless(stack, "Second", { name: "billing", databaseName: "billing" });
    const { json } = synthesize(stack);
    const names = (type: string, attribute: string) =>
      Object.values(resourcesOf(json, type))
        .map((r) => r[attribute])
        .sort();
    expect(names("aws_rds_cluster", "cluster_identifier")).toEqual(["billing-aurora-cluster", "orders-aurora-cluster"]);
    expect(names("aws_rds_cluster_instance", "identifier")).toEqual(["billing-aurora-instance-1", "orders-aurora-instance-1"]);
    expect(names("aws_db_subnet_group", "name")).toEqual(["billing-aurora-subnet-group", "orders-aurora-subnet-group"]);
    expect(names("aws_security_group", "name_prefix")).toEqual(["billing-aurora-sg-", "orders-aurora-sg-"]);
    expect(names("aws_iam_role", "name")).toEqual([
      "billing-lambda-aurora-role",
      "billing-rds-monitoring-role",
      "orders-lambda-aurora-role",
      "orders-rds-monitoring-role",
    ]);
    expect(names("aws_cloudwatch_log_group", "name")).toEqual([
      "/aws/rds/cluster/billing-aurora-cluster/postgresql",
      "/aws/rds/cluster/orders-aurora-cluster/postgresql",
    ]);
    expect(names("aws_secretsmanager_secret", "name").map((n: string) => n.split("${")[0])).toEqual([
      "billing-aurora-credentials-",
      "orders-aurora-credentials-",
    ]);
  });
});

describe("engine support warnings", () => {
  // The clock is pinned: the suite gives the same answer whatever the day it runs.
  afterEach(() => vi.useRealTimers());
  const on = (day: string) => vi.setSystemTime(new Date(`${day}T12:00:00Z`));
  const warnings = (props: Parameters<typeof databaseStack>[0]) =>
    databaseStack(props)
      .database.node.metadata.filter((entry) => entry.type === "@cdktf/warn")
      .map((entry) => String(entry.data));

  it("warn at synth that Extended Support is billed for a major past its end of standard support", () => {
    on("2026-06-01");
    expect(warnings({ engineVersion: "13", extendedSupport: true })).toEqual([
      expect.stringContaining("standard support for Aurora PostgreSQL 13 ended on 2026-02-28; RDS Extended Support is billed"),
    ]);
  });

  it("warn, and never fail, when a major ends its standard support without extendedSupport, naming the date and the choices", () => {
    on("2030-03-01");
    expect(warnings({})).toEqual([
      'engineVersion "17": standard support for Aurora PostgreSQL 17 ended on 2030-02-28. With extendedSupport false, RDS upgrades ' +
        "the cluster to a newer major and refuses to create one on 17: upgrade engineVersion to a major in standard support, " +
        "or set extendedSupport: true to pay for Extended Support.",
    ]);
    on("2027-03-01");
    expect(warnings({ engineVersion: "14" })).toEqual([expect.stringContaining("Aurora PostgreSQL 14 ended on 2027-02-28")]);
  });

  it("leave the synthesized configuration the same on any day, so two runs of one commit agree", () => {
    const synthesizedOn = (day: string) => {
      on(day);
      return synthDatabase({ engineVersion: "14" }).text;
    };
    expect(synthesizedOn("2027-03-01")).toBe(synthesizedOn("2026-06-01"));
    expect(synthesizedOn("2031-01-01")).toBe(synthesizedOn("2026-06-01"));
  });

  it("stay quiet for a supported major", () => {
    on("2027-02-28");
    expect(warnings({ engineVersion: "14" })).toEqual([]);
    expect(warnings({ engineVersion: "17" })).toEqual([]);
    expect(warnings({ engineVersion: "16.6", autoMinorVersionUpgrade: false, extendedSupport: true })).toEqual([]);
  });
});
