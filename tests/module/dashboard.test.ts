/**
 * `dashboard`: the body as data (widgets, metrics, annotations, positions), and the dashboard
 * the construct writes from it.
 */
import { TerraformOutput } from "cdktf";
import { describe, expect, it } from "vitest";
import { dashboardWidgets, TILE, type DashboardInputs, type Widget } from "../../modules/aurora-postgresql-serverless/src/private/dashboard";
import {
  databaseStack,
  dataRef,
  inHook,
  jsonDocument,
  onlyDataSource,
  onlyResource,
  ref,
  resourcesOf,
  synthDatabase,
  synthesize,
  type Block,
} from "../support/synth";

const INPUTS: DashboardInputs = {
  region: "eu-west-1",
  clusterIdentifier: "orders-aurora-cluster",
  instances: [
    { identifier: "orders-aurora-instance-1", resourceId: "db-WRITER" },
    { identifier: "orders-aurora-instance-2", resourceId: "db-READER" },
  ],
  minCapacity: 0.5,
  maxCapacity: 8,
  dataApi: true,
};

const titles = (widgets: readonly Widget[]) => widgets.map((widget) => (widget.type === "metric" ? widget.properties.title : "text"));
const graph = (widgets: readonly Widget[], title: string) => {
  const found = widgets.find((widget) => widget.type === "metric" && widget.properties.title === title);
  expect(found, title).toBeDefined();
  return found as Extract<Widget, { type: "metric" }>;
};
const instanceLine = (metric: string, identifier: string) => ["AWS/RDS", metric, "DBInstanceIdentifier", identifier, { label: identifier }];

describe("the dashboard body, as data", () => {
  const { widgets } = dashboardWidgets(INPUTS);

  it("shows capacity, ACU utilization, connections and CPU, then the Data API", () => {
    expect(titles(widgets)).toEqual([
      "Capacity (ACU)",
      "ACU utilization (% of maxCapacity)",
      "Database connections",
      "CPU utilization (% of the CPU at maxCapacity)",
      "text",
      "Database load, Data API included (Performance Insights, average active sessions)",
    ]);
  });

  it("places 12 x 6 tiles two to a row of the 24-column grid, in reading order", () => {
    expect(widgets.map(({ x, y, width, height }) => [x, y, width, height])).toEqual([
      [0, 0, 12, 6],
      [12, 0, 12, 6],
      [0, 6, 12, 6],
      [12, 6, 12, 6],
      [0, 12, 12, 6],
      [12, 12, 12, 6],
    ]);
    expect(TILE.width * TILE.columns).toBe(24);
  });

  it("draws the cluster's capacity and each instance's against minCapacity and maxCapacity", () => {
    const capacity = graph(widgets, "Capacity (ACU)");
    expect(capacity.properties).toMatchObject({
      view: "timeSeries",
      region: "eu-west-1",
      stat: "Average",
      period: 60,
      yAxis: { left: { min: 0, label: "ACU" } },
    });
    expect(capacity.properties.metrics).toEqual([
      ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", "orders-aurora-cluster", { label: "cluster (average of instances)" }],
      instanceLine("ServerlessDatabaseCapacity", "orders-aurora-instance-1"),
      instanceLine("ServerlessDatabaseCapacity", "orders-aurora-instance-2"),
    ]);
    expect(capacity.properties.annotations).toEqual({
      horizontal: [
        { label: "maxCapacity (8 ACU)", value: 8 },
        { label: "minCapacity (0.5 ACU)", value: 0.5 },
      ],
    });
  });

  it("draws each instance's ACU utilization, connections and CPU by DBInstanceIdentifier, percentages on 0-100", () => {
    const lines = (metric: string) => INPUTS.instances.map(({ identifier }) => instanceLine(metric, identifier));
    const acu = graph(widgets, "ACU utilization (% of maxCapacity)");
    expect(acu.properties).toMatchObject({ stat: "Average", metrics: lines("ACUUtilization"), yAxis: { left: { min: 0, max: 100 } } });
    expect(graph(widgets, "Database connections").properties).toMatchObject({ stat: "Maximum", metrics: lines("DatabaseConnections") });
    const cpu = graph(widgets, "CPU utilization (% of the CPU at maxCapacity)");
    expect(cpu.properties).toMatchObject({ stat: "Average", metrics: lines("CPUUtilization"), yAxis: { left: { min: 0, max: 100 } } });
    for (const widget of widgets) if (widget.type === "metric") expect(widget.properties.region).toBe("eu-west-1");
  });

  it("says where Data API traffic shows, since it has no CloudWatch metrics, and graphs the database load from Performance Insights", () => {
    const text = widgets[4]!;
    expect(text.type).toBe("text");
    expect(text.type === "text" && text.properties.markdown).toMatch(
      /publishes no CloudWatch metrics.*`rds-data-api`.*CloudWatch Database Insights.*by application.*CloudTrail data events/s,
    );
    expect(graph(widgets, "Database load, Data API included (Performance Insights, average active sessions)").properties.metrics).toEqual([
      [{ expression: "DB_PERF_INSIGHTS('RDS', 'db-WRITER', 'db.load.avg')", label: "orders-aurora-instance-1", id: "load1" }],
      [{ expression: "DB_PERF_INSIGHTS('RDS', 'db-READER', 'db.load.avg')", label: "orders-aurora-instance-2", id: "load2" }],
    ]);
  });

  it("leaves the Data API out when it is off, and the database load when Performance Insights is off", () => {
    expect(titles(dashboardWidgets({ ...INPUTS, dataApi: false }).widgets)).toHaveLength(4);
    const withoutInsights = dashboardWidgets({ ...INPUTS, instances: INPUTS.instances.map(({ identifier }) => ({ identifier })) }).widgets;
    expect(titles(withoutInsights).at(-1)).toBe("text");
    expect(withoutInsights).toHaveLength(5);
  });
});

describe("with an RDS Proxy", () => {
  const { widgets } = dashboardWidgets({ ...INPUTS, proxyName: "orders-proxy" });

  it("adds the proxy's connections and queries by ProxyName, as sums, after the rest", () => {
    expect(titles(widgets).slice(-2)).toEqual(["RDS Proxy orders-proxy: connections", "RDS Proxy orders-proxy: queries"]);
    expect(graph(widgets, "RDS Proxy orders-proxy: connections").properties).toMatchObject({
      stat: "Sum",
      metrics: [
        ["AWS/RDS", "ClientConnections", "ProxyName", "orders-proxy", { label: "client connections" }],
        ["AWS/RDS", "DatabaseConnections", "ProxyName", "orders-proxy", { label: "database connections" }],
      ],
    });
    expect(graph(widgets, "RDS Proxy orders-proxy: queries").properties).toMatchObject({
      stat: "Sum",
      metrics: [["AWS/RDS", "QueryRequests", "ProxyName", "orders-proxy", { label: "queries received" }]],
    });
    expect(widgets.slice(-2).map(({ x, y }) => [x, y])).toEqual([
      [0, 18],
      [12, 18],
    ]);
  });

  it("has no proxy widget without a proxy", () => {
    expect(JSON.stringify(dashboardWidgets(INPUTS))).not.toContain("ProxyName");
  });
});

describe("dashboard: true", () => {
  const board = inHook(() => {
    const { stack, database } = databaseStack({ readers: 1, minCapacity: 0, maxCapacity: 4, dashboard: true });
    new TerraformOutput(stack, "dashboardName", { value: database.dashboardName });
    const { json } = synthesize(stack);
    const dashboard = onlyResource(json, "aws_cloudwatch_dashboard").body;
    const instances = Object.entries(resourcesOf(json, "aws_rds_cluster_instance"));
    const instance = (n: number) => instances.find(([, body]) => body.identifier === `test-aurora-instance-${n}`)![0];
    return { stack, database, json, dashboard, instances, instance };
  });

  it("creates the dashboard <name>-aurora and exposes its name", () => {
    expect(board().dashboard.dashboard_name).toBe("test-aurora");
    expect(board().json.output.dashboardName.value).toBe(
      ref("aws_cloudwatch_dashboard", onlyResource(board().json, "aws_cloudwatch_dashboard").name, "dashboard_name"),
    );
  });

  it("writes exactly the body the builder makes from the database: its names, capacity range, region and instances", () => {
    const expected = dashboardWidgets({
      region: dataRef("aws_region", onlyDataSource(board().json, "aws_region").name, "region"),
      clusterIdentifier: "test-aurora-cluster",
      instances: [1, 2].map((n) => ({
        identifier: `test-aurora-instance-${n}`,
        resourceId: ref("aws_rds_cluster_instance", board().instance(n), "dbi_resource_id"),
      })),
      minCapacity: 0,
      maxCapacity: 4,
      dataApi: true,
    });
    expect(jsonDocument(board().dashboard.dashboard_body)).toEqual(expected);
  });

  const body = (props: Parameters<typeof synthDatabase>[0]) =>
    jsonDocument(onlyResource(synthDatabase(props).json, "aws_cloudwatch_dashboard").body.dashboard_body) as { widgets: Widget[] };

  it("follows the database's switches: no Data API section without it, no database load without Performance Insights", () => {
    expect(titles(body({ dashboard: true, dataApi: false, createLambdaRole: false }).widgets)).not.toContain("text");
    const withoutInsights = titles(body({ dashboard: true, performanceInsights: false }).widgets);
    expect(withoutInsights).toContain("text");
    expect(withoutInsights.join()).not.toContain("Performance Insights");
  });

  it("graphs the database's own RDS Proxy when it has one, by the proxy's name", () => {
    const widgets = body({ dashboard: true, minCapacity: 0.5, proxy: {} }).widgets;
    expect(titles(widgets).slice(-2)).toEqual(["RDS Proxy test-aurora-proxy: connections", "RDS Proxy test-aurora-proxy: queries"]);
    expect(JSON.stringify(body({ dashboard: true }).widgets)).not.toContain("ProxyName");
  });

  it("is not created by default", () => {
    const { json: plain } = synthDatabase();
    expect(resourcesOf(plain, "aws_cloudwatch_dashboard")).toEqual({});
  });

  it("keeps its name within CloudWatch's limits for the longest name", () => {
    const name = `a${"b".repeat(43)}`;
    const body: Block = onlyResource(synthDatabase({ name, dashboard: true }).json, "aws_cloudwatch_dashboard").body;
    expect(body.dashboard_name).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
  });
});
