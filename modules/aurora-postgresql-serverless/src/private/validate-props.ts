/**
 * Applies defaults to {@link AuroraPostgresServerlessProps} and checks every rule, reporting all
 * problems together. Kept apart from construction so that nothing is created from bad input.
 */
import {
  DEFAULT_ENGINE_VERSION,
  OLDEST_SUPPORTED_MAJOR,
  autoPauseMinimum,
  dataApiMinimum,
  isRetiredMinor,
  parseEngineVersion,
  standardSupportEnded,
  supportsAutoPause,
  supportsDataApi,
} from "./engine-version";
import { MAX_IDENTIFIER_LENGTH, MAX_NAME_LENGTH, MAX_READERS } from "./naming";
import { DEFAULTS, type AuroraPostgresServerlessProps, type ResolvedProps } from "../props";
import {
  isCapacity,
  isClusterParameterName,
  isKmsKeyArn,
  isDatabaseName,
  isInteger,
  isMasterUsername,
  isRdsIdentifier,
  isReservedDatabaseName,
  isReservedUsername,
  isSecurityGroupId,
  isSubnetId,
  isVpcId,
  parseDailyWindow,
  parseNetworkCidr,
  parseWeeklyWindow,
  windowsOverlap,
} from "./rules";
import { ProblemCollector, isUnresolved } from "../validation-error";

const CAPACITY_LIMIT = 256;
const AUTO_PAUSE_SECONDS = { min: 300, max: 86_400 } as const;
const PASSWORD_LENGTH = { min: 8, max: 41 } as const;
const BACKUP_RETENTION_DAYS = { min: 1, max: 35 } as const;
/** The retention periods CloudWatch Logs accepts (0, never expire, is refused on purpose). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60];
const PERFORMANCE_INSIGHTS_RETENTION_DAYS = [7, ...Array.from({ length: 23 }, (_, i) => 31 * (i + 1)), 731];
const MIN_WINDOW_MINUTES = 30;

export function resolveProps(props: AuroraPostgresServerlessProps): ResolvedProps {
  const minCapacity = props.minCapacity ?? DEFAULTS.minCapacity;
  return {
    masterUsername: DEFAULTS.masterUsername,
    credentials: DEFAULTS.credentials,
    passwordLength: DEFAULTS.passwordLength,
    passwordVersion: DEFAULTS.passwordVersion,
    rotationSchedule: DEFAULTS.rotationSchedule,
    encryptionKey: DEFAULTS.encryptionKey,
    iamAuthentication: DEFAULTS.iamAuthentication,
    autoMinorVersionUpgrade: DEFAULTS.autoMinorVersionUpgrade,
    allowMajorVersionUpgrade: DEFAULTS.allowMajorVersionUpgrade,
    extendedSupport: DEFAULTS.extendedSupport,
    exportPostgresLogs: DEFAULTS.exportPostgresLogs,
    logRetentionDays: DEFAULTS.logRetentionDays,
    performanceInsights: DEFAULTS.performanceInsights,
    performanceInsightsRetentionDays: DEFAULTS.performanceInsightsRetentionDays,
    monitoringIntervalSeconds: DEFAULTS.monitoringIntervalSeconds,
    engineVersion: DEFAULT_ENGINE_VERSION,
    maxCapacity: DEFAULTS.maxCapacity,
    readers: DEFAULTS.readers,
    allowVpcCidrIngress: DEFAULTS.allowVpcCidrIngress,
    allowedCidrBlocks: [],
    allowedSecurityGroupIds: [],
    egressCidrBlocks: [],
    backupRetentionDays: DEFAULTS.backupRetentionDays,
    preferredBackupWindow: DEFAULTS.preferredBackupWindow,
    preferredMaintenanceWindow: DEFAULTS.preferredMaintenanceWindow,
    deletionProtection: DEFAULTS.deletionProtection,
    skipFinalSnapshot: DEFAULTS.skipFinalSnapshot,
    applyImmediately: DEFAULTS.applyImmediately,
    storageEncrypted: DEFAULTS.storageEncrypted,
    copyTagsToSnapshot: DEFAULTS.copyTagsToSnapshot,
    secretRecoveryWindowDays: DEFAULTS.secretRecoveryWindowDays,
    createLambdaRole: DEFAULTS.createLambdaRole,
    tags: {},
    ...withoutUndefined(props),
    name: props.name,
    databaseName: props.databaseName,
    minCapacity,
    secondsUntilAutoPause: props.secondsUntilAutoPause ?? (minCapacity === 0 ? DEFAULTS.autoPauseSeconds : undefined),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Throws a {@link ValidationError} naming every invalid prop; `subject` names the construct. */
export function validateProps(props: AuroraPostgresServerlessProps, resolved: ResolvedProps, subject: string): void {
  const problems = new ProblemCollector();
  checkNames(problems, resolved);
  checkEngineAndCapacity(problems, props, resolved);
  checkNetwork(problems, resolved);
  checkCredentialsAndEncryption(problems, props, resolved);
  checkObservability(problems, resolved);
  checkBackupsAndWindows(problems, resolved);
  checkTags(problems, resolved.tags);
  problems.throwIfAny(subject);
}

function checkNames(problems: ProblemCollector, p: ResolvedProps): void {
  problems.expect(
    typeof p.name === "string" && isRdsIdentifier(p.name, MAX_NAME_LENGTH),
    "name",
    p.name,
    `lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen, ` +
      `1 to ${MAX_NAME_LENGTH} characters (derived identifiers such as "<name>-aurora-instance-16" must stay within ${MAX_IDENTIFIER_LENGTH})`,
  );
  problems.whenConcrete(p.databaseName, (databaseName) => {
    problems.expect(isDatabaseName(databaseName), "databaseName", databaseName, "1 to 63 letters, digits or underscores, starting with a letter");
    problems.expect(
      !isReservedDatabaseName(databaseName),
      "databaseName",
      databaseName,
      "a name that is neither a PostgreSQL reserved word nor a database every cluster already has (template0, template1, rdsadmin)",
    );
  });
  if (p.databaseName === undefined) problems.expect(false, "databaseName", undefined, "a database name (required)");
  problems.whenConcrete(p.masterUsername, (username) => {
    problems.expect(isMasterUsername(username), "masterUsername", username, "1 to 16 letters or digits, starting with a letter");
    problems.expect(
      !isReservedUsername(username),
      "masterUsername",
      username,
      'a name that is not reserved: "admin", "rdsadmin", "public", "none", names starting with "pg_" and PostgreSQL reserved words are refused',
    );
  });
  problems.whenConcrete(p.passwordLength, (length) =>
    problems.expect(
      isInteger(length, PASSWORD_LENGTH.min, PASSWORD_LENGTH.max),
      "passwordLength",
      length,
      `an integer from ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} (Aurora PostgreSQL's master password limits)`,
    ),
  );
}

function checkEngineAndCapacity(problems: ProblemCollector, props: AuroraPostgresServerlessProps, p: ResolvedProps): void {
  const version = isUnresolved(p.engineVersion) ? undefined : parseEngineVersion(p.engineVersion);
  problems.expect(
    version !== undefined && version.major >= OLDEST_SUPPORTED_MAJOR,
    "engineVersion",
    p.engineVersion,
    `an Aurora PostgreSQL major ("17") or major.minor ("16.6"), major ${OLDEST_SUPPORTED_MAJOR} or later`,
  );
  if (version && version.major >= OLDEST_SUPPORTED_MAJOR) {
    problems.expect(
      supportsDataApi(version),
      "engineVersion",
      p.engineVersion,
      `${dataApiMinimum(version.major)} or later for major ${version.major}: earlier versions have no RDS Data API ` +
        `(or "${version.major}" for the current default minor)`,
    );
    problems.expect(
      version.minor === undefined || isUnresolved(p.autoMinorVersionUpgrade) || !p.autoMinorVersionUpgrade,
      "engineVersion",
      p.engineVersion,
      `a major alone ("${version.major}") while autoMinorVersionUpgrade is true: after AWS upgrades the minor, ` +
        "Terraform would plan a downgrade to the pinned one, which RDS refuses (or set autoMinorVersionUpgrade: false)",
    );
    const endDate = standardSupportEnded(version.major);
    problems.expect(
      endDate === undefined || p.extendedSupport === true,
      "engineVersion",
      p.engineVersion,
      `a major in standard support: Aurora PostgreSQL ${version.major} ended it on ${endDate}, and with ` +
        "extendedSupport false RDS neither creates nor keeps a cluster on it (set extendedSupport: true to pay for Extended Support)",
    );
    problems.expect(
      !supportsDataApi(version) || !isRetiredMinor(version),
      "engineVersion",
      p.engineVersion,
      `a version AWS still offers for new clusters: ${p.engineVersion} was retired on 2025-09-30 ` +
        `(give "${version.major}" to get the current default minor)`,
    );
  }

  problems.whenConcrete(p.minCapacity, (min) =>
    problems.expect(isCapacity(min, 0, CAPACITY_LIMIT), "minCapacity", min, `0 to ${CAPACITY_LIMIT} ACUs in steps of 0.5`),
  );
  problems.whenConcrete(p.maxCapacity, (max) => {
    problems.expect(isCapacity(max, 1, CAPACITY_LIMIT), "maxCapacity", max, `1 to ${CAPACITY_LIMIT} ACUs in steps of 0.5`);
    problems.whenConcrete(p.minCapacity, (min) =>
      problems.expect(max >= min, "maxCapacity", max, `at least minCapacity (${min})`),
    );
  });

  const pauses = !isUnresolved(p.minCapacity) && p.minCapacity === 0;
  if (pauses && version && version.major >= OLDEST_SUPPORTED_MAJOR) {
    problems.expect(
      supportsAutoPause(version),
      "minCapacity",
      p.minCapacity,
      `at least 0.5 with engineVersion "${p.engineVersion}": 0 ACU (auto-pause) needs ${autoPauseMinimum(version.major)} or later`,
    );
  }
  problems.whenConcrete(props.secondsUntilAutoPause, (seconds) => {
    problems.expect(
      isInteger(seconds, AUTO_PAUSE_SECONDS.min, AUTO_PAUSE_SECONDS.max),
      "secondsUntilAutoPause",
      seconds,
      `an integer from ${AUTO_PAUSE_SECONDS.min} to ${AUTO_PAUSE_SECONDS.max}`,
    );
    problems.expect(
      isUnresolved(p.minCapacity) || pauses,
      "secondsUntilAutoPause",
      seconds,
      `unset unless minCapacity is 0 (the cluster only pauses at 0 ACU; minCapacity is ${p.minCapacity})`,
    );
  });
  // Each reader is its own resource, so the count must be known at synth: a token is refused too.
  problems.expect(
    !isUnresolved(p.readers) && isInteger(p.readers, 0, MAX_READERS),
    "readers",
    isUnresolved(p.readers) ? "an unresolved token" : p.readers,
    `an integer from 0 to ${MAX_READERS}, known at synth`,
  );
}

function checkNetwork(problems: ProblemCollector, p: ResolvedProps): void {
  problems.whenConcrete(p.vpcId, (vpcId) =>
    problems.expect(isVpcId(vpcId), "vpcId", vpcId, 'a VPC id such as "vpc-0123456789abcdef0"'),
  );
  problems.whenConcrete(p.subnetIds, (subnetIds) => {
    problems.expect(p.vpcId !== undefined, "vpcId", p.vpcId, "the id of the VPC the subnetIds belong to (required with subnetIds)");
    problems.expect(
      new Set(subnetIds).size >= 2,
      "subnetIds",
      subnetIds,
      "at least two distinct subnets, in different availability zones (a DB subnet group needs two)",
    );
    subnetIds.forEach((id, i) =>
      problems.expect(isUnresolved(id) || isSubnetId(id), `subnetIds[${i}]`, id, 'a subnet id such as "subnet-0123456789abcdef0"'),
    );
  });
  checkCidrList(problems, "allowedCidrBlocks", p.allowedCidrBlocks, false);
  checkCidrList(problems, "egressCidrBlocks", p.egressCidrBlocks, true);
  problems.whenConcrete(p.allowedSecurityGroupIds, (ids) =>
    ids.forEach((id, i) =>
      problems.expect(isUnresolved(id) || isSecurityGroupId(id), `allowedSecurityGroupIds[${i}]`, id, 'a security group id such as "sg-0123456789abcdef0"'),
    ),
  );
}

function checkCidrList(problems: ProblemCollector, property: string, blocks: readonly string[], allowAnywhere: boolean): void {
  problems.whenConcrete(blocks, (list) =>
    list.forEach((block, i) => {
      if (isUnresolved(block)) return;
      const cidr = parseNetworkCidr(block);
      problems.expect(
        cidr !== undefined,
        `${property}[${i}]`,
        block,
        'an IPv4 or IPv6 CIDR block whose host bits are zero, such as "10.0.0.0/16" or "2001:db8::/32"',
      );
      if (cidr && !allowAnywhere) {
        problems.expect(cidr.prefix > 0, `${property}[${i}]`, block, "a bounded network: a database is never open to the whole internet");
      }
    }),
  );
}

function checkCredentialsAndEncryption(problems: ProblemCollector, props: AuroraPostgresServerlessProps, p: ResolvedProps): void {
  problems.expect(
    p.credentials === "generated" || p.credentials === "write-only" || p.credentials === "managed",
    "credentials",
    p.credentials,
    '"generated" (random password in our secret), "write-only" (the same, never in state) or "managed" (RDS creates and rotates the secret)',
  );
  if (p.credentials === "managed") {
    for (const property of ["passwordLength", "secretRecoveryWindowDays"] as const) {
      problems.expect(
        props[property] === undefined,
        property,
        props[property],
        'nothing with credentials "managed": RDS makes the password and owns its secret',
      );
    }
  }

  const key = p.encryptionKey;
  const validKey =
    key === "aws-managed" || key === "create" || (typeof key === "object" && key !== null && typeof key.existingKeyArn === "string");
  problems.expect(validKey, "encryptionKey", key, '"aws-managed", "create" or { existingKeyArn: "<KMS key ARN>" }');
  if (validKey && typeof key === "object") {
    problems.expect(
      isUnresolved(key.existingKeyArn) || isKmsKeyArn(key.existingKeyArn),
      "encryptionKey.existingKeyArn",
      key.existingKeyArn,
      'a KMS key ARN such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" (not an alias)',
    );
  }
  if (validKey && key !== "aws-managed") {
    problems.expect(
      isUnresolved(p.storageEncrypted) || p.storageEncrypted === true,
      "storageEncrypted",
      p.storageEncrypted,
      "true when encryptionKey is a customer-managed key (the key encrypts storage)",
    );
  }
}

function checkObservability(problems: ProblemCollector, p: ResolvedProps): void {
  problems.whenConcrete(p.logRetentionDays, (days) =>
    problems.expect(LOG_RETENTION_DAYS.includes(days), "logRetentionDays", days, `one of ${LOG_RETENTION_DAYS.join(", ")}`),
  );
  problems.whenConcrete(p.performanceInsightsRetentionDays, (days) =>
    problems.expect(
      PERFORMANCE_INSIGHTS_RETENTION_DAYS.includes(days),
      "performanceInsightsRetentionDays",
      days,
      "7, a multiple of 31 up to 713, or 731",
    ),
  );
  problems.whenConcrete(p.monitoringIntervalSeconds, (seconds) =>
    problems.expect(MONITORING_INTERVALS.includes(seconds), "monitoringIntervalSeconds", seconds, `one of ${MONITORING_INTERVALS.join(", ")}`),
  );
  if (p.clusterParameters !== undefined) {
    problems.expect(
      !isUnresolved(p.engineVersion),
      "clusterParameters",
      Object.keys(p.clusterParameters),
      "a concrete engineVersion alongside, to name the parameter group family (aurora-postgresql<major>)",
    );
    for (const [name, parameter] of Object.entries(p.clusterParameters)) {
      problems.expect(isClusterParameterName(name), `clusterParameters[${JSON.stringify(name)}]`, name, "a parameter name of lowercase letters, digits, '_' and '.'");
      const value = typeof parameter === "string" ? parameter : parameter?.value;
      const method = typeof parameter === "string" ? "immediate" : parameter?.applyMethod;
      problems.expect(typeof value === "string", `clusterParameters[${JSON.stringify(name)}]`, parameter, 'a string value, or { value, applyMethod }');
      problems.expect(
        method === "immediate" || method === "pending-reboot",
        `clusterParameters[${JSON.stringify(name)}].applyMethod`,
        method,
        '"immediate" or "pending-reboot"',
      );
    }
  }
}

function checkBackupsAndWindows(problems: ProblemCollector, p: ResolvedProps): void {
  problems.whenConcrete(p.backupRetentionDays, (days) =>
    problems.expect(
      isInteger(days, BACKUP_RETENTION_DAYS.min, BACKUP_RETENTION_DAYS.max),
      "backupRetentionDays",
      days,
      `an integer from ${BACKUP_RETENTION_DAYS.min} to ${BACKUP_RETENTION_DAYS.max}`,
    ),
  );
  problems.whenConcrete(p.secretRecoveryWindowDays, (days) =>
    problems.expect(days === 0 || isInteger(days, 7, 30), "secretRecoveryWindowDays", days, "0 (delete at once) or an integer from 7 to 30"),
  );

  const backup = isUnresolved(p.preferredBackupWindow) ? undefined : parseDailyWindow(p.preferredBackupWindow);
  const maintenance = isUnresolved(p.preferredMaintenanceWindow) ? undefined : parseWeeklyWindow(p.preferredMaintenanceWindow);
  problems.expect(
    backup !== undefined && backup.length >= MIN_WINDOW_MINUTES,
    "preferredBackupWindow",
    p.preferredBackupWindow,
    `a daily UTC window "hh24:mi-hh24:mi" of at least ${MIN_WINDOW_MINUTES} minutes, such as "03:00-04:00"`,
  );
  problems.expect(
    maintenance !== undefined && maintenance.length >= MIN_WINDOW_MINUTES,
    "preferredMaintenanceWindow",
    p.preferredMaintenanceWindow,
    `a weekly UTC window "ddd:hh24:mi-ddd:hh24:mi" of at least ${MIN_WINDOW_MINUTES} minutes, such as "sun:04:00-sun:05:00"`,
  );
  if (backup && maintenance) {
    problems.expect(
      !windowsOverlap(backup, maintenance),
      "preferredMaintenanceWindow",
      p.preferredMaintenanceWindow,
      `a window that does not overlap the daily backup window (${p.preferredBackupWindow})`,
    );
  }
}

function checkTags(problems: ProblemCollector, tags: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(tags)) {
    problems.expect(
      isUnresolved(key) || (key.length >= 1 && key.length <= 128 && !key.toLowerCase().startsWith("aws:")),
      `tags[${JSON.stringify(key)}]`,
      key,
      'a key of 1 to 128 characters that does not start with "aws:"',
    );
    problems.expect(
      isUnresolved(value) || (typeof value === "string" && value.length <= 256),
      `tags[${JSON.stringify(key)}]`,
      value,
      "a string value of at most 256 characters",
    );
  }
}
