/**
 * `restore`: a cluster created from a snapshot or from another cluster at a point in time. The
 * source reaches the cluster only when it is created; afterwards no change of it (a new source,
 * its removal, its addition to an existing cluster) may plan a replacement, nor change the
 * cluster's lifetime. The source decides the database name and the master user.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, type AuroraPostgresServerlessProps, type RestoreSource } from "cdktf-aurora-postgresql-serverless";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RESTORE_SOURCE_ARGUMENTS, SOURCE_DECIDED_ARGUMENTS } from "../../modules/aurora-postgresql-serverless/src/private/restore";
import { testApp } from "../support/app";
import {
  databaseStack,
  inHook,
  MINIMAL_PROPS,
  onlyResource,
  ref,
  resourcesOf,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";

type Props = Partial<AuroraPostgresServerlessProps>;

const SNAPSHOT_ARN = "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:orders-prod-2026-11-20";
/** An AWS Backup recovery point of an Aurora cluster: a cluster snapshot named awsbackup:job-<id>. */
const RECOVERY_POINT_ARN = "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:awsbackup:job-be59cf2a-2343-4402-bd8b-226993d23453";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const LATEST: RestoreSource = { pointInTime: { sourceClusterIdentifier: "orders-prod-aurora-cluster", useLatestRestorableTime: true } };
const AT_TIME: RestoreSource = { pointInTime: { sourceClusterIdentifier: "orders-prod-aurora-cluster", restoreTime: "2026-11-20T03:00:00Z" } };

const cluster = (json: Block) => onlyResource(json, "aws_rds_cluster");
const clusterOf = (props: Props) => cluster(synthDatabase(props).json).body;

/** The random_id that lives as long as one cluster. */
function lifetimeOf(json: Block): Block {
  const lifetimes = Object.values(resourcesOf(json, "random_id")).filter((body) => body.keepers !== undefined);
  expect(lifetimes, "one random_id with keepers").toHaveLength(1);
  return lifetimes[0]!;
}

/** Keepers as Terraform compares them once the lifetime's ignore_changes are applied against `prior`. */
function effectiveKeepers(prior: Block, next: Block): Record<string, string> {
  const ignored = ((next.lifecycle?.ignore_changes ?? []) as string[]).map((path) => /^keepers\["(.+)"\]$/.exec(path)![1]!);
  const keepers: Record<string, string> = { ...next.keepers };
  for (const key of ignored) {
    if (key in prior.keepers) keepers[key] = prior.keepers[key];
    else delete keepers[key];
  }
  return keepers;
}

/** Top-level arguments whose configured value differs between two cluster bodies (lifecycle aside). */
function differingArguments(a: Block, b: Block): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => key !== "lifecycle"));
  return [...keys].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}

describe("restore from a snapshot", () => {
  const restored = clusterOf({ restore: { fromSnapshot: SNAPSHOT_ARN } });

  it("sends the snapshot and leaves the database name and master user to it", () => {
    expect(restored.snapshot_identifier).toBe(SNAPSHOT_ARN);
    expect(restored.restore_to_point_in_time).toBeUndefined();
    expect(restored.database_name).toBeUndefined();
    expect(restored.master_username).toBeUndefined();
  });

  it("keeps every other argument of the cluster as it is without restore", () => {
    expect(differingArguments(clusterOf({}), restored)).toEqual(["database_name", "master_username", "snapshot_identifier"]);
  });

  it("still names the key, encrypts, enables the Data API and IAM authentication (applied after the restore)", () => {
    expect(restored).toMatchObject({ storage_encrypted: true, enable_http_endpoint: true, iam_database_authentication_enabled: true });
    expect(restored.kms_key_id).toMatch(/^\$\{data\.aws_kms_key\.\w+\.arn\}$/);
    expect(clusterOf({ restore: { fromSnapshot: SNAPSHOT_ARN }, encryptionKey: { existingKeyArn: KEY_ARN } }).kms_key_id).toBe(KEY_ARN);
  });

  it("takes a snapshot ARN known only at apply time, from a data source", () => {
    const { stack } = databaseStack((scope) => ({
      restore: { fromSnapshot: new TerraformVariable(scope, "snapshot", { type: "string" }).stringValue },
    }));
    expect(cluster(synthesize(stack).json).body.snapshot_identifier).toBe("${var.snapshot}");
  });
});

describe("restore to a point in time", () => {
  it("sends the source, the latest restorable time and a full copy by default", () => {
    const restored = clusterOf({ restore: LATEST });
    expect(restored.restore_to_point_in_time).toEqual({
      source_cluster_identifier: "orders-prod-aurora-cluster",
      use_latest_restorable_time: true,
      restore_type: "full-copy",
    });
    expect(restored.snapshot_identifier).toBeUndefined();
    expect(restored.database_name).toBeUndefined();
    expect(restored.master_username).toBeUndefined();
  });

  it("sends a given moment, without use_latest_restorable_time", () => {
    expect(clusterOf({ restore: AT_TIME }).restore_to_point_in_time).toEqual({
      source_cluster_identifier: "orders-prod-aurora-cluster",
      restore_to_time: "2026-11-20T03:00:00Z",
      restore_type: "full-copy",
    });
  });

  it("clones with copy-on-write, also a cluster another account shares, by its ARN", () => {
    const shared = "arn:aws:rds:us-east-1:210987654321:cluster:orders-prod-aurora-cluster";
    const restore: RestoreSource = { pointInTime: { sourceClusterIdentifier: shared, useLatestRestorableTime: true, restoreType: "copy-on-write" } };
    expect(clusterOf({ restore }).restore_to_point_in_time).toEqual({
      source_cluster_identifier: shared,
      use_latest_restorable_time: true,
      restore_type: "copy-on-write",
    });
  });

  describe("reads the clock only to refuse a moment still ahead", () => {
    afterEach(() => vi.useRealTimers());
    const at = (restoreTime: string): Props => ({ restore: { pointInTime: { sourceClusterIdentifier: "orders-prod-aurora-cluster", restoreTime } } });

    it("refuses a moment after now, naming now", () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2026-11-20T02:59:59Z"));
      expect(validationProblems(() => databaseStack(at("2026-11-20T03:00:00Z")))).toEqual([
        {
          property: "restore.pointInTime.restoreTime",
          received: "2026-11-20T03:00:00Z",
          allowed:
            "a moment in the past: 2026-11-20T03:00:00Z is after now (2026-11-20T02:59:59.000Z), and RDS restores only to a moment " +
            "before the source's latest restorable time (or give useLatestRestorableTime: true)",
        },
      ]);
    });

    it("accepts the same moment from then on, and synthesizes the same on any later day", () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      const on = (instant: string, props: Props) => {
        vi.setSystemTime(new Date(instant));
        return synthesize(databaseStack(props).stack).text;
      };
      for (const moment of ["1999-01-01T00:00:00Z", "2026-11-20T03:00:00Z"]) {
        expect(on("2026-11-20T03:00:00Z", at(moment))).toBe(on("2031-06-15T12:00:00Z", at(moment)));
      }
    });
  });
});

describe("the lifecycle: no restore source ever replaces the cluster", () => {
  const variants: Record<string, Props> = {
    "no restore": {},
    "snapshot A": { restore: { fromSnapshot: "orders-prod-a" } },
    "snapshot B": { restore: { fromSnapshot: SNAPSHOT_ARN } },
    "latest restorable time": { restore: LATEST },
    "a moment": { restore: AT_TIME },
  };
  const synthesized = inHook(() => ({ bodies: Object.fromEntries(Object.entries(variants).map(([name, props]) => [name, synthDatabase(props).json])) }));
  const pairs = Object.keys(variants).flatMap((from) =>
    Object.keys(variants)
      .filter((to) => to !== from)
      .map((to) => [from, to] as const),
  );

  it("ignores the source arguments on every cluster, restored or not", () => {
    expect(cluster(synthesized().bodies["no restore"]!).body.lifecycle).toEqual({ ignore_changes: [...RESTORE_SOURCE_ARGUMENTS] });
    for (const name of Object.keys(variants).filter((name) => name !== "no restore")) {
      expect(cluster(synthesized().bodies[name]!).body.lifecycle, name).toEqual({ ignore_changes: [...RESTORE_SOURCE_ARGUMENTS, ...SOURCE_DECIDED_ARGUMENTS] });
    }
  });

  it.each(pairs.filter(([, to]) => to !== "no restore"))("plans nothing for the cluster from %s to %s: every difference is ignored", (from, to) => {
    const next = cluster(synthesized().bodies[to]!).body;
    const differing = differingArguments(cluster(synthesized().bodies[from]!).body, next);
    expect(differing.length).toBeGreaterThan(0);
    expect(next.lifecycle.ignore_changes).toEqual(expect.arrayContaining(differing));
  });

  it("ignores exactly what differs between the variants, nothing more", () => {
    const differing = new Set(
      pairs.flatMap(([from, to]) => differingArguments(cluster(synthesized().bodies[from]!).body, cluster(synthesized().bodies[to]!).body)),
    );
    expect([...differing].sort()).toEqual([...RESTORE_SOURCE_ARGUMENTS, ...SOURCE_DECIDED_ARGUMENTS].sort());
  });

  it.each(Object.keys(variants).filter((name) => name !== "no restore"))(
    "sends the database name and master user again once %s is removed: they must then equal the restored cluster's",
    (from) => {
      const next = cluster(synthesized().bodies["no restore"]!).body;
      const notIgnored = differingArguments(cluster(synthesized().bodies[from]!).body, next).filter(
        (argument) => !next.lifecycle.ignore_changes.includes(argument),
      );
      expect(notIgnored).toEqual([...SOURCE_DECIDED_ARGUMENTS].sort());
    },
  );

  it.each(pairs.filter(([, to]) => to !== "no restore"))("keeps the cluster's lifetime from %s to %s (the source is no keeper)", (from, to) => {
    const [prior, next] = [lifetimeOf(synthesized().bodies[from]!), lifetimeOf(synthesized().bodies[to]!)];
    expect(effectiveKeepers(prior, next)).toEqual(prior.keepers);
  });

  it("keeps the same keepers for every source, and none of them names the source", () => {
    const restored = Object.keys(variants)
      .filter((name) => name !== "no restore")
      .map((name) => lifetimeOf(synthesized().bodies[name]!));
    for (const lifetime of restored) {
      expect(lifetime.keepers).toEqual(restored[0]!.keepers);
      for (const argument of RESTORE_SOURCE_ARGUMENTS) expect(lifetime.keepers[argument]).toBeUndefined();
    }
    expect(Object.keys(restored[0]!.keepers)).not.toContain("database_name");
  });

  it("keeps the lifetime of a cluster that had its own master username when restore is added", () => {
    const before = lifetimeOf(synthDatabase({ masterUsername: "owner", databaseName: "orders" }).json);
    const after = lifetimeOf(synthDatabase({ databaseName: "orders", restore: { fromSnapshot: "orders-prod-a" } }).json);
    expect(after.keepers).not.toEqual(before.keepers);
    expect(effectiveKeepers(before, after)).toEqual(before.keepers);
  });

  it("does not ignore the keepers without restore: a new database name still gives a new lifetime", () => {
    expect(lifetimeOf(synthDatabase({}).json).lifecycle).toBeUndefined();
    const [prior, next] = [lifetimeOf(synthDatabase({}).json), lifetimeOf(synthDatabase({ databaseName: "other" }).json)];
    expect(effectiveKeepers(prior, next)).not.toEqual(prior.keepers);
  });
});

describe("what the source decides", () => {
  const secretValue = (json: Block) => {
    const body = onlyResource(json, "aws_secretsmanager_secret_version").body;
    return (body.secret_string ?? body.secret_string_wo) as string;
  };

  it.each(["generated", "write-only"] as const)("the %s secret carries the cluster's real master user and database", (credentials) => {
    const { json } = synthDatabase({ credentials, restore: { fromSnapshot: "orders-prod-a" } });
    const name = cluster(json).name;
    const value = secretValue(json);
    expect(value).toContain(`"username" = aws_rds_cluster.${name}.master_username`);
    expect(value).toContain(`"dbname" = coalesce(aws_rds_cluster.${name}.database_name, "app")`);
  });

  it("a secret without restore carries the configured names, as before", () => {
    const value = secretValue(synthDatabase({ masterUsername: "owner" }).json);
    expect(value).toContain('"username" = "owner"');
    expect(value).toContain('"dbname" = "app"');
  });

  it("resets the master password to ours after the restore: generated and write-only arguments are still sent", () => {
    expect(clusterOf({ restore: LATEST }).master_password).toMatch(/^\$\{random_password\.\w+\.result\}$/);
    const writeOnly = clusterOf({ restore: LATEST, credentials: "write-only" });
    expect(writeOnly.master_password_wo).toMatch(/^\$\{ephemeral\.random_password\.\w+\.result\}$/);
    expect(writeOnly.master_password_wo_version).toBe(1);
  });

  it("hands the password to RDS with managed credentials, in the database's key", () => {
    expect(clusterOf({ restore: LATEST, credentials: "managed", encryptionKey: { existingKeyArn: KEY_ARN } })).toMatchObject({
      manage_master_user_password: true,
      master_user_secret_kms_key_id: KEY_ARN,
    });
  });

  it("the databaseName attribute reads the restored cluster's database, or databaseName when RDS reports none", () => {
    const outputOf = (props: Props) => {
      const { stack, database } = databaseStack(props);
      new TerraformOutput(stack, "database_name", { value: database.databaseName });
      const { json } = synthesize(stack);
      return { value: json.output.database_name.value as string, cluster: cluster(json).name };
    };
    const restored = outputOf({ restore: { fromSnapshot: "orders-prod-a" } });
    expect(restored.value).toBe(`\${coalesce(aws_rds_cluster.${restored.cluster}.database_name, "app")}`);
    const plain = outputOf({});
    expect(plain.value).toBe(ref("aws_rds_cluster", plain.cluster, "database_name"));
  });
});

interface Rule {
  readonly rule: string;
  /** Props that must fail, the property the error names, and the value it reports. */
  readonly failing: readonly (readonly [Props, string, unknown])[];
  readonly passing: readonly Props[];
  readonly allowed: RegExp;
  readonly related?: readonly string[];
}

const snapshot = (fromSnapshot: string): Props => ({ restore: { fromSnapshot } });
const at = (fields: Record<string, unknown>): Props => ({ restore: { pointInTime: fields } as unknown as RestoreSource });
const SOURCE = { sourceClusterIdentifier: "orders-prod-aurora-cluster" };

const RULES: readonly Rule[] = [
  {
    rule: "exactly one of fromSnapshot and pointInTime",
    failing: [
      [{ restore: {} as RestoreSource }, "restore", {}],
      [{ restore: { fromSnapshot: "a", ...LATEST } as RestoreSource }, "restore", { fromSnapshot: "a", ...LATEST }],
    ],
    passing: [snapshot("a"), { restore: LATEST }],
    allowed: /^exactly one of fromSnapshot \(restore a snapshot\) and pointInTime/,
  },
  {
    rule: "fromSnapshot is a snapshot identifier or ARN",
    failing: [
      [snapshot(""), "restore.fromSnapshot", ""],
      [snapshot("1snapshot"), "restore.fromSnapshot", "1snapshot"],
      [snapshot("prod--snapshot"), "restore.fromSnapshot", "prod--snapshot"],
      [snapshot("prod-snapshot-"), "restore.fromSnapshot", "prod-snapshot-"],
      [snapshot("prod_snapshot"), "restore.fromSnapshot", "prod_snapshot"],
      [snapshot(`s${"x".repeat(255)}`), "restore.fromSnapshot", `s${"x".repeat(255)}`],
      [snapshot("backup:prod"), "restore.fromSnapshot", "backup:prod"],
      [snapshot("arn:aws:rds:us-east-1:123456789012:cluster:orders-prod"), "restore.fromSnapshot", "arn:aws:rds:us-east-1:123456789012:cluster:orders-prod"],
      [snapshot("arn:aws:rds:us-east-1:12345:cluster-snapshot:prod"), "restore.fromSnapshot", "arn:aws:rds:us-east-1:12345:cluster-snapshot:prod"],
      [snapshot("arn:aws:s3:::bucket/prod"), "restore.fromSnapshot", "arn:aws:s3:::bucket/prod"],
      [
        snapshot("arn:awsgov:rds:us-gov-west-1:123456789012:cluster-snapshot:prod"),
        "restore.fromSnapshot",
        "arn:awsgov:rds:us-gov-west-1:123456789012:cluster-snapshot:prod",
      ],
    ],
    passing: [
      snapshot("orders-prod-2026-11-20"),
      snapshot("Prod1"),
      snapshot(`s${"x".repeat(254)}`),
      snapshot("rds:orders-prod-aurora-cluster-2026-11-20-03-10"),
      snapshot("awsbackup:job-be59cf2a-2343-4402-bd8b-226993d23453"),
      snapshot(SNAPSHOT_ARN),
      snapshot("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:rds:orders-prod-aurora-cluster-2026-11-20-03-10"),
      snapshot("arn:aws:rds:us-east-1:123456789012:snapshot:legacy-postgres-final"),
    ],
    allowed: /^a snapshot identifier .* or ARN/,
  },
  {
    rule: "a snapshot ARN is of the stack's region (us-east-1): another region's is copied first, and the error says how",
    failing: [
      [
        snapshot("arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:orders-prod-2026-11-20"),
        "restore.fromSnapshot",
        "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:orders-prod-2026-11-20",
      ],
    ],
    passing: [snapshot(SNAPSHOT_ARN), snapshot(RECOVERY_POINT_ARN), snapshot("orders-prod-2026-11-20")],
    allowed:
      /^a snapshot in us-east-1, the region of the stack's AWS provider: RDS restores only a snapshot of its own region; copy it to us-east-1 \(aws rds copy-db-cluster-snapshot --region us-east-1 --source-region eu-west-1 --source-db-cluster-snapshot-identifier arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:orders-prod-2026-11-20 --target-db-cluster-snapshot-identifier <new id> --kms-key-id <key ARN in us-east-1>\), then give the copy's ARN$/,
  },
  {
    rule: "an AWS Backup recovery point of another region is copied to a vault of the stack's region first",
    failing: [[snapshot(RECOVERY_POINT_ARN.replace("us-east-1", "us-west-2")), "restore.fromSnapshot", RECOVERY_POINT_ARN.replace("us-east-1", "us-west-2")]],
    passing: [snapshot(RECOVERY_POINT_ARN)],
    allowed:
      /copy the recovery point to a backup vault in us-east-1 \(aws backup start-copy-job --region us-west-2 --recovery-point-arn arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:job-be59cf2a-2343-4402-bd8b-226993d23453 /,
  },
  {
    rule: "a snapshot ARN is of the stack's partition",
    failing: [
      [
        snapshot("arn:aws-us-gov:rds:us-gov-west-1:123456789012:cluster-snapshot:prod"),
        "restore.fromSnapshot",
        "arn:aws-us-gov:rds:us-gov-west-1:123456789012:cluster-snapshot:prod",
      ],
    ],
    passing: [snapshot(SNAPSHOT_ARN)],
    allowed: /^a snapshot of the partition of us-east-1, the region of the stack's AWS provider: nothing crosses partitions$/,
  },
  {
    rule: "exactly one of restoreTime and useLatestRestorableTime",
    failing: [
      [at(SOURCE), "restore.pointInTime", SOURCE],
      [
        at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00Z", useLatestRestorableTime: true }),
        "restore.pointInTime",
        { ...SOURCE, restoreTime: "2026-11-20T03:00:00Z", useLatestRestorableTime: true },
      ],
      [at({ ...SOURCE, useLatestRestorableTime: false }), "restore.pointInTime", { ...SOURCE, useLatestRestorableTime: false }],
    ],
    passing: [{ restore: LATEST }, { restore: AT_TIME }],
    allowed: /^exactly one of restoreTime \(a moment in UTC\) and useLatestRestorableTime: true$/,
  },
  {
    rule: "useLatestRestorableTime is true or left out",
    failing: [[at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00Z", useLatestRestorableTime: false }), "restore.pointInTime.useLatestRestorableTime", false]],
    passing: [{ restore: LATEST }, { restore: AT_TIME }],
    allowed: /^true, or leave it out and give restoreTime$/,
  },
  {
    rule: "restoreTime is a real moment in UTC, RFC 3339 with Z",
    failing: [
      [at({ ...SOURCE, restoreTime: "2026-11-20 03:00:00" }), "restore.pointInTime.restoreTime", "2026-11-20 03:00:00"],
      [at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00+01:00" }), "restore.pointInTime.restoreTime", "2026-11-20T03:00:00+01:00"],
      [at({ ...SOURCE, restoreTime: "2026-11-20T03:00Z" }), "restore.pointInTime.restoreTime", "2026-11-20T03:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-11-20t03:00:00z" }), "restore.pointInTime.restoreTime", "2026-11-20t03:00:00z"],
      [at({ ...SOURCE, restoreTime: "2026-02-29T00:00:00Z" }), "restore.pointInTime.restoreTime", "2026-02-29T00:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2100-02-29T00:00:00Z" }), "restore.pointInTime.restoreTime", "2100-02-29T00:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-04-31T00:00:00Z" }), "restore.pointInTime.restoreTime", "2026-04-31T00:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-13-01T00:00:00Z" }), "restore.pointInTime.restoreTime", "2026-13-01T00:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-11-00T03:00:00Z" }), "restore.pointInTime.restoreTime", "2026-11-00T03:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-00-20T03:00:00Z" }), "restore.pointInTime.restoreTime", "2026-00-20T03:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-12-32T03:00:00Z" }), "restore.pointInTime.restoreTime", "2026-12-32T03:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00.1234567890Z" }), "restore.pointInTime.restoreTime", "2026-11-20T03:00:00.1234567890Z"],
      [at({ ...SOURCE, restoreTime: " 2026-11-20T03:00:00Z" }), "restore.pointInTime.restoreTime", " 2026-11-20T03:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00Z " }), "restore.pointInTime.restoreTime", "2026-11-20T03:00:00Z "],
      [at({ ...SOURCE, restoreTime: "2026-11-20T24:00:00Z" }), "restore.pointInTime.restoreTime", "2026-11-20T24:00:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-11-20T03:60:00Z" }), "restore.pointInTime.restoreTime", "2026-11-20T03:60:00Z"],
      [at({ ...SOURCE, restoreTime: "2026-11-20T03:00:60Z" }), "restore.pointInTime.restoreTime", "2026-11-20T03:00:60Z"],
      [at({ ...SOURCE, restoreTime: "" }), "restore.pointInTime.restoreTime", ""],
    ],
    passing: [
      { restore: AT_TIME },
      at({ ...SOURCE, restoreTime: "2024-02-29T23:59:59Z" }),
      at({ ...SOURCE, restoreTime: "2000-02-29T00:00:00Z" }),
      at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00.123Z" }),
      // The first and last day of a month, the first and last moment of a day.
      at({ ...SOURCE, restoreTime: "2026-01-01T00:00:00Z" }),
      at({ ...SOURCE, restoreTime: "2025-12-31T23:59:59.999999999Z" }),
      at({ ...SOURCE, restoreTime: "2026-04-30T12:00:00Z" }),
      // A leap year's 29 days are February's alone.
      at({ ...SOURCE, restoreTime: "2024-01-31T00:00:00Z" }),
      at({ ...SOURCE, restoreTime: "2024-04-30T00:00:00Z" }),
    ],
    allowed: /^a moment in UTC as RFC 3339 with a "Z", such as "2026-11-20T03:00:00Z"/,
  },
  {
    rule: "sourceClusterIdentifier is a cluster identifier or a cluster ARN",
    failing: [
      [at({ sourceClusterIdentifier: "Orders-Prod", useLatestRestorableTime: true }), "restore.pointInTime.sourceClusterIdentifier", "Orders-Prod"],
      [at({ sourceClusterIdentifier: "orders--prod", useLatestRestorableTime: true }), "restore.pointInTime.sourceClusterIdentifier", "orders--prod"],
      [at({ sourceClusterIdentifier: "a".repeat(64), useLatestRestorableTime: true }), "restore.pointInTime.sourceClusterIdentifier", "a".repeat(64)],
      [at({ sourceClusterIdentifier: SNAPSHOT_ARN, useLatestRestorableTime: true }), "restore.pointInTime.sourceClusterIdentifier", SNAPSHOT_ARN],
      // An instance's ARN, and a cluster's ARN whose identifier is none.
      [
        at({ sourceClusterIdentifier: "arn:aws:rds:us-east-1:210987654321:db:orders-cluster", useLatestRestorableTime: true }),
        "restore.pointInTime.sourceClusterIdentifier",
        "arn:aws:rds:us-east-1:210987654321:db:orders-cluster",
      ],
      [
        at({ sourceClusterIdentifier: "arn:aws:rds:us-east-1:210987654321:cluster:Orders_Prod", useLatestRestorableTime: true }),
        "restore.pointInTime.sourceClusterIdentifier",
        "arn:aws:rds:us-east-1:210987654321:cluster:Orders_Prod",
      ],
    ],
    passing: [
      { restore: LATEST },
      at({ sourceClusterIdentifier: "a".repeat(63), useLatestRestorableTime: true }),
      at({ sourceClusterIdentifier: "arn:aws:rds:us-east-1:210987654321:cluster:orders-prod", useLatestRestorableTime: true, restoreType: "copy-on-write" }),
    ],
    allowed: /^a cluster identifier \(1 to 63 lowercase letters.* or, for a cluster another account shares, its ARN/,
  },
  {
    rule: "the source is another cluster than the one restored",
    failing: [
      [
        at({ sourceClusterIdentifier: "test-aurora-cluster", useLatestRestorableTime: true }),
        "restore.pointInTime.sourceClusterIdentifier",
        "test-aurora-cluster",
      ],
    ],
    passing: [{ name: "orders-staging", restore: LATEST }],
    allowed: /^another cluster: the restored cluster is named "test-aurora-cluster"/,
    related: ["name"],
  },
  {
    rule: "copy-on-write only to the latest restorable time",
    failing: [[at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00Z", restoreType: "copy-on-write" }), "restore.pointInTime.restoreType", "copy-on-write"]],
    passing: [
      at({ ...SOURCE, restoreTime: "2026-11-20T03:00:00Z", restoreType: "full-copy" }),
      at({ ...SOURCE, useLatestRestorableTime: true, restoreType: "copy-on-write" }),
    ],
    allowed: /^"full-copy" with restoreTime: AWS clones \("copy-on-write"\) only to the latest restorable time$/,
  },
  {
    rule: "masterUsername is refused with restore (the source decides)",
    failing: [
      [{ masterUsername: "owner", restore: LATEST }, "masterUsername", "owner"],
      [{ masterUsername: "dbadmin", restore: { fromSnapshot: "a" } }, "masterUsername", "dbadmin"],
    ],
    passing: [{ masterUsername: "owner" }, { restore: LATEST }],
    allowed: /^nothing with restore: a restored cluster keeps its source's master user/,
    related: ["restore"],
  },
  {
    rule: "storageEncrypted stays true with restore",
    failing: [[{ storageEncrypted: false, restore: { fromSnapshot: "a" } }, "storageEncrypted", false]],
    passing: [{ storageEncrypted: true, restore: { fromSnapshot: "a" } }, { storageEncrypted: false }],
    allowed: /^true with restore: the restored cluster is encrypted with encryptionKey/,
    related: ["restore"],
  },
];

describe.each(RULES)("rule: $rule", ({ failing, passing, allowed, related }) => {
  it.each(failing)("refuses %j, naming %s and the value", (props, property, received) => {
    const problems = validationProblems(() => databaseStack(props, testApp()));
    expect(problems).toContainEqual({ property, received, allowed: expect.stringMatching(allowed), ...(related ? { related } : {}) });
  });

  it.each(passing)("accepts %j", (props) => {
    expect(() => databaseStack(props, testApp())).not.toThrow();
  });
});

describe("restore's runtime type", () => {
  const create = (restore: unknown) => () => databaseStack({ restore: restore as RestoreSource }, testApp());

  it.each<[unknown, string, unknown, RegExp]>([
    ["snapshot-a", "restore", "snapshot-a", /^\{ fromSnapshot: "<snapshot id or ARN>" \} or \{ pointInTime:/],
    [["snapshot-a"], "restore", ["snapshot-a"], /^\{ fromSnapshot/],
    [{ fromSnapshot: 7 }, "restore.fromSnapshot", 7, /^a string$/],
    [{ fromSnapshot: null }, "restore.fromSnapshot", null, /^a string \(leave the field out; null is not a value\)$/],
    [{ snapshot: "a" }, "restore.snapshot", "a", /^no such field; did you mean fromSnapshot\?$/],
    [
      { pointInTime: "orders-prod" },
      "restore.pointInTime",
      "orders-prod",
      /^\{ sourceClusterIdentifier, restoreTime or useLatestRestorableTime, restoreType\? \}/,
    ],
    [{ pointInTime: { useLatestRestorableTime: true } }, "restore.pointInTime.sourceClusterIdentifier", undefined, /^a string \(required\)$/],
    [{ pointInTime: { ...SOURCE, useLatestRestorableTime: "true" } }, "restore.pointInTime.useLatestRestorableTime", "true", /not the string "true"/],
    [{ pointInTime: { ...SOURCE, latest: true } }, "restore.pointInTime.latest", true, /^no such field; did you mean \w+\?$/],
    [
      { pointInTime: { ...SOURCE, useLatestRestorableTime: true, restoreType: "clone" } },
      "restore.pointInTime.restoreType",
      "clone",
      /^"full-copy" or "copy-on-write"$/,
    ],
  ])("refuses %j, naming %s", (restore, property, received, allowed) => {
    expect(validationProblems(create(restore))).toContainEqual({ property, received, allowed: expect.stringMatching(allowed) });
  });

  it("must be known at synth as a whole: whether the cluster is restored decides what it is sent", () => {
    const stack = new TerraformStack(testApp(), "test");
    const restore = new TerraformVariable(stack, "restore", { type: "any" }).value as RestoreSource;
    expect(validationProblems(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, restore }))).toEqual([
      { property: "restore", received: restore, allowed: expect.stringMatching(/, known at synth$/) },
    ]);
  });

  it("judges nothing more once its type is wrong", () => {
    expect(validationProblems(create({ fromSnapshot: "a", pointInTime: 5 }))).toEqual([
      { property: "restore.pointInTime", received: 5, allowed: expect.stringMatching(/^\{ sourceClusterIdentifier/) },
    ]);
  });
});

describe("restore's snapshot against the stack's region", () => {
  const inRegion = (region: string | ((stack: TerraformStack) => string) | undefined, fromSnapshot: string) => {
    const stack = new TerraformStack(testApp(), "regional");
    if (region !== undefined) new AwsProvider(stack, "aws", { region: typeof region === "function" ? region(stack) : region });
    new RandomProvider(stack, "random");
    return new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, restore: { fromSnapshot } });
  };
  const inEurope = SNAPSHOT_ARN.replace("us-east-1", "eu-west-1");

  it("accepts a snapshot copied to the stack's region, and refuses the original in its own", () => {
    expect(() => inRegion("eu-west-1", inEurope)).not.toThrow();
    expect(validationProblems(() => inRegion("eu-central-1", inEurope))[0]!.allowed).toMatch(/^a snapshot in eu-central-1, .* --source-region eu-west-1 /);
  });

  it("judges the region only while it is known at synth: not from a variable, nor without a provider", () => {
    const fromVariable = (stack: TerraformStack) => new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    for (const region of [fromVariable, undefined]) expect(() => inRegion(region, inEurope)).not.toThrow();
  });
});
