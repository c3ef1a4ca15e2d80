/**
 * The props of the module's constructs as tables: each prop's runtime type, then every rule
 * (the prop it judges, the props it reads, the check, what is allowed). `validateProps` and
 * `validateEncryptionKeyProps` apply the defaults and report all problems together, before
 * anything is created.
 */
import { MAX_NAME_LENGTH } from "../../names";
import type { AuroraEncryptionKeyProps, AuroraPostgresServerlessProps, ClusterParameter } from "../../props";
import { autoPauseMinimum, isRetiredMinor, OLDEST_SUPPORTED_MAJOR, parseEngineVersion, supportsAutoPause, supportsDataApi } from "../engine-version";
import { ADDED_TAG_KEYS, MAX_IDENTIFIER_LENGTH, MAX_READERS, resourceNames } from "../naming";
import { readerPlacement } from "../readers";
import { DEFAULTS, ENCRYPTION_KEY_DEFAULTS, type ResolvedEncryptionKeyProps, type ResolvedProps } from "../resolved-props";
import { ALARM_RULES, alarmRegionRules, ALARMS } from "./alarms";
import { ARN_AGREEMENT_RULES } from "./arn-agreement";
import { CUSTOM_ENDPOINT_RULES, CUSTOM_ENDPOINTS } from "./custom-endpoints";
import { DATA_API_RULES } from "./data-api";
import { DATABASE_INSIGHTS_MODE, DATABASE_INSIGHTS_RULES } from "./database-insights";
import { encryptionKeyRegionRules } from "./encryption-key";
import {
  BOOLEAN,
  either,
  entries,
  isUnresolved,
  keys,
  NUMBER,
  objectOf,
  oneOf,
  optional,
  recordOf,
  repeats,
  required,
  rulesFor,
  STRING,
  STRING_LIST,
  validate,
  values,
  type PropsSpec,
  type PropTypes,
  type Rule,
} from "./engine";
import { dataApiEngineRule, PINNED_MINOR_RULES, SERVERLESS_V2_ENGINE_RULES, supportedEngine } from "./engine-version";
import {
  canonicalCidr,
  hasReservedTagPrefix,
  isCapacity,
  isClusterParameterName,
  isDatabaseName,
  isInteger,
  isKmsKeyArn,
  isLambdaFunctionNamePrefix,
  isMasterUsername,
  isRdsIdentifier,
  isReservedDatabaseName,
  isReservedUsername,
  isSubnetId,
  isTagText,
  isVpcId,
  KMS_KEY_ARN_RULE,
  parseDailyWindow,
  parseWeeklyWindow,
  windowsOverlap,
} from "./formats";
import { GLOBAL_CLUSTER, GLOBAL_CLUSTER_RULES } from "./global-cluster";
import { LOG_ENCRYPTION_KEY, LOG_ENCRYPTION_KEY_RULES, logEncryptionKeyRegionRules } from "./log-encryption";
import { LOG_CLASS, LOG_EXPORT_LIST, LOG_EXPORT_RULES, resolveLogExports } from "./log-exports";
import { NETWORK_PART_RULES } from "./network";
import { BOUNDED_CIDR, LISTED_ONCE, NETWORK_CIDR, SECURITY_GROUP_ID } from "./network-sources";
import { PERMISSIONS_BOUNDARY_RULES, permissionsBoundaryRegionRules } from "./permissions-boundary";
import { PROXY, PROXY_RULES, proxyRegionRules } from "./proxy";
import { READER_RULES, READERS } from "./readers";
import { explainRefusedProps } from "./refused-props";
import { RESTORE, RESTORE_RULES, restoreRegionRules } from "./restore";
import { isRotationScheduleExpression, ROTATION_DAYS, ROTATION_SCHEDULE_RULES } from "./rotation-schedule";
import { S3_FEATURE_ROLE, S3_ROLE_RULES, s3RoleRegionRules } from "./s3-roles";
import { SSM_PARAMETER_RULES } from "./ssm-parameters";
import { STORAGE_TYPE, STORAGE_TYPE_RULES } from "./storage-type";
import { LOCAL_WRITE_FORWARDING_RULES } from "./write-forwarding";

export const CAPACITY_LIMIT = 256;
const AUTO_PAUSE_SECONDS = { min: 300, max: 86_400 } as const;
const PASSWORD_LENGTH = { min: 8, max: 41 } as const;
/** Terraform's `_wo_version` arguments are 32-bit integers. */
const PASSWORD_VERSION = { min: 1, max: 2_147_483_647 } as const;
const BACKUP_RETENTION_DAYS = { min: 1, max: 35 } as const;
const KEY_DELETION_WINDOW_DAYS = { min: 7, max: 30 } as const;
/** The retention periods CloudWatch Logs accepts (0, never expire, is refused on purpose). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60];
const PERFORMANCE_INSIGHTS_RETENTION_DAYS = [7, ...Array.from({ length: 23 }, (_, i) => 31 * (i + 1)), 731];
const MIN_WINDOW_MINUTES = 30;
/** What AWS allows of a resource's tags: key and value lengths, and tags on one resource. */
export const TAG = { maxKeyLength: 128, maxValueLength: 256, maxPerResource: 50 } as const;

// Types: checked first; a prop that fails its type is judged no further.

export const KNOWN_AT_SYNTH = { knownAtSynth: true } as const;

export const TAGS = recordOf(STRING, "an object of tag keys to string values");

const ENCRYPTION_KEY = either(
  oneOf("aws-managed", "create"),
  objectOf<{ existingKeyArn: string }>({ existingKeyArn: STRING }, '{ existingKeyArn: "<KMS key ARN>" }'),
  '"aws-managed", "create" or { existingKeyArn: "<KMS key ARN>" }',
);

const CLUSTER_PARAMETER = either(
  STRING,
  objectOf<ClusterParameter>({ value: STRING, applyMethod: oneOf("immediate", "pending-reboot") }, "{ value, applyMethod }"),
  'a string value, or { value, applyMethod: "immediate" | "pending-reboot" }',
);

/**
 * The certificate authorities RDS offers for Aurora instances
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.SSL.html); the
 * expired `rds-ca-2019` is left out.
 */
export const CA_CERTIFICATE_IDENTIFIERS = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"] as const;

const DATABASE_TYPES: PropTypes<AuroraPostgresServerlessProps> = {
  name: required(STRING),
  databaseName: required(STRING),
  masterUsername: optional(STRING),
  credentials: optional(oneOf("generated", "write-only", "managed"), KNOWN_AT_SYNTH),
  passwordLength: optional(NUMBER),
  passwordVersion: optional(NUMBER),
  rotationSchedule: optional(either(NUMBER, STRING)),
  encryptionKey: optional(ENCRYPTION_KEY, KNOWN_AT_SYNTH),
  iamAuthentication: optional(BOOLEAN, KNOWN_AT_SYNTH),
  dataApi: optional(BOOLEAN, KNOWN_AT_SYNTH),
  engineVersion: optional(STRING),
  autoMinorVersionUpgrade: optional(BOOLEAN),
  allowMajorVersionUpgrade: optional(BOOLEAN),
  extendedSupport: optional(BOOLEAN, KNOWN_AT_SYNTH),
  minCapacity: optional(NUMBER),
  maxCapacity: optional(NUMBER),
  secondsUntilAutoPause: optional(NUMBER),
  caCertificateIdentifier: optional(oneOf(...CA_CERTIFICATE_IDENTIFIERS)),
  // Each reader is its own resource, and its tier is judged at synth.
  readers: optional(READERS, KNOWN_AT_SYNTH),
  // Each endpoint is a resource (and a parameter) named after its identifier.
  customEndpoints: optional(CUSTOM_ENDPOINTS, KNOWN_AT_SYNTH),
  localWriteForwarding: optional(BOOLEAN),
  vpcId: optional(STRING),
  subnetIds: optional(STRING_LIST),
  subnetGroupName: optional(STRING),
  allowVpcCidrIngress: optional(BOOLEAN, KNOWN_AT_SYNTH),
  // Each entry becomes its own rule, keyed by its source.
  allowedCidrBlocks: optional(STRING_LIST, KNOWN_AT_SYNTH),
  allowedSecurityGroupIds: optional(STRING_LIST, KNOWN_AT_SYNTH),
  egressCidrBlocks: optional(STRING_LIST, KNOWN_AT_SYNTH),
  // Whether a security group is created is decided at synth; the ids may be references.
  securityGroupIds: optional(STRING_LIST, KNOWN_AT_SYNTH),
  backupRetentionDays: optional(NUMBER),
  preferredBackupWindow: optional(STRING),
  preferredMaintenanceWindow: optional(STRING),
  deletionProtection: optional(BOOLEAN),
  skipFinalSnapshot: optional(BOOLEAN, KNOWN_AT_SYNTH),
  deleteAutomatedBackups: optional(BOOLEAN),
  applyImmediately: optional(BOOLEAN),
  storageEncrypted: optional(BOOLEAN),
  storageType: optional(STORAGE_TYPE),
  copyTagsToSnapshot: optional(BOOLEAN),
  secretRecoveryWindowDays: optional(NUMBER),
  exportPostgresLogs: optional(BOOLEAN, KNOWN_AT_SYNTH),
  // Each type is a log group of its own.
  logExports: optional(LOG_EXPORT_LIST, KNOWN_AT_SYNTH),
  logClass: optional(LOG_CLASS),
  logRetentionDays: optional(NUMBER),
  // Whether a key policy gets CloudWatch Logs' statement is decided at synth.
  logEncryptionKey: optional(LOG_ENCRYPTION_KEY, KNOWN_AT_SYNTH),
  performanceInsights: optional(BOOLEAN, KNOWN_AT_SYNTH),
  performanceInsightsRetentionDays: optional(NUMBER),
  databaseInsightsMode: optional(DATABASE_INSIGHTS_MODE),
  monitoringIntervalSeconds: optional(NUMBER, KNOWN_AT_SYNTH),
  clusterParameters: optional(recordOf(CLUSTER_PARAMETER, "an object of parameter names to values"), KNOWN_AT_SYNTH),
  instanceParameters: optional(recordOf(CLUSTER_PARAMETER, "an object of parameter names to values"), KNOWN_AT_SYNTH),
  createLambdaRole: optional(BOOLEAN, KNOWN_AT_SYNTH),
  lambdaFunctionNamePrefix: optional(STRING),
  permissionsBoundary: optional(STRING),
  // Whether a role is created, and its policy's resources, are decided at synth.
  s3Import: optional(S3_FEATURE_ROLE, KNOWN_AT_SYNTH),
  s3Export: optional(S3_FEATURE_ROLE, KNOWN_AT_SYNTH),
  // Names the parameters and their ARNs in IAM policies, checked against SSM's rules.
  ssmParameters: optional(STRING, KNOWN_AT_SYNTH),
  tags: optional(TAGS, KNOWN_AT_SYNTH),
  // Whether the cluster is restored decides what it is sent; the source's fields may be tokens.
  restore: optional(RESTORE, KNOWN_AT_SYNTH),
  proxy: optional(PROXY, KNOWN_AT_SYNTH),
  // Whether there are alarms and a dashboard, and which, decides what is created.
  alarms: optional(ALARMS, KNOWN_AT_SYNTH),
  dashboard: optional(BOOLEAN, KNOWN_AT_SYNTH),
  // Whether there is a global cluster decides what is created.
  globalCluster: optional(GLOBAL_CLUSTER, KNOWN_AT_SYNTH),
};

const ENCRYPTION_KEY_TYPES: PropTypes<AuroraEncryptionKeyProps> = {
  name: required(STRING),
  deletionWindowDays: optional(NUMBER),
  // Whether the key's policy has AWS Backup's statement is decided at synth.
  backupNotifications: optional(BOOLEAN, KNOWN_AT_SYNTH),
  // Likewise CloudWatch Logs' statement.
  encryptsLogs: optional(BOOLEAN, KNOWN_AT_SYNTH),
  tags: optional(TAGS, KNOWN_AT_SYNTH),
};

// Rules shared by both constructs.

export interface Named {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}
const shared = rulesFor<Named>();

export const NAME_RULES: readonly Rule<Named>[] = [
  shared("name", {
    check: (name) => isRdsIdentifier(name, MAX_NAME_LENGTH),
    allowed:
      `lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen, ` +
      `1 to ${MAX_NAME_LENGTH} characters (derived identifiers such as "<name>-aurora-instance-16" must stay within ${MAX_IDENTIFIER_LENGTH})`,
  }),
  shared("name", {
    check: (name) => !resourceNames(name).securityGroupName.startsWith("sg-"),
    allowed:
      'a name other than "sg" that does not start with "sg-": the security group is named "<name>-aurora-sg", and AWS refuses group names starting with "sg-"',
  }),
];

/** Keys that repeat an earlier key regardless of case. */
export function caseInsensitiveRepeats(record: Readonly<Record<string, unknown>>) {
  const seen = new Map<string, string>();
  return keys(record).filter(([, key]) => {
    const lower = key.toLowerCase();
    const repeat = seen.has(lower);
    if (!repeat) seen.set(lower, key);
    return repeat;
  });
}

export function tagRules(addedKeys: readonly string[]): readonly Rule<Named>[] {
  const ownLimit = (tags: Readonly<Record<string, string>>) => {
    const given = new Set(Object.keys(tags).map((key) => key.toLowerCase()));
    return TAG.maxPerResource - addedKeys.filter((key) => !given.has(key.toLowerCase())).length;
  };
  const added = addedKeys.length === 0 ? "" : `, counting the ${addedKeys.join(", ")} tag the construct adds`;
  return [
    shared("tags", {
      parts: keys,
      check: (key) => key.length >= 1 && key.length <= TAG.maxKeyLength,
      allowed: `a key of 1 to ${TAG.maxKeyLength} characters`,
    }),
    shared("tags", {
      parts: keys,
      check: (key) => !hasReservedTagPrefix(key, ["aws:", "rds:"]),
      allowed: 'a key that does not start with "aws:" or "rds:" (in any case): AWS keeps those for its own tags',
    }),
    shared("tags", {
      parts: keys,
      check: isTagText,
      allowed: "a key of Unicode letters, digits, white space and _ . : / = + - @",
    }),
    shared("tags", {
      parts: caseInsensitiveRepeats,
      check: () => false, // every part is a repeat
      allowed: "a key that differs from the other keys regardless of case (IAM treats Team and team as one key)",
    }),
    shared("tags", {
      parts: values,
      check: (value) => value.length <= TAG.maxValueLength,
      allowed: `a string value of at most ${TAG.maxValueLength} characters`,
    }),
    shared("tags", {
      parts: values,
      check: (value) => !hasReservedTagPrefix(value, ["aws:"]),
      allowed: 'a value that does not start with "aws:" (in any case)',
    }),
    shared("tags", {
      parts: values,
      check: isTagText,
      allowed: "a value of Unicode letters, digits, white space and _ . : / = + - @",
    }),
    shared("tags", {
      judgesTokens: true, // counts keys only
      check: (tags) => Object.keys(tags).length <= ownLimit(tags),
      allowed: (tags) => `at most ${ownLimit(tags)} tags: AWS allows ${TAG.maxPerResource} on a resource${added}`,
    }),
  ];
}

/** AWS refuses two equal rules in one security group; each entry of a list becomes one. */
function listedOnce(key: (entry: string) => string) {
  return {
    parts: (list: readonly string[]) => repeats(list, key),
    judgesTokens: true,
    check: () => false, // every part is a repeat
    allowed: LISTED_ONCE,
  };
}

/** The capacity, network and retention props both constructs have, judged alike. */
export interface ClusterBasics {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly vpcId?: string;
  readonly subnetIds?: readonly string[];
  readonly allowedCidrBlocks: readonly string[];
  readonly allowedSecurityGroupIds: readonly string[];
  readonly backupRetentionDays: number;
  readonly logRetentionDays: number;
  readonly performanceInsightsRetentionDays: number;
}
const basic = rulesFor<ClusterBasics>();

/** `maxCapacity`; each construct has its own `minCapacity` floor. */
export const MAX_CAPACITY_RULES: readonly Rule<ClusterBasics>[] = [
  basic("maxCapacity", {
    check: (max) => isCapacity(max, 1, CAPACITY_LIMIT),
    allowed: `1 to ${CAPACITY_LIMIT} ACUs in steps of 0.5`,
  }),
  basic("maxCapacity", {
    involves: ["minCapacity"],
    check: (max, p) => max >= p.minCapacity,
    allowed: (_, p) => `at least minCapacity (${p.minCapacity})`,
  }),
];

export const SUBNET_RULES: readonly Rule<ClusterBasics>[] = [
  basic("vpcId", {
    check: isVpcId,
    allowed: 'a VPC id such as "vpc-0123456789abcdef0"',
  }),
  basic("subnetIds", {
    involves: ["vpcId"],
    judgesTokens: true, // reads only whether vpcId is given
    check: (_, p) => p.vpcId !== undefined,
    allowed: "subnets of the VPC given as vpcId (vpcId is required with subnetIds)",
  }),
  basic("subnetIds", {
    check: (subnetIds) => new Set(subnetIds).size >= 2,
    allowed: "at least two distinct subnets, in different availability zones (a DB subnet group needs two)",
  }),
  basic("subnetIds", {
    parts: entries,
    check: isSubnetId,
    allowed: 'a subnet id such as "subnet-0123456789abcdef0"',
  }),
];

export const ALLOWED_CIDR_RULES: readonly Rule<ClusterBasics>[] = [
  basic("allowedCidrBlocks", { parts: entries, ...NETWORK_CIDR }),
  basic("allowedCidrBlocks", { parts: entries, ...BOUNDED_CIDR }),
  basic("allowedCidrBlocks", listedOnce(canonicalCidr)),
];

export const ALLOWED_SECURITY_GROUP_RULES: readonly Rule<ClusterBasics>[] = [
  basic("allowedSecurityGroupIds", { parts: entries, ...SECURITY_GROUP_ID }),
  basic(
    "allowedSecurityGroupIds",
    listedOnce((id) => id),
  ),
];

export const BACKUP_RETENTION_RULE: Rule<ClusterBasics> = basic("backupRetentionDays", {
  check: (days) => isInteger(days, BACKUP_RETENTION_DAYS.min, BACKUP_RETENTION_DAYS.max),
  allowed: `an integer from ${BACKUP_RETENTION_DAYS.min} to ${BACKUP_RETENTION_DAYS.max}`,
});

export const LOG_RETENTION_RULES: readonly Rule<ClusterBasics>[] = [
  basic("logRetentionDays", {
    check: (days) => LOG_RETENTION_DAYS.includes(days),
    allowed: `one of ${LOG_RETENTION_DAYS.join(", ")}`,
  }),
  basic("performanceInsightsRetentionDays", {
    check: (days) => PERFORMANCE_INSIGHTS_RETENTION_DAYS.includes(days),
    allowed: "7, a multiple of 31 up to 713, or 731",
  }),
];

// Rules of AuroraPostgresServerless.

const rule = rulesFor<ResolvedProps>();

const DATABASE_RULES: readonly Rule<ResolvedProps>[] = [
  ...NAME_RULES,
  rule("databaseName", {
    check: isDatabaseName,
    allowed: "1 to 63 letters, digits or underscores, starting with a letter",
  }),
  rule("databaseName", {
    check: (databaseName) => !isReservedDatabaseName(databaseName),
    allowed: "a name that is neither a PostgreSQL reserved word nor a database every cluster already has (template0, template1, rdsadmin)",
  }),
  rule("masterUsername", {
    check: isMasterUsername,
    allowed: "1 to 16 letters or digits, starting with a letter",
  }),
  rule("masterUsername", {
    check: (username) => !isReservedUsername(username),
    allowed: 'a name that is not reserved: "admin", "rdsadmin", "public", "none", names starting with "pg_" and PostgreSQL reserved words are refused',
  }),

  rule("passwordLength", {
    check: (length) => isInteger(length, PASSWORD_LENGTH.min, PASSWORD_LENGTH.max),
    allowed: `an integer from ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} (Aurora PostgreSQL's master password limits)`,
  }),
  rule("passwordLength", {
    involves: ["credentials"],
    onlyWhenGiven: true,
    check: (_, p) => p.credentials !== "managed",
    allowed: 'nothing with credentials "managed": RDS makes the password and owns its secret',
  }),
  rule("secretRecoveryWindowDays", {
    check: (days) => days === 0 || isInteger(days, 7, 30),
    allowed: "0 (delete at once) or an integer from 7 to 30",
  }),
  rule("secretRecoveryWindowDays", {
    involves: ["credentials"],
    onlyWhenGiven: true,
    check: (_, p) => p.credentials !== "managed",
    allowed: 'nothing with credentials "managed": RDS makes the password and owns its secret',
  }),
  rule("passwordVersion", {
    check: (version) => isInteger(version, PASSWORD_VERSION.min, PASSWORD_VERSION.max),
    allowed: `an integer from ${PASSWORD_VERSION.min} to ${PASSWORD_VERSION.max}`,
  }),
  rule("passwordVersion", {
    involves: ["credentials"],
    onlyWhenGiven: true,
    check: (_, p) => p.credentials === "write-only",
    allowed: 'nothing unless credentials is "write-only": only a write-only password is rotated by its version',
  }),
  rule("rotationSchedule", {
    check: (schedule) => (typeof schedule === "number" ? isInteger(schedule, ROTATION_DAYS.min, ROTATION_DAYS.max) : isRotationScheduleExpression(schedule)),
    allowed: `an integer number of days from ${ROTATION_DAYS.min} to ${ROTATION_DAYS.max}, or a Secrets Manager schedule expression: ${ROTATION_SCHEDULE_RULES}`,
  }),
  rule("rotationSchedule", {
    involves: ["credentials"],
    onlyWhenGiven: true,
    check: (_, p) => p.credentials === "managed",
    allowed: 'nothing unless credentials is "managed": RDS rotates only the password it manages (a write-only password rotates with passwordVersion)',
  }),

  rule("encryptionKey", {
    parts: (key) => (typeof key === "object" ? [[".existingKeyArn", key.existingKeyArn] as const] : []),
    check: isKmsKeyArn,
    allowed: KMS_KEY_ARN_RULE,
  }),
  rule("encryptionKey", {
    involves: ["skipFinalSnapshot"],
    check: (key, p) => key !== "create" || p.skipFinalSnapshot,
    allowed:
      '"aws-managed" or { existingKeyArn } while skipFinalSnapshot is false: a key created with the database is destroyed with it, ' +
      "so the final snapshot could never be restored. Create the key in a long-lived stack with AuroraEncryptionKey and pass " +
      "{ existingKeyArn: key.keyArn }, or set skipFinalSnapshot: true",
  }),
  rule("storageEncrypted", {
    involves: ["encryptionKey"],
    // The key's ARN may be a token; whether the key is customer-managed is known all the same.
    judgesTokens: true,
    check: (encrypted, p) => p.encryptionKey === "aws-managed" || isUnresolved(encrypted) || encrypted,
    allowed: "true when encryptionKey is a customer-managed key (the key encrypts storage)",
  }),

  rule("engineVersion", {
    check: (engineVersion) => supportedEngine(engineVersion) !== undefined,
    allowed: `an Aurora PostgreSQL major ("17") or major.minor ("16.6"), major ${OLDEST_SUPPORTED_MAJOR} or later`,
  }),
  ...SERVERLESS_V2_ENGINE_RULES,
  dataApiEngineRule((major) => `or "${major}" for the current default minor, or dataApi: false`),
  rule("engineVersion", {
    check: (engineVersion) => {
      const version = supportedEngine(engineVersion);
      return version === undefined || !supportsDataApi(version) || !isRetiredMinor(version);
    },
    allowed: (engineVersion) =>
      `a version AWS still offers for new clusters: ${engineVersion} was retired on 2025-09-30 ` +
      `(give "${supportedEngine(engineVersion)!.major}" to get the current default minor)`,
  }),
  ...PINNED_MINOR_RULES,

  rule("minCapacity", {
    check: (min) => isCapacity(min, 0, CAPACITY_LIMIT),
    allowed: `0 to ${CAPACITY_LIMIT} ACUs in steps of 0.5`,
  }),
  ...MAX_CAPACITY_RULES,
  rule("minCapacity", {
    involves: ["engineVersion"],
    check: (min, p) => {
      const version = supportedEngine(p.engineVersion);
      return min !== 0 || version === undefined || supportsAutoPause(version);
    },
    allowed: (_, p) =>
      `at least 0.5 with engineVersion "${p.engineVersion}": 0 ACU (auto-pause) needs ` +
      `${autoPauseMinimum(supportedEngine(p.engineVersion)!.major)} or later`,
  }),
  rule("secondsUntilAutoPause", {
    check: (seconds) => isInteger(seconds, AUTO_PAUSE_SECONDS.min, AUTO_PAUSE_SECONDS.max),
    allowed: `an integer from ${AUTO_PAUSE_SECONDS.min} to ${AUTO_PAUSE_SECONDS.max}`,
  }),
  rule("secondsUntilAutoPause", {
    involves: ["minCapacity"],
    check: (_, p) => p.minCapacity === 0,
    allowed: (_, p) => `unset unless minCapacity is 0 (the cluster only pauses at 0 ACU; minCapacity is ${p.minCapacity})`,
  }),
  rule("readers", {
    check: (readers) => (typeof readers === "number" ? isInteger(readers, 0, MAX_READERS) : readers.length <= MAX_READERS),
    allowed: (readers) =>
      typeof readers === "number" ? `an integer from 0 to ${MAX_READERS}` : `a list of at most ${MAX_READERS} readers (Aurora's replica limit)`,
  }),
  ...CUSTOM_ENDPOINT_RULES,
  ...LOCAL_WRITE_FORWARDING_RULES,

  ...SUBNET_RULES,
  ...ALLOWED_CIDR_RULES,
  rule("egressCidrBlocks", { parts: entries, ...NETWORK_CIDR }),
  rule("egressCidrBlocks", listedOnce(canonicalCidr)),
  ...ALLOWED_SECURITY_GROUP_RULES,
  ...NETWORK_PART_RULES,

  ...LOG_RETENTION_RULES,
  rule("monitoringIntervalSeconds", {
    check: (seconds) => MONITORING_INTERVALS.includes(seconds),
    allowed: `one of ${MONITORING_INTERVALS.join(", ")}`,
  }),
  rule("clusterParameters", {
    involves: ["engineVersion"],
    judgesTokens: true,
    check: (_, p) => !isUnresolved(p.engineVersion),
    allowed: "a concrete engineVersion alongside, to name the parameter group family (aurora-postgresql<major>)",
  }),
  rule("clusterParameters", {
    parts: keys,
    check: isClusterParameterName,
    allowed: "a parameter name of lowercase letters, digits, '_' and '.'",
  }),
  rule("instanceParameters", {
    involves: ["engineVersion"],
    judgesTokens: true,
    check: (_, p) => !isUnresolved(p.engineVersion),
    allowed: "a concrete engineVersion alongside, to name the parameter group family (aurora-postgresql<major>)",
  }),
  // By form only: which parameters Aurora PostgreSQL takes per instance is left to RDS.
  rule("instanceParameters", {
    parts: keys,
    check: isClusterParameterName,
    allowed: "a parameter name of lowercase letters, digits, '_' and '.'",
  }),

  BACKUP_RETENTION_RULE,
  rule("preferredBackupWindow", {
    check: (window) => (parseDailyWindow(window)?.length ?? 0) >= MIN_WINDOW_MINUTES,
    allowed: `a daily UTC window "hh24:mi-hh24:mi" of at least ${MIN_WINDOW_MINUTES} minutes, such as "03:00-04:00"`,
  }),
  rule("preferredMaintenanceWindow", {
    check: (window) => (parseWeeklyWindow(window)?.length ?? 0) >= MIN_WINDOW_MINUTES,
    allowed: `a weekly UTC window "ddd:hh24:mi-ddd:hh24:mi" of at least ${MIN_WINDOW_MINUTES} minutes, such as "sun:04:00-sun:05:00"`,
  }),
  rule("preferredMaintenanceWindow", {
    involves: ["preferredBackupWindow"],
    check: (window, p) => {
      const [backup, maintenance] = [parseDailyWindow(p.preferredBackupWindow), parseWeeklyWindow(window)];
      return backup === undefined || maintenance === undefined || !windowsOverlap(backup, maintenance);
    },
    allowed: (_, p) => `a window that does not overlap the daily backup window (${p.preferredBackupWindow})`,
  }),

  rule("lambdaFunctionNamePrefix", {
    check: isLambdaFunctionNamePrefix,
    allowed: "1 to 64 letters, digits, '-' or '_' (the start of a Lambda function name)",
  }),
  rule("lambdaFunctionNamePrefix", {
    involves: ["createLambdaRole"],
    check: (_, p) => p.createLambdaRole,
    allowed: "unset unless createLambdaRole is true: it limits the Lambda role's log writes",
  }),

  ...PERMISSIONS_BOUNDARY_RULES,
  ...S3_ROLE_RULES,

  ...DATA_API_RULES,
  ...READER_RULES,
  ...SSM_PARAMETER_RULES,
  ...LOG_EXPORT_RULES,
  ...LOG_ENCRYPTION_KEY_RULES,
  ...STORAGE_TYPE_RULES,
  ...DATABASE_INSIGHTS_RULES,

  ...tagRules(ADDED_TAG_KEYS),
  ...RESTORE_RULES,
  ...PROXY_RULES,
  ...ALARM_RULES,
  ...GLOBAL_CLUSTER_RULES,
];

function resolveDatabaseProps(given: Partial<AuroraPostgresServerlessProps>): ResolvedProps {
  // Present unless they failed their types, and then no rule reads them and nothing is returned.
  const { name, databaseName } = given as Pick<AuroraPostgresServerlessProps, "name" | "databaseName">;
  const minCapacity = given.minCapacity ?? DEFAULTS.minCapacity;
  const engineVersion = given.engineVersion ?? DEFAULTS.engineVersion;
  const engine = isUnresolved(engineVersion) ? undefined : parseEngineVersion(engineVersion);
  return {
    ...DEFAULTS,
    ...given,
    name,
    databaseName,
    secondsUntilAutoPause: given.secondsUntilAutoPause ?? (minCapacity === 0 ? DEFAULTS.secondsUntilAutoPause : undefined),
    // With a proxy, clients go through it: the VPC reaches the cluster only when asked.
    // Existing security groups get no rule from the construct.
    allowVpcCidrIngress: given.allowVpcCidrIngress ?? (given.proxy === undefined && given.securityGroupIds === undefined && DEFAULTS.allowVpcCidrIngress),
    engine,
    readerPlacement: readerPlacement(given.readers ?? DEFAULTS.readers),
    logExports: resolveLogExports(given),
    parameterGroup:
      given.clusterParameters === undefined || engine === undefined
        ? undefined
        : { family: `aurora-postgresql${engine.major}`, parameters: given.clusterParameters },
    instanceParameterGroup:
      given.instanceParameters === undefined || engine === undefined
        ? undefined
        : { family: `aurora-postgresql${engine.major}`, parameters: given.instanceParameters },
  };
}

const DATABASE_PROPS: PropsSpec<AuroraPostgresServerlessProps, ResolvedProps> = {
  types: DATABASE_TYPES,
  rules: DATABASE_RULES,
  resolve: resolveDatabaseProps,
};

/** What the construct knows at synth of where it deploys (see `deployment-region.ts`). */
export interface Deployment {
  /** The region of the stack's AWS provider, when it is a literal. */
  readonly region?: string;
}

/**
 * The props of an AuroraPostgresServerless with defaults applied; throws a ValidationError
 * naming every invalid prop. `subject` names the construct in the error. ARNs the props give are
 * also weighed against the deployment's region, when it is known, else against each other.
 */
export function validateProps(props: unknown, subject: string, deployment: Deployment = {}): ResolvedProps {
  const { region } = deployment;
  const regionRules =
    region === undefined
      ? ARN_AGREEMENT_RULES
      : [
          ...permissionsBoundaryRegionRules(region),
          ...s3RoleRegionRules(region),
          ...proxyRegionRules(region),
          ...restoreRegionRules(region),
          ...encryptionKeyRegionRules(region),
          ...alarmRegionRules(region),
          ...logEncryptionKeyRegionRules(region),
        ];
  try {
    return validate(props, { ...DATABASE_PROPS, rules: [...DATABASE_RULES, ...regionRules] }, subject);
  } catch (error) {
    throw explainRefusedProps(error);
  }
}

// Rules of AuroraEncryptionKey.

const keyRule = rulesFor<ResolvedEncryptionKeyProps>();

const ENCRYPTION_KEY_PROPS: PropsSpec<AuroraEncryptionKeyProps, ResolvedEncryptionKeyProps> = {
  types: ENCRYPTION_KEY_TYPES,
  rules: [
    ...NAME_RULES,
    keyRule("deletionWindowDays", {
      check: (days) => isInteger(days, KEY_DELETION_WINDOW_DAYS.min, KEY_DELETION_WINDOW_DAYS.max),
      allowed: `an integer from ${KEY_DELETION_WINDOW_DAYS.min} to ${KEY_DELETION_WINDOW_DAYS.max}`,
    }),
    ...tagRules([]),
  ],
  // `name` is present unless it failed its type, and then nothing is returned.
  resolve: (given) => ({ ...ENCRYPTION_KEY_DEFAULTS, ...(given as AuroraEncryptionKeyProps) }),
};

/** The props of an AuroraEncryptionKey with defaults applied; throws a ValidationError naming every invalid prop. */
export function validateEncryptionKeyProps(props: unknown, subject: string): ResolvedEncryptionKeyProps {
  return validate(props, ENCRYPTION_KEY_PROPS, subject);
}
