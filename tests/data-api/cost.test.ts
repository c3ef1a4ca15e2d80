/**
 * `aurora-db cost`'s estimator: every pricing rule on small hand-written Terraform JSON, with the
 * expected figures worked out by hand, then the real stacks against the package README's table.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  COST_TABLE_WIDTH,
  estimateStackCost,
  formatCostTable,
  roundEstimate,
  type CostLine,
  type StackCostEstimate,
} from "../../modules/aurora-data-api/src/cost/estimate";
import { PRICE_TABLE, pricesFor } from "../../modules/aurora-data-api/src/cost/prices";
import { keyStackName } from "../../stacks/key-stack";
import { synthApp } from "../support/synth";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A stack's Terraform JSON with the AWS provider in `region` and these resources. */
function stack(resource: Resources, region = "us-east-1"): Record<string, unknown> {
  return { provider: { aws: [{ region }] }, resource };
}

const CLUSTER_REF = "${aws_rds_cluster.main.id}";

/** One cluster `main` (0.5-4 ACU unless given) with the named Serverless v2 instances. */
function database(options: { scaling?: unknown; cluster?: Record<string, unknown>; instances?: Record<string, Record<string, unknown>> } = {}): Resources {
  const instances = options.instances ?? { writer: {} };
  return {
    aws_rds_cluster: {
      main: {
        cluster_identifier: "main-cluster",
        serverlessv2_scaling_configuration: options.scaling ?? { min_capacity: 0.5, max_capacity: 4 },
        ...options.cluster,
      },
    },
    aws_rds_cluster_instance: Object.fromEntries(
      Object.entries(instances).map(([name, body]) => [name, { cluster_identifier: CLUSTER_REF, instance_class: "db.serverless", ...body }]),
    ),
  };
}

function linesStarting(estimate: StackCostEstimate, item: string): CostLine[] {
  return estimate.lines.filter((line) => line.item.startsWith(item));
}

function onlyLine(estimate: StackCostEstimate, item: string): CostLine {
  const lines = linesStarting(estimate, item);
  expect(lines, item).toHaveLength(1);
  return lines[0]!;
}

function expectMonthly(line: CostLine, idle: number, max: number): void {
  expect(line.monthlyUsd).not.toBeNull();
  expect(line.monthlyUsd!.idle).toBeCloseTo(idle, 10);
  expect(line.monthlyUsd!.max).toBeCloseTo(max, 10);
}

describe("Serverless v2 capacity", () => {
  it("prices each instance at its minimum and maximum ACUs for 730 hours, Aurora Standard", () => {
    const estimate = estimateStackCost("s", stack(database()));
    const writer = onlyLine(estimate, "Serverless v2 capacity (Aurora Standard): writer");
    expect(writer).toMatchObject({ unit: "ACU-hour", unitPriceUsd: 0.12, resources: ["aws_rds_cluster_instance.writer"] });
    expect(writer.quantity!.idle).toBeCloseTo(365, 10); // 0.5 ACU × 730 h
    expect(writer.quantity!.max).toBeCloseTo(2920, 10); // 4 ACU × 730 h
    expectMonthly(writer, 43.8, 350.4); // 0.5 × 730 × 0.12; 4 × 730 × 0.12
    expect(writer.note).toContain("idle at the 0.5 ACU minimum");
  });

  it("reads the scaling block as Terraform JSON's list of one object as well as an object", () => {
    const estimate = estimateStackCost("s", stack(database({ scaling: [{ min_capacity: 1, max_capacity: 2 }] })));
    expectMonthly(onlyLine(estimate, "Serverless v2 capacity"), 87.6, 175.2); // 1 × 730 × 0.12; 2 × 730 × 0.12
  });

  it("prices I/O-Optimized clusters (storage_type aurora-iopt1) at the I/O-Optimized rates", () => {
    const estimate = estimateStackCost("s", stack(database({ cluster: { storage_type: "aurora-iopt1" } })));
    const writer = onlyLine(estimate, "Serverless v2 capacity (Aurora I/O-Optimized): writer");
    expect(writer.unitPriceUsd).toBe(0.156);
    expectMonthly(writer, 56.94, 455.52); // 0.5 × 730 × 0.156; 4 × 730 × 0.156
    expect(onlyLine(estimate, "Cluster storage").unitPriceUsd).toBe(0.225);
    expect(onlyLine(estimate, "Storage I/O")).toMatchObject({ unitPriceUsd: 0, monthlyUsd: null, note: "included in I/O-Optimized" });
  });

  it("bills nothing at idle for a cluster that pauses (minimum 0)", () => {
    const scaling = { min_capacity: 0, max_capacity: 2, seconds_until_auto_pause: 300 };
    const writer = onlyLine(estimateStackCost("s", stack(database({ scaling }))), "Serverless v2 capacity");
    expect(writer.quantity).toEqual({ idle: 0, max: 1460 }); // 2 ACU × 730 h
    expectMonthly(writer, 0, 175.2); // 2 × 730 × 0.12
    expect(writer.note).toContain("pauses at 0 ACU after 300 s");
  });

  it("takes the lowest promotion tier as the writer; tiers 0-1 follow it, tiers 2-15 scale on their own", () => {
    const instances = { reporting: { promotion_tier: 5 }, first: {}, standby: { promotion_tier: 1 } };
    const estimate = estimateStackCost("s", stack(database({ scaling: { min_capacity: 1, max_capacity: 8 }, instances })));
    const compute = linesStarting(estimate, "Serverless v2 capacity");
    expect(compute.map((line) => [line.item.replace(/^.*: /, ""), line.resources[0]])).toEqual([
      ["writer", "aws_rds_cluster_instance.first"], // no promotion_tier: the provider's default 0
      ["reader, promotion tier 1", "aws_rds_cluster_instance.standby"],
      ["reader, promotion tier 5", "aws_rds_cluster_instance.reporting"],
    ]);
    for (const line of compute) expectMonthly(line, 87.6, 700.8); // 1 × 730 × 0.12; 8 × 730 × 0.12
    expect(compute[1]!.note).toContain("follows the writer: scales and pauses with it");
    expect(compute[2]!.note).toContain("scales on its own load, idle at the minimum");
    expect(estimate.totalUsd.idle).toBeCloseTo(262.8, 10); // 3 × 87.60
    expect(estimate.totalUsd.max).toBeCloseTo(2102.4, 10); // 3 × 700.80
  });

  it("lets every reader of a pausing cluster pause: those in tiers 2-15 on their own", () => {
    const instances = { writer: {}, reporting: { promotion_tier: 2 } };
    const estimate = estimateStackCost("s", stack(database({ scaling: { min_capacity: 0, max_capacity: 1 }, instances })));
    const reader = onlyLine(estimate, "Serverless v2 capacity (Aurora Standard): reader");
    expectMonthly(reader, 0, 87.6); // paused; 1 × 730 × 0.12
    expect(reader.note).toContain("scales on its own load and pauses on its own");
  });

  it("matches instances to their cluster by reference or by cluster_identifier", () => {
    const resources: Resources = {
      aws_rds_cluster: {
        small: { cluster_identifier: "small-cluster", serverlessv2_scaling_configuration: { min_capacity: 0.5, max_capacity: 1 } },
        large: { cluster_identifier: "large-cluster", serverlessv2_scaling_configuration: { min_capacity: 2, max_capacity: 4 } },
      },
      aws_rds_cluster_instance: {
        a: { cluster_identifier: "${aws_rds_cluster.large.cluster_identifier}", instance_class: "db.serverless" },
        b: { cluster_identifier: "small-cluster", instance_class: "db.serverless" },
      },
    };
    const estimate = estimateStackCost("s", stack(resources));
    const byInstance = Object.fromEntries(linesStarting(estimate, "Serverless v2 capacity").map((line) => [line.resources[0], line.monthlyUsd]));
    expect(byInstance["aws_rds_cluster_instance.a"]!.idle).toBeCloseTo(175.2, 10); // 2 × 730 × 0.12
    expect(byInstance["aws_rds_cluster_instance.b"]!.max).toBeCloseTo(87.6, 10); // 1 × 730 × 0.12
  });

  it("refuses an instance whose cluster it cannot tell among several", () => {
    const resources = database();
    resources.aws_rds_cluster!.other = { cluster_identifier: "other", serverlessv2_scaling_configuration: { min_capacity: 1, max_capacity: 2 } };
    resources.aws_rds_cluster_instance!.writer!.cluster_identifier = "${var.cluster}";
    expect(() => estimateStackCost("s", stack(resources))).toThrow(/cannot tell which aws_rds_cluster the instance writer belongs to/);
  });

  it("refuses a capacity not known at synth", () => {
    const scaling = { min_capacity: "${var.min}", max_capacity: 4 };
    expect(() => estimateStackCost("s", stack(database({ scaling })))).toThrow(/min_capacity of main must be a number of ACUs known at synth/);
  });

  it("shows a provisioned instance without pricing it", () => {
    const estimate = estimateStackCost("s", stack(database({ instances: { writer: { instance_class: "db.r6g.large" } } })));
    expect(onlyLine(estimate, "Serverless v2 capacity")).toMatchObject({ monthlyUsd: null, quantity: null });
    expect(estimate.totalUsd).toEqual({ idle: 0, max: 0 });
  });
});

describe("storage, I/O and backups", () => {
  it("are per-unit prices with no amount, left out of the totals", () => {
    const estimate = estimateStackCost("s", stack(database({ cluster: { backup_retention_period: 14 } })));
    expect(onlyLine(estimate, "Cluster storage (Aurora Standard)")).toMatchObject({ unit: "GB-month", unitPriceUsd: 0.1, quantity: null, monthlyUsd: null });
    expect(onlyLine(estimate, "Storage I/O (Aurora Standard)")).toMatchObject({
      unit: "million requests",
      unitPriceUsd: 0.2,
      quantity: null,
      monthlyUsd: null,
    });
    const backup = onlyLine(estimate, "Backup storage beyond the free amount");
    expect(backup).toMatchObject({ unit: "GB-month", unitPriceUsd: 0.021, monthlyUsd: null });
    expect(backup.note).toContain("retention 14 days");
    // Only the writer's capacity is in the totals.
    expect(estimate.totalUsd.idle).toBeCloseTo(43.8, 10);
    expect(estimate.totalUsd.max).toBeCloseTo(350.4, 10);
  });
});

describe("Performance Insights", () => {
  it("prices history beyond 7 days per ACU of the instance, at minimum and maximum", () => {
    const instances = { writer: { performance_insights_enabled: true, performance_insights_retention_period: 93 } };
    const line = onlyLine(estimateStackCost("s", stack(database({ instances }))), "Performance Insights history: writer");
    expect(line).toMatchObject({ unit: "ACU-month", unitPriceUsd: 0.375, quantity: { idle: 0.5, max: 4 } });
    expectMonthly(line, 0.1875, 1.5); // 0.5 ACU × $0.375; 4 ACU × $0.375
    expect(line.note).toContain("93 days of history, beyond the free 7");
  });

  it("is free with 7 days of history or no retention set, and absent when off", () => {
    const instances = {
      writer: { performance_insights_enabled: true, performance_insights_retention_period: 7 },
      unset: { performance_insights_enabled: true },
      off: { performance_insights_enabled: false, performance_insights_retention_period: 731 },
    };
    const lines = linesStarting(estimateStackCost("s", stack(database({ instances }))), "Performance Insights");
    expect(lines.map((line) => line.resources[0])).toEqual(["aws_rds_cluster_instance.writer", "aws_rds_cluster_instance.unset"]);
    for (const line of lines) expect(line).toMatchObject({ monthlyUsd: { idle: 0, max: 0 }, note: "7 days of history: free" });
  });

  it("costs nothing at idle on a paused instance", () => {
    const instances = { writer: { performance_insights_enabled: true, performance_insights_retention_period: 31 } };
    const scaling = { min_capacity: 0, max_capacity: 2 };
    expectMonthly(onlyLine(estimateStackCost("s", stack(database({ scaling, instances }))), "Performance Insights"), 0, 0.75); // 2 × $0.375
  });
});

describe("secrets and keys", () => {
  it("prices each customer-managed KMS key at $1 a month", () => {
    const estimate = estimateStackCost("s", stack({ aws_kms_key: { a: {}, b: {} }, aws_kms_alias: { a: {} } }));
    const keys = onlyLine(estimate, "KMS customer-managed keys");
    expect(keys).toMatchObject({ unit: "key-month", unitPriceUsd: 1, quantity: { idle: 2, max: 2 }, resources: ["aws_kms_key.a", "aws_kms_key.b"] });
    expectMonthly(keys, 2, 2); // 2 × $1
  });

  it("gives a stack with only a key (the key stacks) its key line and nothing else", () => {
    const estimate = estimateStackCost("prod-key", stack({ aws_kms_key: { key: {} } }));
    expect(estimate.lines.map((line) => line.item)).toEqual(["KMS customer-managed keys"]);
    expect(estimate.totalUsd).toEqual({ idle: 1, max: 1 });
  });

  it("prices every Secrets Manager secret and a cluster's RDS-managed secret at $0.40 a month", () => {
    const resources = { ...database({ cluster: { manage_master_user_password: true } }), aws_secretsmanager_secret: { one: {}, two: {} } };
    const estimate = estimateStackCost("s", stack(resources));
    expectMonthly(onlyLine(estimate, "Secrets Manager secrets"), 0.8, 0.8); // 2 × $0.40
    const managed = onlyLine(estimate, "Secrets Manager secret (RDS-managed master password)");
    expect(managed.resources).toEqual(["aws_rds_cluster.main"]);
    expectMonthly(managed, 0.4, 0.4);
  });

  it("adds no managed secret when the cluster does not manage its password", () => {
    expect(linesStarting(estimateStackCost("s", stack(database())), "Secrets Manager")).toEqual([]);
  });
});

describe("RDS Proxy", () => {
  function proxied(scaling: unknown): Resources {
    return {
      ...database({ scaling, instances: { writer: {}, reader: { promotion_tier: 1 } } }),
      aws_db_proxy: { proxy: { name: "main-proxy" } },
      aws_db_proxy_target: {
        target: { db_proxy_name: "${aws_db_proxy.proxy.name}", db_cluster_identifier: "${aws_rds_cluster.main.cluster_identifier}" },
      },
    };
  }

  it("bills the cluster's capacity per ACU-hour, at least 8 ACUs", () => {
    const line = onlyLine(estimateStackCost("s", stack(proxied({ min_capacity: 2, max_capacity: 16 }))), "RDS Proxy");
    expect(line).toMatchObject({ unit: "ACU-hour", unitPriceUsd: 0.015, resources: ["aws_db_proxy.proxy"] });
    // Idle: 2 instances × 2 ACU = 4 ACU, raised to the 8-ACU minimum: 8 × 730 × 0.015 = 87.60.
    // Maximum: 2 instances × 16 ACU = 32 ACU: 32 × 730 × 0.015 = 350.40.
    expect(line.quantity).toEqual({ idle: 5840, max: 23360 });
    expectMonthly(line, 87.6, 350.4);
  });

  it("charges the minimum when the whole cluster stays under 8 ACUs", () => {
    const line = onlyLine(estimateStackCost("s", stack(proxied({ min_capacity: 0.5, max_capacity: 2 }))), "RDS Proxy");
    expectMonthly(line, 87.6, 87.6); // 8 × 730 × 0.015 both ways: 1 and 4 ACU are under the minimum
  });
});

describe("CloudWatch", () => {
  it("prices alarms per alarm metric at $0.10, counting each metric a metric-math alarm reads", () => {
    const mathAlarm = {
      metric_query: [
        { id: "e", expression: "a + b" },
        { id: "a", metric: { metric_name: "A" } },
        { id: "b", metric: { metric_name: "B" } },
      ],
    };
    const estimate = estimateStackCost(
      "s",
      stack({ aws_cloudwatch_metric_alarm: { cpu: { metric_name: "CPU" }, memory: { metric_name: "Mem" }, math: mathAlarm } }),
    );
    const alarms = onlyLine(estimate, "CloudWatch metric alarms");
    expect(alarms).toMatchObject({ unit: "alarm-month", unitPriceUsd: 0.1, quantity: { idle: 4, max: 4 } });
    expectMonthly(alarms, 0.4, 0.4); // (1 + 1 + 2) × $0.10
    expect(alarms.note).toContain("free alarm metrics are per account");
  });

  it("prices every dashboard at $3, stating the free ones are per account", () => {
    const dashboards = onlyLine(estimateStackCost("s", stack({ aws_cloudwatch_dashboard: { a: {}, b: {} } })), "CloudWatch dashboards");
    expectMonthly(dashboards, 6, 6); // 2 × $3
    expect(dashboards.note).toContain("3 free dashboards (up to 50 metrics each) are per account, not per stack");
  });
});

describe("totals", () => {
  it("add every priced line at idle and at maximum, unrounded", () => {
    const resources = {
      ...database({ scaling: { min_capacity: 0.5, max_capacity: 4 }, cluster: { manage_master_user_password: true } }),
      aws_cloudwatch_metric_alarm: { a: {}, b: {}, c: {} },
      aws_cloudwatch_dashboard: { d: {} },
    };
    const estimate = estimateStackCost("s", stack(resources));
    // 43.80 + 0.40 + 0.30 + 3.00 = 47.50; 350.40 + 0.40 + 0.30 + 3.00 = 354.10
    expect(estimate.totalUsd.idle).toBeCloseTo(47.5, 10);
    expect(estimate.totalUsd.max).toBeCloseTo(354.1, 10);
  });

  it("rounds to cents for --json: each line's and the total's money, quantities to 4 decimals, unit prices as they are", () => {
    const instances = { writer: { performance_insights_enabled: true, performance_insights_retention_period: 62 } };
    const resources = { ...database({ instances }), aws_cloudwatch_metric_alarm: { a: {}, b: {}, c: {} } };
    const estimate = estimateStackCost("s", stack(resources));
    // Unrounded: 0.5 ACU × $0.375 = 0.1875; 3 × 0.1 = 0.30000000000000004.
    expect(onlyLine(estimate, "Performance Insights").monthlyUsd!.idle).toBe(0.1875);
    expect(onlyLine(estimate, "CloudWatch metric alarms").monthlyUsd!.idle).not.toBe(0.3);
    const rounded = roundEstimate(estimate);
    expect(onlyLine(rounded, "Performance Insights")).toMatchObject({
      monthlyUsd: { idle: 0.19, max: 1.5 },
      quantity: { idle: 0.5, max: 4 },
      unitPriceUsd: 0.375,
    });
    expect(onlyLine(rounded, "CloudWatch metric alarms").monthlyUsd).toEqual({ idle: 0.3, max: 0.3 });
    // The total is the unrounded sum rounded, as the table shows it: 43.80 + 0.1875 + 0.30 = 44.2875.
    expect(rounded.totalUsd).toEqual({ idle: 44.29, max: 352.2 });
    expect(onlyLine(rounded, "Cluster storage").monthlyUsd).toBeNull();
    expect(formatCostTable([rounded])).toBe(formatCostTable([estimate]));
  });

  it("is plain data: JSON keeps all of it", () => {
    const estimate = estimateStackCost("s", stack(database()));
    expect(JSON.parse(JSON.stringify(estimate))).toEqual(estimate);
    expect(estimate).toMatchObject({ stack: "s", region: "us-east-1", currency: "USD", hoursPerMonth: 730, pricesAsOf: PRICE_TABLE.asOf });
    expect(estimate.priceSources.every((source) => /^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//.test(source))).toBe(true);
    expect(estimate.usage).toEqual({ databaseGb: null, dailyChangeGb: null });
  });
});

describe("regions", () => {
  it("uses the provider's region's prices", () => {
    const usEast1 = PRICE_TABLE.regions["us-east-1"]!;
    const table = {
      ...PRICE_TABLE,
      regions: {
        ...PRICE_TABLE.regions,
        "eu-west-1": { ...usEast1, serverlessV2: { ...usEast1.serverlessV2, standard: { usd: 0.13, unit: "ACU-hour" as const } } },
      },
    };
    const writer = onlyLine(estimateStackCost("s", stack(database(), "eu-west-1"), table), "Serverless v2 capacity");
    expect(writer.unitPriceUsd).toBe(0.13);
    expectMonthly(writer, 47.45, 379.6); // 0.5 × 730 × 0.13; 4 × 730 × 0.13
    // The table given is the one the estimate reads throughout: its date, sources and hours too.
    const dated = estimateStackCost("s", stack(database(), "eu-west-1"), {
      ...table,
      asOf: "2099-01-01",
      source: ["https://example.com/prices"],
      hoursPerMonth: 720,
    });
    expect([dated.pricesAsOf, dated.priceSources, dated.hoursPerMonth]).toEqual(["2099-01-01", ["https://example.com/prices"], 720]);
    expectMonthly(onlyLine(dated, "Serverless v2 capacity"), 46.8, 374.4); // 0.5 × 720 × 0.13; 4 × 720 × 0.13
  });

  it("refuses a region the table lacks, naming it and the regions the table has", () => {
    expect(() => estimateStackCost("s", stack(database(), "ap-south-1"))).toThrow(
      'No prices for region "ap-south-1": the price table has us-east-1, us-west-2.',
    );
  });

  it("refuses a config without a literal provider region", () => {
    expect(() => estimateStackCost("s", { resource: {} })).toThrow(/expected the AWS provider's region at provider.aws\[0\].region, got nothing/);
    expect(() => estimateStackCost("s", stack({}, "${var.region}"))).toThrow(/is not known at synth/);
  });

  it("has every price with a unit in every region, us-east-1 all of them, us-west-2 those a source gave for it", () => {
    const UNITS = [
      "ACU-hour",
      "ACU-month",
      "GB-month",
      "GB",
      "million requests",
      "million write I/Os",
      "secret-month",
      "key-month",
      "alarm-month",
      "dashboard-month",
    ];
    /** Every price in the region's table, by its path: each is an object with usd and unit. */
    const pricesIn = (node: object, path: string): [string, { usd: unknown; unit: unknown }][] =>
      "usd" in node
        ? [[path, node as { usd: unknown; unit: unknown }]]
        : Object.entries(node).flatMap(([key, child]) => pricesIn(child as object, `${path}.${key}`));
    const known: Record<string, string[]> = {};
    for (const region of Object.keys(PRICE_TABLE.regions)) {
      const prices = pricesIn(pricesFor(region), region);
      expect(prices.length).toBe(15);
      for (const [path, { usd, unit }] of prices) {
        expect(UNITS, path).toContain(unit);
        // An unknown price is null, never a number a sum could use.
        if (usd === null) continue;
        // I/O-Optimized includes the I/O requests: its price is 0, every other price is above it.
        expect(usd, path).toBeGreaterThanOrEqual(path.endsWith("ioRequests.ioOptimized") ? 0 : Number.MIN_VALUE);
        (known[region] ??= []).push(path.slice(region.length + 1));
      }
    }
    expect(known["us-east-1"]).toHaveLength(15);
    expect(known["us-west-2"]).toEqual(["storage.standard", "ioRequests.standard", "ioRequests.ioOptimized", "replicatedWriteIo", "kmsKey"]);
  });
});

describe("invalid input", () => {
  it.each([
    ["null", null],
    ["a string", "cdk.tf.json"],
    ["an array", []],
  ])("refuses %s, saying what it expected", (_, config) => {
    expect(() => estimateStackCost("dev", config)).toThrow(/^Stack "dev": expected its synthesized Terraform JSON \(the object in cdk.tf.json\), got /);
  });

  it("refuses a config without a resource object", () => {
    expect(() => estimateStackCost("dev", { provider: { aws: [{ region: "us-east-1" }] } })).toThrow(
      'Stack "dev": expected a "resource" object in its Terraform JSON, got nothing.',
    );
    expect(() => estimateStackCost("dev", { resource: [] })).toThrow(/expected a "resource" object in its Terraform JSON, got an array/);
  });
});

describe("formatCostTable", () => {
  it("shows every line, its note under it, and the totals, rounded to cents, and the sum of several stacks", () => {
    const instances = { writer: { performance_insights_enabled: true, performance_insights_retention_period: 62 } };
    const database1 = estimateStackCost("app", stack(database({ instances })));
    const key = estimateStackCost("app-key", stack({ aws_kms_key: { key: {} } }));
    const text = formatCostTable([database1, key]);
    expect(text).toContain("app (us-east-1), USD a month at 730 h, prices as of 2026-12-02");
    expect(text).toMatch(/^Item +Quantity \(idle \/ max\) +Unit price +Idle USD +Max USD$/m);
    expect(text).toMatch(
      /^Serverless v2 capacity \(Aurora Standard\): writer +365 \/ 2,920 ACU-hour +\$0\.12 \/ ACU-hour +43\.80 +350\.40\n {4}0\.5-4 ACU; idle at the 0\.5 ACU minimum\n/m,
    );
    expect(text).toMatch(/^Performance Insights history: writer .* 0\.19 +1\.50$/m); // 0.1875 rounds to 0.19
    expect(text).toMatch(/^Cluster storage \(Aurora Standard\) +usage +\$0\.10 \/ GB-month +- +-\n {4}billed on the data stored/m);
    expect(text).toMatch(/^Total +43\.99 +351\.90\n {4}usage-priced lines \(-\) not included$/m); // 43.80 + 0.1875; 350.40 + 1.50
    expect(text).toMatch(/^Total +1\.00 +1\.00$/m);
    expect(text).toContain("All 2 stacks: 44.99 USD a month at idle/minimum, 352.90 at maximum");
    expect(text).toMatch(/logs\.\n$/);
  });

  it("wraps a long item in its column and a long note under it, to the width it is given", () => {
    const estimate = estimateStackCost("app", stack(database({ instances: { writer: {}, reporting: { promotion_tier: 5 } } })));
    const narrow = formatCostTable([estimate], 110);
    expect(Math.max(...narrow.split("\n").map((line) => line.length))).toBeLessThanOrEqual(110);
    // The reader's item continues on the next line, indented by two; its note is indented by four.
    expect(narrow).toMatch(
      /^Serverless v2 capacity \(Aurora Standard\): +365 \/ 2,920 ACU-hour .* 43\.80 +350\.40\n {2}reader, promotion tier 5\n {4}0\.5-4 ACU;/m,
    );
    expect(formatCostTable([estimate], 200)).toMatch(/^Serverless v2 capacity \(Aurora Standard\): reader, promotion tier 5 +365 \/ 2,920 ACU-hour/m);
  });
});

describe("the real stacks", () => {
  const README = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-data-api/README.md"), "utf8");
  const SECTION = README.slice(README.indexOf("<!-- cost:start -->"), README.indexOf("<!-- cost:end -->"));
  /** The shipped environments and their stacks, which the README's tables work out by hand. */
  const ENVIRONMENTS = { dev: ["dev"], staging: ["staging", "staging-key"], prod: ["prod", "prod-key"] } as const;
  const STACKS: readonly string[] = Object.values(ENVIRONMENTS).flat();

  const cents = (value: number) => Math.round(value * 100) / 100;
  const money = (cell: string) => Number(cell.replace(/\*\*/g, "").replace(/^\$/, "").replace(/,/g, ""));
  const rows = (text: string) =>
    text
      .split("\n")
      .filter((line) => line.startsWith("|") && !line.startsWith("|---"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
  const pairs = (amounts: readonly (readonly [number, number])[]) => amounts.map(([idle, max]) => `${idle.toFixed(2)}/${max.toFixed(2)}`).sort();

  /** Every synthesized stack's estimate, by stack name: the README's stacks among them. */
  function estimates(): Record<string, StackCostEstimate> {
    const { environments, keys } = synthApp();
    const json: Record<string, unknown> = Object.fromEntries(Object.entries(environments).map(([name, synthesized]) => [name, synthesized.json]));
    for (const [environment, synthesized] of Object.entries(keys)) json[keyStackName(environment)] = synthesized!.json;
    expect(Object.keys(json)).toEqual(expect.arrayContaining([...STACKS]));
    return Object.fromEntries(Object.entries(json).map(([name, stackJson]) => [name, estimateStackCost(name, stackJson)]));
  }

  it(`print in at most ${COST_TABLE_WIDTH} columns, every stack at once and each alone`, () => {
    const all = Object.values(estimates());
    for (const text of [formatCostTable(all), ...all.map((estimate) => formatCostTable([estimate]))]) {
      const wide = text.split("\n").filter((line) => line.length > COST_TABLE_WIDTH);
      expect(wide).toEqual([]);
    }
  });

  it("equal the package README's hand calculation, line by line, stack by stack and in total", () => {
    const byStack = estimates();
    const hand = rows(SECTION.slice(SECTION.indexOf("### Hand calculation")));
    const readmeLines = new Map<string, [number, number][]>();
    const readmeTotals = new Map<string, [number, number]>();
    const environmentTotals = new Map<string, [number, number]>();
    for (const [stackName, line, idle, max] of hand) {
      if (idle === undefined || max === undefined || !idle.includes("$")) continue;
      const amounts: [number, number] = [money(idle), money(max)];
      const environment = /^\*\*(\w+) total\*\*$/.exec(line!)?.[1];
      if (stackName === "" && environment !== undefined) environmentTotals.set(environment, amounts);
      else if (line === "**Stack total**") readmeTotals.set(stackName!, amounts);
      else readmeLines.set(stackName!, [...(readmeLines.get(stackName!) ?? []), amounts]);
    }
    expect([...readmeTotals.keys()].sort()).toEqual([...STACKS].sort());

    for (const name of STACKS) {
      const estimate = byStack[name]!;
      expect(estimate.region, name).toBe("us-east-1");
      const total = readmeTotals.get(name)!;
      expect(total, `${name} total`).toEqual([cents(estimate.totalUsd.idle), cents(estimate.totalUsd.max)]);
      const priced = estimate.lines.flatMap((line) => (line.monthlyUsd === null ? [] : [[cents(line.monthlyUsd.idle), cents(line.monthlyUsd.max)] as const]));
      expect(pairs(readmeLines.get(name) ?? []), `${name} lines`).toEqual(pairs(priced));
      const lines = readmeLines.get(name) ?? [];
      expect(cents(lines.reduce((sum, [idle]) => sum + idle, 0)), `${name} lines add up to its total`).toBe(total[0]);
      expect(cents(lines.reduce((sum, [, max]) => sum + max, 0)), `${name} lines add up to its total`).toBe(total[1]);
    }

    const summary = rows(SECTION.slice(SECTION.indexOf("### Figures"), SECTION.indexOf("### Hand calculation")));
    for (const [environment, stacks] of Object.entries(ENVIRONMENTS)) {
      const expected = [
        cents(stacks.reduce((sum, name) => sum + byStack[name]!.totalUsd.idle, 0)),
        cents(stacks.reduce((sum, name) => sum + byStack[name]!.totalUsd.max, 0)),
      ];
      expect(environmentTotals.get(environment), `${environment} total`).toEqual(expected);
      const row = summary.find((cells) => cells[0] === environment);
      expect(row, `${environment} in the summary`).toEqual([
        environment,
        stacks.join(" + "),
        ...expected.map((value) => `$${value.toLocaleString("en-US", { minimumFractionDigits: 2 })}`),
      ]);
    }
  });
});
