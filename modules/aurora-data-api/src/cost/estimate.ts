/**
 * A stack's monthly cost, estimated from its synthesized Terraform JSON alone (no AWS call):
 * what `aurora-db cost` prints. Pure functions over plain data, so the CLI can print the result
 * as JSON (`--json`) or as {@link formatCostTable}'s table.
 *
 * Two figures per line: at idle/minimum (every Serverless v2 instance at its minimum capacity,
 * or paused) and at maximum (every instance at its maximum capacity all month). Real bills fall
 * between them, plus the usage-priced lines (storage, I/O, backup) that the totals leave out.
 */
import { type JsonObject, isJsonObject } from "../private/json.js";
import { PRICE_TABLE, type PriceTable, type PriceUnit, type RegionPrices, pricesFor } from "./prices.js";

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
  /** What {@link CostLine.unitPriceUsd} is per. */
  readonly unit: PriceUnit;
  /** USD per {@link CostLine.unit}, from the price table. */
  readonly unitPriceUsd: number;
  /** USD a month (quantity × unit price); null for usage-priced lines, which totals leave out. */
  readonly monthlyUsd: CostAmount | null;
  /** Why the line is priced as it is, in a sentence or two. */
  readonly note: string;
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
  readonly lines: readonly CostLine[];
  /** Sum of the lines' `monthlyUsd`, usage-priced lines left out. */
  readonly totalUsd: CostAmount;
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
  /** Undefined for a cluster without Serverless v2 capacity. */
  readonly scaling?: Scaling;
  readonly ioOptimized: boolean;
  readonly instances: Instance[];
}

interface Instance {
  readonly name: string;
  readonly body: Json;
  readonly tier: number;
  readonly serverless: boolean;
}

/** Promotion tiers whose readers keep the writer's capacity (AWS: tiers 0 and 1). */
const LAST_TIER_FOLLOWING_WRITER = 1;
/** The AWS provider's default `promotion_tier` (the RDS API's default is 1; both follow the writer). */
const DEFAULT_PROMOTION_TIER = 0;

/**
 * Estimates one stack's monthly cost from its synthesized Terraform JSON.
 * @param stackName - The stack's name, carried into the estimate and error messages.
 * @param config - The parsed `cdk.tf.json` of the stack.
 * @throws Error when `config` is not a Terraform JSON object with `resource`, when its AWS region
 * is missing or not in the price table, or when a capacity or a cluster reference cannot be read.
 */
export function estimateStackCost(stackName: string, config: unknown, table: PriceTable = PRICE_TABLE): StackCostEstimate {
  if (!isJsonObject(config)) {
    throw new Error(`Stack "${stackName}": expected its synthesized Terraform JSON (the object in cdk.tf.json), got ${describe(config)}.`);
  }
  if (!isJsonObject(config.resource)) {
    throw new Error(`Stack "${stackName}": expected a "resource" object in its Terraform JSON, got ${describe(config.resource)}.`);
  }
  const resources = config.resource;
  const region = readRegion(stackName, config);
  const prices = pricesFor(region, table);
  const clusters = readClusters(stackName, resources);

  const lines: CostLine[] = [];
  for (const cluster of clusters) lines.push(...clusterLines(cluster, prices, table));
  lines.push(...secretLines(resources, prices));
  lines.push(...keyLines(resources, prices));
  lines.push(...proxyLines(stackName, resources, clusters, prices, table));
  lines.push(...alarmLines(resources, prices, table));
  lines.push(...dashboardLines(resources, prices, table));

  const priced = lines.flatMap((line) => (line.monthlyUsd === null ? [] : [line.monthlyUsd]));
  return {
    stack: stackName,
    region,
    currency: "USD",
    hoursPerMonth: table.hoursPerMonth,
    pricesAsOf: table.asOf,
    priceSources: table.source,
    lines,
    totalUsd: { idle: sum(priced.map((amount) => amount.idle)), max: sum(priced.map((amount) => amount.max)) },
  };
}

function readRegion(stackName: string, config: Json): string {
  const aws = isJsonObject(config.provider) ? config.provider.aws : undefined;
  const provider = Array.isArray(aws) ? aws[0] : aws;
  const region = isJsonObject(provider) ? provider.region : undefined;
  if (typeof region !== "string" || region === "") {
    throw new Error(`Stack "${stackName}": expected the AWS provider's region at provider.aws[0].region, got ${describe(region)}.`);
  }
  if (region.includes("${")) {
    throw new Error(`Stack "${stackName}": the AWS provider's region ${JSON.stringify(region)} is not known at synth; the estimate needs a literal region.`);
  }
  return region;
}

function readClusters(stackName: string, resources: Json): Cluster[] {
  const clusters: Cluster[] = Object.entries(resourcesOf(resources, "aws_rds_cluster")).map(([name, body]) => ({
    name,
    body,
    scaling: readScaling(stackName, name, body),
    ioOptimized: body.storage_type === "aurora-iopt1",
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

function clusterLines(cluster: Cluster, prices: RegionPrices, table: PriceTable): CostLine[] {
  const address = `aws_rds_cluster.${cluster.name}`;
  const storage = cluster.ioOptimized ? "ioOptimized" : "standard";
  const lines: CostLine[] = [];
  cluster.instances.forEach((instance, index) => {
    const role = index === 0 ? "writer" : `reader, promotion tier ${instance.tier}`;
    lines.push(computeLine(cluster, instance, role, prices, table.hoursPerMonth));
    const insights = performanceInsightsLine(cluster, instance, role, prices, table);
    if (insights !== undefined) lines.push(insights);
  });
  lines.push(
    usageLine(`Cluster storage (${storageLabel(cluster)})`, address, prices.storage[storage].unit, prices.storage[storage].usd, "billed on the data stored; not in the totals"),
    usageLine(
      `Storage I/O (${storageLabel(cluster)})`,
      address,
      prices.ioRequests[storage].unit,
      prices.ioRequests[storage].usd,
      cluster.ioOptimized ? "included in I/O-Optimized" : "billed on the reads and writes made; not in the totals",
    ),
    usageLine(
      "Backup storage beyond the free amount",
      address,
      prices.backupStorage.unit,
      prices.backupStorage.usd,
      `backups up to the cluster's size are free; more (retention ${describeRetention(cluster.body.backup_retention_period)}) and snapshots are billed; not in the totals`,
    ),
  );
  if (cluster.body.manage_master_user_password === true) {
    lines.push(
      fixedLine(
        "Secrets Manager secret (RDS-managed master password)",
        [address],
        1,
        prices.secret.unit,
        prices.secret.usd,
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
    const why = instance.serverless ? "its cluster has no serverlessv2_scaling_configuration" : `instance class ${describe(instance.body.instance_class)} is not Serverless v2`;
    return { item, resources, quantity: null, unit: price.unit, unitPriceUsd: price.usd, monthlyUsd: null, note: `${why}: not priced here, not in the totals` };
  }
  const range = `${formatNumber(scaling.min)}-${formatNumber(scaling.max)} ACU`;
  const idle = scaling.pauses
    ? `pauses at 0 ACU ${scaling.secondsUntilAutoPause === undefined ? "when idle" : `after ${scaling.secondsUntilAutoPause} s without connections`}: no capacity billed while paused`
    : `idle at the ${formatNumber(scaling.min)} ACU minimum`;
  let follows = "";
  if (!writer) {
    follows =
      instance.tier <= LAST_TIER_FOLLOWING_WRITER
        ? `; tier ${instance.tier} follows the writer: scales and pauses with it`
        : `; tier ${instance.tier} scales on its own load${scaling.pauses ? " and pauses on its own" : ", idle at the minimum"}`;
  }
  const acuHours = { idle: idleAcu(scaling) * hoursPerMonth, max: scaling.max * hoursPerMonth };
  return priced(item, resources, acuHours, price.unit, price.usd, `${range}; ${idle}${follows}`);
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
    return { item, resources, quantity: null, unit: price.unit, unitPriceUsd: 0, monthlyUsd: { idle: 0, max: 0 }, note: `${freeDays} days of history: free` };
  }
  const scaling = cluster.scaling;
  if (!instance.serverless || scaling === undefined) {
    return {
      item,
      resources,
      quantity: null,
      unit: price.unit,
      unitPriceUsd: price.usd,
      monthlyUsd: null,
      note: `${days} days of history on a provisioned instance is billed per vCPU: not priced here, not in the totals`,
    };
  }
  return priced(
    item,
    resources,
    { idle: idleAcu(scaling), max: scaling.max },
    price.unit,
    price.usd,
    `${days} days of history, beyond the free ${freeDays}: billed on the instance's average ACUs, at the rate for up to one month of history (more costs more); ` +
      "CloudWatch Database Insights (Standard mode) keeps this price after the Performance Insights console retires on 2026-07-31",
  );
}

function secretLines(resources: Json, prices: RegionPrices): CostLine[] {
  const addresses = addressesOf(resources, "aws_secretsmanager_secret");
  if (addresses.length === 0) return [];
  return [fixedLine("Secrets Manager secrets", addresses, addresses.length, prices.secret.unit, prices.secret.usd, "per secret; API calls not counted")];
}

function keyLines(resources: Json, prices: RegionPrices): CostLine[] {
  const addresses = addressesOf(resources, "aws_kms_key");
  if (addresses.length === 0) return [];
  return [fixedLine("KMS customer-managed keys", addresses, addresses.length, prices.kmsKey.unit, prices.kmsKey.usd, "per key; requests not counted")];
}

function proxyLines(stackName: string, resources: Json, clusters: readonly Cluster[], prices: RegionPrices, table: PriceTable): CostLine[] {
  const targets = Object.values(resourcesOf(resources, "aws_db_proxy_target"));
  const minimum = table.rdsProxyMinimumAcu;
  return Object.entries(resourcesOf(resources, "aws_db_proxy")).map(([name, body]) => {
    const target = targets.find((candidate) => referencedName(candidate.db_proxy_name, "aws_db_proxy") === name || (body.name !== undefined && candidate.db_proxy_name === body.name));
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
    return priced("RDS Proxy", [`aws_db_proxy.${name}`], billed, prices.rdsProxy.unit, prices.rdsProxy.usd, note);
  });
}

function alarmLines(resources: Json, prices: RegionPrices, table: PriceTable): CostLine[] {
  const alarms = resourcesOf(resources, "aws_cloudwatch_metric_alarm");
  const addresses = Object.keys(alarms).map((name) => `aws_cloudwatch_metric_alarm.${name}`);
  if (addresses.length === 0) return [];
  // AWS bills an alarm per metric it evaluates: a metric-math alarm pays for each metric it reads.
  const metrics = sum(Object.values(alarms).map(alarmMetricCount));
  const free = table.freeAlarmMetricsPerAccount;
  return [
    fixedLine(
      "CloudWatch metric alarms (standard resolution)",
      addresses,
      metrics,
      prices.alarm.unit,
      prices.alarm.usd,
      `${addresses.length} alarm(s), ${metrics} alarm metric(s); the ${free} free alarm metrics are per account, not per stack, so not deducted`,
    ),
  ];
}

function alarmMetricCount(alarm: Json): number {
  const queries = alarm.metric_query;
  if (!Array.isArray(queries)) return 1;
  return Math.max(1, queries.filter((query) => isJsonObject(query) && query.metric !== undefined).length);
}

function dashboardLines(resources: Json, prices: RegionPrices, table: PriceTable): CostLine[] {
  const addresses = addressesOf(resources, "aws_cloudwatch_dashboard");
  if (addresses.length === 0) return [];
  const free = table.freeDashboardsPerAccount;
  return [
    fixedLine(
      "CloudWatch dashboards",
      addresses,
      addresses.length,
      prices.dashboard.unit,
      prices.dashboard.usd,
      `the ${free} free dashboards (up to 50 metrics each) are per account, not per stack: every dashboard is priced`,
    ),
  ];
}

function priced(item: string, resources: readonly string[], quantity: CostAmount, unit: PriceUnit, unitPriceUsd: number, note: string): CostLine {
  return { item, resources, quantity, unit, unitPriceUsd, monthlyUsd: { idle: quantity.idle * unitPriceUsd, max: quantity.max * unitPriceUsd }, note };
}

function fixedLine(item: string, resources: readonly string[], count: number, unit: PriceUnit, unitPriceUsd: number, note: string): CostLine {
  return priced(item, resources, { idle: count, max: count }, unit, unitPriceUsd, note);
}

function usageLine(item: string, address: string, unit: PriceUnit, unitPriceUsd: number, note: string): CostLine {
  return { item, resources: [address], quantity: null, unit, unitPriceUsd, monthlyUsd: null, note };
}

function resourcesOf(resources: Json, type: string): Record<string, Json> {
  const blocks = resources[type];
  if (!isJsonObject(blocks)) return {};
  return Object.fromEntries(Object.entries(blocks).filter((entry): entry is [string, Json] => isJsonObject(entry[1])));
}

function addressesOf(resources: Json, type: string): string[] {
  return Object.keys(resourcesOf(resources, type)).map((name) => `${type}.${name}`);
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
    return { estimate, rows };
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
  for (const { estimate, rows } of blocks) {
    out.push(`${estimate.stack} (${estimate.region}), USD a month at ${estimate.hoursPerMonth} h, prices as of ${estimate.pricesAsOf}`);
    out.push(...render(header));
    for (const row of rows) out.push(...render(row.cells), ...wrap(row.note, width - NOTE_INDENT.length).map((line) => `${NOTE_INDENT}${line}`));
    out.push("");
  }
  if (estimates.length > 1) {
    const idle = sum(estimates.map((estimate) => estimate.totalUsd.idle));
    const max = sum(estimates.map((estimate) => estimate.totalUsd.max));
    out.push(`All ${estimates.length} stacks: ${formatUsd(idle)} USD a month at idle/minimum, ${formatUsd(max)} at maximum`, "");
  }
  out.push(...wrap("Not counted: storage, I/O and backups beyond the free amount (priced per unit above), snapshots, data transfer, API and KMS requests, logs.", width));
  // Ends with a newline, as a command's last line should (a shell prompt then starts on its own line).
  return `${out.join("\n")}\n`;
}
