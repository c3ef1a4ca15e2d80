/**
 * The module's examples are what CI hands to `terraform validate` for the blocks no environment
 * stack writes: they must keep containing them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES, synthesizeExamples } from "../../scripts/module-examples";
import type { Block } from "../support/synth";

// Inside the project, as cdktf.out is: the examples' paths hold no machine path either.
const outdir = mkdtempSync(join(import.meta.dirname, "../../.synth-test-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
synthesizeExamples(outdir);
const stack = (name: string): Block => JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));

describe("the module examples", () => {
  it("are written, one stack each", () => {
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it("hold every block cdktf has no class for, and the write-only arguments", () => {
    const writeOnly = stack("write-only");
    expect(Object.keys(writeOnly.ephemeral.random_password)).toHaveLength(1);
    expect(writeOnly.removed).toHaveLength(2);
    const value = Object.values(writeOnly.resource.aws_secretsmanager_secret_version as Record<string, Block>)[0]!;
    expect(value.lifecycle.replace_triggered_by).toEqual([expect.stringMatching(/^random_id\.\w+$/)]);
    expect(Object.values(writeOnly.resource.aws_rds_cluster as Record<string, Block>)[0]!.master_password_wo_version).toBe(2);
  });

  it("hold custom endpoints with both kinds of list, replaced with the cluster, and local write forwarding", () => {
    const writeOnly = stack("write-only");
    const cluster = Object.keys(writeOnly.resource.aws_rds_cluster)[0]!;
    const endpoints = Object.values(writeOnly.resource.aws_rds_cluster_endpoint as Record<string, Block>);
    expect(endpoints.map((endpoint) => [endpoint.custom_endpoint_type, Object.keys(endpoint).filter((key) => key.endsWith("_members"))])).toEqual([
      ["READER", ["static_members"]],
      ["ANY", ["excluded_members"]],
    ]);
    for (const endpoint of endpoints) expect(endpoint.lifecycle.replace_triggered_by).toEqual([`aws_rds_cluster.${cluster}.cluster_resource_id`]);
    expect(writeOnly.resource.aws_rds_cluster[cluster].enable_local_write_forwarding).toBe(true);
  });

  it("hold I/O-Optimized storage, Database Insights' Advanced mode and encrypted log groups", () => {
    const cluster = (name: string) => Object.values(stack(name).resource.aws_rds_cluster as Record<string, Block>)[0]!;
    expect(cluster("created-key").storage_type).toBe("aurora-iopt1");
    expect(cluster("write-only")).toMatchObject({ database_insights_mode: "advanced", performance_insights_retention_period: 465 });
    for (const name of ["created-key", "write-only"]) {
      const groups = Object.values(stack(name).resource.aws_cloudwatch_log_group as Record<string, Block>);
      expect(groups.map((group) => group.kms_key_id)).toEqual([expect.stringMatching(/^\$\{aws_kms_key\.\w+\.arn\}$/)]);
    }
  });

  it("hold a restore to a point in time, and the ignore_changes of its source and of the keepers it decides", () => {
    const restored = stack("restored");
    const cluster = Object.values(restored.resource.aws_rds_cluster as Record<string, Block>)[0]!;
    expect(cluster.restore_to_point_in_time).toEqual({
      source_cluster_identifier: "orders-prod-aurora-cluster",
      use_latest_restorable_time: true,
      restore_type: "copy-on-write",
    });
    expect(cluster.lifecycle.ignore_changes).toEqual(["snapshot_identifier", "restore_to_point_in_time", "database_name", "master_username"]);
    const lifetime = Object.values(restored.resource.random_id as Record<string, Block>).find((body) => body.keepers !== undefined)!;
    expect(lifetime.lifecycle.ignore_changes).toEqual(['keepers["database_name"]', 'keepers["master_username"]']);
  });

  it("hold alarms on a paused database with metric math and an email subscription, and an alarm topic with a key of its own", () => {
    const created = stack("created-key");
    const alarms = Object.values(created.resource.aws_cloudwatch_metric_alarm as Record<string, Block>);
    expect(alarms.filter((alarm) => alarm.metric_query !== undefined)).toHaveLength(1);
    expect(Object.values(created.resource.aws_sns_topic_subscription as Record<string, Block>)).toEqual([
      expect.objectContaining({ protocol: "email", endpoint: "oncall@example.com" }),
    ]);
    const restored = stack("restored");
    const topicKey = Object.keys(restored.resource.aws_kms_key);
    expect(topicKey).toHaveLength(1);
    expect(Object.values(restored.resource.aws_sns_topic as Record<string, Block>)[0]!.kms_master_key_id).toBe(`\${aws_kms_key.${topicKey[0]}.arn}`);
  });

  it("hold the created key, the rotation schedule, readers in zones, the parameter group and every grant", () => {
    const created = stack("created-key");
    expect(Object.keys(created.resource.aws_kms_key)).toHaveLength(1);
    expect(Object.values(created.resource.aws_secretsmanager_secret_rotation as Record<string, Block>)[0]!.rotation_rules).toEqual({
      schedule_expression: "cron(0 4 ? * SUN *)",
    });
    const writeOnly = stack("write-only");
    expect(Object.keys(writeOnly.resource.aws_rds_cluster_instance)).toHaveLength(3);
    expect(Object.keys(writeOnly.resource.aws_rds_cluster_parameter_group)).toHaveLength(1);
    expect(Object.values(writeOnly.resource.aws_iam_role_policy as Record<string, Block>).map((policy) => policy.name)).toEqual(
      expect.arrayContaining([
        "orders-write-only-aurora-data-api-Reporting",
        "orders-write-only-aurora-connect-ReportingConnect",
        "orders-write-only-aurora-pi-read-ReportingInsights",
      ]),
    );
  });

  it("hold a proxy with its target, read-only endpoint, a user besides the master user and the proxy connect grant", () => {
    const proxied = stack("proxied");
    const proxy = Object.values(proxied.resource.aws_db_proxy as Record<string, Block>)[0]!;
    expect(proxy.require_tls).toBe(true);
    const reportingSecret = Object.entries(proxied.resource.aws_secretsmanager_secret as Record<string, Block>).find(
      ([, secret]) => secret.name_prefix === "orders-proxied-reporting-",
    )![0];
    expect(proxy.auth.map((entry: Block) => entry.secret_arn)).toEqual([
      expect.stringMatching(/^\$\{aws_secretsmanager_secret\.\w+\.arn\}$/),
      `\${aws_secretsmanager_secret.${reportingSecret}.arn}`,
    ]);
    expect(Object.keys(proxied.resource.aws_db_proxy_target)).toHaveLength(1);
    expect(Object.keys(proxied.resource.aws_db_proxy_endpoint)).toHaveLength(1);
    expect(Object.values(proxied.resource.aws_iam_role_policy as Record<string, Block>).map((policy) => policy.name)).toContain(
      "orders-proxied-aurora-proxy-connect-ReportingProxy",
    );
  });

  it("hold a backup plan with a vault of its own, its key, lock and notifications, and copies to another region's vault", () => {
    const backedUp = stack("backed-up");
    expect(Object.keys(backedUp.resource.aws_backup_vault)).toHaveLength(1);
    expect(Object.keys(backedUp.resource.aws_backup_vault_lock_configuration)).toHaveLength(1);
    expect(Object.keys(backedUp.resource.aws_backup_vault_notifications)).toHaveLength(1);
    expect(Object.keys(backedUp.resource.aws_backup_selection)).toHaveLength(1);
    const plan = Object.values(backedUp.resource.aws_backup_plan as Record<string, Block>)[0]!;
    for (const rule of plan.rule as Block[])
      expect(rule.copy_action[0].destination_vault_arn).toBe("arn:aws:backup:us-west-2:123456789012:backup-vault:orders-backed-up-aurora-backup-dr");
  });

  it("hold a global database made from the primary, and its secondary through the other region's provider", () => {
    const global = stack("global");
    expect(Object.keys(global.resource.aws_rds_global_cluster)).toHaveLength(1);
    const secondary = Object.values(global.resource.aws_rds_cluster as Record<string, Block>).find(
      (cluster) => cluster.global_cluster_identifier !== undefined,
    )!;
    expect(secondary.provider).toBe("aws.secondary");
    expect(global.provider.aws).toEqual(expect.arrayContaining([expect.objectContaining({ alias: "secondary", region: "us-west-2" })]));
  });
});
