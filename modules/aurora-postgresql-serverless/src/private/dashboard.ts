/**
 * The database's CloudWatch dashboard, `<name>-aurora`. `dashboardWidgets` builds its body as
 * data, from names known at synth (the identifiers derive from `name`) and the capacity range;
 * `DatabaseDashboard` writes it as `jsonencode` of it (write-json-document.ts). The only tokens in it
 * are strings (the region, Performance Insights resource ids), which become references inside
 * the expression; numbers are always literal, so the capacity range must be known at synth.
 *
 * Dashboard body structure:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 *
 * The RDS Data API publishes no CloudWatch metrics of its own: AWS documents its monitoring
 * through CloudTrail data events and Performance Insights, where its sessions carry the
 * `application_name` `rds-data-api`
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/monitoring-using-performance-insights-data-api.html).
 * So its section says where its traffic shows, and graphs each instance's database load from
 * Performance Insights (`DB_PERF_INSIGHTS`, which Data API sessions are part of) when that is on.
 */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import type { Construct } from "constructs";
import { metricLine, type InstanceMetricName } from "../database-metric";
import { AURORA_METRICS, AURORA_STATISTICS, auroraMetric, DIMENSIONS, PERIOD_SECONDS, PROXY_METRICS, RDS_NAMESPACE } from "./metrics";
import { jsonDocument } from "./write-json-document";

/** One instance on the dashboard. */
export interface DashboardInstance {
  /** `<name>-aurora-instance-<n>`. */
  readonly identifier: string;
  /** Its `DbiResourceId`, for Performance Insights' database load; undefined when Performance Insights is off. */
  readonly resourceId?: string;
}

export interface DashboardInputs {
  /** The region of the metrics (every metric widget names one). */
  readonly region: string;
  readonly clusterIdentifier: string;
  /** The writer first, then the readers. */
  readonly instances: readonly DashboardInstance[];
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Whether the Data API is on: its section appears only then. */
  readonly dataApi: boolean;
  /** An RDS Proxy in front of the database, whose connections and queries then appear. */
  readonly proxyName?: string;
}

/** A metric as a dashboard graph lists it: namespace, name, dimension pairs, then rendering options. */
export type MetricLine = readonly (string | { readonly label?: string; readonly stat?: string; readonly expression?: string; readonly id?: string })[];

export interface MetricWidget {
  readonly type: "metric";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: {
    readonly title: string;
    readonly view: "timeSeries";
    readonly region: string;
    readonly stat: string;
    readonly period: number;
    readonly metrics: readonly MetricLine[];
    readonly yAxis?: { readonly left: { readonly min?: number; readonly max?: number; readonly label?: string } };
    readonly annotations?: { readonly horizontal: readonly { readonly label: string; readonly value: number }[] };
  };
}

export interface TextWidget {
  readonly type: "text";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: { readonly markdown: string };
}

export type Widget = MetricWidget | TextWidget;

/** Widgets are tiles of this size, two to a row of the 24-column grid. */
export const TILE = { width: 12, height: 6, columns: 2 } as const;

type Unplaced<W extends Widget> = Omit<W, "x" | "y" | "width" | "height">;

const DATA_API_TEXT =
  "## Data API\n" +
  "The RDS Data API publishes no CloudWatch metrics of its own. Its SQL runs on the writer in sessions whose " +
  "`application_name` is `rds-data-api`: in CloudWatch Database Insights (which replaced the Performance Insights console), " +
  "slice the database load by application. " +
  "Its calls are CloudTrail data events (**RDS Data API - DB Cluster**), recorded only by a trail that selects them.\n\n" +
  "[Monitoring Data API queries with Performance Insights](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/monitoring-using-performance-insights-data-api.html)";

/** The dashboard's widgets, placed in reading order. */
export function dashboardWidgets(inputs: DashboardInputs): { readonly widgets: readonly Widget[] } {
  const { region, clusterIdentifier, instances, minCapacity, maxCapacity } = inputs;
  const graph = (title: string, stat: string, metrics: readonly MetricLine[], extra: Partial<MetricWidget["properties"]> = {}): Unplaced<MetricWidget> => ({
    type: "metric",
    properties: { title, view: "timeSeries", region, stat, period: PERIOD_SECONDS, metrics, ...extra },
  });
  const perInstance = (metricName: InstanceMetricName): MetricLine[] =>
    instances.map(({ identifier }) => metricLine(auroraMetric(metricName, "instance", identifier), { label: identifier }));
  const statistic = (metricName: InstanceMetricName) => AURORA_STATISTICS[metricName];
  const percent = { yAxis: { left: { min: 0, max: 100, label: "%" } } };

  const unplaced: Unplaced<Widget>[] = [
    graph(
      "Capacity (ACU)",
      statistic(AURORA_METRICS.capacity),
      [
        metricLine(auroraMetric(AURORA_METRICS.capacity, "cluster", clusterIdentifier), { label: "cluster (average of instances)" }),
        ...perInstance(AURORA_METRICS.capacity),
      ],
      {
        yAxis: { left: { min: 0, label: "ACU" } },
        annotations: {
          horizontal: [
            { label: `maxCapacity (${maxCapacity} ACU)`, value: maxCapacity },
            { label: `minCapacity (${minCapacity} ACU)`, value: minCapacity },
          ],
        },
      },
    ),
    graph("ACU utilization (% of maxCapacity)", statistic(AURORA_METRICS.acuUtilization), perInstance(AURORA_METRICS.acuUtilization), percent),
    graph("Database connections", statistic(AURORA_METRICS.databaseConnections), perInstance(AURORA_METRICS.databaseConnections), {
      yAxis: { left: { min: 0 } },
    }),
    graph("CPU utilization (% of the CPU at maxCapacity)", statistic(AURORA_METRICS.cpuUtilization), perInstance(AURORA_METRICS.cpuUtilization), percent),
  ];

  if (inputs.dataApi) {
    unplaced.push({ type: "text", properties: { markdown: DATA_API_TEXT } });
    const profiled = instances.filter((instance) => instance.resourceId !== undefined);
    if (profiled.length > 0) {
      unplaced.push(
        graph(
          "Database load, Data API included (Performance Insights, average active sessions)",
          "Average",
          profiled.map(({ identifier, resourceId }, i) => [
            { expression: `DB_PERF_INSIGHTS('RDS', '${resourceId!}', 'db.load.avg')`, label: identifier, id: `load${i + 1}` },
          ]),
          { yAxis: { left: { min: 0 } } },
        ),
      );
    }
  }

  if (inputs.proxyName !== undefined) {
    const proxy = (metricName: string, label: string): MetricLine => [RDS_NAMESPACE, metricName, DIMENSIONS.proxy, inputs.proxyName!, { label }];
    unplaced.push(
      graph(
        `RDS Proxy ${inputs.proxyName}: connections`,
        "Sum",
        [proxy(PROXY_METRICS.clientConnections, "client connections"), proxy(PROXY_METRICS.databaseConnections, "database connections")],
        { yAxis: { left: { min: 0 } } },
      ),
      graph(`RDS Proxy ${inputs.proxyName}: queries`, "Sum", [proxy(PROXY_METRICS.queryRequests, "queries received")], { yAxis: { left: { min: 0 } } }),
    );
  }

  return {
    widgets: unplaced.map(
      (widget, i) =>
        ({
          ...widget,
          x: (i % TILE.columns) * TILE.width,
          y: Math.floor(i / TILE.columns) * TILE.height,
          width: TILE.width,
          height: TILE.height,
        }) as Widget,
    ),
  };
}

export interface DatabaseDashboardProps extends DashboardInputs {
  /** `<name>-aurora`. */
  readonly dashboardName: string;
}

/** The `aws_cloudwatch_dashboard` of the database, at `<scope>/Dashboard` (dashboards take no tags). */
export function databaseDashboard(scope: Construct, props: DatabaseDashboardProps): CloudwatchDashboard {
  const { dashboardName, ...inputs } = props;
  return new CloudwatchDashboard(scope, "Dashboard", { dashboardName, dashboardBody: jsonDocument(dashboardWidgets(inputs)) });
}
