/**
 * The CloudWatch metrics the alarms and the dashboard read, where AWS publishes them, and the
 * capacity arithmetic both need.
 *
 * Aurora publishes in the `AWS/RDS` namespace. Cluster-level metrics take the
 * `DBClusterIdentifier` dimension, instance-level ones `DBInstanceIdentifier` ("Amazon CloudWatch
 * metrics for Amazon Aurora",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html):
 * `ServerlessDatabaseCapacity` at both levels in Serverless v2 (the cluster's is the average of its
 * instances'); `ACUUtilization`, `CPUUtilization`, `FreeableMemory`, `DatabaseConnections`,
 * `Deadlocks` per instance; `AuroraReplicaLag` per replica. What they mean for Serverless v2
 * ("Important Amazon CloudWatch metrics for Aurora Serverless v2",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html#aurora-serverless-v2.viewing.monitoring):
 * `ACUUtilization` is the capacity as a percentage of the maximum, `CPUUtilization` a percentage
 * of the CPU at the maximum, and `FreeableMemory` the memory that would be free at the maximum
 * (it grows by about 2 GiB for every ACU below it), so none of them approaches its limit before
 * the instance has scaled as high as it can.
 *
 * The dimensions themselves: "Amazon CloudWatch dimensions for Aurora",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/dimensions.html. The alarms, the
 * dashboard and the public `clusterMetric`, `instanceMetric` and `instanceMetrics` all describe a
 * metric with `auroraMetric`, so they agree on its name, dimension, statistic and period.
 *
 * RDS Proxy publishes in the same namespace with the `ProxyName` dimension
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy.monitoring.html).
 */
import type { ClusterMetricName, DatabaseMetric, InstanceMetricName, MetricOptions, MetricStatistic } from "../database-metric";
import type { ClusterParameter } from "../props";
import type { ValidationProblem } from "../validation-error";

export const RDS_NAMESPACE = "AWS/RDS";

/** The dimension of each level. */
export const DIMENSIONS = {
  cluster: "DBClusterIdentifier",
  instance: "DBInstanceIdentifier",
  proxy: "ProxyName",
} as const;

/** One-minute datapoints: Aurora publishes these metrics every minute. */
export const PERIOD_SECONDS = 60;

/** The Aurora metrics, by what they tell. */
export const AURORA_METRICS = {
  capacity: "ServerlessDatabaseCapacity",
  acuUtilization: "ACUUtilization",
  cpuUtilization: "CPUUtilization",
  freeableMemory: "FreeableMemory",
  databaseConnections: "DatabaseConnections",
  replicaLag: "AuroraReplicaLag",
  deadlocks: "Deadlocks",
} as const satisfies Readonly<Record<string, InstanceMetricName>>;

/**
 * The statistic the alarms and the dashboard read each Aurora metric with, and the default of
 * the public metrics: the highest value for connections and lag (the worst minute matters), the
 * average for the others.
 */
export const AURORA_STATISTICS: { readonly [N in InstanceMetricName]: MetricStatistic } = {
  ServerlessDatabaseCapacity: "Average",
  ACUUtilization: "Average",
  CPUUtilization: "Average",
  FreeableMemory: "Average",
  DatabaseConnections: "Maximum",
  AuroraReplicaLag: "Maximum",
  Deadlocks: "Average",
};

/** The metrics of each level, by their names. */
export const INSTANCE_METRIC_NAMES: readonly InstanceMetricName[] = Object.values(AURORA_METRICS);
export const CLUSTER_METRIC_NAMES: readonly ClusterMetricName[] = [AURORA_METRICS.capacity];

const STATISTICS: readonly MetricStatistic[] = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

/**
 * One Aurora metric of the cluster or of one instance (`identifier`), read with its statistic
 * and one-minute period unless `options` say otherwise: what the alarms watch, the dashboard
 * graphs and the public `clusterMetric`, `instanceMetric` and `instanceMetrics` return.
 */
export function auroraMetric(metricName: InstanceMetricName, level: "cluster" | "instance", identifier: string, options: MetricOptions = {}): DatabaseMetric {
  return {
    namespace: RDS_NAMESPACE,
    metricName,
    dimensions: { [DIMENSIONS[level]]: identifier },
    statistic: options.statistic ?? AURORA_STATISTICS[metricName],
    period: options.period ?? PERIOD_SECONDS,
  };
}

/** What is wrong with a metric's name (of `names`) and options, if anything. */
export function metricProblems(metricName: unknown, names: readonly string[], options: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (typeof metricName !== "string" || !names.includes(metricName)) {
    problems.push({ property: "metricName", received: metricName, allowed: `one of ${names.join(", ")}` });
  }
  if (options === undefined) return problems;
  if (typeof options !== "object" || options === null) {
    return [...problems, { property: "options", received: options, allowed: "an object with statistic and period, each optional" }];
  }
  const { statistic, period } = options as Record<string, unknown>;
  if (statistic !== undefined && !STATISTICS.includes(statistic as MetricStatistic)) {
    problems.push({ property: "options.statistic", received: statistic, allowed: `one of ${STATISTICS.join(", ")}` });
  }
  if (period !== undefined && !(typeof period === "number" && Number.isInteger(period) && period > 0 && period % PERIOD_SECONDS === 0)) {
    problems.push({
      property: "options.period",
      received: period,
      allowed: `a positive multiple of ${PERIOD_SECONDS} seconds: Aurora publishes these metrics every minute`,
    });
  }
  return problems;
}

/** The RDS Proxy metrics the dashboard shows; for these the most useful statistic is Sum. */
export const PROXY_METRICS = {
  clientConnections: "ClientConnections",
  databaseConnections: "DatabaseConnections",
  queryRequests: "QueryRequests",
} as const;

/** One ACU is about 2 GiB of memory ("How Aurora Serverless v2 works"). */
export const BYTES_PER_ACU = 2 * 2 ** 30;

/** The memory of an instance at `maxCapacity`, in bytes. */
export function memoryAtMaxCapacity(maxCapacity: number): number {
  return maxCapacity * BYTES_PER_ACU;
}

/**
 * Aurora PostgreSQL's default `max_connections` for Serverless v2, which it derives from the
 * memory at the maximum capacity ("Maximum connections for Aurora Serverless v2",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html#aurora-serverless-v2.max-connections):
 * 189 at 1 ACU, 823 at 4, 1,669 at 8, 3,360 at 16, 5,000 from 32 on, and at most 2,000 while the
 * minimum is 0.5 ACU (or 0). The formula is linear in memory, so between the documented points,
 * and above 16 ACU up to the cap, the value lies on the line through its neighbours.
 */
const DOCUMENTED_MAX_CONNECTIONS: readonly (readonly [capacity: number, connections: number])[] = [
  [1, 189],
  [4, 823],
  [8, 1669],
  [16, 3360],
];
const MAX_CONNECTIONS_CAP = 5000;
const SMALL_MINIMUM_CAP = 2000;

export function defaultMaxConnections(minCapacity: number, maxCapacity: number): number {
  const points = DOCUMENTED_MAX_CONNECTIONS;
  const upper = points.findIndex(([capacity]) => capacity >= maxCapacity);
  const [[c0, n0], [c1, n1]] = upper <= 0 ? [points[0]!, points[1]!] : [points[upper - 1]!, points[upper]!];
  const onTheLine = upper === -1 ? extend(points.at(-2)!, points.at(-1)!, maxCapacity) : n0 + ((n1 - n0) * (maxCapacity - c0)) / (c1 - c0);
  const cap = minCapacity < 1 ? SMALL_MINIMUM_CAP : MAX_CONNECTIONS_CAP;
  return Math.floor(Math.min(onTheLine, cap));
}

function extend([c0, n0]: readonly [number, number], [c1, n1]: readonly [number, number], capacity: number): number {
  return n1 + ((n1 - n0) * (capacity - c1)) / (c1 - c0);
}

/**
 * The `max_connections` the instances run with: the cluster parameter when it is a plain
 * number, otherwise Aurora's default for the capacity range.
 */
export function maxConnections(
  minCapacity: number,
  maxCapacity: number,
  clusterParameters: Readonly<Record<string, string | ClusterParameter>> | undefined,
): number {
  const parameter = clusterParameters?.max_connections;
  const value = typeof parameter === "string" ? parameter : parameter?.value;
  return value !== undefined && /^[1-9]\d*$/.test(value) ? Number(value) : defaultMaxConnections(minCapacity, maxCapacity);
}
