import type { TerraformProvider } from "cdktf";

/**
 * The `engineVersion` of a database (and of a global secondary) that sets none. Major-only: RDS
 * picks that major's default minor, and the AWS provider does not report drift when the running
 * version extends the configured one (`17` vs `17.7`), so neither AWS retiring a minor nor an
 * automatic minor upgrade breaks the configuration.
 */
export const DEFAULT_ENGINE_VERSION = "17";

/**
 * How the master password is made and kept.
 *
 * - `generated`: a random password (Terraform `random_password`) in a secret the construct
 *   creates; the secret also holds engine, host, port, dbname and dbClusterIdentifier. The
 *   password is in Terraform state. Not rotated.
 * - `write-only`: the same secret and shape, but the password comes from an ephemeral
 *   `random_password` and reaches the cluster and the secret through write-only arguments, so
 *   Terraform never stores it in state or plan files. Rotated by changing `passwordVersion`.
 *   Needs Terraform 1.11 or later.
 * - `managed`: RDS creates the password and a secret (`rds!cluster-…`, keys username and
 *   password) and rotates it on `rotationSchedule`; the password is never in Terraform state.
 */
export type CredentialsMode = "generated" | "write-only" | "managed";

/**
 * The KMS key that encrypts cluster storage, the credentials secret and Performance Insights.
 *
 * - `"aws-managed"`: the AWS managed keys (`aws/rds`, `aws/secretsmanager`).
 * - `"create"`: a customer-managed key created with the database, with yearly rotation and an
 *   explicit key policy (about $1 per month). It is destroyed with the database, so it requires
 *   `skipFinalSnapshot: true`: a kept final snapshot needs a key that outlives the stack.
 * - `{ existingKeyArn }`: a customer-managed key you own, for example an
 *   {@link AuroraEncryptionKey} in a long-lived stack; its key policy must let this account's
 *   IAM policies use it through RDS and Secrets Manager.
 */
export type EncryptionKey = "aws-managed" | "create" | { readonly existingKeyArn: string };

/** A cluster parameter with the moment it takes effect. */
export interface ClusterParameter {
  readonly value: string;
  /** `immediate` for dynamic parameters, `pending-reboot` for static ones. */
  readonly applyMethod: "immediate" | "pending-reboot";
}

/**
 * A certificate authority that signs the server certificate of each instance, as RDS offers them
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.SSL.html,
 * "Certificate authorities"): RSA 2048 with SHA256 (SHA384 in the GovCloud regions), RSA 4096
 * with SHA384, or ECC 384 with SHA384. All three rotate server certificates automatically.
 * `rds-ca-2019` expired on 2024-08-22 and is not offered.
 */
export type CaCertificateIdentifier = "rds-ca-rsa2048-g1" | "rds-ca-rsa4096-g1" | "rds-ca-ecc384-g1";

/**
 * A log Aurora PostgreSQL exports to CloudWatch Logs, as `EnableCloudwatchLogsExports` lists
 * them for Aurora PostgreSQL
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html): the
 * PostgreSQL log, the IAM database authentication error log, and the instance log
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Concepts.PostgreSQL.html).
 */
export type LogExport = "postgresql" | "iam-db-auth-error" | "instance";

/**
 * The CloudWatch Logs class of the exported logs' log groups
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html):
 * `STANDARD` has every feature; `INFREQUENT_ACCESS` costs less and supports a subset of them
 * (Logs Insights queries, all commands but `pattern`, `diff`, `filterIndex` and `unmask`).
 * `DELIVERY` keeps events one day, for Lambda deliveries to S3 and Firehose, and is not offered.
 */
export type LogClass = "STANDARD" | "INFREQUENT_ACCESS";

/**
 * The KMS key that encrypts the exported logs' log groups (`kms_key_id`): the database's own
 * customer-managed key (`"database-key"`), or another key by ARN.
 */
export type LogEncryptionKey = "database-key" | { readonly existingKeyArn: string };

/**
 * The cluster's storage configuration
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html#aurora-storage-type):
 * `aurora` is Aurora Standard (I/O billed per request), `aurora-iopt1` Aurora I/O-Optimized (no
 * I/O charges, higher capacity and storage prices).
 */
export type StorageType = "aurora" | "aurora-iopt1";

/**
 * The mode of CloudWatch Database Insights for the cluster
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DatabaseInsights.html):
 * `standard` (free, the default of every cluster) or `advanced` (billed by CloudWatch; needs
 * Performance Insights with at least 465 days of retention).
 */
export type DatabaseInsightsMode = "standard" | "advanced";

/**
 * Where one reader stands in failover and scaling. Aurora Serverless v2 readers in promotion
 * tiers 0–1 keep at least the writer's capacity and pause and resume with it; readers in tiers
 * 2–15 scale on their own load. See "Choosing the promotion tier for an Aurora Serverless v2
 * reader":
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-administration.html#aurora-serverless-v2-choosing-promotion-tier
 * and https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html
 */
export interface ReaderOptions {
  /**
   * Scale and pause with the writer (promotion tier 0 or 1): the reader never runs below the
   * writer's capacity, so it costs at least what the writer costs, and a failover promotes an
   * instance already sized for the writer's load. `false` (tiers 2–15): the reader scales on its
   * own read load, down to `minCapacity`, and with `minCapacity` 0 pauses on its own, costing no
   * compute while idle; but a failover that promotes it may find it cold (small, or paused and
   * resuming), and the cluster serves writes slowly until it has scaled up. Aurora promotes the
   * lowest tier first, so an independent reader becomes the writer only when no reader in tiers
   * 0–1 can.
   * @default true
   */
  readonly scaleWithWriter?: boolean;

  /**
   * Failover priority, lower first: 0 or 1 with `scaleWithWriter`, an integer from 2 to 15
   * without. Known at synth.
   * @default 1 with the writer, 2 when independent
   */
  readonly promotionTier?: number;
}

/**
 * Which instances a custom endpoint may reach
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Endpoints.Custom.html):
 * `READER` only instances that are readers at the moment (a member promoted to writer is left out
 * until it is a reader again); `ANY` readers and the writer alike, with equal probability, so only
 * for read-only connections.
 */
export type CustomEndpointType = "READER" | "ANY";

/**
 * Readers chosen by their placement (`readers`' options) instead of by number: every reader whose
 * options match all the fields given. Never the writer.
 */
export interface ReaderSelector {
  /** Readers that scale with the writer (`true`), or on their own (`false`). */
  readonly scaleWithWriter?: boolean;
  /** Readers in this promotion tier, 0–15. */
  readonly promotionTier?: number;
}

/**
 * Instances of the cluster: a list of instance numbers, as `instanceMetric` and the alarms number
 * them (1 the writer, `<name>-aurora-instance-1`; 2 onwards the readers in the order of
 * `readers`), or a {@link ReaderSelector}.
 */
export type EndpointInstances = readonly number[] | ReaderSelector;

/**
 * A custom endpoint of the cluster (`aws_rds_cluster_endpoint`): a DNS name that balances
 * connections over a set of instances you choose, such as an `analytics` endpoint over the readers
 * that scale on their own. Give at most one of `members` (a static list: only these instances,
 * never ones added later) and `excluded` (every instance but these, and every instance added
 * later); with neither, every instance the type admits, now and later.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Endpoints.Custom.html
 */
export interface CustomEndpointOptions {
  /**
   * The endpoint's identifier, the first label of its DNS name
   * (`<identifier>.cluster-custom-<id>.<region>.rds.amazonaws.com`): 1–63 lowercase letters, digits
   * and single hyphens, starting with a letter, not ending with a hyphen, unique among the
   * cluster's custom endpoints and none of the identifiers the construct derives from `name`; AWS
   * also refuses one another cluster of the account uses in the region. Known at synth. Changing it
   * replaces the endpoint (a new DNS name).
   */
  readonly identifier: string;

  /**
   * `"READER"` (only readers) or `"ANY"` (readers and the writer). Changed in place.
   * @default "READER"
   */
  readonly type?: CustomEndpointType;

  /**
   * The static list: only these instances, by number or by placement; instances added later never
   * join. Changed in place.
   * @default none: every instance the type admits, or all but `excluded`
   */
  readonly members?: EndpointInstances;

  /**
   * The exclusion list: every instance but these, by number or by placement, and every instance
   * added later. Changed in place.
   * @default none
   */
  readonly excluded?: EndpointInstances;
}

/**
 * Restores a snapshot: a DB cluster snapshot of Aurora PostgreSQL (manual, automated or AWS
 * Backup), or a DB snapshot of RDS for PostgreSQL to migrate it into Aurora.
 */
export interface RestoreFromSnapshot {
  /**
   * The snapshot: a cluster snapshot's identifier (`orders-prod-2026-11-20`, automated
   * `rds:…`, AWS Backup `awsbackup:…`) or ARN
   * (`arn:aws:rds:<region>:<account>:cluster-snapshot:<id>`). A snapshot shared by another
   * account, or a DB snapshot of RDS for PostgreSQL (`arn:aws:rds:…:snapshot:<id>`), is given by
   * its ARN only. An AWS Backup recovery point of an Aurora cluster is a cluster snapshot
   * (`…:cluster-snapshot:awsbackup:job-<id>`). The snapshot must be in the stack's region: one of
   * another region (a cross-region copy's source, say) is refused, with the command that copies
   * it here, while the region of the stack's AWS provider is known at synth.
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html
   */
  readonly fromSnapshot: string;
}

/** How a restore to a point in time is done, as RDS's `RestoreDBClusterToPointInTime`. */
export interface PointInTimeRestore {
  /**
   * The existing cluster to restore: its identifier (`orders-prod-aurora-cluster`, this account
   * and region), or its ARN for a cluster another account shares with this one through AWS RAM,
   * which can only be cloned (`restoreType: "copy-on-write"`). Not this construct's own cluster
   * identifier: the restored cluster takes it.
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Clone.html
   */
  readonly sourceClusterIdentifier: string;

  /**
   * The moment to restore to, in UTC as RFC 3339 with a `Z`, such as `"2026-11-20T03:00:00Z"`
   * (fractions of a second allowed). It must lie within the source's backup retention period;
   * RDS checks that when it restores, never the synth, which does not read the clock. Give
   * exactly one of `restoreTime` and `useLatestRestorableTime`.
   * @default none: give it or `useLatestRestorableTime`
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterToPointInTime.html
   */
  readonly restoreTime?: string;

  /**
   * Restore to the latest restorable time (usually within five minutes of now). Give `true`
   * or leave it out; give exactly one of `restoreTime` and `useLatestRestorableTime`.
   * @default false: give `restoreTime` instead
   */
  readonly useLatestRestorableTime?: boolean;

  /**
   * `"full-copy"` copies the source's data into a new volume; `"copy-on-write"` makes an Aurora
   * clone that shares unchanged pages with the source (faster, cheaper while little changes),
   * only to the latest restorable time (AWS refuses `restoreTime` with it).
   * @default "full-copy"
   */
  readonly restoreType?: "full-copy" | "copy-on-write";
}

/** Restores another cluster as it was at a point in time. */
export interface RestoreToPointInTime {
  /** The source cluster and the moment. */
  readonly pointInTime: PointInTimeRestore;
}

/**
 * Where a new cluster's data comes from: a snapshot (`{ fromSnapshot }`) or another cluster at
 * a point in time (`{ pointInTime }`), exactly one of them.
 */
export type RestoreSource = RestoreFromSnapshot | RestoreToPointInTime;

/**
 * A database user that clients may log in as through the RDS Proxy (`proxy.users`), and the
 * Secrets Manager secret the proxy logs in to the database with: the proxy reads the user's name
 * and password from the secret's `username` and `password` keys
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-secrets-arns.html).
 */
export interface DatabaseProxyUser {
  /**
   * The PostgreSQL role, the value of the secret's `username`: 1–63 letters, digits or `_`,
   * starting with a letter, not reserved, not the master user, each user once, known at synth
   * (`grantProxyConnect` checks the user it grants against it). It must exist in the database with
   * the password the secret holds.
   */
  readonly username: string;

  /**
   * The user's secret by its full ARN, with the six characters Secrets Manager adds to the name:
   * `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>`, or a reference
   * such as a `SecretsmanagerSecret`'s `arn`. Each user has a secret of its own.
   */
  readonly secretArn: string;

  /**
   * The customer-managed KMS key that encrypts the secret,
   * `arn:<partition>:kms:<region>:<account>:key/<id>`: the proxy's role may decrypt with it only
   * through Secrets Manager in the stack's region, and only for this secret.
   * @default the AWS managed key `aws/secretsmanager`, which needs no grant
   */
  readonly kmsKeyArn?: string;
}

/**
 * An RDS Proxy in front of the cluster: a pool of connections to the writer (and, with readers,
 * a read-only endpoint), TLS required. It reads the secrets it logs in with (the cluster's, and
 * those of `users`) with a role of its own.
 *
 * Not with auto-pause (`minCapacity` 0): a proxy keeps connections to the instances open, so the
 * cluster would never pause (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html).
 * Works with every `credentials` mode: the proxy needs a secret with `username` and `password`
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-secrets-arns.html), which
 * the construct's secret and the RDS-managed one both hold; it reads the secret again for new
 * connections, so RDS's rotation of a managed password reaches it. The master user's secret is
 * always registered; other database users need theirs in `users`.
 * Billed for every hour it exists, idle or not: for Serverless v2, per ACU-hour of the cluster's
 * capacity with a minimum of 8 ACUs (https://aws.amazon.com/rds/proxy/pricing/).
 */
export interface DatabaseProxyOptions {
  /**
   * Require clients to authenticate with IAM (`rds-db:connect` on the proxy, see
   * `grantProxyConnect`) instead of the database password.
   * @default false
   */
  readonly iamAuthentication?: boolean;

  /**
   * Seconds a client connection may stay idle before the proxy closes it, 1–28800.
   * @default 1800
   */
  readonly idleClientTimeoutSeconds?: number;

  /**
   * Largest share of the database's `max_connections` the pool may use, as a percentage, 1–100.
   * @default 100
   */
  readonly maxConnectionsPercent?: number;

  /**
   * Share of `max_connections` the pool keeps open while idle, 0 to `maxConnectionsPercent`.
   * Unset, RDS's own default: half of `maxConnectionsPercent`, rounded down.
   * @default half of maxConnectionsPercent (50 with its default)
   */
  readonly maxIdleConnectionsPercent?: number;

  /**
   * Seconds a client waits for a pooled connection before the proxy gives up, 0–3600 (0: no limit).
   * @default 120
   */
  readonly connectionBorrowTimeoutSeconds?: number;

  /**
   * IPv4 or IPv6 CIDR blocks admitted to the proxy on TCP 5432, with the cluster's CIDR rules.
   * @default []
   */
  readonly allowedCidrBlocks?: readonly string[];

  /**
   * Security groups (for example of Lambda functions) admitted to the proxy on TCP 5432.
   * @default []
   */
  readonly allowedSecurityGroupIds?: readonly string[];

  /**
   * Database users besides the master user that clients may log in as through the proxy, each with
   * its secret. With IAM authentication, the proxy checks the client's `rds-db:connect` token, then
   * logs in to the database with the username and password of the secret registered for that user
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-connecting.html#rds-proxy-connecting-iam),
   * so `grantProxyConnect` grants only the master user and these. Each user becomes an `auth` entry
   * of the proxy like the master user's, and the proxy's role may read exactly these secrets (and
   * decrypt one with its `kmsKeyArn`). At most 199: a proxy holds at most 200 secrets, the master
   * user's among them
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy.html#rds-proxy.limitations).
   * Known at synth as a list; a secret's ARN may be a reference.
   * @default [] (the master user only)
   */
  readonly users?: readonly DatabaseProxyUser[];
}

/**
 * The buckets a role created for one S3 feature of the cluster may reach, and the
 * customer-managed keys of those that are encrypted with SSE-KMS.
 */
export interface S3FeatureBuckets {
  /**
   * The buckets, by ARN, `arn:<partition>:s3:::<bucket>` (S3's bucket name rules: 3–63
   * lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit), or
   * references such as an `S3Bucket`'s `arn`; each once, at least one, as a list known at synth.
   * The role may reach these buckets and their objects only.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  readonly bucketArns: readonly string[];

  /**
   * Customer-managed KMS keys (`arn:<partition>:kms:<region>:<account>:key/<id>`) of buckets
   * encrypted with SSE-KMS: the role may use them only through S3 in each key's region and only
   * for these buckets' objects (`kms:EncryptionContext:aws:s3:arn`). Buckets with SSE-S3 or the
   * AWS managed `aws/s3` key need none.
   * @default [] (no KMS permission)
   */
  readonly kmsKeyArns?: readonly string[];
}

/** An existing IAM role for one S3 feature of the cluster, trusted by `rds.amazonaws.com`. */
export interface ExistingS3FeatureRole {
  /**
   * The role's ARN, `arn:<partition>:iam::<account>:role/<optional path/><name>`, in the stack's
   * partition, or a reference. Its policies are its owner's; the construct only associates it.
   */
  readonly existingRoleArn: string;
}

/**
 * The role the cluster assumes for an S3 feature (`s3Import`, `s3Export`): one created for the
 * buckets given, or an existing one.
 */
export type S3FeatureRole = S3FeatureBuckets | ExistingS3FeatureRole;

/**
 * When one alarm fires: the threshold, in the unit its alarm in {@link AlarmOptions} states, and
 * how many consecutive one-minute periods must breach it.
 */
export interface AlarmThreshold {
  /**
   * The value at which the alarm fires, in the unit of its alarm (see `AlarmOptions`). Known at
   * synth: it is written into the alarm's description.
   * @default the alarm's own, listed in `AlarmOptions`
   */
  readonly threshold?: number;

  /**
   * Consecutive one-minute periods that must all breach the threshold (CloudWatch's
   * `EvaluationPeriods` and `DatapointsToAlarm`), an integer from 1 to 1440: CloudWatch evaluates
   * at most one day of periods. Known at synth.
   * @default the alarm's own, listed in `AlarmOptions`
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
   */
  readonly evaluationPeriods?: number;
}

/**
 * CloudWatch alarms on every instance of the database, sent to an SNS topic. Every alarm is
 * named `<name>-aurora-instance-<n>-<what>`, watches the instance by its `DBInstanceIdentifier`,
 * sends its ALARM and OK notifications to the topic, treats missing data as not breaching, and
 * says in its description what to do. None can fire on a paused instance (`minCapacity` 0): every
 * alarm fires on a value above its threshold, which 0 and missing data never are, except the
 * memory alarm, which counts a paused instance's memory as free. Metrics, levels and meanings:
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html
 * and https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html
 */
export interface AlarmOptions {
  /**
   * An existing SNS topic for the notifications, `arn:<partition>:sns:<region>:<account>:<name>`.
   * Its policy must let `cloudwatch.amazonaws.com` publish, and if it is encrypted, its key must be
   * a customer-managed key whose policy lets CloudWatch use it: CloudWatch cannot publish to a
   * topic encrypted with the AWS managed key `aws/sns`, whose policy nobody can change.
   * @default a topic `<name>-aurora-alarms` created here, which only this database's alarms may
   * publish to (`aws:SourceAccount` and `aws:SourceArn`), encrypted with the database's
   * customer-managed key or, with `encryptionKey: "aws-managed"`, with a key `alias/<name>-aurora-alarms`
   * created for it
   * @see https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns
   */
  readonly topicArn?: string;

  /**
   * Email addresses subscribed to the created topic, each at most once. Every address gets a
   * confirmation mail from AWS and receives nothing until it confirms (within three days). Only
   * without `topicArn`: a topic of your own keeps its own subscriptions.
   * @default []
   */
  readonly emailAddresses?: readonly string[];

  /**
   * Let AWS Backup publish the events of this database's vault to the created topic, so that an
   * `AuroraBackupPlan`'s `notifications: { topicArn: database.alarmTopicArn }` reach the alarm
   * subscribers: the topic's policy lets `backup.amazonaws.com` publish (`sns:Publish`) and the key
   * the construct creates for the topic (its own, or the database's with `encryptionKey:
   * "create"`) lets it use the key for this topic (`kms:GenerateDataKey*`, `kms:Decrypt`), both
   * only for this account (`aws:SourceAccount`) and the vault `<name>-aurora-backup` of this region
   * (`aws:SourceArn`): the vault an `AuroraBackupPlan` with `vault: "create"` or an
   * `AuroraBackupVault` of the database's `name` creates. With `encryptionKey: { existingKeyArn }`,
   * the key's own policy must say the same: an `AuroraEncryptionKey`'s does with its
   * `backupNotifications`. Only without `topicArn`: a topic of your own keeps its own policy.
   * Changing it updates the topic's and the key's policies in place.
   * @default false
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-notifications.html
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-service-confused-deputy-prevention.html
   * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
   */
  readonly backupNotifications?: boolean;

  /**
   * Capacity pinned near `maxCapacity`: the instance's `ACUUtilization` (its capacity as a
   * percentage of `maxCapacity`, average) at or above `threshold` percent, greater than 0 and at
   * most 100.
   * @default { threshold: 90, evaluationPeriods: 15 }
   */
  readonly acuUtilization?: AlarmThreshold;

  /**
   * `CPUUtilization` (a percentage of the CPU available at `maxCapacity`, average) at or above
   * `threshold` percent, greater than 0 and at most 100.
   * @default { threshold: 90, evaluationPeriods: 15 }
   */
  readonly cpuUtilization?: AlarmThreshold;

  /**
   * `FreeableMemory` (for Serverless v2, the memory that would be free at `maxCapacity`, about
   * 2 GiB per ACU) below `threshold` percent of the memory at `maxCapacity`, greater than 0 and
   * below 100. It only gets that low once the instance has scaled as high as it can.
   * @default { threshold: 10, evaluationPeriods: 15 }
   */
  readonly freeableMemory?: AlarmThreshold;

  /**
   * `DatabaseConnections` (maximum) at or above `threshold` percent of `max_connections`: the
   * value of `clusterParameters.max_connections` when it is a number, otherwise the default Aurora
   * PostgreSQL derives from `maxCapacity` (189 at 1 ACU, 823 at 4, 1,669 at 8, 3,360 at 16, at most
   * 5,000; at most 2,000 with `minCapacity` below 1). Greater than 0 and at most 100.
   * @default { threshold: 80, evaluationPeriods: 5 }
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html#aurora-serverless-v2.max-connections
   */
  readonly databaseConnections?: AlarmThreshold;

  /**
   * `AuroraReplicaLag` (maximum, milliseconds) at or above `threshold`, greater than 0. Only with
   * readers, on every instance, since a failover can make any of them a reader. Aurora replicas
   * usually lag the writer by less than 100 ms.
   * @default { threshold: 1000, evaluationPeriods: 5 }
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Replication.html
   */
  readonly replicaLag?: AlarmThreshold;

  /**
   * `Deadlocks` (average deadlocks per second) above `threshold`, 0 or more: by default, a
   * deadlock in each of five consecutive minutes.
   * @default { threshold: 0, evaluationPeriods: 5 }
   */
  readonly deadlocks?: AlarmThreshold;
}

/**
 * Makes the cluster the primary of an Aurora global database: an `aws_rds_global_cluster` created
 * from this cluster (`source_db_cluster_identifier`), which secondary clusters in other regions
 * join ({@link AuroraGlobalSecondary}). Turning it on for a running cluster changes no argument
 * of the cluster: the global cluster is a new resource, and the cluster ignores changes to
 * `global_cluster_identifier`, which the AWS provider reads back once the cluster has joined.
 * See https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
 */
export interface GlobalClusterOptions {
  /**
   * The global database's identifier, known at synth: 1–63 lowercase letters, digits and single
   * hyphens, starting with a letter (the AWS provider's rule for `global_cluster_identifier`).
   * Changing it replaces the global cluster (the AWS provider forces a new one), which detaches
   * every secondary: keep it for the database's life.
   * @default "<name>-aurora-global"
   */
  readonly identifier?: string;

  /**
   * Refuse to delete the global cluster until this is turned off (`ModifyGlobalCluster`, in
   * place). Removing `globalCluster` destroys the global cluster (its clusters are detached, never
   * deleted), which needs this false in an apply before.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * Properties of {@link AuroraPostgresServerless}.
 *
 * Every property is validated when the construct is created (see `private/validation/database.ts`):
 * its runtime type first, then its rules. Values that are unresolved Terraform tokens are passed
 * through unjudged, except where the construct decides at synth what to create.
 */
export interface AuroraPostgresServerlessProps {
  /**
   * Prefix of every name the construct gives to AWS resources: the cluster is
   * `<name>-aurora-cluster`, instances `<name>-aurora-instance-<n>`, the subnet group
   * `<name>-aurora-subnet-group`, the security group `<name>-aurora-sg`, the secret
   * `<name>-aurora-credentials-<random hex>`, the Lambda role `<name>-lambda-aurora-role`.
   * IAM names are global to the account, so use one name per database per account.
   *
   * Lowercase letters, digits and single hyphens, starting with a letter, at most 44
   * characters (so that every derived identifier fits its AWS limit).
   */
  readonly name: string;

  /**
   * Name of the database created in the cluster; Data API callers pass it as `database`.
   * 1–63 letters, digits or underscores, starting with a letter, not a PostgreSQL
   * reserved word.
   */
  readonly databaseName: string;

  /**
   * Master user name. 1–16 letters or digits starting with a letter; `admin`,
   * `rdsadmin` and PostgreSQL reserved words are refused.
   * @default "dbadmin"
   */
  readonly masterUsername?: string;

  /**
   * How the master password is made and kept: `generated` (random password, our secret,
   * password in Terraform state), `write-only` (random password, our secret, never in state;
   * Terraform 1.11 or later) or `managed` (RDS creates and rotates it; never in state).
   * @default "generated"
   */
  readonly credentials?: CredentialsMode;

  /**
   * Length of the generated master password. Aurora accepts 8–41 characters.
   * The generated password only uses characters Aurora accepts (never `/`, `@`, `"` or space).
   * Only with `credentials` `"generated"` or `"write-only"`.
   * @default 32
   */
  readonly passwordLength?: number;

  /**
   * Version of the write-only master password, an integer from 1. Change it (1 → 2) to rotate
   * the password: one apply gives the cluster and the secret the same new password. Only with
   * `credentials: "write-only"`.
   * @default 1
   */
  readonly passwordVersion?: number;

  /**
   * How often RDS rotates the managed master password: a number of days from 1 to 1000, or a
   * Secrets Manager schedule expression such as `"rate(30 days)"` or `"cron(0 4 ? * SUN *)"`.
   * Only with `credentials: "managed"`.
   * @default 7
   */
  readonly rotationSchedule?: number | string;

  /**
   * The KMS key for cluster storage, the credentials secret and Performance Insights:
   * `"aws-managed"`, `"create"` (a customer-managed key with rotation, destroyed with the
   * database, so only with `skipFinalSnapshot: true`), or
   * `{ existingKeyArn: "arn:aws:kms:…:key/…" }` (for example an `AuroraEncryptionKey` in a
   * long-lived stack). With a customer-managed key on the secret, Data API grants include
   * `kms:Decrypt` on that key, only through Secrets Manager for this secret.
   * @default "aws-managed"
   */
  readonly encryptionKey?: EncryptionKey;

  /**
   * Let IAM principals log in with `rds-db:connect` tokens (see `grantConnect`). Nobody can
   * until granted.
   * @default true
   */
  readonly iamAuthentication?: boolean;

  /**
   * The RDS Data API (`enable_http_endpoint`): SQL over HTTPS with IAM and the credentials
   * secret, no network path needed. When false, the Lambda role (which exists only for Data API
   * access) and `grantDataApiAccess` are refused, so `createLambdaRole` must be false too, and
   * `engineVersion` needs no Data API minimum. Turning it off or on changes the cluster in place.
   * See https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html
   * @default true
   */
  readonly dataApi?: boolean;

  /**
   * Aurora PostgreSQL engine version: a major (`"17"`) or major.minor (`"16.6"`).
   * A major alone lets RDS pick the current default minor and keeps working after AWS
   * retires minors or upgrades the cluster. Major 13 or later. A pinned minor must support the
   * Data API (13.11, 14.8, 15.3, 16.1, 17.4 or later), must not be retired (13.11–13.13,
   * 14.8–14.10, 15.3–15.5), needs `autoMinorVersionUpgrade: false` and, with `minCapacity` 0,
   * auto-pause (13.15, 14.12, 15.7, 16.3, any 17). A major past its end of standard support
   * needs `extendedSupport`.
   * @default "17"
   */
  readonly engineVersion?: string;

  /**
   * Let RDS apply new minor versions in the maintenance window. With the default major-only
   * `engineVersion` Terraform never plans a downgrade afterwards; a pinned minor requires
   * `false`, otherwise the next plan would try to go back to the pinned minor.
   * @default true
   */
  readonly autoMinorVersionUpgrade?: boolean;

  /**
   * Allow a change of `engineVersion` to another major to be applied.
   * @default false
   */
  readonly allowMajorVersionUpgrade?: boolean;

  /**
   * Keep running, with RDS Extended Support charges, after the major's end of standard
   * support. When false (`open-source-rds-extended-support-disabled`), RDS upgrades the cluster
   * instead of billing Extended Support, and refuses to create one on a major past its end.
   * @default false
   */
  readonly extendedSupport?: boolean;

  /**
   * Minimum Serverless v2 capacity in ACUs, 0–256 in steps of 0.5. 0 lets the cluster
   * pause when idle (no compute billed while paused; the first call after a pause waits
   * about 15 s).
   * @default 0.5
   */
  readonly minCapacity?: number;

  /**
   * Maximum Serverless v2 capacity in ACUs, 1–256 in steps of 0.5, at least `minCapacity`.
   * @default 1
   */
  readonly maxCapacity?: number;

  /**
   * Idle seconds before the cluster pauses, 300–86400. Only valid with `minCapacity` 0.
   * @default 300 when `minCapacity` is 0, otherwise unset
   */
  readonly secondsUntilAutoPause?: number;

  /**
   * The certificate authority that signs the server certificate of every instance, writer and
   * readers (`ca_cert_identifier`): `"rds-ca-rsa2048-g1"`, `"rds-ca-rsa4096-g1"` or
   * `"rds-ca-ecc384-g1"`. Clients that verify the server (`sslmode=verify-full`) need that CA in
   * their trust store (AWS's bundle holds all three). Left out, nothing is sent and RDS uses the
   * account's default for new instances: `rds-ca-rsa2048-g1` since 2024-01-25, unless the account
   * overrides it with `ModifyCertificates`. Changing it modifies the instances in place (in the
   * maintenance window unless `applyImmediately`), and RDS restarts each instance to install the
   * new certificate; an instance created with a CA other than the account's default is restarted
   * once right after creation. Removing it later plans nothing: the instances keep their CA.
   * @default RDS's default for new instances (`rds-ca-rsa2048-g1` unless the account overrides it); not sent
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.SSL-certificate-rotation.html
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyCertificates.html
   */
  readonly caCertificateIdentifier?: CaCertificateIdentifier;

  /**
   * Reader instances (`db.serverless`) besides the writer, 0–15, known at synth (a token is
   * refused): a number of readers that scale and pause with the writer (promotion tier 1), or a
   * list of `ReaderOptions`, one per reader, e.g. `[{}, { scaleWithWriter: false }]` for one
   * reader in tier 1 and one that scales and pauses on its own in tier 2. Readers in other
   * availability zones make the cluster multi-AZ: a failover promotes one of them, the lowest
   * tier first. Readers are numbered in order (`<name>-aurora-instance-2` onwards), so removing
   * an entry removes the last instance and changes the others' tiers in place.
   * @default 0
   */
  readonly readers?: number | readonly ReaderOptions[];

  /**
   * Custom endpoints over chosen instances, at most 5 (AWS's limit per cluster), each with its
   * `identifier`, `type` and members (see `CustomEndpointOptions`), known at synth. Each endpoint's
   * address is the `customEndpoints` attribute's `endpoint`, and with `ssmParameters` the
   * parameter `<path>/custom-endpoint-<identifier>`. A new identifier replaces the endpoint (a new
   * DNS name), and so does a new cluster (the same name again); its type and members change in
   * place.
   * @default [] (no custom endpoints)
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Endpoints.Custom.html
   */
  readonly customEndpoints?: readonly CustomEndpointOptions[];

  /**
   * Local write forwarding (`enable_local_write_forwarding`): readers accept writes and forward
   * them to the writer, for occasional writes that need to read their own result. Needs Aurora
   * PostgreSQL 14.13, 15.8, 16.4 or a later minor of those majors (refused on 13 and below those
   * floors; 17 and a major alone are taken to have it), at least one reader, and no `proxy` (AWS
   * does not support it with RDS Proxy). DDL, `SAVEPOINT`, `COPY`, sequence updates, user-defined
   * functions and procedures are refused on forwarded sessions. Changed in place.
   * @default false
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-postgresql-write-forwarding.html
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-postgresql-write-forwarding-limitations.html
   */
  readonly localWriteForwarding?: boolean;

  /**
   * VPC to place the cluster in, e.g. `vpc-0123456789abcdef0`.
   * @default the account's default VPC in the provider's region
   */
  readonly vpcId?: string;

  /**
   * Subnets for the DB subnet group, at least two in different availability zones.
   * Requires `vpcId`.
   * @default every subnet of the VPC
   */
  readonly subnetIds?: readonly string[];

  /**
   * An existing DB subnet group to place the cluster in, by name, instead of the
   * `<name>-aurora-subnet-group` the construct creates: its VPC and subnets are then the
   * cluster's, and the proxy's, the security group's and the readers' placement read them from
   * the group, so `vpcId` and `subnetIds` are refused with it. 1–255 lowercase letters, digits,
   * periods, underscores, spaces or hyphens, starting with a letter, not `default` (RDS keeps the
   * name in lowercase, so an uppercase name would read back otherwise and plan a replacement), or
   * a reference. Switching to or from it, or to another group, replaces the cluster
   * (`db_subnet_group_name` forces a new cluster).
   * @default a subnet group `<name>-aurora-subnet-group` created over `subnetIds`
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html
   */
  readonly subnetGroupName?: string;

  /**
   * Admit PostgreSQL (TCP 5432) from the VPC's own CIDR block, as the original design does.
   * The Data API needs no network path at all; turn this off when only the Data API is used.
   * With a `proxy`, clients go through the proxy, whose own security group admits them, so the
   * cluster admits the VPC only when this is `true`. Refused as `true` with `securityGroupIds`,
   * whose groups get no rule from the construct.
   * @default true without a `proxy` or `securityGroupIds`, false with either
   */
  readonly allowVpcCidrIngress?: boolean;

  /**
   * Further IPv4 or IPv6 CIDR blocks admitted on TCP 5432. Must be network addresses;
   * `0.0.0.0/0` and `::/0` are refused.
   * @default []
   */
  readonly allowedCidrBlocks?: readonly string[];

  /**
   * Security groups (e.g. of Lambda functions or an RDS Proxy) admitted on TCP 5432.
   * @default []
   */
  readonly allowedSecurityGroupIds?: readonly string[];

  /**
   * CIDR blocks the cluster may send traffic to (all protocols). Aurora needs no egress for
   * the Data API or for clients; give `["0.0.0.0/0"]` to reproduce the original design.
   * @default [] (no egress)
   */
  readonly egressCidrBlocks?: readonly string[];

  /**
   * Existing security groups of the cluster's VPC to attach to the cluster, instead of the
   * `<name>-aurora-sg-…` group the construct creates: `sg-` ids or references, each once, 1 to
   * 5 (RDS's quota of VPC security groups, which cannot be raised), as a list known at synth. The construct adds no rule to them, so the props that
   * shape its own group are refused with it: `allowVpcCidrIngress: true`, `allowedCidrBlocks`,
   * `allowedSecurityGroupIds` and `egressCidrBlocks`; admit clients (and, with a `proxy`, the
   * proxy's group `proxySecurityGroupId`, which reaches these groups on 5432) in these groups'
   * own rules. Changing the list updates the cluster in place (`vpc_security_group_ids`);
   * switching from the created group destroys it once the cluster has left it.
   * @default a security group `<name>-aurora-sg-…` created with the rules of the props above
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html
   */
  readonly securityGroupIds?: readonly string[];

  /**
   * Days of automated backups, 1–35.
   * @default 7
   */
  readonly backupRetentionDays?: number;

  /**
   * Daily backup window in UTC, `hh24:mi-hh24:mi`, at least 30 minutes, not overlapping the
   * maintenance window.
   * @default "03:00-04:00"
   */
  readonly preferredBackupWindow?: string;

  /**
   * Weekly maintenance window in UTC, `ddd:hh24:mi-ddd:hh24:mi`, at least 30 minutes, not
   * overlapping the daily backup window.
   * @default "sun:04:00-sun:05:00"
   */
  readonly preferredMaintenanceWindow?: string;

  /**
   * Refuse to delete the cluster (in AWS and in Terraform) until this is turned off.
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * Delete the cluster without a final snapshot. Data-losing: opt in only where the data
   * is disposable. When false, the final snapshot is named
   * `<name>-aurora-cluster-final-<random hex>`, unique per cluster lifetime.
   * @default false
   */
  readonly skipFinalSnapshot?: boolean;

  /**
   * Delete the cluster's automated backups with it (`delete_automated_backups`). When false,
   * RDS keeps them as retained automated backups: the cluster can still be restored to any
   * point in time within `backupRetentionDays` of its last backups, until they expire like the
   * cluster's own would (a final snapshot never expires). They cost nothing for the first day
   * after the deletion, then backup storage. Only read when the cluster is destroyed: changing
   * it updates Terraform state and calls no AWS API.
   * @default false (the AWS provider's own default is true)
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.Retaining.html
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-pitr-retained.html
   */
  readonly deleteAutomatedBackups?: boolean;

  /**
   * Apply modifications immediately instead of in the next maintenance window. Some
   * modifications restart the database.
   * @default false
   */
  readonly applyImmediately?: boolean;

  /**
   * Encrypt cluster storage at rest, with `encryptionKey` (the AWS managed `aws/rds` key by
   * default). Must stay true with a customer-managed key.
   * @default true
   */
  readonly storageEncrypted?: boolean;

  /**
   * The cluster's storage configuration: `"aurora"` (Aurora Standard: storage I/O billed per
   * million requests) or `"aurora-iopt1"` (Aurora I/O-Optimized: no I/O charges, higher prices per
   * ACU-hour and GB-month; cheaper once I/O is a large share of the bill, see `aurora-db cost`).
   * I/O-Optimized needs Aurora PostgreSQL 13.10, 14.7, 15.2, 16.1, 17.4 or later. Always sent, so
   * that going back to `"aurora"` is a change Terraform makes: a change switches the cluster in
   * place, without downtime; AWS allows the switch from I/O-Optimized back to Standard once every 30
   * days, which is not checked here (the apply fails).
   * @default "aurora"
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html#aurora-storage-type
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.storage-type.html
   */
  readonly storageType?: StorageType;

  /**
   * Copy the cluster's tags to its snapshots.
   * @default true
   */
  readonly copyTagsToSnapshot?: boolean;

  /**
   * Days Secrets Manager keeps the deleted credentials secret recoverable: 0 (delete at once,
   * so the same name can be reused immediately) or 7–30. Only with `credentials`
   * `"generated"` or `"write-only"`: RDS owns the lifecycle of a managed secret.
   * @default 30
   */
  readonly secretRecoveryWindowDays?: number;

  /**
   * Export the PostgreSQL log to CloudWatch Logs, into a log group created here first (so RDS
   * never creates one that keeps logs forever). Without `logExports`, `true` exports
   * `["postgresql"]` and `false` nothing; given with `logExports`, it must agree with whether
   * `logExports` holds `"postgresql"`.
   * @default true
   * @deprecated Use `logExports`: `["postgresql"]` for `true`, `[]` for `false`.
   */
  readonly exportPostgresLogs?: boolean;

  /**
   * The logs exported to CloudWatch Logs, each at most once: `"postgresql"` (the PostgreSQL
   * log), `"iam-db-auth-error"` (failed IAM database authentications, with their reason; needs
   * `iamAuthentication`), `"instance"` (the instance log, in which Aurora records why an
   * auto-pausing instance, `minCapacity` 0, did not pause). Each goes to its own log group
   * `/aws/rds/cluster/<name>-aurora-cluster/<type>`, created here before the cluster with
   * `logRetentionDays` and `logClass`, so that RDS never creates one that keeps logs forever.
   * `[]` exports nothing. Adding or removing a type changes the cluster in place (RDS applies it
   * at once); removing one also destroys its log group and the logs in it.
   * @default ["postgresql"] (`[]` with `exportPostgresLogs: false`)
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Concepts.PostgreSQL.html
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.Troubleshooting.html
   */
  readonly logExports?: readonly LogExport[];

  /**
   * The log class of the exported logs' log groups: `"STANDARD"` (every CloudWatch Logs
   * feature) or `"INFREQUENT_ACCESS"` (lower cost, a subset of the features: Logs Insights
   * queries work; the page lists what it lacks, and this construct relies on none of it).
   * Only with at least one log in `logExports`. The class of a log group cannot change: a new
   * class replaces every exported log group, and the logs in them are lost.
   * @default CloudWatch Logs' default, `"STANDARD"`; not sent
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch_Logs_Log_Classes.html
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData_Classes.html
   */
  readonly logClass?: LogClass;

  /**
   * Days CloudWatch Logs keeps each exported log (`logExports`): one of 1, 3, 5, 7, 14, 30, 60, 90,
   * 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.
   * @default 30
   */
  readonly logRetentionDays?: number;

  /**
   * Encrypt the exported logs' log groups (`logExports`) with a customer-managed KMS key:
   * `"database-key"` for the database's own key (`encryptionKey` `"create"`, or `{ existingKeyArn }`),
   * or `{ existingKeyArn }` of another key in the stack's region. CloudWatch Logs uses the key
   * itself, so its key policy must allow the `logs.<region>.amazonaws.com` service principal for
   * these log groups: a key created here (`"create"`) gets that statement, scoped to these log
   * groups' ARNs; an `AuroraEncryptionKey` gets it with `encryptsLogs: true`; any other key's
   * policy is the caller's to write (see the README). Only with at least one log in `logExports`.
   * Adding, changing or removing the key changes the log groups in place; logs already written
   * stay encrypted with the key they were written with.
   * @default none: CloudWatch Logs' own encryption
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   */
  readonly logEncryptionKey?: LogEncryptionKey;

  /**
   * Performance Insights on every instance, encrypted with `encryptionKey`.
   * @default true
   */
  readonly performanceInsights?: boolean;

  /**
   * Days Performance Insights keeps data: 7 (free) or a multiple of 31 up to 713, or 731. Longer
   * than 7 is billed (in Database Insights' Standard mode, at Performance Insights' price); 465 or
   * more with `databaseInsightsMode: "advanced"`, whose price includes it.
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;

  /**
   * The CloudWatch Database Insights mode of the cluster (`database_insights_mode`):
   * `"standard"` (free; the mode every cluster has unless told otherwise) or `"advanced"` (billed
   * by CloudWatch; needs `performanceInsights` and `performanceInsightsRetentionDays` of at least
   * 465). Sent with the cluster's Performance Insights settings, which are the instances' own. AWS
   * retired the Performance Insights console on 2026-07-31 for Database Insights; the
   * `performance_insights_*` arguments and the Performance Insights API stay as they were.
   * Changing the mode changes the cluster in place, without downtime.
   * @default "standard"
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DatabaseInsights.Considerations.html
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_PerfInsights.Enabling.html
   */
  readonly databaseInsightsMode?: DatabaseInsightsMode;

  /**
   * Enhanced Monitoring interval in seconds: 0 (off), 1, 5, 10, 15, 30 or 60. When on, a
   * monitoring role `<name>-rds-monitoring-role` is created with the AWS managed
   * AmazonRDSEnhancedMonitoringRole policy.
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;

  /**
   * Cluster parameters. When given, a cluster parameter group named
   * `<name>-aurora-postgresql<major>-<random suffix>` (family from the engine major, replaced
   * create-before-destroy) holds them; a plain string applies immediately. E.g. `{ log_min_duration_statement: "1000", log_statement: "ddl" }`.
   * @default no parameter group (the AWS default group)
   */
  readonly clusterParameters?: Readonly<Record<string, string | ClusterParameter>>;

  /**
   * Instance parameters, in the shape of `clusterParameters`. When given, a DB parameter group
   * named `<name>-aurora-postgresql<major>-instance-<random suffix>` (family
   * `aurora-postgresql<major>`, replaced create-before-destroy) holds them, and the writer and
   * every reader use it (`db_parameter_group_name`); a plain string applies immediately. `{}`
   * makes a group with no overrides. Names are judged by their form only (lowercase letters,
   * digits, `_` and `.`): whether a parameter is one Aurora PostgreSQL sets per instance rather
   * than per cluster is not checked here, but left to RDS when the apply sets it. Associating the
   * group with running instances changes them in place, and its parameters take effect only after
   * each instance reboots; later changes of dynamic parameters apply at once. Once given, keep it
   * (`{}` at least): removing it would destroy a group the instances still use, which RDS refuses.
   * @default no instance parameter group (the AWS default group)
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_WorkingWithParamGroups.Associating.html
   */
  readonly instanceParameters?: Readonly<Record<string, string | ClusterParameter>>;

  /**
   * Create an IAM role for Lambda functions with least-privilege Data API access (the five
   * rds-data actions on this cluster, GetSecretValue on this secret, reading this database's
   * `ssmParameters` when there are some, and log writes to this account's and region's Lambda
   * log groups). Only with `dataApi`: turning the Data API off needs `createLambdaRole: false`.
   * @default true
   */
  readonly createLambdaRole?: boolean;

  /**
   * Limit the Lambda role's log writes to the log groups of functions whose names start with
   * this prefix (`/aws/lambda/<prefix>*`): 1–64 letters, digits, `-` or `_`. Opt-in, because a
   * function named otherwise silently loses its logs. A function that logs to a custom log
   * group (`LoggingConfig.LogGroup`) needs its own grant on that group. Only with
   * `createLambdaRole`.
   * @default every Lambda log group of the account and region (`/aws/lambda/*`)
   */
  readonly lambdaFunctionNamePrefix?: string;

  /**
   * The ARN of an IAM managed policy set as the permissions boundary of every role the construct
   * creates: the Lambda role, the Enhanced Monitoring role, the RDS Proxy's role and the S3 roles (`s3Import`, `s3Export`). For accounts
   * where whoever applies may create roles only with a given boundary (an
   * `iam:PermissionsBoundary` condition on `iam:CreateRole`). Adding, changing or removing it
   * updates the roles in place. `arn:<partition>:iam::<12-digit account, or aws>:policy/<optional path/><name>`,
   * with IAM's rules for policy names (1–128 letters, digits and `+=,.@_-`) and paths; a reference
   * (such as `arn:${partition}:iam::${account}:policy/<name>` built from data sources) passes
   * unjudged. A literal ARN's partition must be that of the stack's AWS provider's region, when
   * that region is written literally (the account is known only at plan time).
   * @default none: the roles have no permissions boundary
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
   */
  readonly permissionsBoundary?: string;

  /**
   * Let the cluster read objects from S3 for `aws_s3.table_import_from_s3` (feature `s3Import`,
   * an `aws_rds_cluster_role_association`): either a role created here,
   * `<name>-rds-s3-import-role`, for the buckets given (`{ bucketArns, kmsKeyArns? }`:
   * `s3:ListBucket` on each bucket, `s3:GetObject` on its objects, and `kms:Decrypt` with the
   * given keys through S3 for those buckets only; trusted by RDS for this account and this
   * cluster only; bounded by `permissionsBoundary`), or an existing role (`{ existingRoleArn }`).
   * See {@link S3FeatureRole}. Adding or removing it associates or removes the role in place;
   * switching between a created and an existing role replaces the association.
   * @default no role for the s3Import feature
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_PostgreSQL.S3Import.AccessPermission.html
   */
  readonly s3Import?: S3FeatureRole;

  /**
   * Let the cluster write query results to S3 with `aws_s3.query_export_to_s3` (feature
   * `s3Export`): a role created here, `<name>-rds-s3-export-role`, for the buckets given
   * (`s3:PutObject` and `s3:AbortMultipartUpload` on their objects, and `kms:GenerateDataKey`
   * and `kms:Decrypt` with the given keys through S3 for those buckets only), or an existing role.
   * AWS exports only to a bucket of the cluster's region and account. An existing role must not
   * be `s3Import`'s too: RDS associates a role with a cluster once. See {@link S3FeatureRole}.
   * @default no role for the s3Export feature
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/postgresql-s3-export-access-bucket.html
   */
  readonly s3Export?: S3FeatureRole;

  /**
   * Publish the connection settings as SSM Parameter Store `String` parameters (Standard tier)
   * under this path, e.g. `"/orders/prod"`: `<path>/cluster-arn`, `<path>/secret-arn`,
   * `<path>/writer-endpoint`, `<path>/reader-endpoint`, `<path>/port` and
   * `<path>/database-name` (none holds a secret value). The Lambda role may read them, and
   * `grantReadParameters` lets other roles read them. The path starts with `/`, has no empty
   * level and no trailing `/`, uses letters, digits and `_ . -`, has at most 14 levels, does not
   * start with `aws` or `ssm` (in any case) and is at most 931 characters, so that every name
   * fits SSM's limits; it must be known at synth, and unique in the account and region. A new
   * path replaces the parameters. See
   * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html
   * @default no parameters
   */
  readonly ssmParameters?: string;

  /**
   * Tags for every taggable resource. Keys 1–128 characters, not starting with `aws:` or
   * `rds:`, unique regardless of case; values up to 256 characters, not starting with `aws:`;
   * both only of Unicode letters, digits, white space and `_ . : / = + - @`. At most 50 tags on
   * a resource, counting the `Name` tag the construct adds to its security group.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;

  /**
   * Create the cluster from a snapshot, `{ fromSnapshot: "<cluster snapshot id or ARN>" }`, or
   * from another cluster at a point in time, `{ pointInTime: { sourceClusterIdentifier,
   * restoreTime | useLatestRestorableTime, restoreType? } }` (AWS CDK's
   * `DatabaseClusterFromSnapshot`; terraform-aws-modules' `snapshot_identifier` and
   * `restore_to_point_in_time`). Read only when the cluster is created: Terraform ignores a later
   * change of the source, its removal, and its addition to an existing cluster, so keep it for
   * the cluster's life. The source decides the database and the master user: `masterUsername` is
   * refused, `databaseName` is not sent (give the source's; the `databaseName` attribute and the
   * secret's `dbname` read the cluster's real one, and the secret's `username` the real master
   * user). The master password is reset to this construct's (`generated`, `write-only`) or handed
   * to RDS (`managed`); storage is encrypted with `encryptionKey` (whoever applies must also be
   * able to use the source's key), so `storageEncrypted` must stay true. The apply after the one
   * that restores turns the Data API on (with `dataApi`) and, after a snapshot, IAM
   * authentication: RDS's restore calls cannot set them.
   * @default none: a new, empty cluster
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-restore-snapshot.html
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-pitr.html
   */
  readonly restore?: RestoreSource;

  /**
   * An RDS Proxy in front of the cluster (`aws_db_proxy`, its default target group and target),
   * TLS required, logging in as the master user and the `users` registered with their secrets,
   * with its own role that reads only those secrets and its own security group, admitted to the
   * cluster's on 5432 (the cluster then admits the VPC only with `allowVpcCidrIngress: true`). Not
   * with `minCapacity` 0. See {@link DatabaseProxyOptions}; `{}` takes every default.
   * @default no proxy
   */
  readonly proxy?: DatabaseProxyOptions;

  /**
   * CloudWatch alarms on every instance (capacity pinned near `maxCapacity`, CPU, memory,
   * connections, replica lag with readers, deadlocks), each with a short runbook in its
   * description, sent to an SNS topic: one created here (`<name>-aurora-alarms`, encrypted with a
   * customer-managed key, publishable only by this database's alarms) or `topicArn`, with
   * optional email subscriptions. `{}` turns them on with their defaults. None fires while a
   * paused database (`minCapacity` 0) sleeps. Needs `minCapacity` and `maxCapacity` known at
   * synth. See `AlarmOptions`.
   * @default no alarms
   */
  readonly alarms?: AlarmOptions;

  /**
   * A CloudWatch dashboard `<name>-aurora`: capacity against `minCapacity` and `maxCapacity`,
   * ACU utilization, connections and CPU of every instance, and, with `dataApi`, where Data API
   * traffic shows (it publishes no CloudWatch metrics of its own) and, with
   * `performanceInsights`, each instance's database load. Needs `minCapacity` and `maxCapacity`
   * known at synth.
   * @default false
   */
  readonly dashboard?: boolean;

  /**
   * Make this cluster the primary of an Aurora global database, `{}` or `{ identifier,
   * deletionProtection }`: an `aws_rds_global_cluster` created from this cluster, which
   * {@link AuroraGlobalSecondary} clusters in other regions join. Adding it to a running cluster
   * replaces nothing (the cluster's arguments stay as they are); removing it destroys the global
   * cluster, which detaches its clusters and deletes none. Refused with what AWS refuses in a
   * global database: `credentials: "managed"` (RDS-managed master passwords), `minCapacity` 0
   * (auto-pause); and with `storageEncrypted: false`, since every secondary is encrypted.
   * @default none: a database in one region
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html
   */
  readonly globalCluster?: GlobalClusterOptions;
}

/**
 * Properties of {@link AuroraEncryptionKey}.
 */
export interface AuroraEncryptionKeyProps {
  /**
   * The `name` of the database the key is for: the alias is `alias/<name>-aurora`, the one an
   * `AuroraPostgresServerless` with the same `name` would create. Same rules as that `name`.
   */
  readonly name: string;

  /**
   * Days KMS waits before deleting the key once its deletion is scheduled, 7–30. During the
   * window the deletion can be cancelled and every snapshot encrypted with the key stays
   * restorable.
   * @default 30
   */
  readonly deletionWindowDays?: number;

  /**
   * Let AWS Backup use the key for the database's alarm topic `<name>-aurora-alarms`, for the
   * events of the vault `<name>-aurora-backup` (`kms:GenerateDataKey*`, `kms:Decrypt`, only for
   * this account, that vault as `aws:SourceArn` and that topic as encryption context): give it with
   * the database's `alarms.backupNotifications`, whose topic this key encrypts. Changing it updates
   * the key's policy in place.
   * @default false
   * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
   */
  readonly backupNotifications?: boolean;

  /**
   * Let CloudWatch Logs use the key for the database's exported log groups
   * (`/aws/rds/cluster/<name>-aurora-cluster/*`, in the key's account and region), for the
   * database's `logEncryptionKey: "database-key"`: the `logs.<region>.amazonaws.com` principal
   * gets the actions "Encrypt log data in CloudWatch Logs using AWS KMS" names, only with those
   * log groups as `kms:EncryptionContext:aws:logs:arn`. Changing it updates the key's policy in
   * place.
   * @default false
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   */
  readonly encryptsLogs?: boolean;

  /**
   * Tags for the key, with the same rules as the database's tags.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The KMS key of a secondary cluster's storage and Performance Insights, in the secondary's own
 * region: KMS keys are regional, so the primary's key cannot encrypt it
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html, `KmsKeyId`).
 *
 * - `"aws-managed"`: the AWS managed `aws/rds` key of the secondary's region.
 * - `{ existingKeyArn }`: a customer-managed key of the secondary's region, for example an
 *   {@link AuroraEncryptionKey} in a stack of that region.
 */
export type SecondaryEncryptionKey = "aws-managed" | { readonly existingKeyArn: string };

/**
 * Properties of {@link AuroraGlobalSecondary}: a read-only cluster in another region that joins an
 * Aurora global database. It has no master user, password or database name of its own (the
 * primary's are replicated with the whole cluster volume), so those props do not exist here.
 */
export interface AuroraGlobalSecondaryProps {
  /**
   * Prefix of every name the secondary gives to AWS resources in its region, as
   * `AuroraPostgresServerless`'s `name`: `<name>-aurora-cluster`, `<name>-aurora-instance-<n>`,
   * `<name>-aurora-subnet-group`, `<name>-aurora-sg-…`. The primary's name may be reused: these
   * names are regional. Same rules as that `name`.
   */
  readonly name: string;

  /**
   * The global database to join: the primary's `globalClusterIdentifier` (a reference, when both
   * are in one app), or the identifier as a literal. Changing it replaces the secondary cluster
   * (the provider cannot move a cluster between global databases).
   */
  readonly globalClusterIdentifier: string;

  /**
   * The AWS provider of the secondary's region, every resource of the secondary uses it: an
   * `AwsProvider` with an `alias` beside the primary's in one stack. Its region must differ from
   * the primary's.
   * @default the stack's AWS provider (a stack of its own in the secondary's region)
   */
  readonly provider?: TerraformProvider;

  /**
   * The primary's engine version, as it gives it: a major (`"17"`) or major.minor (`"16.6"`, with
   * `autoMinorVersionUpgrade: false`). Every cluster of a global database runs the same major.
   * @default "17"
   */
  readonly engineVersion?: string;

  /**
   * Let RDS apply new minor versions in the maintenance window; a pinned minor needs `false`.
   * @default true
   */
  readonly autoMinorVersionUpgrade?: boolean;

  /**
   * The key for storage and Performance Insights in the secondary's region: `"aws-managed"` or `{
   * existingKeyArn }`, a key of this region (not the primary's: KMS keys are regional). The
   * secondary is always encrypted.
   * @default "aws-managed"
   */
  readonly encryptionKey?: SecondaryEncryptionKey;

  /**
   * Minimum Serverless v2 capacity of each reader in ACUs, 0.5–256 in steps of 0.5. The writer
   * after a promotion starts from it, so give what the primary needs to take over.
   * @default 0.5
   */
  readonly minCapacity?: number;

  /**
   * Maximum Serverless v2 capacity in ACUs, 1–256 in steps of 0.5, at least `minCapacity`.
   * @default 1
   */
  readonly maxCapacity?: number;

  /**
   * Reader instances (`db.serverless`), 0–15, known at synth. `0` makes a headless secondary:
   * storage only, no compute billed, and nothing to promote until an instance is added (a reader
   * first, then promotion). AWS creates headless secondaries through its API only
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attach.console.headless.html).
   * @default 1
   */
  readonly readers?: number;

  /**
   * VPC in the secondary's region, e.g. `vpc-0123456789abcdef0`.
   * @default the default VPC of the secondary's region
   */
  readonly vpcId?: string;

  /**
   * Subnets for the DB subnet group, at least two in different availability zones. Requires `vpcId`.
   * @default every subnet of the VPC
   */
  readonly subnetIds?: readonly string[];

  /**
   * Admit PostgreSQL (TCP 5432) from the VPC's own CIDR block.
   * @default true
   */
  readonly allowVpcCidrIngress?: boolean;

  /**
   * Further IPv4 or IPv6 CIDR blocks admitted on TCP 5432; `0.0.0.0/0` and `::/0` are refused.
   * @default []
   */
  readonly allowedCidrBlocks?: readonly string[];

  /**
   * Security groups of the secondary's region admitted on TCP 5432.
   * @default []
   */
  readonly allowedSecurityGroupIds?: readonly string[];

  /**
   * Days of automated backups, 1–35: the cluster keeps this setting when it is promoted, so give
   * the primary's recovery window.
   * @default 7
   */
  readonly backupRetentionDays?: number;

  /**
   * Refuse to delete the cluster until this is turned off.
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * Delete the cluster without a final snapshot. When false, the final snapshot is named
   * `<name>-aurora-cluster-final-<random hex>` (the stack needs a `RandomProvider`).
   * @default false
   */
  readonly skipFinalSnapshot?: boolean;

  /**
   * Apply modifications immediately instead of in the next maintenance window.
   * @default false
   */
  readonly applyImmediately?: boolean;

  /**
   * IAM database authentication (`rds-db:connect` tokens on this cluster's resource id).
   * @default true
   */
  readonly iamAuthentication?: boolean;

  /**
   * The RDS Data API on this cluster. AWS lets a secondary enable it, but its calls fail until the
   * secondary is promoted: the Data API needs a writer instance, even for reads
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.limitations.html).
   * On, a promoted secondary serves Data API callers at once. Callers need a secret in this
   * region holding the master user's credentials.
   * @default true
   */
  readonly dataApi?: boolean;

  /**
   * Export the PostgreSQL log to CloudWatch Logs in the secondary's region, into a log group
   * created here first.
   * @default true
   */
  readonly exportPostgresLogs?: boolean;

  /**
   * Days CloudWatch Logs keeps the exported log, one of the values CloudWatch Logs accepts (as
   * `AuroraPostgresServerless`'s `logRetentionDays`).
   * @default 30
   */
  readonly logRetentionDays?: number;

  /**
   * Encrypt the exported log's log group with a customer-managed KMS key of the secondary's
   * region, as `AuroraPostgresServerless`'s `logEncryptionKey`: `"database-key"` for
   * `encryptionKey`'s key (an `AuroraEncryptionKey` of the secondary's region with the
   * secondary's `name` and `encryptsLogs: true` allows it), or `{ existingKeyArn }` of a key whose
   * policy lets `logs.<region>.amazonaws.com` use it for the log group. Only with
   * `exportPostgresLogs`. Changes the log group in place.
   * @default none: CloudWatch Logs' own encryption
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   */
  readonly logEncryptionKey?: LogEncryptionKey;

  /**
   * Performance Insights on every instance, encrypted with `encryptionKey`.
   * @default true
   */
  readonly performanceInsights?: boolean;

  /**
   * Days Performance Insights keeps data: 7 (free) or a multiple of 31 up to 713, or 731.
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;

  /**
   * Tags for every taggable resource, with `AuroraPostgresServerless`'s rules.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}
