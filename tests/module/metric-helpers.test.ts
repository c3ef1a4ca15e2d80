/**
 * `clusterMetric`, `instanceMetric`, `instanceMetrics` and `widgetMetric`: the metrics the alarms
 * and the dashboard read, as plain data for alarms and widgets of your own, on references to the
 * cluster's and instances' identifiers.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { DefaultTokenResolver, StringConcat, Token, Tokenization, type TerraformStack } from "cdktf";
import { widgetMetric, type DatabaseMetric, type InstanceMetricName } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { databaseStack, inHook, jsonDocument, ref, resourcesOf, resourceWhere, synthesize, validationProblems, type Block } from "../support/synth";
import { synthesizeReadmeExample } from "./readme-example";

/** Each metric with the statistic the alarms (and the dashboard) read it with. */
const STATISTICS: Readonly<Record<InstanceMetricName, string>> = {
  ServerlessDatabaseCapacity: "Average",
  ACUUtilization: "Average",
  CPUUtilization: "Average",
  FreeableMemory: "Average",
  DatabaseConnections: "Maximum",
  AuroraReplicaLag: "Maximum",
  Deadlocks: "Average",
};
const METRICS = Object.keys(STATISTICS) as InstanceMetricName[];

/** A value as the stack's Terraform JSON writes it: references as `${…}` interpolations. */
const resolve = (stack: TerraformStack, value: unknown) =>
  Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }) as Block;

describe("a database with two readers, alarms and the dashboard", () => {
  const built = inHook(() => {
    const { stack, database } = databaseStack({ readers: 2, minCapacity: 2, maxCapacity: 16, alarms: {}, dashboard: true });
    const { json } = synthesize(stack);
    const instanceName = (n: number) => resourceWhere(json, "aws_rds_cluster_instance", "identifier", `test-aurora-instance-${n}`).name;
    return { stack, database, json, instanceName, clusterName: Object.keys(resourcesOf(json, "aws_rds_cluster"))[0]! };
  });
  const resolved = (metric: DatabaseMetric | readonly DatabaseMetric[]) => resolve(built().stack, metric);
  const ofInstance = (n: number, metricName: InstanceMetricName) => ({
    namespace: "AWS/RDS",
    metricName,
    dimensions: { DBInstanceIdentifier: ref("aws_rds_cluster_instance", built().instanceName(n), "identifier") },
    statistic: STATISTICS[metricName],
    period: 60,
  });

  it("describes each metric of the writer (1) and of each reader (2, 3) on a reference to its identifier", () => {
    for (const metricName of METRICS) {
      for (const n of [1, 2, 3]) {
        const metric = built().database.instanceMetric(metricName, n);
        expect(Token.isUnresolved(metric.dimensions.DBInstanceIdentifier), `${metricName} of ${n}`).toBe(true);
        expect(resolved(metric), `${metricName} of ${n}`).toEqual(ofInstance(n, metricName));
      }
    }
  });

  it("gives every instance's, writer first, with instanceMetrics", () => {
    for (const metricName of METRICS) {
      expect(resolved(built().database.instanceMetrics(metricName))).toEqual([1, 2, 3].map((n) => ofInstance(n, metricName)));
    }
  });

  it("describes the cluster's capacity on a reference to the cluster identifier", () => {
    const metric = built().database.clusterMetric("ServerlessDatabaseCapacity");
    expect(Token.isUnresolved(metric.dimensions.DBClusterIdentifier)).toBe(true);
    expect(resolved(metric)).toEqual({
      namespace: "AWS/RDS",
      metricName: "ServerlessDatabaseCapacity",
      dimensions: { DBClusterIdentifier: ref("aws_rds_cluster", built().clusterName, "cluster_identifier") },
      statistic: "Average",
      period: 60,
    });
  });

  it("reads another statistic or period when asked", () => {
    const metric = built().database.instanceMetric("DatabaseConnections", 2, { statistic: "Average", period: 300 });
    expect(resolved(metric)).toEqual({ ...ofInstance(2, "DatabaseConnections"), statistic: "Average", period: 300 });
    expect(resolved(built().database.clusterMetric("ServerlessDatabaseCapacity", { statistic: "Maximum" }))).toMatchObject({
      statistic: "Maximum",
      period: 60,
    });
  });

  it("builds alarms that watch what the module's own alarms watch", () => {
    const { stack, database, json, instanceName } = built();
    const own = Object.values(resourcesOf(json, "aws_cloudwatch_metric_alarm"));
    expect(own).toHaveLength(3 * 6);
    own.forEach((alarm, i) => {
      const n = Number(/^test-aurora-instance-(\d+)$/.exec(alarm.dimensions.DBInstanceIdentifier)![1]);
      new CloudwatchMetricAlarm(stack, `Mine${i}`, {
        ...database.instanceMetric(alarm.metric_name, n),
        alarmName: `mine-${i}`,
        comparisonOperator: alarm.comparison_operator,
        threshold: alarm.threshold,
        evaluationPeriods: alarm.evaluation_periods,
      });
    });
    const mine = synthesize(stack).json;
    own.forEach((alarm, i) => {
      const built = resourceWhere(mine, "aws_cloudwatch_metric_alarm", "alarm_name", `mine-${i}`).body;
      const watched = ({ namespace, metric_name, statistic, period, comparison_operator, threshold, evaluation_periods }: Block) => ({
        namespace,
        metric_name,
        statistic,
        period,
        comparison_operator,
        threshold,
        evaluation_periods,
      });
      expect(watched(built), alarm.alarm_name).toEqual(watched(alarm));
      // The same instance: the reference is to the instance whose identifier the module's alarm names.
      const instance = built.dimensions.DBInstanceIdentifier as string;
      const n = Number(/^test-aurora-instance-(\d+)$/.exec(alarm.dimensions.DBInstanceIdentifier)![1]);
      expect(instance, alarm.alarm_name).toBe(ref("aws_rds_cluster_instance", instanceName(n), "identifier"));
      expect(resourcesOf(mine, "aws_rds_cluster_instance")[instanceName(n)]!.identifier).toBe(alarm.dimensions.DBInstanceIdentifier);
    });
  });

  it("writes dashboard lines of the metrics the dashboard graphs, with their statistic and period", () => {
    const { json, database } = built();
    const body = jsonDocument(Object.values(resourcesOf(json, "aws_cloudwatch_dashboard"))[0]!.dashboard_body) as Block;
    const graphs = (body.widgets as Block[]).filter((widget) => widget.type === "metric" && widget.properties.metrics[0].length === 5);
    for (const graph of graphs) {
      for (const [namespace, metricName, dimension, identifier, { label }] of graph.properties.metrics as [string, string, string, string, Block][]) {
        const metric =
          dimension === "DBClusterIdentifier"
            ? database.clusterMetric("ServerlessDatabaseCapacity")
            : database.instanceMetric(metricName as InstanceMetricName, Number(/(\d+)$/.exec(identifier)![1]));
        const line = resolve(built().stack, widgetMetric(metric, label)) as unknown[];
        expect(line.slice(0, 3), graph.properties.title).toEqual([namespace, metricName, dimension]);
        expect(line[4]).toEqual({ label, stat: graph.properties.stat, period: graph.properties.period });
      }
    }
    expect(graphs.map((graph) => graph.properties.title)).toEqual([
      "Capacity (ACU)",
      "ACU utilization (% of maxCapacity)",
      "Database connections",
      "CPU utilization (% of the CPU at maxCapacity)",
    ]);
  });

  it("writes a dashboard line without a label when given none", () => {
    const line = resolve(built().stack, widgetMetric(built().database.instanceMetric("Deadlocks", 3))) as unknown[];
    expect(line).toEqual([
      "AWS/RDS",
      "Deadlocks",
      "DBInstanceIdentifier",
      ref("aws_rds_cluster_instance", built().instanceName(3), "identifier"),
      { stat: "Average", period: 60 },
    ]);
  });

  it("refuses an instance that does not exist, a metric of another level and a statistic or period CloudWatch would not take", () => {
    const { database } = built();
    expect(validationProblems(() => database.instanceMetric("CPUUtilization", 4))).toEqual([
      { property: "instanceNumber", received: 4, allowed: "1 (the writer) to 3 (the last reader)" },
    ]);
    expect(validationProblems(() => database.instanceMetric("CPUUtilization", 0)).map((p) => p.property)).toEqual(["instanceNumber"]);
    expect(validationProblems(() => database.instanceMetric("CPUUtilization", 1.5)).map((p) => p.property)).toEqual(["instanceNumber"]);
    expect(validationProblems(() => database.clusterMetric("CPUUtilization" as "ServerlessDatabaseCapacity"))).toEqual([
      { property: "metricName", received: "CPUUtilization", allowed: "one of ServerlessDatabaseCapacity" },
    ]);
    expect(validationProblems(() => database.instanceMetrics("VolumeBytesUsed" as InstanceMetricName)).map((p) => p.property)).toEqual(["metricName"]);
    expect(
      validationProblems(() => database.instanceMetric("CPUUtilization", 1, { statistic: "p99" as "Average", period: 30 })).map((p) => p.property),
    ).toEqual(["options.statistic", "options.period"]);
  });
});

describe("a database without readers", () => {
  it("has the writer's metrics only", () => {
    const { stack, database } = databaseStack();
    expect(database.instanceMetrics("CPUUtilization")).toHaveLength(1);
    expect(validationProblems(() => database.instanceMetric("AuroraReplicaLag", 2))).toEqual([
      { property: "instanceNumber", received: 2, allowed: "1, the writer: there are no readers" },
    ]);
    expect(resolve(stack, database.instanceMetric("CPUUtilization", 1).dimensions)).toEqual({
      DBInstanceIdentifier: ref("aws_rds_cluster_instance", Object.keys(resourcesOf(synthesize(stack).json, "aws_rds_cluster_instance"))[0]!, "identifier"),
    });
  });
});

describe("the README's example", () => {
  it("builds an alarm on the first reader's CPU from instanceMetric", () => {
    const { json } = synthesizeReadmeExample("### Metrics for alarms and widgets of your own", (stack) => ({
      CloudwatchMetricAlarm,
      pagerTopic: new SnsTopic(stack, "Pager", { name: "pager" }),
    }));
    const reader = resourceWhere(json, "aws_rds_cluster_instance", "identifier", "orders-prod-aurora-instance-2").name;
    const pager = resourceWhere(json, "aws_sns_topic", "name", "pager").name;
    expect(resourceWhere(json, "aws_cloudwatch_metric_alarm", "alarm_name", "orders-prod-reader-busy").body).toEqual({
      alarm_name: "orders-prod-reader-busy",
      namespace: "AWS/RDS",
      metric_name: "CPUUtilization",
      dimensions: { DBInstanceIdentifier: ref("aws_rds_cluster_instance", reader, "identifier") },
      statistic: "Average",
      period: 60,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      threshold: 60,
      evaluation_periods: 10,
      alarm_actions: [ref("aws_sns_topic", pager, "arn")],
    });
  });
});
