/**
 * A stack's monthly cost, estimated from its synthesized Terraform JSON alone (no AWS call):
 * what `aurora-db cost` prints. Pure functions over plain data, so the CLI can print the result
 * as JSON (`--json`) or as {@link formatCostTable}'s table.
 *
 * Two figures per line: at idle/minimum (every Serverless v2 instance at its minimum capacity,
 * or paused) and at maximum (every instance at its maximum capacity all month). Real bills fall
 * between them, plus the usage-priced lines (storage, I/O, backup) that the totals leave out
 * unless {@link UsageAssumptions} give the database's size: then storage, backups, backup copies
 * and their transfer between regions are priced too, the same at idle and at maximum.
 */
import { CLUSTER_ARN } from "../private/arn.js";
import { isJsonObject, type JsonObject } from "../private/json.js";
import { PRICE_TABLE, pricesFor, unknownPrice, type Price, type PriceTable, type PriceUnit, type RegionPrices } from "./prices.js";

/** A figure at idle/minimum and at maximum. */
export interface CostAmount {
  /** Every Serverless v2 instance at its minimum capacity (0 when the cluster pauses). */
  readonly idle: number;
  /** Every Serverless v2 instance at its maximum capacity, all month. */
  readonly max: number;
}

/** One line of an estimate. Amounts are unrounded; only {@link formatCostTable} rounds. */
export interface CostLine {
  /** What is billed, e.g. `Serverless v2 capacity (Aurora Standard): writer`. */
  readonly item: string;
  /** Terraform addresses of the resources the line prices (`type.name`). */
  readonly resources: readonly string[];
  /** Billed units a month; null when usage decides (storage, I/O, backup) or nothing is metered. */
  readonly quantity: CostAmount | null;
  /** The AWS region the line is billed in: the stack's, or that of the resource's provider. */
  readonly region: string;
  /** What {@link CostLine.unitPriceUsd} is per. */
  readonly unit: PriceUnit;
  /** USD per {@link CostLine.unit}, from the price table; null where the table has no price for the region. */
  readonly unitPriceUsd: number | null;
  /** USD a month (quantity × unit price); null for usage-priced lines and unknown prices, which totals leave out. */
  readonly monthlyUsd: CostAmount | null;
  /** Why the line is priced as it is, in a sentence or two. */
  readonly note: string;
}

/**
 * What usage decides and the synthesized JSON cannot say: `aurora-db cost --database-gb` and
 * `--daily-change-gb`. Null: not given.
 */
export interface UsageAssumptions {
  /**
   * The database's size in GB (its cluster volume, `VolumeBytesUsed`), the same for every cluster
   * of the stack and for a global database's secondary. Null: storage, backups, backup copies and
   * their transfer show unit prices only, as usage-priced lines.
   */
  readonly databaseGb: number | null;
  /**
   * GB the database changes a day, which automated backups keep for point-in-time restore.
   * Null: taken as 0, a lower bound, and the backup line says so. Only with `databaseGb`.
   */
  readonly dailyChangeGb: number | null;
}

/** What {@link estimateStackCost} may be given besides a stack's JSON. */
export interface EstimateOptions {
  /** The usage assumptions; none by default. */
  readonly usage?: Partial<UsageAssumptions>;
  /**
   * The other synthesized stacks' Terraform JSON by stack name, so that a backup copy to a vault
   * of another stack (a cross-stack reference) is priced in that vault's region.
   */
  readonly stacks?: Readonly<Record<string, unknown>>;
}

/** The estimate of one stack: a plain, JSON-ready value (`JSON.stringify` keeps all of it). */
export interface StackCostEstimate {
  /** The stack's name, as given. */
  readonly stack: string;
  /** The AWS region of its provider (`provider.aws[0].region`). */
  readonly region: string;
  readonly currency: "USD";
  /** Hours in the month the figures assume. */
  readonly hoursPerMonth: number;
  /** The price table's date. */
  readonly pricesAsOf: string;
  /** The AWS pricing pages behind the price table. */
  readonly priceSources: readonly string[];
  /** The usage assumptions the lines were priced with. */
  readonly usage: UsageAssumptions;
  readonly lines: readonly CostLine[];
  /** Sum of the lines' `monthlyUsd`, usage-priced lines left out. */
  readonly totalUsd: CostAmount;
  /** Each cluster's two storage configurations side by side, and where I/O-Optimized becomes cheaper. */
  readonly storageComparisons: readonly StorageComparison[];
}

/**
 * One cluster priced in both of Aurora's storage configurations, whichever it has, and the I/O
 * at which they cost the same: Aurora Standard bills I/O per request, I/O-Optimized bills none
 * but more per ACU-hour and GB-month. Only capacity, storage and I/O differ between the two.
 */
export interface StorageComparison {
  /** `aws_rds_cluster.<name>`. */
  readonly cluster: string;
  readonly region: string;
  /** What the synthesized cluster has: its `storage_type`. */
  readonly configured: "standard" | "ioOptimized";
  /**
   * USD a month of the cluster's capacity and storage (with `--database-gb`; none without) in
   * each configuration, I/O left out; null where the price table lacks a price for the region.
   */
  readonly standardUsd: CostAmount | null;
  readonly ioOptimizedUsd: CostAmount | null;
  /** Storage I/O requests a month above which I/O-Optimized costs less; null when a price is unknown. */
  readonly breakEvenIoRequests: CostAmount | null;
  /**
   * The share of the Aurora Standard bill (capacity, storage and I/O) that I/O is at the break-even,
   * from 0 to 1: above it, I/O-Optimized costs less. Null when a price is unknown, or when nothing is
   * billed either way (a paused cluster without storage).
   */
  readonly breakEvenIoShare: { readonly idle: number | null; readonly max: number | null } | null;
  /** What the figures count, in a sentence. */
  readonly note: string;
}

// Terraform JSON is untyped: the estimate reads it as plain objects and checks what it uses.
type Json = JsonObject;

interface Scaling {
  readonly min: number;
  readonly max: number;
  /** Minimum 0: the cluster pauses when idle. */
  readonly pauses: boolean;
  readonly secondsUntilAutoPause?: number;
}

interface Cluster {
  readonly name: string;
  readonly body: Json;
  /** The region of the cluster's provider. */
  readonly region: string;
  /** Undefined for a cluster without Serverless v2 capacity. */
  readonly scaling?: Scaling;
  readonly ioOptimized: boolean;
  /** A global database's secondary: it joins a global cluster (`global_cluster_identifier`). */
  readonly secondary: boolean;
  readonly instances: Instance[];
}

interface Instance {
  readonly name: string;
  readonly body: Json;
  readonly tier: number;
  readonly serverless: boolean;
}

/** The stack's AWS providers: the default one's region and each alias's. */
interface Providers {
  readonly region: string;
  readonly aliases: ReadonlyMap<string, string>;
}

/** Everything a line builder reads: the stack, its providers, the price table and the usage assumptions. */
interface Context {
  readonly stackName: string;
  readonly resources: Json;
  readonly providers: Providers;
  readonly table: PriceTable;
  readonly usage: UsageAssumptions;
  readonly stacks: Readonly<Record<string, unknown>>;
}

/** Promotion tiers whose readers keep the writer's capacity (AWS: tiers 0 and 1). */
const LAST_TIER_FOLLOWING_WRITER = 1;
/** The AWS provider's default `promotion_tier` (the RDS API's default is 1; both follow the writer). */
const DEFAULT_PROMOTION_TIER = 0;
/** The RDS API's default `BackupRetentionPeriod` for Aurora, in days. */
const DEFAULT_BACKUP_RETENTION_DAYS = 1;
/** Days in a month, as the 730-hour month counts them (365 / 12). */
const DAYS_PER_MONTH = 365 / 12;

/**
 * Estimates one stack's monthly cost from its synthesized Terraform JSON.
 * @param stackName - The stack's name, carried into the estimate and error messages.
 * @param config - The parsed `cdk.tf.json` of the stack.
 * @param options - Usage assumptions, and the other stacks' JSON for cross-stack references.
 * @throws Error when `config` is not a Terraform JSON object with `resource`, when an AWS region
 * it uses is missing or not in the price table, or when a capacity or a cluster reference cannot
 * be read.
 */
export function estimateStackCost(stackName: string, config: unknown, table: PriceTable = PRICE_TABLE, options: EstimateOptions = {}): StackCostEstimate {
  if (!isJsonObject(config)) {
    throw new Error(`Stack "${stackName}": expected its synthesized Terraform JSON (the object in cdk.tf.json), got ${describe(config)}.`);
  }
  if (!isJsonObject(config.resource)) {
    throw new Error(`Stack "${stackName}": expected a "resource" object in its Terraform JSON, got ${describe(config.resource)}.`);
  }
  const resources = config.resource;
  const providers = readProviders(stackName, config);
  const region = providers.region;
  pricesFor(region, table);
  const usage = readUsage(options.usage);
  const context: Context = { stackName, resources, providers, table, usage, stacks: options.stacks ?? {} };
  const clusters = readClusters(context);
  const plans = readBackupPlans(context, clusters);

  const lines: CostLine[] = [];
  for (const cluster of clusters) lines.push(...clusterLines(context, cluster, plans));
  const storageComparisons = clusters.map((cluster) => storageComparison(context, cluster));
  lines.push(...globalClusterLines(context));
  for (const plan of plans) lines.push(...copyLines(context, plan));
  lines.push(...secretLines(context));
  lines.push(...keyLines(context));
  lines.push(...proxyLines(context, clusters));
  lines.push(...alarmLines(context));
  lines.push(...dashboardLines(context));

  const priced = lines.flatMap((line) => (line.monthlyUsd === null ? [] : [line.monthlyUsd]));
  return {
    stack: stackName,
    region,
    currency: "USD",
    hoursPerMonth: table.hoursPerMonth,
    pricesAsOf: table.asOf,
    priceSources: table.source,
    usage,
    lines,
    totalUsd: { idle: sum(priced.map((amount) => amount.idle)), max: sum(priced.map((amount) => amount.max)) },
    storageComparisons,
  };
}

function readUsage(usage: Partial<UsageAssumptions> | undefined): UsageAssumptions {
  const gb = (name: string, value: number | null | undefined): number | null => {
    if (value === undefined || value === null) return null;
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of GB, 0 or more: got ${String(value)}.`);
    return value;
  };
  const databaseGb = gb("databaseGb", usage?.databaseGb);
  const dailyChangeGb = gb("dailyChangeGb", usage?.dailyChangeGb);
  if (dailyChangeGb !== null && databaseGb === null) throw new Error("dailyChangeGb needs databaseGb: the changes are priced with the database's size.");
  return { databaseGb, dailyChangeGb };
}

/** The AWS providers of a stack's JSON: `provider.aws[0].region` is the stack's region, each `alias` has its own. */
function readProviders(stackName: string, config: Json): Providers {
  const aws = isJsonObject(config.provider) ? config.provider.aws : undefined;
  const blocks = (Array.isArray(aws) ? aws : [aws]).filter(isJsonObject);
  const literal = (value: unknown, where: string): string => {
    if (typeof value !== "string" || value === "") {
      throw new Error(`Stack "${stackName}": expected the AWS provider's region at ${where}, got ${describe(value)}.`);
    }
    if (value.includes("${")) {
      throw new Error(`Stack "${stackName}": the AWS provider's region ${JSON.stringify(value)} is not known at synth; the estimate needs a literal region.`);
    }
    return value;
  };
  const first = blocks[0];
  const region = literal(first?.region, "provider.aws[0].region");
  const aliases = new Map<string, string>();
  for (const block of blocks) {
    if (typeof block.alias === "string") aliases.set(block.alias, literal(block.region, `the provider aws.${block.alias}`));
  }
  return { region, aliases };
}

/** The region of a resource: its `provider` (`aws.<alias>`) or the stack's. */
function regionOf(context: Context, type: string, name: string, body: Json): string {
  const provider = body.provider;
  if (typeof provider !== "string") return context.providers.region;
  const alias = /^aws\.(.+)$/.exec(provider)?.[1];
  const region = alias === undefined ? undefined : context.providers.aliases.get(alias);
  if (region === undefined) {
    throw new Error(
      `Stack "${context.stackName}": ${type}.${name} names the provider ${JSON.stringify(provider)}, which the stack does not configure with a region.`,
    );
  }
  return region;
}

function readClusters(context: Context): Cluster[] {
  const { stackName, resources } = context;
  const clusters: Cluster[] = Object.entries(resourcesOf(resources, "aws_rds_cluster")).map(([name, body]) => ({
    name,
    body,
    region: regionOf(context, "aws_rds_cluster", name, body),
    scaling: readScaling(stackName, name, body),
    ioOptimized: body.storage_type === "aurora-iopt1",
    secondary: typeof body.global_cluster_identifier === "string" && body.global_cluster_identifier !== "",
    instances: [],
  }));
  for (const [name, body] of Object.entries(resourcesOf(resources, "aws_rds_cluster_instance"))) {
    const cluster = findCluster(body.cluster_identifier, clusters);
    if (cluster === undefined) {
      throw new Error(
        `Stack "${stackName}": cannot tell which aws_rds_cluster the instance ${name} belongs to (cluster_identifier ${JSON.stringify(body.cluster_identifier)}).`,
      );
    }
    cluster.instances.push({
      name,
      body,
      tier: typeof body.promotion_tier === "number" ? body.promotion_tier : DEFAULT_PROMOTION_TIER,
      serverless: body.instance_class === "db.serverless",
    });
  }
  // AWS makes the first instance the writer; on failover it promotes the lowest tier. Ordering
  // by tier (stable, so JSON order breaks ties) puts the writer first.
  for (const cluster of clusters) cluster.instances.sort((a, b) => a.tier - b.tier);
  return clusters;
}

/** Accepts the block as an object or as Terraform JSON's list of one object. */
function readScaling(stackName: string, clusterName: string, body: Json): Scaling | undefined {
  const raw = body.serverlessv2_scaling_configuration;
  const block = Array.isArray(raw) ? raw[0] : raw;
  if (block === undefined || block === null) return undefined;
  if (!isJsonObject(block)) {
    throw new Error(`Stack "${stackName}": serverlessv2_scaling_configuration of ${clusterName} is not an object: ${describe(raw)}.`);
  }
  const capacity = (key: string): number => {
    const value = typeof block[key] === "string" && block[key] !== "" ? Number(block[key]) : block[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new Error(`Stack "${stackName}": ${key} of ${clusterName} must be a number of ACUs known at synth, got ${describe(block[key])}.`);
    }
    return value;
  };
  const min = capacity("min_capacity");
  const max = capacity("max_capacity");
  const pause = block.seconds_until_auto_pause;
  return { min, max, pauses: min === 0, ...(typeof pause === "number" ? { secondsUntilAutoPause: pause } : {}) };
}

function findCluster(reference: unknown, clusters: readonly Cluster[]): Cluster | undefined {
  const byReference = referencedName(reference, "aws_rds_cluster");
  const found =
    clusters.find((cluster) => cluster.name === byReference) ??
    clusters.find((cluster) => typeof reference === "string" && cluster.body.cluster_identifier === reference);
  return found ?? (clusters.length === 1 ? clusters[0] : undefined);
}

/** The Terraform name in `${type.name.attribute}`, when the value is exactly such a reference. */
function referencedName(value: unknown, type: string): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{([\w-]+)\.([\w-]+)\.[\w.]+\}$/.exec(value);
  return match !== null && match[1] === type ? match[2] : undefined;
}

function storageLabel(cluster: Cluster): string {
  return cluster.ioOptimized ? "Aurora I/O-Optimized" : "Aurora Standard";
}

/** ", us-west-2" for a resource billed outside the stack's region; nothing otherwise. */
function elsewhere(context: Context, region: string): string {
  return region === context.providers.region ? "" : `, ${region}`;
}

function clusterLines(context: Context, cluster: Cluster, plans: readonly BackupPlan[]): CostLine[] {
  const { table, usage } = context;
  const prices = pricesFor(cluster.region, table);
  const address = `aws_rds_cluster.${cluster.name}`;
  const storage = cluster.ioOptimized ? "ioOptimized" : "standard";
  const where = elsewhere(context, cluster.region);
  const lines: CostLine[] = [];
  cluster.instances.forEach((instance, index) => {
    const role = cluster.secondary
      ? `global database secondary reader${index === 0 ? "" : `, promotion tier ${instance.tier}`}${where}`
      : index === 0
        ? "writer"
        : `reader, promotion tier ${instance.tier}`;
    lines.push(computeLine(cluster, instance, role, prices, table.hoursPerMonth));
    const insights = performanceInsightsLine(cluster, instance, role, prices, table);
    if (insights !== undefined) lines.push(insights);
  });
  if (cluster.secondary && cluster.instances.length === 0) {
    lines.push(
      line(
        `Serverless v2 capacity (${storageLabel(cluster)}): global database secondary, headless${where}`,
        [address],
        cluster.region,
        { idle: 0, max: 0 },
        prices.serverlessV2[storage],
        "no instances: replicated storage only, no capacity billed",
      ),
    );
  }
  const size = usage.databaseGb;
  const stored = size === null ? null : { idle: size, max: size };
  const storageNote =
    size === null
      ? "billed on the data stored; not in the totals (--database-gb prices it)"
      : cluster.secondary
        ? `the secondary keeps its own copy of the ${formatNumber(size)} GB cluster volume (--database-gb)`
        : `${formatNumber(size)} GB stored (--database-gb)`;
  lines.push(
    line(`Cluster storage (${storageLabel(cluster)})${where}`, [address], cluster.region, stored, prices.storage[storage], storageNote),
    line(
      `Storage I/O (${storageLabel(cluster)})${where}`,
      [address],
      cluster.region,
      null,
      prices.ioRequests[storage],
      cluster.ioOptimized ? "included in I/O-Optimized" : "billed on the reads and writes made; not in the totals",
    ),
    backupLine(context, cluster, address, plans, prices),
  );
  if (cluster.body.manage_master_user_password === true) {
    lines.push(
      line(
        `Secrets Manager secret (RDS-managed master password)${where}`,
        [address],
        cluster.region,
        { idle: 1, max: 1 },
        prices.secret,
        "manage_master_user_password: RDS creates and rotates the secret, and it is billed like any other; API calls not counted",
      ),
    );
  }
  return lines;
}

function computeLine(cluster: Cluster, instance: Instance, role: string, prices: RegionPrices, hoursPerMonth: number): CostLine {
  const writer = role === "writer";
  const price = prices.serverlessV2[cluster.ioOptimized ? "ioOptimized" : "standard"];
  const item = `Serverless v2 capacity (${storageLabel(cluster)}): ${role}`;
  const resources = [`aws_rds_cluster_instance.${instance.name}`];
  const scaling = cluster.scaling;
  if (!instance.serverless || scaling === undefined) {
    const why = instance.serverless
      ? "its cluster has no serverlessv2_scaling_configuration"
      : `instance class ${describe(instance.body.instance_class)} is not Serverless v2`;
    return unpricedLine(item, resources, cluster.region, null, price, `${why}: not priced here, not in the totals`);
  }
  const range = `${formatNumber(scaling.min)}-${formatNumber(scaling.max)} ACU`;
  const idle = scaling.pauses
    ? `pauses at 0 ACU ${scaling.secondsUntilAutoPause === undefined ? "when idle" : `after ${scaling.secondsUntilAutoPause} s without connections`}: no capacity billed while paused`
    : `idle at the ${formatNumber(scaling.min)} ACU minimum`;
  let follows = "";
  if (cluster.secondary) {
    follows = "; a reader of the global database, ready for promotion";
  } else if (!writer) {
    follows =
      instance.tier <= LAST_TIER_FOLLOWING_WRITER
        ? `; tier ${instance.tier} follows the writer: scales and pauses with it`
        : `; tier ${instance.tier} scales on its own load${scaling.pauses ? " and pauses on its own" : ", idle at the minimum"}`;
  }
  const acuHours = { idle: idleAcu(scaling) * hoursPerMonth, max: scaling.max * hoursPerMonth };
  return line(item, resources, cluster.region, acuHours, price, `${range}; ${idle}${follows}`);
}

function idleAcu(scaling: Scaling): number {
  return scaling.pauses ? 0 : scaling.min;
}

function performanceInsightsLine(cluster: Cluster, instance: Instance, role: string, prices: RegionPrices, table: PriceTable): CostLine | undefined {
  if (instance.body.performance_insights_enabled !== true) return undefined;
  const item = `Performance Insights history: ${role}`;
  const resources = [`aws_rds_cluster_instance.${instance.name}`];
  const price = prices.performanceInsightsRetention;
  const days = instance.body.performance_insights_retention_period;
  const freeDays = table.freePerformanceInsightsDays;
  if (typeof days !== "number" || days <= freeDays) {
    return {
      item,
      resources,
      quantity: null,
      region: cluster.region,
      unit: price.unit,
      unitPriceUsd: 0,
      monthlyUsd: { idle: 0, max: 0 },
      note: `${freeDays} days of history: free`,
    };
  }
  if (cluster.body.database_insights_mode === "advanced") {
    // "There is no additional cost to set the Performance Insights retention period to 15 months besides the cost of Database Insights"
    // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DatabaseInsights.Considerations.html).
    return unpricedLine(
      item,
      resources,
      cluster.region,
      null,
      price,
      `${days} days of history, included in Database Insights' Advanced mode (database_insights_mode), whose price the table does not carry: not priced, not in the totals`,
    );
  }
  const scaling = cluster.scaling;
  if (!instance.serverless || scaling === undefined) {
    return unpricedLine(
      item,
      resources,
      cluster.region,
      null,
      price,
      `${days} days of history on a provisioned instance is billed per vCPU: not priced here, not in the totals`,
    );
  }
  return line(
    item,
    resources,
    cluster.region,
    { idle: idleAcu(scaling), max: scaling.max },
    price,
    `${days} days of history, beyond the free ${freeDays}: billed on the instance's average ACUs, at the rate for up to one month of history (more costs more); ` +
      "CloudWatch Database Insights (Standard mode) keeps this price after the Performance Insights console retires on 2026-07-31",
  );
}

/**
 * The cluster in both storage configurations. Standard costs C·a + S·b + I·p and I/O-Optimized
 * C·a' + S·b' (capacity C in ACU-hours, storage S in GB-months, I million requests at p), so they
 * cost the same at I* = (C·(a' − a) + S·(b' − b)) / p, where I/O is I*·p / (C·a + S·b + I*·p) of
 * the Standard bill. Serverless v2 instances only; storage only with `--database-gb`.
 */
function storageComparison(context: Context, cluster: Cluster): StorageComparison {
  const { table, usage } = context;
  const prices = pricesFor(cluster.region, table);
  const scaling = cluster.scaling;
  const serverless = scaling === undefined ? 0 : cluster.instances.filter((instance) => instance.serverless).length;
  const acuHours: CostAmount =
    scaling === undefined
      ? { idle: 0, max: 0 }
      : { idle: serverless * idleAcu(scaling) * table.hoursPerMonth, max: serverless * scaling.max * table.hoursPerMonth };
  const storedGb = usage.databaseGb ?? 0;
  const cost = (storage: "standard" | "ioOptimized") => {
    const capacity = prices.serverlessV2[storage].usd;
    const stored = prices.storage[storage].usd;
    if (capacity === null || stored === null) return null;
    return { idle: acuHours.idle * capacity + storedGb * stored, max: acuHours.max * capacity + storedGb * stored };
  };
  const standardUsd = cost("standard");
  const ioOptimizedUsd = cost("ioOptimized");
  const perMillion = prices.ioRequests.standard.usd;
  const known = standardUsd !== null && ioOptimizedUsd !== null && perMillion !== null && perMillion > 0;
  const requests = (at: "idle" | "max") => (known ? Math.max(0, (ioOptimizedUsd[at] - standardUsd[at]) / perMillion) * 1_000_000 : 0);
  const share = (at: "idle" | "max") => {
    const io = (requests(at) / 1_000_000) * perMillion!;
    const bill = standardUsd![at] + io;
    return bill === 0 ? null : io / bill;
  };
  const counted =
    usage.databaseGb === null
      ? "capacity of the Serverless v2 instances only: storage, dearer on I/O-Optimized, is not counted without --database-gb, so the break-even is a lower bound"
      : `capacity of the Serverless v2 instances and ${formatNumber(storedGb)} GB of storage (--database-gb)`;
  const unknown = known ? "" : `; the price table lacks a ${cluster.region} price for a configuration, so no break-even is given`;
  return {
    cluster: `aws_rds_cluster.${cluster.name}`,
    region: cluster.region,
    configured: cluster.ioOptimized ? "ioOptimized" : "standard",
    standardUsd,
    ioOptimizedUsd,
    breakEvenIoRequests: known ? { idle: requests("idle"), max: requests("max") } : null,
    breakEvenIoShare: known ? { idle: share("idle"), max: share("max") } : null,
    note: `${counted}; backups and everything else cost the same in both${unknown}. AWS allows a switch back to Aurora Standard once every 30 days`,
  };
}

// --- AWS Backup -------------------------------------------------------------------------------

/** One rule of an `aws_backup_plan`. */
interface BackupRule {
  readonly name: string;
  readonly schedule: string;
  /** Days between two backups of the rule; undefined when the schedule is not understood. */
  readonly periodDays?: number;
  /** `lifecycle.delete_after`; undefined when not a number known at synth. */
  readonly retentionDays?: number;
  /** A continuous backup (point-in-time restore): AWS Backup manages the cluster's automated backups. */
  readonly continuous: boolean;
  readonly copies: readonly { readonly destination: unknown; readonly retentionDays?: number }[];
}

/** An `aws_backup_plan`, the clusters its selections name, and its region. */
interface BackupPlan {
  readonly address: string;
  readonly region: string;
  readonly rules: readonly BackupRule[];
  readonly clusters: readonly Cluster[];
  /** Selections that choose resources by tag, condition or a value the estimate cannot match. */
  readonly unmatched: number;
}

function readBackupPlans(context: Context, clusters: readonly Cluster[]): BackupPlan[] {
  const selections = Object.values(resourcesOf(context.resources, "aws_backup_selection"));
  return Object.entries(resourcesOf(context.resources, "aws_backup_plan")).map(([name, body]) => {
    const mine = selections.filter((selection) => referencedName(selection.plan_id, "aws_backup_plan") === name);
    const selected: Cluster[] = [];
    let unmatched = 0;
    for (const selection of mine) {
      const named = Array.isArray(selection.resources) ? selection.resources : [];
      for (const resource of named) {
        const cluster = clusters.find((candidate) => candidate.name === referencedName(resource, "aws_rds_cluster")) ?? clusterByArn(resource, clusters);
        if (cluster === undefined) unmatched += 1;
        else if (!selected.includes(cluster)) selected.push(cluster);
      }
      if (selection.selection_tag !== undefined || selection.condition !== undefined || named.length === 0) unmatched += 1;
    }
    const rules = (Array.isArray(body.rule) ? body.rule : [body.rule]).filter(isJsonObject).map(readBackupRule);
    return { address: `aws_backup_plan.${name}`, region: regionOf(context, "aws_backup_plan", name, body), rules, clusters: selected, unmatched };
  });
}

/** The cluster an ARN literal `arn:<partition>:rds:<region>:<account>:cluster:<identifier>` names. */
function clusterByArn(value: unknown, clusters: readonly Cluster[]): Cluster | undefined {
  const identifier = typeof value === "string" ? CLUSTER_ARN.exec(value)?.[2] : undefined;
  return identifier === undefined ? undefined : clusters.find((cluster) => cluster.body.cluster_identifier === identifier);
}

function readBackupRule(body: Json): BackupRule {
  const schedule = typeof body.schedule === "string" ? body.schedule : "";
  const copyBlocks = (Array.isArray(body.copy_action) ? body.copy_action : body.copy_action === undefined ? [] : [body.copy_action]).filter(isJsonObject);
  return {
    name: typeof body.rule_name === "string" ? body.rule_name : "(unnamed)",
    schedule,
    periodDays: schedulePeriodDays(schedule),
    retentionDays: deleteAfter(body.lifecycle),
    continuous: body.enable_continuous_backup === true,
    copies: copyBlocks.map((copy) => ({ destination: copy.destination_vault_arn, retentionDays: deleteAfter(copy.lifecycle) })),
  };
}

/** `lifecycle.delete_after` as a number of days, from the block or Terraform JSON's list of one. */
function deleteAfter(lifecycle: unknown): number | undefined {
  const block = Array.isArray(lifecycle) ? lifecycle[0] : lifecycle;
  const days = isJsonObject(block) ? block.delete_after : undefined;
  return typeof days === "number" && days > 0 ? days : undefined;
}

const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/**
 * Days between two backups of an AWS Backup cron schedule, `cron(Minutes Hours Day-of-month Month
 * Day-of-week Year)` in UTC, for the shapes a plan uses: every day (or at listed hours, or every n
 * hours), on listed weekdays, or on one day of every month. Undefined for anything else.
 */
export function schedulePeriodDays(schedule: string): number | undefined {
  const fields = /^cron\((.*)\)$/.exec(schedule.trim())?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) return undefined;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (!/^\d+$/.test(minutes) || month !== "*" || year !== "*") return undefined;
  let perDay: number | undefined;
  if (/^\d+(,\d+)*$/.test(hours)) perDay = new Set(hours.split(",")).size;
  else if (/^(\*|0)\/\d+$/.test(hours)) perDay = Math.ceil(24 / Number(hours.split("/")[1]));
  if (perDay === undefined || perDay === 0) return undefined;
  const anyDay = (field: string) => field === "*" || field === "?";
  if (anyDay(dayOfMonth) && anyDay(dayOfWeek)) return 1 / perDay;
  if (dayOfMonth === "?") {
    const days = dayOfWeek.split(",").map((day) => (/^[1-7]$/.test(day) ? WEEKDAYS[Number(day) - 1] : day.toUpperCase()));
    if (days.every((day) => WEEKDAYS.includes(day))) return 7 / (new Set(days).size * perDay);
    return undefined;
  }
  if (dayOfWeek === "?" && (/^([1-9]|[12]\d|3[01])$/.test(dayOfMonth) || dayOfMonth === "L")) return DAYS_PER_MONTH / perDay;
  return undefined;
}

/** What one rule keeps, at steady state, in recovery points (snapshots) and copies. */
function ruleCounts(rule: BackupRule, retentionPeriod: number): { outside: number; copiesKept: number; copiesPerMonth: number } | undefined {
  if (rule.periodDays === undefined) return undefined;
  // Snapshots are free while their creation time is within the cluster's backup retention period.
  const outside = rule.continuous || rule.retentionDays === undefined ? 0 : Math.max(0, rule.retentionDays - retentionPeriod) / rule.periodDays;
  const copiesKept = sum(rule.copies.map((copy) => (copy.retentionDays ?? rule.retentionDays ?? 0) / rule.periodDays!));
  const copiesPerMonth = rule.copies.length * (DAYS_PER_MONTH / rule.periodDays);
  return { outside, copiesKept, copiesPerMonth };
}

/** The cluster's automated backup retention: its `backup_retention_period`, or a continuous rule's longer one. */
function retentionPeriod(cluster: Cluster, plans: readonly BackupPlan[]): number {
  const own = typeof cluster.body.backup_retention_period === "number" ? cluster.body.backup_retention_period : DEFAULT_BACKUP_RETENTION_DAYS;
  const continuous = plans
    .filter((plan) => plan.clusters.includes(cluster))
    .flatMap((plan) => plan.rules.filter((rule) => rule.continuous).map((rule) => rule.retentionDays ?? 0));
  return Math.max(own, ...continuous);
}

function backupLine(context: Context, cluster: Cluster, address: string, plans: readonly BackupPlan[], prices: RegionPrices): CostLine {
  const item = `Backup storage beyond the free amount${elsewhere(context, cluster.region)}`;
  const mine = plans.filter((plan) => plan.clusters.includes(cluster));
  const resources = [address, ...mine.map((plan) => plan.address)];
  const retention = retentionPeriod(cluster, plans);
  const size = context.usage.databaseGb;
  if (cluster.secondary) {
    return line(
      item,
      resources,
      cluster.region,
      null,
      prices.backupStorage,
      `a global database secondary's backups up to its size are free; more (retention ${describeRetention(cluster.body.backup_retention_period)}) is not estimated; not in the totals`,
    );
  }
  const rules = mine.flatMap((plan) => plan.rules);
  const counts = rules.map((rule) => ({ rule, counts: ruleCounts(rule, retention) }));
  const unknown = counts.filter((entry) => entry.counts === undefined).map((entry) => entry.rule);
  const snapshots = sum(counts.map((entry) => entry.counts?.outside ?? 0));
  const planNote =
    mine.length === 0
      ? ""
      : `; AWS Backup's snapshots of it (Aurora snapshots, billed by RDS) are free while within the ${retention}-day retention period, ` +
        `then count at the cluster's full size: ${formatNumber(snapshots)} kept beyond it` +
        (unknown.length > 0 ? `, rules ${unknown.map((rule) => `${rule.name} (${rule.schedule || "no schedule"})`).join(", ")} not understood` : "");
  if (size === null) {
    const free = `backups up to the cluster's size are free; more (retention ${retention} days) and snapshots are billed`;
    return line(item, resources, cluster.region, null, prices.backupStorage, `${free}${planNote}; not in the totals (--database-gb prices it)`);
  }
  // TotalBackupStorageBilled: automated backups (the volume and the changes kept, at most the
  // volume for each day of retention) plus snapshots beyond the retention period, less the free
  // amount, which is the volume's size (Aurora User Guide, "Understanding Aurora backup storage usage").
  const change = context.usage.dailyChangeGb ?? 0;
  const automated = Math.min(size + change * retention, retention * size);
  const billed = Math.max(0, automated + snapshots * size - size);
  const changeNote =
    context.usage.dailyChangeGb === null
      ? "no --daily-change-gb: changes kept for point-in-time restore not counted (a lower bound)"
      : `${formatNumber(change)} GB of changes a day kept ${retention} days`;
  const note =
    `${formatNumber(size)} GB volume: automated backups ${formatNumber(automated)} GB (${changeNote})` +
    `${mine.length === 0 ? "" : ` + ${formatNumber(snapshots)} AWS Backup snapshot(s) kept beyond the ${retention}-day retention × ${formatNumber(size)} GB`}` +
    ` - ${formatNumber(size)} GB free` +
    (unknown.length > 0 ? `; rules ${unknown.map((rule) => rule.name).join(", ")} not understood, not counted` : "");
  return line(item, resources, cluster.region, { idle: billed, max: billed }, prices.backupStorage, note);
}

/**
 * The region of a vault's ARN: the region field of an ARN (literal, or built with references for
 * its partition and account), a vault of this stack, or a vault of another stack's (cdktf's
 * cross-stack reference).
 */
function vaultRegion(context: Context, destination: unknown): string | undefined {
  if (typeof destination !== "string") return undefined;
  // The region field must be literal; the partition and the account may be references (an ARN
  // built from the stack's aws_partition and aws_caller_identity), which hold no colon.
  const literal = /^arn:[^:]+:backup:([a-z]{2}(?:-[a-z]+)+-\d+):[^:]*:backup-vault:[^:]+$/.exec(destination)?.[1];
  if (literal !== undefined) return literal;
  const local = referencedName(destination, "aws_backup_vault");
  if (local !== undefined) {
    const body = resourcesOf(context.resources, "aws_backup_vault")[local];
    return body === undefined ? undefined : regionOf(context, "aws_backup_vault", local, body);
  }
  // cdktf's cross-stack reference: ${data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>}.
  const remote = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-(.+)\.outputs\.([\w-]+)\}$/.exec(destination);
  if (remote === null) return undefined;
  const [, stack, output] = remote as unknown as [string, string, string];
  const other = context.stacks[stack];
  if (!isJsonObject(other) || !isJsonObject(other.output) || !isJsonObject(other.resource)) return undefined;
  const value = isJsonObject(other.output[output]) ? other.output[output].value : undefined;
  const vault = referencedName(value, "aws_backup_vault");
  const body = vault === undefined ? undefined : resourcesOf(other.resource, "aws_backup_vault")[vault];
  if (body === undefined) return undefined;
  try {
    const providers = readProviders(stack, other);
    return regionOf({ ...context, stackName: stack, providers }, "aws_backup_vault", vault!, body);
  } catch {
    return undefined;
  }
}

/** The copies a plan's rules make: stored in each destination's region, sent there from the plan's. */
function copyLines(context: Context, plan: BackupPlan): CostLine[] {
  const destinations = new Map<string, { region?: string; kept: number; perMonth: number; rules: string[]; unknownRules: string[] }>();
  const cluster = plan.clusters[0];
  const retention = cluster === undefined ? DEFAULT_BACKUP_RETENTION_DAYS : retentionPeriod(cluster, [plan]);
  for (const rule of plan.rules) {
    rule.copies.forEach((copy) => {
      const region = vaultRegion(context, copy.destination);
      const key = region ?? `unknown:${String(copy.destination)}`;
      const entry = destinations.get(key) ?? { region, kept: 0, perMonth: 0, rules: [], unknownRules: [] };
      const counts = ruleCounts({ ...rule, copies: [copy] }, retention);
      if (counts === undefined) entry.unknownRules.push(rule.name);
      else {
        entry.kept += counts.copiesKept;
        entry.perMonth += counts.copiesPerMonth;
        entry.rules.push(`${rule.name} kept ${copy.retentionDays ?? rule.retentionDays ?? "?"} days`);
      }
      destinations.set(key, entry);
    });
  }
  const clusters = plan.clusters.length;
  // Copies of clusters the selection names by tag, condition or a value of another stack are not sized.
  const size = clusters === 0 ? null : context.usage.databaseGb;
  const selection =
    plan.unmatched === 0
      ? ""
      : `; ${plan.unmatched} selection entr${plan.unmatched === 1 ? "y" : "ies"} by tag, condition or a resource not in this stack not counted`;
  const lines: CostLine[] = [];
  for (const entry of destinations.values()) {
    const unknown = entry.unknownRules.length > 0 ? `; rules ${entry.unknownRules.join(", ")} not understood, not counted` : "";
    const copies = `${formatNumber(entry.kept)} full copies kept per cluster (${entry.rules.join(", ")})${unknown}${selection}`;
    const destination = entry.region ?? "another region";
    const resources = [plan.address];
    const storedGb = size === null ? null : count(entry.kept * size * clusters);
    const sentGb = size === null ? null : count(entry.perMonth * size * clusters);
    const times = size === null ? "" : ` × ${formatNumber(size)} GB × ${clusters} cluster(s)`;
    const unsized = size === null ? "; not in the totals (--database-gb prices it)" : "";
    const sent = `${formatNumber(entry.perMonth)} copies a month per cluster, each the full snapshot${times}`;
    if (entry.region === undefined) {
      const unknownRegion = "; the destination vault's region is not known at synth: not priced, not in the totals";
      lines.push(
        unpricedLine(`AWS Backup copies in ${destination}`, resources, plan.region, storedGb, unknownPrice("GB-month"), `${copies}${times}${unknownRegion}`),
        unpricedLine(`Backup copy transfer to ${destination}`, resources, plan.region, sentGb, unknownPrice("GB"), `${sent}${unknownRegion}`),
      );
      continue;
    }
    lines.push(
      line(
        `AWS Backup copies in ${entry.region} (Aurora snapshots)`,
        resources,
        entry.region,
        storedGb,
        pricesFor(entry.region, context.table).backupStorage,
        `${copies}${times}; Aurora snapshot copies are always full, and no cluster's free backup storage covers them${unsized}`,
      ),
    );
    if (entry.region !== plan.region) {
      lines.push(
        line(
          `Backup copy transfer, ${plan.region} to ${entry.region}`,
          resources,
          plan.region,
          sentGb,
          pricesFor(plan.region, context.table).interRegionTransfer,
          `${sent}${unsized}`,
        ),
      );
    }
  }
  return lines;
}

// --- Aurora Global Database ---------------------------------------------------------------------

function globalClusterLines(context: Context): CostLine[] {
  return Object.entries(resourcesOf(context.resources, "aws_rds_global_cluster")).map(([name, body]) => {
    const region = regionOf(context, "aws_rds_global_cluster", name, body);
    return line(
      "Global Database replicated write I/O",
      [`aws_rds_global_cluster.${name}`],
      region,
      null,
      pricesFor(region, context.table).replicatedWriteIo,
      "per million write I/Os replicated to each secondary region, billed in the primary's region (the AuroraGlobalDBReplicatedWriteIO metric); usage decides: not in the totals",
    );
  });
}

// --- Fixed lines -----------------------------------------------------------------------------------

/** The addresses of a resource type, by the region each is billed in (the stack's region first). */
function addressesByRegion(context: Context, type: string): Map<string, string[]> {
  const byRegion = new Map<string, string[]>([[context.providers.region, []]]);
  for (const [name, body] of Object.entries(resourcesOf(context.resources, type))) {
    const region = regionOf(context, type, name, body);
    byRegion.set(region, [...(byRegion.get(region) ?? []), `${type}.${name}`]);
  }
  for (const [region, addresses] of byRegion) if (addresses.length === 0) byRegion.delete(region);
  return byRegion;
}

function secretLines(context: Context): CostLine[] {
  return [...addressesByRegion(context, "aws_secretsmanager_secret")].map(([region, addresses]) =>
    line(
      `Secrets Manager secrets${elsewhere(context, region)}`,
      addresses,
      region,
      count(addresses.length),
      pricesFor(region, context.table).secret,
      "per secret; API calls not counted",
    ),
  );
}

function keyLines(context: Context): CostLine[] {
  return [...addressesByRegion(context, "aws_kms_key")].map(([region, addresses]) =>
    line(
      `KMS customer-managed keys${elsewhere(context, region)}`,
      addresses,
      region,
      count(addresses.length),
      pricesFor(region, context.table).kmsKey,
      "per key; requests not counted",
    ),
  );
}

function proxyLines(context: Context, clusters: readonly Cluster[]): CostLine[] {
  const { stackName, resources, table } = context;
  const targets = Object.values(resourcesOf(resources, "aws_db_proxy_target"));
  const minimum = table.rdsProxyMinimumAcu;
  return Object.entries(resourcesOf(resources, "aws_db_proxy")).map(([name, body]) => {
    const region = regionOf(context, "aws_db_proxy", name, body);
    const target = targets.find(
      (candidate) => referencedName(candidate.db_proxy_name, "aws_db_proxy") === name || (body.name !== undefined && candidate.db_proxy_name === body.name),
    );
    const cluster = findCluster(target?.db_cluster_identifier, clusters);
    const scaling = cluster?.scaling;
    const instances = scaling === undefined ? 0 : (cluster?.instances ?? []).filter((instance) => instance.serverless).length;
    const capacity = scaling === undefined ? { idle: 0, max: 0 } : { idle: instances * idleAcu(scaling), max: instances * scaling.max };
    const billed = { idle: Math.max(minimum, capacity.idle) * table.hoursPerMonth, max: Math.max(minimum, capacity.max) * table.hoursPerMonth };
    const note =
      cluster === undefined
        ? `stack "${stackName}" has no cluster this proxy targets: priced at AWS's ${minimum}-ACU minimum`
        : `bills the Serverless v2 capacity of ${cluster.name}'s ${instances} instance(s) ` +
          `(${formatNumber(capacity.idle)} ACU idle, ${formatNumber(capacity.max)} ACU at maximum), at least ${minimum} ACU`;
    return line(`RDS Proxy${elsewhere(context, region)}`, [`aws_db_proxy.${name}`], region, billed, pricesFor(region, table).rdsProxy, note);
  });
}

function alarmLines(context: Context): CostLine[] {
  const alarms = resourcesOf(context.resources, "aws_cloudwatch_metric_alarm");
  const free = context.table.freeAlarmMetricsPerAccount;
  return [...addressesByRegion(context, "aws_cloudwatch_metric_alarm")].map(([region, addresses]) => {
    // AWS bills an alarm per metric it evaluates: a metric-math alarm pays for each metric it reads.
    const metrics = sum(addresses.map((address) => alarmMetricCount(alarms[address.slice("aws_cloudwatch_metric_alarm.".length)]!)));
    return line(
      `CloudWatch metric alarms (standard resolution)${elsewhere(context, region)}`,
      addresses,
      region,
      count(metrics),
      pricesFor(region, context.table).alarm,
      `${addresses.length} alarm(s), ${metrics} alarm metric(s); the ${free} free alarm metrics are per account, not per stack, so not deducted`,
    );
  });
}

function alarmMetricCount(alarm: Json): number {
  const queries = alarm.metric_query;
  if (!Array.isArray(queries)) return 1;
  return Math.max(1, queries.filter((query) => isJsonObject(query) && query.metric !== undefined).length);
}

function dashboardLines(context: Context): CostLine[] {
  const free = context.table.freeDashboardsPerAccount;
  return [...addressesByRegion(context, "aws_cloudwatch_dashboard")].map(([region, addresses]) =>
    line(
      `CloudWatch dashboards${elsewhere(context, region)}`,
      addresses,
      region,
      count(addresses.length),
      pricesFor(region, context.table).dashboard,
      `the ${free} free dashboards (up to 50 metrics each) are per account, not per stack: every dashboard is priced`,
    ),
  );
}

function count(value: number): CostAmount {
  return { idle: value, max: value };
}

/**
 * A line: priced (quantity × price) when both are known; otherwise a usage line (no quantity:
 * usage decides) or a line whose region has no price in the table, both left out of the totals.
 */
function line(item: string, resources: readonly string[], region: string, quantity: CostAmount | null, price: Price, note: string): CostLine {
  const { usd, unit } = price;
  if (usd === null)
    return unpricedLine(item, resources, region, quantity, price, `${note}; the price table has no ${region} price for it (not found): not in the totals`);
  const monthlyUsd = quantity === null ? null : { idle: quantity.idle * usd, max: quantity.max * usd };
  return { item, resources, quantity, region, unit, unitPriceUsd: usd, monthlyUsd, note };
}

/** A line out of the totals: its unit price shown when known, no amount. */
function unpricedLine(item: string, resources: readonly string[], region: string, quantity: CostAmount | null, price: Price, note: string): CostLine {
  return { item, resources, quantity, region, unit: price.unit, unitPriceUsd: price.usd, monthlyUsd: null, note };
}

function resourcesOf(resources: Json, type: string): Record<string, Json> {
  const blocks = resources[type];
  if (!isJsonObject(blocks)) return {};
  return Object.fromEntries(Object.entries(blocks).filter((entry): entry is [string, Json] => isJsonObject(entry[1])));
}

function describeRetention(days: unknown): string {
  return typeof days === "number" ? `${days} days` : "as configured";
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Up to 4 decimals, no trailing zeros, thousands separated: 2,920 and 0.5 and 0.0165. */
function formatNumber(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

function formatUsd(value: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function formatUnitPrice(line: CostLine): string {
  if (line.unitPriceUsd === null) return `no price / ${line.unit}`;
  const price = line.unitPriceUsd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  return `$${price} / ${line.unit}`;
}

function formatQuantity(line: CostLine): string {
  if (line.quantity === null) return line.monthlyUsd === null ? "usage" : "-";
  const { idle, max } = line.quantity;
  return idle === max ? `${formatNumber(idle)} ${line.unit}` : `${formatNumber(idle)} / ${formatNumber(max)} ${line.unit}`;
}

/** Cents, without the float noise of sums (354.99999999999994 is 355). */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Billed quantities to 4 decimals, as the table shows them (1.2000000000000002 is 1.2). */
function quantity(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * The estimate with its money in cents, as the table shows it and as `aurora-db cost --json`
 * prints it: each line's and the total's USD a month rounded to cents (the total is rounded
 * from the unrounded sum, as in the table), quantities to 4 decimals; unit prices as they are.
 */
export function roundEstimate(estimate: StackCostEstimate): StackCostEstimate {
  const amount = (value: CostAmount, round: (value: number) => number): CostAmount => ({ idle: round(value.idle), max: round(value.max) });
  return {
    ...estimate,
    lines: estimate.lines.map((line) => ({
      ...line,
      quantity: line.quantity === null ? null : amount(line.quantity, quantity),
      monthlyUsd: line.monthlyUsd === null ? null : amount(line.monthlyUsd, cents),
    })),
    totalUsd: amount(estimate.totalUsd, cents),
    storageComparisons: estimate.storageComparisons.map((comparison) => ({
      ...comparison,
      standardUsd: comparison.standardUsd === null ? null : amount(comparison.standardUsd, cents),
      ioOptimizedUsd: comparison.ioOptimizedUsd === null ? null : amount(comparison.ioOptimizedUsd, cents),
      breakEvenIoRequests: comparison.breakEvenIoRequests === null ? null : amount(comparison.breakEvenIoRequests, Math.round),
      breakEvenIoShare:
        comparison.breakEvenIoShare === null
          ? null
          : {
              idle: comparison.breakEvenIoShare.idle === null ? null : quantity(comparison.breakEvenIoShare.idle),
              max: comparison.breakEvenIoShare.max === null ? null : quantity(comparison.breakEvenIoShare.max),
            },
    })),
  };
}

/**
 * Words of `text` in lines of at most `width` characters, the lines after the first `indent`
 * narrower (a longer word gets a line of its own).
 */
function wrap(text: string, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width - (lines.length > 0 ? indent : 0)) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

const STORAGE_NAMES = { standard: "Aurora Standard", ioOptimized: "Aurora I/O-Optimized" } as const;

/** A cluster's storage comparison as a sentence for the table, and its note. */
function describeComparison(comparison: StorageComparison): { text: string; note: string } {
  const { standardUsd, ioOptimizedUsd, breakEvenIoRequests, breakEvenIoShare } = comparison;
  const pair = (amount: CostAmount | null) => (amount === null ? "no price" : `${formatUsd(amount.idle)} idle / ${formatUsd(amount.max)} max`);
  const requests = (count: number) => `${formatNumber(Math.round(count / 10_000) / 100)} million`;
  const percent = (share: number) => `I/O ${formatNumber(Math.round(share * 1000) / 10)}% of the Standard bill`;
  let breakEven: string;
  if (breakEvenIoRequests === null || breakEvenIoShare === null) breakEven = "No break-even: a price is unknown for the region.";
  else if (breakEvenIoShare.idle === null || breakEvenIoShare.max === null) {
    // Only a paused cluster without storage counted bills nothing: at idle, and at maximum only with a 0 ACU maximum.
    const at =
      breakEvenIoShare.max === null ? "" : `above ${requests(breakEvenIoRequests.max)} I/O requests a month at maximum (${percent(breakEvenIoShare.max)}); `;
    breakEven = `I/O-Optimized costs less ${at}at idle the cluster pauses and, without storage counted, costs nothing in either.`;
  } else {
    breakEven =
      `I/O-Optimized costs less above ${requests(breakEvenIoRequests.idle)} I/O requests a month at idle (${percent(breakEvenIoShare.idle)}), ` +
      `${requests(breakEvenIoRequests.max)} at maximum (${percent(breakEvenIoShare.max)}).`;
  }
  return {
    text:
      `Storage configuration of ${comparison.cluster} (${STORAGE_NAMES[comparison.configured]} configured): ` +
      `Aurora Standard ${pair(standardUsd)} USD plus I/O, Aurora I/O-Optimized ${pair(ioOptimizedUsd)} USD. ${breakEven}`,
    note: comparison.note,
  };
}

/** The width a terminal of 120 columns gives the table, and the indent of each line's note. */
export const COST_TABLE_WIDTH = 120;
const NOTE_INDENT = "    ";

/**
 * A plain-text table of estimates for people, at most {@link COST_TABLE_WIDTH} columns wide:
 * one block per stack (item, quantity at idle/max, unit price, USD a month at idle and at
 * maximum, then the line's note under it) with its totals, then the sum of all stacks when
 * there are several. Amounts are rounded to cents, as {@link roundEstimate} rounds them.
 */
export function formatCostTable(estimates: readonly StackCostEstimate[], width: number = COST_TABLE_WIDTH): string {
  const header = ["Item", "Quantity (idle / max)", "Unit price", "Idle USD", "Max USD"] as const;
  type Row = { readonly cells: readonly [string, string, string, string, string]; readonly note: string };
  const blocks = estimates.map((estimate) => {
    const rows: Row[] = estimate.lines.map((line) => ({
      cells: [
        line.item,
        formatQuantity(line),
        formatUnitPrice(line),
        line.monthlyUsd === null ? "-" : formatUsd(line.monthlyUsd.idle),
        line.monthlyUsd === null ? "-" : formatUsd(line.monthlyUsd.max),
      ],
      note: line.note,
    }));
    rows.push({ cells: ["Total", "", "", formatUsd(estimate.totalUsd.idle), formatUsd(estimate.totalUsd.max)], note: "usage-priced lines (-) not included" });
    return { estimate, rows, comparisons: estimate.storageComparisons.map(describeComparison) };
  });
  const allCells = [header, ...blocks.flatMap((block) => block.rows.map((row) => row.cells))];
  const widths = header.map((_, column) => Math.max(...allCells.map((cells) => cells[column].length)));
  // The item column takes what the others leave, and wraps its longer items.
  const others = widths.slice(1).reduce((total, columnWidth) => total + columnWidth + 2, 0);
  widths[0] = Math.max(20, Math.min(widths[0]!, width - others));
  const render = (cells: readonly string[]): string[] => {
    const item = wrap(cells[0]!, widths[0]!, 2);
    const first = cells
      .map((cell, column) => (column === 0 ? item[0]!.padEnd(widths[0]!) : column >= 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
    return [first, ...item.slice(1).map((rest) => `  ${rest}`)];
  };

  const out: string[] = [];
  for (const { estimate, rows, comparisons } of blocks) {
    out.push(`${estimate.stack} (${estimate.region}), USD a month at ${estimate.hoursPerMonth} h, prices as of ${estimate.pricesAsOf}`);
    out.push(...render(header));
    for (const row of rows) out.push(...render(row.cells), ...wrap(row.note, width - NOTE_INDENT.length).map((line) => `${NOTE_INDENT}${line}`));
    for (const { text, note } of comparisons) out.push(...wrap(text, width), ...wrap(note, width - NOTE_INDENT.length).map((line) => `${NOTE_INDENT}${line}`));
    out.push("");
  }
  if (estimates.length > 1) {
    const idle = sum(estimates.map((estimate) => estimate.totalUsd.idle));
    const max = sum(estimates.map((estimate) => estimate.totalUsd.max));
    out.push(`All ${estimates.length} stacks: ${formatUsd(idle)} USD a month at idle/minimum, ${formatUsd(max)} at maximum`, "");
  }
  const sized = estimates.some((estimate) => estimate.usage.databaseGb !== null);
  const usage = sized
    ? `Storage, backups and backup copies for a ${formatNumber(estimates.find((estimate) => estimate.usage.databaseGb !== null)!.usage.databaseGb!)} GB database (--database-gb) are in the totals where their region's price is known; not counted: I/O and replicated write I/O (priced per unit above)`
    : "Not counted: storage, I/O, replicated write I/O, backups beyond the free amount and backup copies (priced per unit above; --database-gb prices storage, backups and copies)";
  out.push(...wrap(`${usage}, other data transfer, API and KMS requests, logs.`, width));
  // Ends with a newline, as a command's last line should (a shell prompt then starts on its own line).
  return `${out.join("\n")}\n`;
}
