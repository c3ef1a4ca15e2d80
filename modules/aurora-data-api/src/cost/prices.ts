/**
 * The list prices `aurora-db cost` multiplies, in USD, per region: one table, so a price change
 * is one edit here and the README's hand calculation is checked against it by the tests.
 *
 * AWS's pricing pages render their tables in the browser, so several figures below were read
 * from secondary copies of them (AWS Price List API dumps, cost tools' test outputs, blog posts);
 * each comment says where a figure comes from, and "not verified" marks the ones no source
 * confirmed. A price no source gave for a region is unknown there ({@link unknownPrice}): the
 * estimate shows the quantity and leaves the line out of the totals, rather than borrow another
 * region's figure. Re-check them against {@link PRICE_TABLE}'s `source` before quoting them.
 */

/** Hours in a month, as AWS's pricing pages count them (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * The day the us-east-1 figures below were last compared with their sources (YYYY-MM-DD); the
 * disaster-recovery figures (backup copies, transfer, Global Database, us-west-2) were read on
 * 2026-12-07, as their comments say.
 */
export const PRICES_AS_OF = "2026-12-02";

/** What one price is per. */
export type PriceUnit =
  "ACU-hour" | "ACU-month" | "GB-month" | "GB" | "million requests" | "million write I/Os" | "secret-month" | "key-month" | "alarm-month" | "dashboard-month";

/** A list price: `usd` per one `unit`. */
export interface Price {
  /** Null: no source gave this price for the region, so no sum can use it unchecked. */
  readonly usd: number | null;
  readonly unit: PriceUnit;
}

/** A price that differs between Aurora's two storage configurations. */
export interface ByStorageType {
  /** Aurora Standard (`storage_type` unset or `aurora`). */
  readonly standard: Price;
  /** Aurora I/O-Optimized (`storage_type = "aurora-iopt1"`). */
  readonly ioOptimized: Price;
}

/** Every price the estimate uses, for one region. */
export interface RegionPrices {
  /** Aurora Serverless v2 capacity, per ACU-hour. */
  readonly serverlessV2: ByStorageType;
  /** Cluster storage actually used, per GB-month. */
  readonly storage: ByStorageType;
  /** Storage I/O requests, per million; I/O-Optimized includes them (price 0). */
  readonly ioRequests: ByStorageType;
  /**
   * Aurora backup storage beyond the free amount (the cluster's size), per GB-month: automated
   * backups, snapshots (AWS Backup's of Aurora among them, which RDS bills), and snapshot copies
   * kept in this region.
   */
  readonly backupStorage: Price;
  /** Data transferred out of this region to another AWS region (snapshot copies), per GB. */
  readonly interRegionTransfer: Price;
  /**
   * Aurora Global Database: write I/Os replicated from a primary cluster in this region to each
   * secondary, per million (AWS bills them in the primary's region).
   */
  readonly replicatedWriteIo: Price;
  /** RDS Proxy in front of Serverless v2, per ACU-hour of the target's capacity. */
  readonly rdsProxy: Price;
  /**
   * Performance Insights history beyond the free 7 days, for Serverless v2: per ACU of the
   * instance's average capacity, per month (provisioned instances pay per vCPU instead).
   */
  readonly performanceInsightsRetention: Price;
  /** A Secrets Manager secret, RDS-managed ones included. */
  readonly secret: Price;
  /** A customer-managed KMS key. */
  readonly kmsKey: Price;
  /** A standard-resolution CloudWatch metric alarm, per alarm metric. */
  readonly alarm: Price;
  /** A CloudWatch dashboard. */
  readonly dashboard: Price;
}

/** The price table: its sources, its date and its regions. */
export interface PriceTable {
  /** The AWS pricing pages the figures come from. */
  readonly source: readonly string[];
  /** {@link PRICES_AS_OF}. */
  readonly asOf: string;
  /** {@link HOURS_PER_MONTH}. */
  readonly hoursPerMonth: number;
  /** RDS Proxy bills a Serverless v2 target for at least this many ACUs. */
  readonly rdsProxyMinimumAcu: number;
  /** Dashboards free per account and month (each with up to 50 metrics), not per stack. */
  readonly freeDashboardsPerAccount: number;
  /** Standard-resolution alarm metrics free per account and month, not per stack. */
  readonly freeAlarmMetricsPerAccount: number;
  /** Days of Performance Insights history that cost nothing. */
  readonly freePerformanceInsightsDays: number;
  /** Prices by AWS region code. */
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

const usd = (amount: number, unit: PriceUnit): Price => ({ usd: amount, unit });

/** A price no source gave for the region: the line shows its quantity, not an amount. */
export const unknownPrice = (unit: PriceUnit): Price => ({ usd: null, unit });

/**
 * us-east-1. Aurora figures: the AWS Price List API (AmazonRDS, Aurora PostgreSQL, queried
 * 2025-10-28, effective 2025-10-01), which rounds I/O-Optimized capacity to $0.16; secondary
 * copies of Aurora's pricing page give $0.156.
 */
const US_EAST_1: RegionPrices = {
  serverlessV2: { standard: usd(0.12, "ACU-hour"), ioOptimized: usd(0.156, "ACU-hour") },
  storage: { standard: usd(0.1, "GB-month"), ioOptimized: usd(0.225, "GB-month") },
  ioRequests: { standard: usd(0.2, "million requests"), ioOptimized: usd(0, "million requests") },
  // Aurora backup storage: AWS Price List API (2025-10). AWS Backup's recovery points of Aurora
  // are Aurora cluster snapshots that RDS bills at this rate: AWS Backup's "Metering, costs, and
  // billing" page says the storage of resource types it does not fully manage is billed by the
  // service (https://docs.aws.amazon.com/aws-backup/latest/devguide/metering-and-billing.html,
  // stored copy read 2026-12-07); Infracost prices aws_backup_vault's Aurora snapshots with
  // AmazonRDS's Aurora:BackupUsage (internal/resources/aws/backup_vault.go).
  backupStorage: usd(0.021, "GB-month"),
  // Not verified on AWS's page: $0.02 per GB out of us-east-1 to another region, as secondary
  // sources give it for RDS cross-region replication and AWS Backup copies (usage.ai, 2026-05;
  // FactualMinds' AWS Backup pricing post, 2026-06). Aurora bills a cross-region snapshot copy
  // as RDS data transfer, and copies in full (Aurora User Guide, "Copying a DB cluster
  // snapshot": "Aurora DB cluster snapshot copies are always full copies").
  interRegionTransfer: usd(0.02, "GB"),
  // Not verified on AWS's page: $0.20 per million replicated write I/Os, as secondary sources
  // give it for us-east-1 (several cost write-ups, 2025-2026) and AWS's Solutions Library guidance
  // for a multi-region Aurora global database gives it for us-east-2 and us-west-2.
  replicatedWriteIo: usd(0.2, "million write I/Os"),
  // The 8-ACU minimum: secondary sources (a 2024 write-up of actual bills). The per-ACU rate is
  // not verified: $0.015 is RDS Proxy's per-vCPU-hour rate for provisioned instances, assumed here.
  rdsProxy: usd(0.015, "ACU-hour"),
  // Not verified on AWS's page: Infracost's test output from the AWS Price List (usage type
  // PI_LTR_FMR:Serverless), $1.88 for 5 ACUs. It is the rate for retention up to one month;
  // longer retention adds a smaller per-month charge this table does not carry. AWS retires the
  // Performance Insights console on 2026-07-31 for CloudWatch Database Insights, whose Standard
  // mode keeps this retention and its price.
  performanceInsightsRetention: usd(0.375, "ACU-month"),
  // Secrets Manager and KMS: secondary copies of their pricing pages.
  secret: usd(0.4, "secret-month"),
  kmsKey: usd(1, "key-month"),
  // CloudWatch's pricing page as copied by API Evangelist (2026-05), matching cost tools.
  alarm: usd(0.1, "alarm-month"),
  dashboard: usd(3, "dashboard-month"),
};

/**
 * us-west-2, the stacks' disaster-recovery region (the backup copies' vault, a global database
 * secondary). Only the figures a source gives for us-west-2, or for every region, are here; the
 * others are unknown, never us-east-1's copied. Sources, read 2026-12-07:
 * - Aurora storage, I/O and replicated write I/O: the cost section of AWS's Solutions Library
 *   guidance "Multi-Region application data using Amazon Aurora" (its README, for us-east-2 and
 *   us-west-2): $0.10 per GB-month, $0.20 per million requests, $0.20 per million replicated
 *   write I/Os. Not verified on AWS's pricing page.
 * - KMS: AWS's KMS pricing page (stored copy) gives one price, $1 a month per key, with no
 *   table by region.
 * - Not found for us-west-2: Serverless v2 capacity, I/O-Optimized storage, backup storage,
 *   data transfer out, RDS Proxy, Performance Insights, Secrets Manager and CloudWatch.
 */
const US_WEST_2: RegionPrices = {
  serverlessV2: { standard: unknownPrice("ACU-hour"), ioOptimized: unknownPrice("ACU-hour") },
  storage: { standard: usd(0.1, "GB-month"), ioOptimized: unknownPrice("GB-month") },
  // I/O-Optimized includes the I/O requests in every region: no price per request.
  ioRequests: { standard: usd(0.2, "million requests"), ioOptimized: usd(0, "million requests") },
  backupStorage: unknownPrice("GB-month"),
  interRegionTransfer: unknownPrice("GB"),
  replicatedWriteIo: usd(0.2, "million write I/Os"),
  rdsProxy: unknownPrice("ACU-hour"),
  performanceInsightsRetention: unknownPrice("ACU-month"),
  secret: unknownPrice("secret-month"),
  kmsKey: usd(1, "key-month"),
  alarm: unknownPrice("alarm-month"),
  dashboard: unknownPrice("dashboard-month"),
};

/** The one price table the estimate reads. */
export const PRICE_TABLE: PriceTable = {
  source: [
    "https://aws.amazon.com/rds/aurora/pricing/",
    "https://aws.amazon.com/rds/proxy/pricing/",
    "https://aws.amazon.com/rds/performance-insights/pricing/",
    "https://aws.amazon.com/cloudwatch/pricing/",
    "https://aws.amazon.com/secrets-manager/pricing/",
    "https://aws.amazon.com/kms/pricing/",
    "https://aws.amazon.com/backup/pricing/",
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-storage-backup.html",
  ],
  asOf: PRICES_AS_OF,
  hoursPerMonth: HOURS_PER_MONTH,
  rdsProxyMinimumAcu: 8,
  freeDashboardsPerAccount: 3,
  freeAlarmMetricsPerAccount: 10,
  freePerformanceInsightsDays: 7,
  // The regions our stacks use: a region is added with figures read for it, never guessed.
  regions: { "us-east-1": US_EAST_1, "us-west-2": US_WEST_2 },
};

/**
 * The prices of one region.
 * @throws Error naming the region and the regions the table has, when it has no prices for it.
 */
export function pricesFor(region: string, table: PriceTable = PRICE_TABLE): RegionPrices {
  const prices = Object.hasOwn(table.regions, region) ? table.regions[region] : undefined;
  if (prices === undefined) {
    const known = Object.keys(table.regions).join(", ");
    throw new Error(`No prices for region "${region}": the price table has ${known}.`);
  }
  return prices;
}
