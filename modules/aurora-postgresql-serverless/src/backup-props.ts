/**
 * The props of the AWS Backup constructs: `AuroraBackupPlan` (the plan, its role and, unless it
 * is given an existing one, its vault, for one database) and `AuroraBackupVault` (a vault for a
 * long-lived stack: the plan's, or, as `AuroraDisasterRecoveryVault`, the one in the
 * disaster-recovery region that the plan copies to).
 */
import type { AuroraPostgresServerless } from "./aurora-postgres-serverless";

/**
 * One scheduled rule of the plan: when AWS Backup backs the cluster up, and how long it keeps the
 * recovery point (and its copy in the disaster-recovery vault).
 */
export interface BackupRule {
  /**
   * The rule's name, unique within the plan (case-sensitive): 1–50 letters, digits, `-`, `_` or
   * `.` (`RuleName`, https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html).
   */
  readonly name: string;

  /**
   * When AWS Backup starts the backup, as a cron expression in UTC,
   * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, such as `"cron(0 5 ? * * *)"` (daily
   * at 05:00). AWS Backup takes cron expressions only, so `rate(…)` is refused, and snapshots at
   * most hourly, so the minutes field is one minute. One of the two day fields is `?`.
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
   */
  readonly schedule: string;

  /**
   * Days AWS Backup keeps each recovery point (`delete_after`): an integer from 1 to 36,500 (100
   * years), or from 1 to 35 with `continuous`. Within the vault lock's minimum and maximum, when
   * there is one.
   */
  readonly retentionDays: number;

  /**
   * A continuous backup, which restores to any second of the last `retentionDays` (point-in-time
   * restore, 1–35 days), instead of a snapshot. AWS Backup then manages the cluster's automated
   * backups; see the module README before turning it on. Copies of a continuous backup are
   * snapshots.
   * @default false
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html
   */
  readonly continuous?: boolean;

  /**
   * Minutes after the scheduled time within which the job must start, or AWS Backup cancels it: an
   * integer of at least 60 (AWS's minimum) and at most 52,560,000 (100 years).
   * @default 60
   */
  readonly startWindowMinutes?: number;

  /**
   * Minutes within which a started job must complete, or AWS Backup cancels it: an integer greater
   * than `startWindowMinutes` (the window counts from the scheduled time, adding no time for a late
   * start) and at most 52,560,000.
   * @default 180
   */
  readonly completionWindowMinutes?: number;

  /**
   * Days the copy in the disaster-recovery vault (`copyToVaultArn`) is kept: 1 to 36,500. Only with
   * `copyToVaultArn`.
   * @default retentionDays
   */
  readonly copyRetentionDays?: number;

  /**
   * Refused for Aurora: AWS Backup moves to cold storage only the resource types its feature table
   * lists, and ignores the setting for others, Aurora snapshots among them, while a continuous rule
   * with it is refused by AWS. Recovery points of Aurora stay in warm storage for their retention.
   * @default none
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html
   */
  readonly coldStorageAfterDays?: never;
}

/**
 * Backup Vault Lock: recovery points in the vault cannot be deleted, nor their retention shortened,
 * before it ends, and jobs whose retention lies outside `minRetentionDays`–`maxRetentionDays` fail.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export interface BackupVaultLock {
  /**
   * `"governance"`: the lock can be changed or removed at any time by whoever may call
   * `PutBackupVaultLockConfiguration` or `DeleteBackupVaultLockConfiguration`. `"compliance"`: after
   * `changeableForDays` the lock is immutable. IRREVERSIBLE: from that day on nobody, the account's
   * root user included, can remove the lock, change its retention limits or delete a recovery
   * point before its retention ends, and the vault cannot be deleted while it holds one.
   */
  readonly mode: "governance" | "compliance";

  /**
   * The shortest retention a job to the vault may have: an integer from 1 to 36,500 days.
   * @default no minimum
   */
  readonly minRetentionDays?: number;

  /**
   * The longest retention a job to the vault may have: an integer from 1 to 36,500 days, at least
   * `minRetentionDays`.
   * @default no maximum
   */
  readonly maxRetentionDays?: number;

  /**
   * Days, from when the lock is first applied, during which a compliance lock can still be changed
   * or removed: an integer from 3 (AWS's 72-hour cooling-off period) to 36,500. Required with
   * `"compliance"`, refused with `"governance"`.
   * @default none (required with "compliance")
   */
  readonly changeableForDays?: number;
}

/** Events of a vault that AWS Backup notifies (the ones it still sends, and that an Aurora cluster can cause). */
export type BackupVaultEvent =
  | "BACKUP_JOB_STARTED"
  | "BACKUP_JOB_COMPLETED"
  | "COPY_JOB_STARTED"
  | "COPY_JOB_SUCCESSFUL"
  | "COPY_JOB_FAILED"
  | "RESTORE_JOB_STARTED"
  | "RESTORE_JOB_COMPLETED"
  | "RECOVERY_POINT_MODIFIED";

/** Where AWS Backup sends the vault's events. */
export interface BackupNotifications {
  /**
   * An SNS standard topic of this account, `arn:<partition>:sns:<region>:<account>:<name>` (AWS
   * Backup supports neither another account's topics nor FIFO topics), whose policy lets
   * `backup.amazonaws.com` publish and, if it is encrypted, whose key lets AWS Backup use it.
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-notifications.html
   */
  readonly topicArn: string;

  /**
   * The events to send, each once. `BACKUP_JOB_COMPLETED` is sent for every finished job, failed
   * ones included (its message's `State` says which: subscribe with a filter policy to receive the
   * failures only); the deprecated `BACKUP_JOB_FAILED` is never sent and is refused.
   * @default ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"]
   */
  readonly events?: readonly BackupVaultEvent[];
}

/**
 * The KMS key of a backup vault: `"create"` (a customer-managed key with yearly rotation, created
 * with the vault, alias `alias/<vault name>`) or `{ existingKeyArn }`, a key of the vault's region
 * whose policy lets AWS Backup use it. A vault's key cannot be changed without a new vault.
 */
export type BackupVaultKey = "create" | { readonly existingKeyArn: string };

/**
 * The vault of a plan's recovery points: `"create"` (the vault `<name>-aurora-backup` with its key
 * and lock, in the plan's stack) or `{ existingVaultName }`, a vault of the plan's region and
 * account that a long-lived stack keeps, such as an `AuroraBackupVault`'s `vaultName`.
 */
export type BackupPlanVault = "create" | { readonly existingVaultName: string };

/** Props of {@link AuroraBackupPlan}. */
export interface AuroraBackupPlanProps {
  /**
   * Prefix of every name: the plan (and the vault it creates) `<name>-aurora-backup`, the role
   * `<name>-aurora-backup-role`, the key's alias `alias/<name>-aurora-backup`. Give the database's
   * `name`. Lowercase letters, digits and single hyphens, starting with a letter, at most 33
   * characters (so that `AuroraDisasterRecoveryVault`'s `<name>-aurora-backup-dr` fits AWS's
   * 50-character vault names).
   */
  readonly name: string;

  /**
   * The database whose cluster the plan backs up, selected by its ARN (never by tags, which anyone
   * allowed to tag could change). The plan changes nothing of the database.
   */
  readonly database: AuroraPostgresServerless;

  /**
   * The plan's rules, at least one, known at synth.
   * @default DAILY_WEEKLY_MONTHLY_RULES: daily kept 7 days, weekly kept 28 days, monthly kept 90 days
   */
  readonly rules?: readonly BackupRule[];

  /**
   * The vault the plan keeps its recovery points in. `"create"`: the vault `<name>-aurora-backup`,
   * with its key (`encryptionKey`) and lock (`vaultLock`), in the plan's stack, so that destroying
   * the stack fails at the vault while it holds recovery points. `{ existingVaultName }`: a vault
   * of the stack's region and account that a long-lived stack keeps (an `AuroraBackupVault`'s
   * `vaultName`, `<name>-aurora-backup`), so that the stack can be destroyed and re-created while
   * the recovery points stay; the plan creates no vault, key or lock, and refuses `encryptionKey`
   * and `vaultLock`, which belong to the vault's own stack. The name is 2–50 letters, digits, `-`
   * and `_`; a reference (another stack's output) passes unjudged.
   * @default "create"
   */
  readonly vault?: BackupPlanVault;

  /**
   * A backup vault in another region of the same partition and account (for example an
   * `AuroraDisasterRecoveryVault` in the disaster-recovery region's long-lived stack), by ARN,
   * `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`: every rule copies its recovery
   * points there, kept `copyRetentionDays`. A reference (another stack's output) passes unjudged.
   * @default no copies
   */
  readonly copyToVaultArn?: string;

  /**
   * The vault's KMS key. Aurora snapshots keep the cluster's own encryption (AWS Backup does not
   * re-encrypt the recovery points of services it does not fully manage); the key encrypts what
   * AWS Backup encrypts itself. Only with `vault: "create"`.
   * @default "create"
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
   */
  readonly encryptionKey?: BackupVaultKey;

  /**
   * Backup Vault Lock on the vault. See `BackupVaultLock`: a compliance lock is irreversible after
   * its `changeableForDays`. Only with `vault: "create"`.
   * @default no lock
   */
  readonly vaultLock?: BackupVaultLock;

  /**
   * Send the vault's events to an SNS topic, such as failed backup and copy jobs.
   * @default no notifications
   */
  readonly notifications?: BackupNotifications;

  /**
   * The ARN of an IAM managed policy set as the permissions boundary of the backup role, as the
   * database's `permissionsBoundary` is on its roles. It must allow what the two AWS managed
   * policies attached to the role grant.
   * @default none: the role has no permissions boundary
   */
  readonly permissionsBoundary?: string;

  /**
   * Tags for the plan, the role, and the vault and key it creates, with the database's tag rules.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Props of {@link AuroraBackupVault}. */
export interface AuroraBackupVaultProps {
  /**
   * Prefix of the names: the vault `<name>-aurora-backup` (`<name>-aurora-backup-dr` with
   * `disasterRecovery`) and its key's alias `alias/<vault name>`. Give the database's `name`: the
   * same rules as `AuroraBackupPlan`'s `name`.
   */
  readonly name: string;

  /**
   * `false`: the vault `<name>-aurora-backup` that a plan in the same region and account keeps its
   * recovery points in (`AuroraBackupPlan`'s `vault: { existingVaultName }`). `true`: the vault
   * `<name>-aurora-backup-dr` in another region, which the plan copies to (its
   * `copyToVaultArn`), as `AuroraDisasterRecoveryVault` creates it.
   * @default false
   */
  readonly disasterRecovery?: boolean;

  /**
   * The vault's KMS key, of the vault's region. In the plan's region, Aurora snapshots keep the
   * cluster's own encryption and the key encrypts what AWS Backup encrypts itself; in the
   * disaster-recovery region, the copies are encrypted with a key of that region.
   * @default "create"
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
   */
  readonly encryptionKey?: BackupVaultKey;

  /**
   * Backup Vault Lock on the vault. See `BackupVaultLock`: a compliance lock is irreversible after
   * its `changeableForDays`. Every rule's `retentionDays` (`copyRetentionDays` for the copies'
   * vault) must lie within its limits.
   * @default no lock
   */
  readonly vaultLock?: BackupVaultLock;

  /**
   * Tags for the vault and the key, with the database's tag rules.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Props of {@link AuroraDisasterRecoveryVault}: those of `AuroraBackupVault` but `disasterRecovery`, which it sets. */
export type AuroraDisasterRecoveryVaultProps = Omit<AuroraBackupVaultProps, "disasterRecovery">;

/**
 * The seeds' backup preset ("Backup and Recovery": daily kept 7 days, weekly kept 4 weeks,
 * monthly kept 3 months) as rules: a snapshot every day at 05:00 UTC kept 7 days, every Sunday
 * kept 28 days, and on the 1st of every month kept 90 days. Where two rules fall on one day, AWS
 * Backup takes one backup, for the rule with the longer retention.
 */
export const DAILY_WEEKLY_MONTHLY_RULES: readonly BackupRule[] = [
  { name: "daily", schedule: "cron(0 5 ? * * *)", retentionDays: 7 },
  { name: "weekly", schedule: "cron(0 5 ? * SUN *)", retentionDays: 28 },
  { name: "monthly", schedule: "cron(0 5 1 * ? *)", retentionDays: 90 },
];
