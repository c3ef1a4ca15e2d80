/**
 * The CloudWatch metrics of a database, as plain data, for alarms and dashboard widgets of your
 * own: what `AuroraPostgresServerless`'s `clusterMetric`, `instanceMetric` and `instanceMetrics`
 * return. The construct's own alarms and dashboard read the same definitions
 * (private/metrics.ts).
 */
/**
 * The metrics Aurora publishes per instance (`DBInstanceIdentifier`) that the construct's alarms
 * and dashboard read ("Amazon CloudWatch metrics for Amazon Aurora",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html).
 */
export type InstanceMetricName =
  "ServerlessDatabaseCapacity" | "ACUUtilization" | "CPUUtilization" | "FreeableMemory" | "DatabaseConnections" | "AuroraReplicaLag" | "Deadlocks";

/**
 * The metrics Aurora publishes per cluster (`DBClusterIdentifier`) that the construct's dashboard
 * reads: `ServerlessDatabaseCapacity`, the average of the instances' capacity.
 */
export type ClusterMetricName = "ServerlessDatabaseCapacity";

/** A statistic `aws_cloudwatch_metric_alarm`'s `statistic` and a dashboard widget's `stat` accept. */
export type MetricStatistic = "SampleCount" | "Average" | "Sum" | "Minimum" | "Maximum";

/** What to read a metric with, instead of the defaults of the construct's alarms and dashboard. */
export interface MetricOptions {
  /**
   * The statistic.
   *
   * @default the one the construct's alarms and dashboard use: `Maximum` for `DatabaseConnections` and `AuroraReplicaLag`, `Average` for the others
   */
  readonly statistic?: MetricStatistic;
  /**
   * The length of a datapoint, in seconds: a multiple of 60, since Aurora publishes these metrics
   * every minute.
   *
   * @default 60
   */
  readonly period?: number;
}

/**
 * One CloudWatch metric of the database. Its fields are the arguments of the same names of
 * `aws_cloudwatch_metric_alarm` (`namespace`, `metric_name`, `dimensions`, `statistic`,
 * `period`), so it can be spread into a `CloudwatchMetricAlarm`'s config; `widgetMetric` writes it
 * as a line of a dashboard widget's `metrics`.
 */
export interface DatabaseMetric {
  /** Always `AWS/RDS`. */
  readonly namespace: "AWS/RDS";
  /** The metric's name, e.g. `CPUUtilization`. */
  readonly metricName: string;
  /**
   * One dimension: `DBClusterIdentifier` with the cluster's identifier, or `DBInstanceIdentifier`
   * with an instance's, as references to the cluster's and instances' `identifier`.
   */
  readonly dimensions: { readonly [name: string]: string };
  /** The statistic. */
  readonly statistic: MetricStatistic;
  /** The length of a datapoint, in seconds. */
  readonly period: number;
}

/** The rendering options of a line of a dashboard widget's `metrics`. */
export interface WidgetMetricOptions {
  /** The legend's label; omitted when not given. */
  readonly label?: string;
  /** The metric's statistic. */
  readonly stat: MetricStatistic;
  /** The metric's period, in seconds. */
  readonly period: number;
}

/**
 * A metric as a line of a dashboard graph: namespace, name, dimension pairs, then `rendering`.
 * The construct's dashboard writes its lines with it; the package exports `widgetMetric` only.
 */
export function metricLine<R extends object>(metric: DatabaseMetric, rendering: R): readonly (string | R)[] {
  return [metric.namespace, metric.metricName, ...Object.entries(metric.dimensions).flat(), rendering];
}

/**
 * One metric as a line of a dashboard metric widget's `metrics`: namespace, name, dimension name
 * and value, then its label, statistic and period (dashboard body structure,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 *
 * @param metric a metric of the database
 * @param label the legend's label
 */
export function widgetMetric(metric: DatabaseMetric, label?: string): readonly (string | WidgetMetricOptions)[] {
  return metricLine(metric, { ...(label === undefined ? {} : { label }), stat: metric.statistic, period: metric.period });
}
