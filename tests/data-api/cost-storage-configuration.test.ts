/**
 * `aurora-db cost`'s storage comparison: each cluster priced as Aurora Standard and as Aurora
 * I/O-Optimized, and the I/O (requests a month, share of the Standard bill) at which they cost the
 * same, worked out by hand from the us-east-1 prices ($0.12 and $0.156 per ACU-hour, $0.10 and
 * $0.225 per GB-month, $0.20 per million requests).
 */
import { describe, expect, it } from "vitest";
import { estimateStackCost, formatCostTable, roundEstimate, type StorageComparison } from "../../modules/aurora-data-api/src/cost/estimate";
import { synthDatabase } from "../support/synth";

const CLUSTER_REF = "${aws_rds_cluster.main.id}";

/** One cluster `main`, 0.5-4 ACU, with a Serverless v2 writer, in `region`. */
function stack(cluster: Record<string, unknown> = {}, region = "us-east-1", scaling: Record<string, unknown> = { min_capacity: 0.5, max_capacity: 4 }) {
  return {
    provider: { aws: [{ region }] },
    resource: {
      aws_rds_cluster: { main: { cluster_identifier: "main-cluster", serverlessv2_scaling_configuration: scaling, ...cluster } },
      aws_rds_cluster_instance: { writer: { cluster_identifier: CLUSTER_REF, instance_class: "db.serverless" } },
    },
  };
}

function onlyComparison(json: unknown, databaseGb: number | null = null): StorageComparison {
  const { storageComparisons } = estimateStackCost("s", json, undefined, { usage: { databaseGb } });
  expect(storageComparisons).toHaveLength(1);
  return storageComparisons[0]!;
}

function expectAmount(amount: { idle: number | null; max: number | null } | null, idle: number, max: number): void {
  expect(amount).not.toBeNull();
  expect(amount!.idle).toBeCloseTo(idle, 6);
  expect(amount!.max).toBeCloseTo(max, 6);
}

describe("the storage comparison", () => {
  it("prices capacity in both configurations and finds the break-even in requests and in share of the bill", () => {
    const comparison = onlyComparison(stack());
    expect(comparison).toMatchObject({ cluster: "aws_rds_cluster.main", region: "us-east-1", configured: "standard" });
    expectAmount(comparison.standardUsd, 43.8, 350.4); // 0.5 and 4 ACU × 730 h × $0.12
    expectAmount(comparison.ioOptimizedUsd, 56.94, 455.52); // × $0.156
    // (56.94 − 43.8) / $0.20 per million; (455.52 − 350.4) / $0.20
    expectAmount(comparison.breakEvenIoRequests, 65_700_000, 525_600_000);
    // 13.14 / (43.8 + 13.14): capacity alone, I/O is 0.036 / 0.156 of the bill at the break-even.
    expectAmount(comparison.breakEvenIoShare, 0.036 / 0.156, 0.036 / 0.156);
    expect(comparison.note).toMatch(/storage, dearer on I\/O-Optimized, is not counted without --database-gb, so the break-even is a lower bound/);
  });

  it("counts storage with --database-gb, which raises the break-even", () => {
    const comparison = onlyComparison(stack(), 100);
    expectAmount(comparison.standardUsd, 53.8, 360.4); // + 100 GB × $0.10
    expectAmount(comparison.ioOptimizedUsd, 79.44, 478.02); // + 100 GB × $0.225
    expectAmount(comparison.breakEvenIoRequests, 128_200_000, 588_100_000); // 25.64 / 0.2; 117.62 / 0.2
    expectAmount(comparison.breakEvenIoShare, 25.64 / 79.44, 117.62 / 478.02);
    expect(comparison.note).toContain("100 GB of storage (--database-gb)");
  });

  it("reads the configured storage type from the cluster's storage_type", () => {
    expect(onlyComparison(stack({ storage_type: "aurora-iopt1" })).configured).toBe("ioOptimized");
    expect(onlyComparison(stack({ storage_type: "aurora" })).configured).toBe("standard");
    // The figures of both configurations do not depend on which one is configured.
    expect({ ...onlyComparison(stack({ storage_type: "aurora-iopt1" })), configured: "standard" }).toEqual(onlyComparison(stack()));
  });

  it("reads the construct's storageType from its synthesized stack", () => {
    for (const storageType of ["aurora", "aurora-iopt1"] as const) {
      const { json } = synthDatabase({ storageType });
      const estimate = estimateStackCost("s", json);
      expect(estimate.storageComparisons.map((comparison) => comparison.configured)).toEqual([storageType === "aurora" ? "standard" : "ioOptimized"]);
      const label = storageType === "aurora" ? "Aurora Standard" : "Aurora I/O-Optimized";
      expect(estimate.lines.filter((line) => line.item.startsWith("Serverless v2 capacity")).map((line) => line.item)).toEqual([
        `Serverless v2 capacity (${label}): writer`,
      ]);
    }
  });

  it("has nothing to compare at idle for a cluster that pauses without storage, and still compares at maximum", () => {
    const comparison = onlyComparison(stack({}, "us-east-1", { min_capacity: 0, max_capacity: 2 }));
    expectAmount(comparison.standardUsd, 0, 175.2);
    expect(comparison.breakEvenIoRequests!.idle).toBe(0);
    expect(comparison.breakEvenIoShare!.idle).toBeNull();
    expect(comparison.breakEvenIoShare!.max).toBeCloseTo(0.036 / 0.156, 10);
    const text = formatCostTable([estimateStackCost("s", stack({}, "us-east-1", { min_capacity: 0, max_capacity: 2 }))]).replace(/\s+/g, " ");
    expect(text).toContain(
      "I/O-Optimized costs less above 262.8 million I/O requests a month at maximum (I/O 23.1% of the Standard bill); " +
        "at idle the cluster pauses and, without storage counted, costs nothing in either.",
    );
  });

  it("gives no break-even where the price table lacks a configuration's price for the region", () => {
    const comparison = onlyComparison(stack({}, "us-west-2"));
    expect([comparison.standardUsd, comparison.ioOptimizedUsd, comparison.breakEvenIoRequests, comparison.breakEvenIoShare]).toEqual([null, null, null, null]);
    expect(comparison.note).toContain("lacks a us-west-2 price");
  });

  it("prints both configurations and the break-even under the stack's lines, and rounds them in --json", () => {
    const estimate = estimateStackCost("s", stack());
    const table = formatCostTable([estimate]);
    const text = table.replace(/\s+/g, " ");
    expect(text).toContain(
      "Storage configuration of aws_rds_cluster.main (Aurora Standard configured): Aurora Standard 43.80 idle / 350.40 max USD plus I/O, " +
        "Aurora I/O-Optimized 56.94 idle / 455.52 max USD. I/O-Optimized costs less above 65.7 million I/O requests a month at idle " +
        "(I/O 23.1% of the Standard bill), 525.6 million at maximum (I/O 23.1% of the Standard bill).",
    );
    for (const line of table.split("\n")) expect(line.length).toBeLessThanOrEqual(120);
    const [rounded] = roundEstimate(estimate).storageComparisons;
    expect(rounded).toMatchObject({
      standardUsd: { idle: 43.8, max: 350.4 },
      ioOptimizedUsd: { idle: 56.94, max: 455.52 },
      breakEvenIoRequests: { idle: 65_700_000, max: 525_600_000 },
      breakEvenIoShare: { idle: 0.2308, max: 0.2308 },
    });
  });
});

describe("Performance Insights history with Database Insights' Advanced mode", () => {
  const history = (cluster: Record<string, unknown>) => {
    const json = stack(cluster);
    (json.resource.aws_rds_cluster_instance.writer as Record<string, unknown>).performance_insights_enabled = true;
    (json.resource.aws_rds_cluster_instance.writer as Record<string, unknown>).performance_insights_retention_period = 465;
    return estimateStackCost("s", json).lines.find((line) => line.item.startsWith("Performance Insights history"))!;
  };

  it("is not priced as Performance Insights retention, since Advanced mode's price includes it", () => {
    expect(history({ database_insights_mode: "advanced" })).toMatchObject({
      monthlyUsd: null,
      note: expect.stringContaining("included in Database Insights' Advanced mode"),
    });
    expect(history({ database_insights_mode: "standard" }).monthlyUsd).not.toBeNull();
  });
});
