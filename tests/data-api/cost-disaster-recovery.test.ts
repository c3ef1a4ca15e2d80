/**
 * `aurora-db cost` for disaster recovery: AWS Backup's snapshots of the cluster and their free
 * amount, copies kept in another region's vault and their transfer, the vaults' keys, and an
 * Aurora Global Database (its secondary's capacity and storage in its own region, replicated
 * write I/O). Small hand-written Terraform JSON shaped as the module synthesizes it
 * (AuroraBackupPlan, AuroraDisasterRecoveryVault, globalCluster, AuroraGlobalSecondary), each
 * expected figure worked out by hand; and the CLI's --database-gb and --daily-change-gb.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  estimateStackCost,
  formatCostTable,
  roundEstimate,
  schedulePeriodDays,
  type CostLine,
  type StackCostEstimate,
} from "../../modules/aurora-data-api/src/cost/estimate";
import { PRICE_TABLE } from "../../modules/aurora-data-api/src/cost/prices";
import { cli, scratchFolder } from "./support";

type Block = Record<string, unknown>;
type Resources = Record<string, Record<string, Block>>;

const DR_VAULT_ARN = "arn:aws:backup:us-west-2:123456789012:backup-vault:orders-aurora-backup-dr";
const CLUSTER = "aws_rds_cluster.Database_Cluster";
const PLAN = "aws_backup_plan.Backup_Plan";
/** Days in a 730-hour month. */
const MONTH_DAYS = 365 / 12;

/** A rule as AuroraBackupPlan writes it, copying to `destination` when given. */
function rule(
  name: string,
  schedule: string,
  retentionDays: number,
  options: { destination?: string; copyRetentionDays?: number; continuous?: boolean } = {},
): Block {
  return {
    rule_name: name,
    schedule,
    enable_continuous_backup: options.continuous ?? false,
    start_window: 60,
    completion_window: 180,
    lifecycle: { delete_after: retentionDays },
    target_vault_name: "${aws_backup_vault.Backup_Vault.name}",
    ...(options.destination === undefined
      ? {}
      : { copy_action: [{ destination_vault_arn: options.destination, lifecycle: { delete_after: options.copyRetentionDays ?? retentionDays } }] }),
  };
}

/** The seeds' preset (DAILY_WEEKLY_MONTHLY_RULES), each rule copying to `destination`. */
function presetRules(destination?: string): Block[] {
  return [
    rule("daily", "cron(0 5 ? * * *)", 7, { destination }),
    rule("weekly", "cron(0 5 ? * SUN *)", 28, { destination }),
    rule("monthly", "cron(0 5 1 * ? *)", 90, { destination }),
  ];
}

/**
 * The prod database in us-east-1 (2-16 ACU, a writer, backups kept 7 days) with an AuroraBackupPlan:
 * its vault, the vault's key, the plan of `rules` and the selection of the cluster by its ARN.
 */
function prodWithBackups(rules: Block[], cluster: Block = {}): Resources {
  return {
    aws_rds_cluster: {
      Database_Cluster: {
        cluster_identifier: "orders-aurora-cluster",
        backup_retention_period: 7,
        serverlessv2_scaling_configuration: { min_capacity: 2, max_capacity: 16 },
        ...cluster,
      },
    },
    aws_rds_cluster_instance: {
      Database_Instance1: { cluster_identifier: "${aws_rds_cluster.Database_Cluster.id}", instance_class: "db.serverless", promotion_tier: 0 },
    },
    aws_kms_key: { Backup_Vault_Key: { enable_key_rotation: true, deletion_window_in_days: 30 } },
    aws_backup_vault: { Backup_Vault: { name: "orders-aurora-backup", kms_key_arn: "${aws_kms_key.Backup_Vault_Key.arn}", force_destroy: false } },
    aws_backup_plan: { Backup_Plan: { name: "orders-aurora-backup", rule: rules } },
    aws_backup_selection: {
      Backup_Selection: {
        name: "orders-aurora-cluster",
        plan_id: "${aws_backup_plan.Backup_Plan.id}",
        iam_role_arn: "${aws_iam_role.Backup_Role.arn}",
        resources: ["${aws_rds_cluster.Database_Cluster.arn}"],
      },
    },
  };
}

/** A stack's Terraform JSON: the default AWS provider in `region`, more providers by alias. */
function stack(resource: Resources, region = "us-east-1", aliases: Record<string, string> = {}, extra: Block = {}): Block {
  return { provider: { aws: [{ region }, ...Object.entries(aliases).map(([alias, aliasRegion]) => ({ alias, region: aliasRegion }))] }, resource, ...extra };
}

function onlyLine(estimate: StackCostEstimate, item: string): CostLine {
  const lines = estimate.lines.filter((line) => line.item.startsWith(item));
  expect(
    lines.map((line) => line.item),
    item,
  ).toHaveLength(1);
  return lines[0]!;
}

function expectMonthly(line: CostLine, amount: number): void {
  expect(line.monthlyUsd).not.toBeNull();
  expect(line.monthlyUsd!.idle).toBeCloseTo(amount, 10);
  expect(line.monthlyUsd!.max).toBeCloseTo(amount, 10);
}

describe("backup schedules", () => {
  it.each([
    ["cron(0 5 ? * * *)", 1], // daily at 05:00
    ["cron(0 5 * * ? *)", 1],
    ["cron(0 5 ? * SUN *)", 7], // weekly
    ["cron(0 5 ? * 1 *)", 7],
    ["cron(0 5 ? * MON,THU *)", 3.5],
    ["cron(0 5 1 * ? *)", MONTH_DAYS], // monthly: 365 / 12 days apart
    ["cron(0 5,17 ? * * *)", 0.5],
    ["cron(0 */6 ? * * *)", 0.25],
  ])("reads %s as a backup every %s days", (schedule, days) => {
    expect(schedulePeriodDays(schedule)).toBeCloseTo(days, 10);
  });

  it.each(["rate(1 day)", "cron(0 5 ? 1 * *)", "cron(0 5 ? * * 2027)", "cron(*/5 5 ? * * *)", "cron(0 5 1W * ? *)", "cron(0 5 ? * SUN#1 *)", ""])(
    "does not guess at %j",
    (schedule) => {
      expect(schedulePeriodDays(schedule)).toBeUndefined();
    },
  );
});

describe("AWS Backup without the database's size", () => {
  const estimate = () => estimateStackCost("prod", stack(prodWithBackups(presetRules(DR_VAULT_ARN))));

  it("shows backup storage per GB-month, naming the snapshots kept beyond the retention period, out of the totals", () => {
    const backup = onlyLine(estimate(), "Backup storage beyond the free amount");
    expect(backup).toMatchObject({ resources: [CLUSTER, PLAN], region: "us-east-1", unit: "GB-month", unitPriceUsd: 0.021, quantity: null, monthlyUsd: null });
    // Daily kept 7 days: all within the 7-day retention, free. Weekly kept 28: (28 - 7) / 7 = 3.
    // Monthly kept 90: (90 - 7) / (365 / 12) = 2.7288. 5.7288 snapshots at the cluster's full size.
    expect(backup.note).toContain("free while within the 7-day retention period, then count at the cluster's full size: 5.7288 kept beyond it");
    expect(backup.note).toContain("--database-gb prices it");
  });

  it("shows the copies kept in the DR region's vault and their transfer, unit prices only", () => {
    const copies = onlyLine(estimate(), "AWS Backup copies in us-west-2");
    // us-west-2's backup storage price is not in the table: no price, and the quantity needs --database-gb.
    expect(copies).toMatchObject({ resources: [PLAN], region: "us-west-2", unit: "GB-month", unitPriceUsd: null, quantity: null, monthlyUsd: null });
    // 7 daily + 4 weekly + 90 / (365 / 12) = 2.9589 monthly copies kept.
    expect(copies.note).toContain("13.9589 full copies kept per cluster (daily kept 7 days, weekly kept 28 days, monthly kept 90 days)");
    expect(copies.note).toContain("the price table has no us-west-2 price for it (not found)");
    const transfer = onlyLine(estimate(), "Backup copy transfer, us-east-1 to us-west-2");
    expect(transfer).toMatchObject({ region: "us-east-1", unit: "GB", unitPriceUsd: 0.02, quantity: null, monthlyUsd: null });
    // 30.4167 daily + 4.3452 weekly + 1 monthly copies a month.
    expect(transfer.note).toContain("35.7619 copies a month per cluster, each the full snapshot");
  });

  it("counts the vault's key like any customer-managed key, and nothing for the vault", () => {
    const keys = onlyLine(estimate(), "KMS customer-managed keys");
    expect(keys).toMatchObject({ resources: ["aws_kms_key.Backup_Vault_Key"], quantity: { idle: 1, max: 1 } });
    expectMonthly(keys, 1);
    expect(
      estimate()
        .lines.flatMap((line) => line.resources)
        .filter((address) => address.startsWith("aws_backup_vault.")),
    ).toEqual([]);
    // Totals: the writer (2 × 730 × $0.12 = $175.20; 16 × 730 × $0.12 = $1,401.60) and the key.
    expect(estimate().totalUsd.idle).toBeCloseTo(176.2, 10);
    expect(estimate().totalUsd.max).toBeCloseTo(1402.6, 10);
  });

  it("prints the lines without a price as 'no price', out of the totals", () => {
    const text = formatCostTable([estimate()]);
    expect(text).toMatch(/^AWS Backup copies in us-west-2 \(Aurora snapshots\) +usage +no price \/ GB-month +- +-$/m);
    expect(text).toMatch(/^Backup copy transfer, us-east-1 to us-west-2 +usage +\$0\.02 \/ GB +- +-$/m);
    expect(text).toMatch(/--database-gb prices storage, backups and copies/);
  });
});

describe("AWS Backup with --database-gb 100 and --daily-change-gb 2", () => {
  const usage = { databaseGb: 100, dailyChangeGb: 2 };
  const estimate = () => estimateStackCost("prod", stack(prodWithBackups(presetRules(DR_VAULT_ARN))), undefined, { usage });

  it("bills automated backups and AWS Backup's snapshots beyond the free amount, the cluster's size", () => {
    const backup = onlyLine(estimate(), "Backup storage beyond the free amount");
    // Automated backups: 100 GB + 2 GB × 7 days = 114 GB (at most 7 × 100 GB).
    // Snapshots beyond the 7-day retention: (3 + 996 / 365) × 100 GB = 572.8767 GB.
    // Less the free 100 GB: 114 + 572.8767 - 100 = 586.8767 GB-month × $0.021 = $12.3244.
    const billed = 114 + (3 + 996 / 365) * 100 - 100;
    expect(backup.quantity!.idle).toBeCloseTo(billed, 10);
    expectMonthly(backup, billed * 0.021);
    expect(backup.note).toBe(
      "100 GB volume: automated backups 114 GB (2 GB of changes a day kept 7 days) + 5.7288 AWS Backup snapshot(s) kept beyond the 7-day retention × 100 GB - 100 GB free",
    );
  });

  it("prices the cluster's storage at its size", () => {
    const storage = onlyLine(estimate(), "Cluster storage (Aurora Standard)");
    expect(storage.quantity).toEqual({ idle: 100, max: 100 });
    expectMonthly(storage, 10); // 100 GB × $0.10
  });

  it("sends every copy in full to us-west-2, and keeps them there at no known price", () => {
    const copies = onlyLine(estimate(), "AWS Backup copies in us-west-2");
    // (7 + 4 + 1080 / 365) copies × 100 GB = 1,395.8904 GB-month; us-west-2's price is unknown.
    expect(copies.quantity!.idle).toBeCloseTo((7 + 4 + 1080 / 365) * 100, 10);
    expect(copies).toMatchObject({ unitPriceUsd: null, monthlyUsd: null });
    const transfer = onlyLine(estimate(), "Backup copy transfer, us-east-1 to us-west-2");
    // (365 / 12 + 365 / 84 + 1) copies a month × 100 GB = 3,576.1905 GB × $0.02 = $71.5238.
    const sent = (365 / 12 + 365 / 84 + 1) * 100;
    expect(transfer.quantity!.idle).toBeCloseTo(sent, 10);
    expectMonthly(transfer, sent * 0.02);
  });

  it("adds the priced usage to the totals, the same at idle and at maximum", () => {
    const usageUsd = 10 + (114 + (3 + 996 / 365) * 100 - 100) * 0.021 + (365 / 12 + 365 / 84 + 1) * 100 * 0.02;
    expect(estimate().totalUsd.idle).toBeCloseTo(175.2 + 1 + usageUsd, 10);
    expect(estimate().totalUsd.max).toBeCloseTo(1401.6 + 1 + usageUsd, 10);
    expect(roundEstimate(estimate()).totalUsd).toEqual({ idle: 270.05, max: 1496.45 });
    expect(estimate().usage).toEqual(usage);
    const text = formatCostTable([estimate()]);
    expect(text).toMatch(/^Backup storage beyond the free amount +586\.8767 GB-month +\$0\.021 \/ GB-month +12\.32 +12\.32$/m);
    expect(text).toMatch(/^Backup copy transfer, us-east-1 to us-west-2 +3,576\.1905 GB +\$0\.02 \/ GB +71\.52 +71\.52$/m);
    expect(text).toMatch(/for a 100 GB database \(--database-gb\) are in the totals\s+where\s+their\s+region's\s+price\s+is\s+known/);
  });

  it("takes no change kept without --daily-change-gb, and says it is a lower bound", () => {
    const backup = onlyLine(estimateStackCost("prod", stack(prodWithBackups(presetRules()))), "Backup storage");
    expect(backup.quantity).toBeNull();
    const sized = onlyLine(estimateStackCost("prod", stack(prodWithBackups(presetRules())), undefined, { usage: { databaseGb: 100 } }), "Backup storage");
    // 100 GB (automated, no change) + 572.8767 GB of snapshots - 100 GB free.
    expect(sized.quantity!.idle).toBeCloseTo((3 + 996 / 365) * 100, 10);
    expect(sized.note).toContain("no --daily-change-gb: changes kept for point-in-time restore not counted (a lower bound)");
  });

  it("finds a cluster the selection names by its literal ARN, and counts an ARN of no cluster of the stack as not matched", () => {
    const byArn = (arn: string): Resources => {
      const resources = prodWithBackups(presetRules(DR_VAULT_ARN));
      resources.aws_backup_selection!.Backup_Selection!.resources = [arn];
      return resources;
    };
    const named = estimateStackCost("prod", stack(byArn("arn:aws:rds:us-east-1:123456789012:cluster:orders-aurora-cluster")), undefined, { usage });
    const backup = onlyLine(named, "Backup storage beyond the free amount");
    expect(backup.resources).toEqual([CLUSTER, PLAN]);
    expect(backup.quantity!.idle).toBeCloseTo(114 + (3 + 996 / 365) * 100 - 100, 10);
    expect(onlyLine(named, "Backup copy transfer, us-east-1 to us-west-2").quantity!.idle).toBeCloseTo((365 / 12 + 365 / 84 + 1) * 100, 10);
    const other = estimateStackCost("prod", stack(byArn("arn:aws:rds:us-east-1:123456789012:cluster:another-cluster")), undefined, { usage });
    expect(onlyLine(other, "Backup storage beyond the free amount").resources).toEqual([CLUSTER]);
    const copies = onlyLine(other, "AWS Backup copies in us-west-2");
    expect(copies.quantity).toBeNull();
    expect(copies.note).toContain("; 1 selection entry by tag, condition or a resource not in this stack not counted");
  });

  it("bills nothing beyond the free amount while snapshots stay within the retention period and the changes within the volume", () => {
    const daily = prodWithBackups([rule("daily", "cron(0 5 ? * * *)", 7)]);
    const backup = onlyLine(estimateStackCost("prod", stack(daily), undefined, { usage: { databaseGb: 100 } }), "Backup storage");
    expect(backup.quantity).toEqual({ idle: 0, max: 0 });
    expectMonthly(backup, 0);
    // Without a plan, a 1-day retention is free whatever changes: min(100 + 50, 1 × 100) - 100 = 0.
    const alone = estimateStackCost("dev", stack({ aws_rds_cluster: { main: { backup_retention_period: 1 } } }), undefined, {
      usage: { databaseGb: 100, dailyChangeGb: 50 },
    });
    expect(onlyLine(alone, "Backup storage").quantity).toEqual({ idle: 0, max: 0 });
  });

  it("takes a continuous rule's retention as the cluster's automated backups", () => {
    const rules = [rule("continuous", "cron(0 5 ? * * *)", 14, { continuous: true }), rule("weekly", "cron(0 5 ? * SUN *)", 28)];
    const backup = onlyLine(
      estimateStackCost("prod", stack(prodWithBackups(rules)), undefined, { usage: { databaseGb: 100, dailyChangeGb: 2 } }),
      "Backup storage",
    );
    // Retention 14 days: automated 100 + 2 × 14 = 128 GB; weekly snapshots beyond 14 days: (28 - 14) / 7 = 2 × 100 GB.
    expect(backup.quantity!.idle).toBeCloseTo(128 + 200 - 100, 10);
    expect(backup.note).toContain("2 GB of changes a day kept 14 days");
  });

  it("names a rule whose schedule it does not understand, and leaves it out", () => {
    const rules = [rule("hourly", "cron(*/30 * ? * * *)", 2), rule("weekly", "cron(0 5 ? * SUN *)", 28)];
    const backup = onlyLine(estimateStackCost("prod", stack(prodWithBackups(rules)), undefined, { usage: { databaseGb: 100 } }), "Backup storage");
    expect(backup.quantity!.idle).toBeCloseTo(300, 10); // 3 weekly snapshots beyond 7 days × 100 GB
    expect(backup.note).toContain("rules hourly not understood, not counted");
  });
});

describe("copies to a vault of another stack", () => {
  it("reads the region of an ARN built from the stack's partition and account", () => {
    const built =
      "arn:${data.aws_partition.Partition.partition}:backup:us-west-2:${data.aws_caller_identity.Account.account_id}:backup-vault:alex-prod-aurora-backup-dr";
    const estimate = estimateStackCost("prod", stack(prodWithBackups(presetRules(built))));
    expect(onlyLine(estimate, "AWS Backup copies in us-west-2").region).toBe("us-west-2");
    const unknownRegion = "arn:aws:backup:${var.region}:123456789012:backup-vault:x";
    expect(
      onlyLine(estimateStackCost("prod", stack(prodWithBackups(presetRules(unknownRegion)))), "AWS Backup copies in another region").monthlyUsd,
    ).toBeNull();
  });

  const OUTPUT = "cross-stack-output-aws_backup_vaultVault_486109A7arn";
  const REFERENCE = `\${data.terraform_remote_state.cross-stack-reference-input-prod-dr.outputs.${OUTPUT}}`;
  /** The DR vault stack in us-west-2: AuroraDisasterRecoveryVault's vault and key, and the output cdktf adds for the reference. */
  const drStack = stack(
    {
      aws_kms_key: { Vault_Key_C3F7FDC0: { enable_key_rotation: true } },
      aws_kms_alias: { Vault_KeyAlias_726F3717: { name: "alias/orders-aurora-backup-dr" } },
      aws_backup_vault: { Vault_486109A7: { name: "orders-aurora-backup-dr", kms_key_arn: "${aws_kms_key.Vault_Key_C3F7FDC0.arn}", force_destroy: false } },
    },
    "us-west-2",
    {},
    { output: { [OUTPUT]: { sensitive: true, value: "${aws_backup_vault.Vault_486109A7.arn}" } } },
  );

  it("finds the vault's region in the stack that creates it", () => {
    const estimate = estimateStackCost("prod", stack(prodWithBackups(presetRules(REFERENCE))), undefined, {
      usage: { databaseGb: 10 },
      stacks: { "prod-dr": drStack },
    });
    expect(onlyLine(estimate, "AWS Backup copies in us-west-2").region).toBe("us-west-2");
    expectMonthly(onlyLine(estimate, "Backup copy transfer, us-east-1 to us-west-2"), (365 / 12 + 365 / 84 + 1) * 10 * 0.02);
  });

  it("says the region is not known without that stack, and prices nothing", () => {
    const estimate = estimateStackCost("prod", stack(prodWithBackups(presetRules(REFERENCE))), undefined, { usage: { databaseGb: 10 } });
    const copies = onlyLine(estimate, "AWS Backup copies in another region");
    expect(copies).toMatchObject({ unitPriceUsd: null, monthlyUsd: null });
    expect(copies.note).toContain("the destination vault's region is not known at synth");
    expect(onlyLine(estimate, "Backup copy transfer to another region").monthlyUsd).toBeNull();
  });

  it("prices the DR stack's key in us-west-2, where the table has KMS's price, and the vault at nothing", () => {
    const estimate = estimateStackCost("prod-dr", drStack);
    expect(estimate.region).toBe("us-west-2");
    expect(estimate.lines.map((line) => line.item)).toEqual(["KMS customer-managed keys"]);
    expect(onlyLine(estimate, "KMS customer-managed keys")).toMatchObject({ region: "us-west-2", unitPriceUsd: 1 });
    expect(estimate.totalUsd).toEqual({ idle: 1, max: 1 });
  });
});

describe("Aurora Global Database", () => {
  /** The primary (globalCluster) in us-east-1 and an AuroraGlobalSecondary in us-west-2 through the provider aws.dr. */
  function globalDatabase(secondary: { readers?: number; scaling?: Block } = {}): Resources {
    const readers = secondary.readers ?? 1;
    return {
      aws_rds_cluster: {
        Database_Cluster: {
          cluster_identifier: "orders-aurora-cluster",
          backup_retention_period: 7,
          serverlessv2_scaling_configuration: { min_capacity: 2, max_capacity: 16 },
        },
        Secondary_Cluster: {
          provider: "aws.dr",
          cluster_identifier: "orders-aurora-cluster",
          global_cluster_identifier: "${aws_rds_global_cluster.Database_GlobalCluster.id}",
          backup_retention_period: 7,
          serverlessv2_scaling_configuration: secondary.scaling ?? { min_capacity: 0.5, max_capacity: 4 },
        },
      },
      aws_rds_cluster_instance: {
        Database_Instance1: { cluster_identifier: "${aws_rds_cluster.Database_Cluster.id}", instance_class: "db.serverless", promotion_tier: 0 },
        ...Object.fromEntries(
          Array.from({ length: readers }, (_, index) => [
            `Secondary_Instance${index + 1}`,
            {
              provider: "aws.dr",
              cluster_identifier: "${aws_rds_cluster.Secondary_Cluster.id}",
              instance_class: "db.serverless",
              promotion_tier: index === 0 ? 0 : 1,
            },
          ]),
        ),
      },
      aws_rds_global_cluster: {
        Database_GlobalCluster: {
          global_cluster_identifier: "orders-aurora-global",
          source_db_cluster_identifier: "${aws_rds_cluster.Database_Cluster.arn}",
          force_destroy: true,
        },
      },
    };
  }

  it("shows the secondary's capacity in its region from its min and max ACU, unpriced where the table lacks us-west-2's price", () => {
    const estimate = estimateStackCost("prod", stack(globalDatabase(), "us-east-1", { dr: "us-west-2" }));
    const secondary = onlyLine(estimate, "Serverless v2 capacity (Aurora Standard): global database secondary reader, us-west-2");
    expect(secondary).toMatchObject({ resources: ["aws_rds_cluster_instance.Secondary_Instance1"], region: "us-west-2", unitPriceUsd: null, monthlyUsd: null });
    expect(secondary.quantity).toEqual({ idle: 365, max: 2920 }); // 0.5 × 730 h; 4 × 730 h
    expect(secondary.note).toContain("0.5-4 ACU; idle at the 0.5 ACU minimum; a reader of the global database");
    // The writer in us-east-1 is priced as before: 2 × 730 × $0.12; 16 × 730 × $0.12.
    expect(onlyLine(estimate, "Serverless v2 capacity (Aurora Standard): writer").monthlyUsd).toEqual({ idle: 175.2, max: 1401.6 });
    expect(estimate.totalUsd.idle).toBeCloseTo(175.2, 10);
  });

  it("prices the secondary's capacity in its region when the table has it", () => {
    const usWest2 = PRICE_TABLE.regions["us-west-2"]!;
    const table = {
      ...PRICE_TABLE,
      regions: {
        ...PRICE_TABLE.regions,
        "us-west-2": { ...usWest2, serverlessV2: { ...usWest2.serverlessV2, standard: { usd: 0.13, unit: "ACU-hour" as const } } },
      },
    };
    const estimate = estimateStackCost("prod", stack(globalDatabase({ readers: 2 }), "us-east-1", { dr: "us-west-2" }), table);
    const readers = estimate.lines.filter((line) => line.item.startsWith("Serverless v2 capacity (Aurora Standard): global database secondary reader"));
    expect(readers.map((line) => line.item)).toEqual([
      "Serverless v2 capacity (Aurora Standard): global database secondary reader, us-west-2",
      "Serverless v2 capacity (Aurora Standard): global database secondary reader, promotion tier 1, us-west-2",
    ]);
    for (const reader of readers) {
      expect(reader.monthlyUsd!.idle).toBeCloseTo(47.45, 10); // 0.5 × 730 × $0.13
      expect(reader.monthlyUsd!.max).toBeCloseTo(379.6, 10); // 4 × 730 × $0.13
    }
  });

  it("prices the secondary's storage in its region at the database's size", () => {
    const estimate = estimateStackCost("prod", stack(globalDatabase(), "us-east-1", { dr: "us-west-2" }), undefined, { usage: { databaseGb: 250 } });
    const storage = onlyLine(estimate, "Cluster storage (Aurora Standard), us-west-2");
    expect(storage).toMatchObject({
      resources: ["aws_rds_cluster.Secondary_Cluster"],
      region: "us-west-2",
      unitPriceUsd: 0.1,
      quantity: { idle: 250, max: 250 },
    });
    expectMonthly(storage, 25); // 250 GB × $0.10
    expect(storage.note).toBe("the secondary keeps its own copy of the 250 GB cluster volume (--database-gb)");
    expect(onlyLine(estimate, "Storage I/O (Aurora Standard), us-west-2")).toMatchObject({ unitPriceUsd: 0.2, monthlyUsd: null });
    // A secondary's own backups are not estimated; the primary's are (all free here: no plan, no change).
    expect(onlyLine(estimate, "Backup storage beyond the free amount, us-west-2")).toMatchObject({ quantity: null, monthlyUsd: null, unitPriceUsd: null });
    const primary = estimate.lines.find((line) => line.item === "Backup storage beyond the free amount")!;
    expect(primary.quantity).toEqual({ idle: 0, max: 0 }); // min(250 + 0 × 7, 7 × 250) - 250 free
  });

  it("shows replicated write I/O per million, in the primary's region, out of the totals", () => {
    const estimate = estimateStackCost("prod", stack(globalDatabase(), "us-east-1", { dr: "us-west-2" }));
    expect(onlyLine(estimate, "Global Database replicated write I/O")).toMatchObject({
      resources: ["aws_rds_global_cluster.Database_GlobalCluster"],
      region: "us-east-1",
      unit: "million write I/Os",
      unitPriceUsd: 0.2,
      quantity: null,
      monthlyUsd: null,
    });
  });

  it("bills no capacity for a headless secondary", () => {
    const estimate = estimateStackCost("prod", stack(globalDatabase({ readers: 0 }), "us-east-1", { dr: "us-west-2" }));
    const headless = onlyLine(estimate, "Serverless v2 capacity (Aurora Standard): global database secondary, headless, us-west-2");
    expect(headless).toMatchObject({ resources: ["aws_rds_cluster.Secondary_Cluster"], quantity: { idle: 0, max: 0 }, unitPriceUsd: null });
  });

  it("prices a secondary stack of its own in its region, and refuses a provider it cannot place", () => {
    const resources = globalDatabase();
    const secondaryOnly: Resources = {
      aws_rds_cluster: { Secondary_Cluster: { ...resources.aws_rds_cluster!.Secondary_Cluster!, provider: undefined } },
      aws_rds_cluster_instance: { Secondary_Instance1: { ...resources.aws_rds_cluster_instance!.Secondary_Instance1!, provider: undefined } },
    };
    const estimate = estimateStackCost("prod-secondary", JSON.parse(JSON.stringify(stack(secondaryOnly, "us-west-2"))));
    expect(estimate.region).toBe("us-west-2");
    expect(onlyLine(estimate, "Serverless v2 capacity (Aurora Standard): global database secondary reader").item).not.toContain(", us-west-2");
    expect(() => estimateStackCost("prod", stack(globalDatabase()))).toThrow(
      'Stack "prod": aws_rds_cluster.Secondary_Cluster names the provider "aws.dr", which the stack does not configure with a region.',
    );
    expect(() => estimateStackCost("prod", stack(globalDatabase(), "us-east-1", { dr: "ap-south-1" }))).toThrow('No prices for region "ap-south-1"');
  });
});

describe("aurora-db cost --database-gb", () => {
  const folder = scratchFolder();
  const prod = stack(prodWithBackups(presetRules(DR_VAULT_ARN)));
  beforeAll(() => {
    mkdirSync(join(folder, "cdktf.out/stacks/prod"), { recursive: true });
    writeFileSync(join(folder, "cdktf.out/stacks/prod/cdk.tf.json"), JSON.stringify(prod));
  });

  it("prices storage, backups and copies with the size and the daily change given", async () => {
    const usage = { databaseGb: 100, dailyChangeGb: 2 };
    const run = await cli(["cost", "--database-gb", "100", "--daily-change-gb", "2"], { cwd: folder });
    expect(run).toEqual({ code: 0, stdout: formatCostTable([estimateStackCost("prod", prod, undefined, { usage, stacks: { prod } })]), stderr: "" });
    const json = JSON.parse((await cli(["cost", "--json", "--database-gb", "100"], { cwd: folder })).stdout) as StackCostEstimate[];
    expect(json[0]!.usage).toEqual({ databaseGb: 100, dailyChangeGb: null });
  });

  it.each([
    [["--database-gb=-1"], '--database-gb must be a number of GB, 0 or more: received "-1"'],
    [["--database-gb", "ten"], '--database-gb must be a number of GB, 0 or more: received "ten"'],
    [["--database-gb", ""], '--database-gb must be a number of GB, 0 or more: received ""'],
    [["--database-gb", "10", "--daily-change-gb", "Infinity"], '--daily-change-gb must be a number of GB, 0 or more: received "Infinity"'],
    [["--daily-change-gb", "1"], "--daily-change-gb needs --database-gb: the changes kept are priced with the database's size"],
  ])("refuses %j as a usage error (exit 2)", async (flags, message) => {
    expect(await cli(["cost", ...flags], { cwd: folder })).toEqual({ code: 2, stdout: "", stderr: `aurora-db cost: ${message}\n` });
  });
});
