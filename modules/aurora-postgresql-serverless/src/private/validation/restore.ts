/**
 * The `restore` prop: its runtime type and its rules, spread into the database's tables in
 * `database.ts`. The source is judged by its form, and a snapshot's or source cluster's
 * ARN by its region when the stack's is known: whether it exists, and whether a restore time lies
 * within the source's backups, RDS decides when it restores. A restore time in the future is
 * refused, the one rule that reads the clock: time can only turn that refusal into acceptance,
 * never an accepted configuration into a refused one.
 */
import { Token } from "cdktf";
import { partitionOfRegion } from "../../partitions";
import type { PointInTimeRestore, RestoreSource } from "../../props";
import { MAX_IDENTIFIER_LENGTH, resourceNames } from "../naming";
import type { ResolvedProps } from "../resolved-props";
import { parseArn, regionalArnPrefix } from "./arns";
import { BOOLEAN, fieldsOf, oneOf, rulesFor, STRING, type Rule, type RuntimeType } from "./engine";
import { isRdsIdentifier } from "./formats";
import { inStackRegion } from "./stack-region";

/** Every field of a restore source, whichever kind it is: what the rules read. */
export type RestoreFields = Partial<{ fromSnapshot: string; pointInTime: Partial<PointInTimeRestore> }>;

/** Snapshot identifiers: 1–255 letters, digits and single hyphens, starting with a letter (RDS's identifier rules). */
const MAX_SNAPSHOT_IDENTIFIER_LENGTH = 255;
/** Automated snapshots are named `rds:<cluster>-<date>`, AWS Backup's recovery points `awsbackup:job-<id>`. */
const SNAPSHOT_PREFIXES = ["rds:", "awsbackup:"];
const ARN_PREFIX = new RegExp(`^${regionalArnPrefix("rds")}`);

function isSnapshotName(value: string): boolean {
  const prefix = SNAPSHOT_PREFIXES.find((candidate) => value.startsWith(candidate)) ?? "";
  const name = value.slice(prefix.length);
  return name.length <= MAX_SNAPSHOT_IDENTIFIER_LENGTH && /^[A-Za-z](-?[A-Za-z0-9])*$/.test(name);
}

/**
 * A snapshot RestoreDBClusterFromSnapshot accepts: a cluster snapshot's identifier or ARN, or a
 * DB snapshot's ARN (RDS for PostgreSQL, migrated into Aurora), which AWS accepts only as an ARN.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html
 */
export function isSnapshotReference(value: string): boolean {
  const arn = ARN_PREFIX.exec(value);
  if (!arn) return isSnapshotName(value);
  const resource = value.slice(arn[0].length);
  const kind = ["cluster-snapshot:", "snapshot:"].find((candidate) => resource.startsWith(candidate));
  return kind !== undefined && isSnapshotName(resource.slice(kind.length));
}

/**
 * A source cluster RestoreDBClusterToPointInTime accepts: an identifier in this account and
 * region, or the ARN of a cluster shared by another account (the AWS provider accepts both).
 */
export function isSourceClusterReference(value: string): boolean {
  const arn = ARN_PREFIX.exec(value);
  if (!arn) return isRdsIdentifier(value, MAX_IDENTIFIER_LENGTH);
  const resource = value.slice(arn[0].length);
  return resource.startsWith("cluster:") && isRdsIdentifier(resource.slice("cluster:".length), MAX_IDENTIFIER_LENGTH);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A moment in UTC as RDS's RestoreToTime takes it and the AWS provider validates it (RFC 3339):
 * `2026-11-20T03:00:00Z`, optionally with fractions of a second, a real calendar date. Only the
 * form is judged; the clock is never read.
 */
export function isUtcTimestamp(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}

const POINT_IN_TIME: RuntimeType<PointInTimeRestore> = fieldsOf<PointInTimeRestore>(
  { sourceClusterIdentifier: STRING, restoreTime: STRING, useLatestRestorableTime: BOOLEAN, restoreType: oneOf("full-copy", "copy-on-write") },
  ["sourceClusterIdentifier"],
  "{ sourceClusterIdentifier, restoreTime or useLatestRestorableTime, restoreType? }, known at synth",
);

/**
 * The runtime type of `restore`. Its fields may be tokens (a snapshot ARN from a data source),
 * the objects themselves may not: the construct decides at synth what the cluster is sent.
 */
export const RESTORE: RuntimeType<RestoreSource> = fieldsOf<RestoreSource>(
  { fromSnapshot: STRING, pointInTime: POINT_IN_TIME },
  [],
  '{ fromSnapshot: "<snapshot id or ARN>" } or { pointInTime: { sourceClusterIdentifier, restoreTime | useLatestRestorableTime } }',
);

const rule = rulesFor<ResolvedProps>();
const fieldsOfRestore = (restore: RestoreSource) => restore as RestoreFields;
const given = (value: unknown) => value !== undefined;

/** The point-in-time fields, when a point in time is given. */
function pointInTime(restore: RestoreSource): Iterable<readonly [string, Partial<PointInTimeRestore>]> {
  const fields = fieldsOfRestore(restore).pointInTime;
  return fields === undefined ? [] : [[".pointInTime", fields]];
}

/** One field of the point in time, when given. */
function pointInTimeField<K extends keyof PointInTimeRestore>(key: K) {
  return (restore: RestoreSource): Iterable<readonly [string, NonNullable<PointInTimeRestore[K]>]> => {
    const value = fieldsOfRestore(restore).pointInTime?.[key];
    return value === undefined ? [] : [[`.pointInTime.${key}`, value as NonNullable<PointInTimeRestore[K]>]];
  };
}

/** The rules of `restore`, and of the props a restore changes the meaning of. */
export const RESTORE_RULES: readonly Rule<ResolvedProps>[] = [
  rule("restore", {
    judgesTokens: true, // reads only which fields are given
    check: (restore) => given(fieldsOfRestore(restore).fromSnapshot) !== given(fieldsOfRestore(restore).pointInTime),
    allowed: "exactly one of fromSnapshot (restore a snapshot) and pointInTime (restore another cluster as it was at a moment)",
  }),
  rule("restore", {
    parts: (restore) => {
      const snapshot = fieldsOfRestore(restore).fromSnapshot;
      return snapshot === undefined ? [] : [[".fromSnapshot", snapshot] as const];
    },
    check: isSnapshotReference,
    allowed:
      'a snapshot identifier (letters, digits and single hyphens, starting with a letter; automated "rds:…" and AWS Backup "awsbackup:…" too) ' +
      'or ARN ("arn:aws:rds:<region>:<account>:cluster-snapshot:<id>", or ":snapshot:<id>" for an RDS for PostgreSQL DB snapshot)',
  }),
  rule("restore", {
    parts: pointInTime,
    judgesTokens: true, // reads only which fields are given
    // false says nothing: the rule below asks for true or nothing.
    check: (fields) => given(fields.restoreTime) !== (given(fields.useLatestRestorableTime) && fields.useLatestRestorableTime !== false),
    allowed: "exactly one of restoreTime (a moment in UTC) and useLatestRestorableTime: true",
  }),
  rule("restore", {
    parts: pointInTimeField("sourceClusterIdentifier"),
    check: isSourceClusterReference,
    allowed:
      "a cluster identifier (1 to 63 lowercase letters, digits and single hyphens, starting with a letter) " +
      'or, for a cluster another account shares, its ARN ("arn:aws:rds:<region>:<account>:cluster:<id>")',
  }),
  rule("restore", {
    involves: ["name"],
    parts: pointInTimeField("sourceClusterIdentifier"),
    check: (source: string, p) => source.toLowerCase() !== resourceNames(p.name).clusterIdentifier,
    allowed: (_: string, p) =>
      `another cluster: the restored cluster is named "${resourceNames(p.name).clusterIdentifier}", and RDS cannot restore a cluster into its own identifier`,
  }),
  rule("restore", {
    parts: pointInTimeField("restoreTime"),
    check: isUtcTimestamp,
    allowed: 'a moment in UTC as RFC 3339 with a "Z", such as "2026-11-20T03:00:00Z" (a real date; fractions of a second allowed)',
  }),
  rule("restore", {
    parts: (restore) => [...pointInTimeField("restoreTime")(restore)].filter(([, time]) => isUtcTimestamp(time)),
    // RDS restores "to any point in time before LatestRestorableTime", which is never ahead of now
    // (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterToPointInTime.html).
    check: (time: string) => Date.parse(time) <= Date.now(),
    allowed: (time: string) =>
      `a moment in the past: ${time} is after now (${new Date().toISOString()}), and RDS restores only to a moment before the ` +
      "source's latest restorable time (or give useLatestRestorableTime: true)",
  }),
  rule("restore", {
    parts: pointInTimeField("useLatestRestorableTime"),
    check: (latest: boolean) => latest === true,
    allowed: "true, or leave it out and give restoreTime",
  }),
  rule("restore", {
    parts: (restore) => [...pointInTimeField("restoreType")(restore)].filter(() => given(fieldsOfRestore(restore).pointInTime?.restoreTime)),
    judgesTokens: true, // reads only whether restoreTime is given
    check: (type: string) => type !== "copy-on-write",
    allowed: '"full-copy" with restoreTime: AWS clones ("copy-on-write") only to the latest restorable time',
  }),
  rule("masterUsername", {
    involves: ["restore"],
    onlyWhenGiven: true,
    judgesTokens: true, // reads only whether restore is given
    check: (_, p) => p.restore === undefined,
    allowed: "nothing with restore: a restored cluster keeps its source's master user (the secret carries the real one)",
  }),
  rule("storageEncrypted", {
    involves: ["restore"],
    judgesTokens: true, // reads only whether restore is given
    check: (encrypted, p) => p.restore === undefined || Token.isUnresolved(encrypted) || encrypted,
    allowed:
      "true with restore: the restored cluster is encrypted with encryptionKey (an unencrypted snapshot is encrypted on the way); " +
      "with false, a source that is encrypted would make the next plan replace the restored cluster",
  }),
];

/**
 * The rules of `restore` that weigh a snapshot ARN against the region of the stack's AWS
 * provider, known at synth: RDS restores a snapshot only in its own region, and a snapshot (an
 * AWS Backup recovery point of Aurora is a cluster snapshot) reaches another region only as a
 * copy made there (CopyDBClusterSnapshot, or an AWS Backup copy job):
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CopyDBClusterSnapshot.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html
 */
export function restoreRegionRules(region: string): readonly Rule<ResolvedProps>[] {
  const snapshotArn = (restore: RestoreSource) => {
    const snapshot = fieldsOfRestore(restore).fromSnapshot;
    return snapshot === undefined || parseArn(snapshot) === undefined ? [] : [[".fromSnapshot", snapshot] as const];
  };
  const sourceClusterArn = (restore: RestoreSource) =>
    [...pointInTimeField("sourceClusterIdentifier")(restore)].filter(([, source]) => parseArn(source) !== undefined);
  // RDS restores in the region of the API it is called in, where only that region's clusters exist
  // (SourceDBClusterIdentifier: "Must match the identifier of an existing DBCluster",
  // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterToPointInTime.html).
  const sourceInRegion = inStackRegion(
    region,
    "a source cluster",
    (arn) => (isSourceClusterReference(arn) ? undefined : "no cluster ARN"),
    "RDS restores a cluster to a point in time only from a cluster of the region it restores in; restore a snapshot copied to this region instead (fromSnapshot)",
  );
  return [
    ...sourceInRegion.map((check) => rule("restore", { parts: sourceClusterArn, ...check })),
    rule("restore", {
      parts: snapshotArn,
      check: (arn: string) =>
        !isSnapshotReference(arn) || partitionOfRegion(parseArn(arn)!.region) !== partitionOfRegion(region) || parseArn(arn)!.region === region,
      allowed: (arn: string) => {
        const { region: source } = parseArn(arn)!;
        const backup = arn.includes(":cluster-snapshot:awsbackup:");
        const copy = backup
          ? `copy the recovery point to a backup vault in ${region} (aws backup start-copy-job --region ${source} --recovery-point-arn ${arn} --source-backup-vault-name <vault> --destination-backup-vault-arn <vault in ${region}> --iam-role-arn <backup role>)`
          : `copy it to ${region} (aws rds copy-db-cluster-snapshot --region ${region} --source-region ${source} --source-db-cluster-snapshot-identifier ${arn} --target-db-cluster-snapshot-identifier <new id> --kms-key-id <key ARN in ${region}>)`;
        return `a snapshot in ${region}, the region of the stack's AWS provider: RDS restores only a snapshot of its own region; ${copy}, then give the copy's ARN`;
      },
    }),
    rule("restore", {
      parts: snapshotArn,
      check: (arn: string) =>
        !isSnapshotReference(arn) ||
        partitionOfRegion(parseArn(arn)!.region) === undefined ||
        partitionOfRegion(parseArn(arn)!.region) === partitionOfRegion(region),
      allowed: `a snapshot of the partition of ${region}, the region of the stack's AWS provider: nothing crosses partitions`,
    }),
  ];
}
