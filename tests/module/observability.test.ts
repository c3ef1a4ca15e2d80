/**
 * Log export into a log group we own, Performance Insights, Enhanced Monitoring and the
 * cluster parameter group.
 */
import { describe, expect, it } from "vitest";
import { accountRefs, inHook, jsonDocument, onlyResource, ref, resourcesOf, resourceWhere, synthDatabase, type Block } from "../support/synth";

describe("PostgreSQL log export", () => {
  const logs = inHook(() => {
    const { json } = synthDatabase({ logRetentionDays: 90 });
    const group = onlyResource(json, "aws_cloudwatch_log_group");
    const cluster = onlyResource(json, "aws_rds_cluster").body;
    return { json, group, cluster };
  });

  it("goes to a log group named as RDS names it, with a retention, created before the cluster", () => {
    expect(logs().group.body).toMatchObject({ name: "/aws/rds/cluster/test-aurora-cluster/postgresql", retention_in_days: 90 });
    expect(logs().cluster.enabled_cloudwatch_logs_exports).toEqual(["postgresql"]);
    expect(logs().cluster.depends_on).toEqual([`aws_cloudwatch_log_group.${logs().group.name}`]);
  });

  it("keeps logs 30 days by default, and can be turned off", () => {
    expect(onlyResource(synthDatabase().json, "aws_cloudwatch_log_group").body.retention_in_days).toBe(30);
    const off = synthDatabase({ exportPostgresLogs: false }).json;
    expect(resourcesOf(off, "aws_cloudwatch_log_group")).toEqual({});
    expect(onlyResource(off, "aws_rds_cluster").body.enabled_cloudwatch_logs_exports).toBeUndefined();
    expect(onlyResource(off, "aws_rds_cluster").body.depends_on).toBeUndefined();
  });
});

describe("Performance Insights", () => {
  it("is on with the free 7-day retention by default, and takes another retention", () => {
    expect(onlyResource(synthDatabase().json, "aws_rds_cluster_instance").body).toMatchObject({
      performance_insights_enabled: true,
      performance_insights_retention_period: 7,
    });
    expect(
      onlyResource(synthDatabase({ performanceInsightsRetentionDays: 31 }).json, "aws_rds_cluster_instance").body.performance_insights_retention_period,
    ).toBe(31);
  });

  it("can be turned off, leaving no key or retention behind", () => {
    const instance = onlyResource(
      synthDatabase({ performanceInsights: false, encryptionKey: "create", skipFinalSnapshot: true }).json,
      "aws_rds_cluster_instance",
    ).body;
    expect(instance.performance_insights_enabled).toBe(false);
    expect(instance.performance_insights_kms_key_id).toBeUndefined();
    expect(instance.performance_insights_retention_period).toBeUndefined();
  });
});

describe("Enhanced Monitoring", () => {
  const monitoring = inHook(() => {
    const { json } = synthDatabase({ monitoringIntervalSeconds: 15, readers: 1 });
    const role = resourceWhere(json, "aws_iam_role", "name", "test-rds-monitoring-role");
    return { json, role };
  });

  it("sets the interval and role on every instance", () => {
    for (const instance of Object.values(resourcesOf(monitoring().json, "aws_rds_cluster_instance"))) {
      expect(instance).toMatchObject({ monitoring_interval: 15, monitoring_role_arn: ref("aws_iam_role", monitoring().role.name, "arn") });
    }
  });

  it("uses a role only RDS monitoring of this account can assume, with the AWS managed policy", () => {
    const { partition, account } = accountRefs(monitoring().json);
    expect(jsonDocument(monitoring().role.body.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "monitoring.rds.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": account } },
        },
      ],
    });
    expect(Object.values(resourcesOf(monitoring().json, "aws_iam_role_policy_attachment"))).toEqual([
      {
        role: ref("aws_iam_role", monitoring().role.name, "name"),
        policy_arn: `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
      },
    ]);
  });

  it("makes every instance wait for the role's policy attachment, without which RDS refuses the role", () => {
    const attachment = Object.keys(resourcesOf(monitoring().json, "aws_iam_role_policy_attachment"));
    expect(attachment).toHaveLength(1);
    for (const instance of Object.values(resourcesOf(monitoring().json, "aws_rds_cluster_instance"))) {
      expect(instance.depends_on).toContain(`aws_iam_role_policy_attachment.${attachment[0]}`);
    }
  });

  it("at interval 0 is off, with no role", () => {
    const off = synthDatabase({ monitoringIntervalSeconds: 0 }).json;
    expect(onlyResource(off, "aws_rds_cluster_instance").body.monitoring_interval).toBe(0);
    expect(onlyResource(off, "aws_rds_cluster_instance").body.monitoring_role_arn).toBeUndefined();
    expect(onlyResource(off, "aws_rds_cluster_instance").body.depends_on).toBeUndefined();
    expect(Object.values(resourcesOf(off, "aws_iam_role")).map((r: Block) => r.name)).toEqual(["test-lambda-aurora-role"]);
  });
});

describe("cluster parameters", () => {
  it("go into a parameter group of the engine major's family, named by a prefix and replaced create-before-destroy", () => {
    const { json } = synthDatabase({
      engineVersion: "16",
      clusterParameters: {
        log_statement: "ddl",
        shared_preload_libraries: { value: "pg_stat_statements", applyMethod: "pending-reboot" },
      },
    });
    const group = onlyResource(json, "aws_rds_cluster_parameter_group");
    expect(group.body.name).toBeUndefined();
    expect(group.body).toMatchObject({
      name_prefix: "test-aurora-postgresql16-",
      family: "aurora-postgresql16",
      lifecycle: { create_before_destroy: true },
      parameter: [
        { name: "log_statement", value: "ddl", apply_method: "immediate" },
        { name: "shared_preload_libraries", value: "pg_stat_statements", apply_method: "pending-reboot" },
      ],
    });
    expect(onlyResource(json, "aws_rds_cluster").body.db_cluster_parameter_group_name).toBe(ref("aws_rds_cluster_parameter_group", group.name, "name"));
  });

  it("are written in the order of their names' character codes, whatever order they are given in", () => {
    // Names are lowercase letters, digits, "_" and "." (validated); "." sorts before "_" by character
    // code, while a locale's collation puts "_" first.
    const names = ["rds.force_ssl", "rds_x", "pgaudit.log", "log_statement", "log_min_duration_statement"];
    const { json } = synthDatabase({ clusterParameters: Object.fromEntries(names.map((name) => [name, "1"])) });
    const written = (onlyResource(json, "aws_rds_cluster_parameter_group").body.parameter as Block[]).map((parameter) => parameter.name);
    expect(written).toEqual(["log_min_duration_statement", "log_statement", "pgaudit.log", "rds.force_ssl", "rds_x"]);
  });

  it("are optional: without them the cluster keeps the AWS default group", () => {
    const { json } = synthDatabase();
    expect(resourcesOf(json, "aws_rds_cluster_parameter_group")).toEqual({});
    expect(onlyResource(json, "aws_rds_cluster").body.db_cluster_parameter_group_name).toBeUndefined();
  });
});
