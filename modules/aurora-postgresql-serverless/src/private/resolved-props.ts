/**
 * The props once validated: every default applied (the defaults of each props interface of
 * props.ts, in one place; the API reference's `@default` values are held equal to them by tests),
 * and what construction derives from the props.
 */
import {
  DEFAULT_ENGINE_VERSION,
  type AlarmOptions,
  type AlarmThreshold,
  type AuroraEncryptionKeyProps,
  type AuroraGlobalSecondaryProps,
  type AuroraPostgresServerlessProps,
  type ClusterParameter,
  type DatabaseProxyOptions,
  type GlobalClusterOptions,
  type PointInTimeRestore,
} from "../props";
import type { EngineVersion } from "./engine-version";
import type { ReaderPlacement } from "./readers";

/** The defaults of {@link PointInTimeRestore}. */
export const POINT_IN_TIME_DEFAULTS = {
  restoreType: "full-copy",
} as const satisfies { readonly [K in keyof PointInTimeRestore]?: PointInTimeRestore[K] };

/** The defaults of {@link DatabaseProxyOptions}. */
export const PROXY_DEFAULTS = {
  iamAuthentication: false,
  idleClientTimeoutSeconds: 1800,
  maxConnectionsPercent: 100,
  maxIdleConnectionsPercent: 50,
  connectionBorrowTimeoutSeconds: 120,
  allowedCidrBlocks: [],
  allowedSecurityGroupIds: [],
  users: [],
} as const satisfies { readonly [K in keyof DatabaseProxyOptions]-?: NonNullable<DatabaseProxyOptions[K]> };

/** The defaults of each alarm of {@link AlarmOptions}. */
export const ALARM_DEFAULTS = {
  emailAddresses: [],
  backupNotifications: false,
  acuUtilization: { threshold: 90, evaluationPeriods: 15 },
  cpuUtilization: { threshold: 90, evaluationPeriods: 15 },
  freeableMemory: { threshold: 10, evaluationPeriods: 15 },
  databaseConnections: { threshold: 80, evaluationPeriods: 5 },
  replicaLag: { threshold: 1000, evaluationPeriods: 5 },
  deadlocks: { threshold: 0, evaluationPeriods: 5 },
} as const satisfies {
  readonly [K in Exclude<keyof AlarmOptions, "topicArn">]-?: K extends "emailAddresses"
    ? readonly string[]
    : K extends "backupNotifications"
      ? boolean
      : Required<AlarmThreshold>;
};

/** The kinds of alarm {@link AlarmOptions} configures, each with an {@link AlarmThreshold}. */
export type AlarmKind = Exclude<keyof AlarmOptions, "topicArn" | "emailAddresses" | "backupNotifications">;

/** The defaults of {@link GlobalClusterOptions} besides the identifier, which derives from `name`. */
export const GLOBAL_CLUSTER_DEFAULTS = {
  deletionProtection: true,
} as const satisfies { readonly [K in Exclude<keyof GlobalClusterOptions, "identifier">]-?: NonNullable<GlobalClusterOptions[K]> };

type WithoutDefault =
  | "secondsUntilAutoPause"
  | "caCertificateIdentifier"
  | "logClass"
  | "logEncryptionKey"
  | "vpcId"
  | "subnetIds"
  | "subnetGroupName"
  | "securityGroupIds"
  | "clusterParameters"
  | "instanceParameters"
  | "lambdaFunctionNamePrefix"
  | "permissionsBoundary"
  | "s3Import"
  | "s3Export"
  | "ssmParameters"
  | "restore"
  | "proxy"
  | "alarms"
  | "globalCluster";

/**
 * Props with every default applied, once validated: each value has its declared type (or is an
 * unresolved token, where a token may stand), and what construction derives from the props is
 * here too, so that it needs no checks of its own.
 */
export interface ResolvedProps extends Required<Omit<AuroraPostgresServerlessProps, WithoutDefault>>, Pick<AuroraPostgresServerlessProps, WithoutDefault> {
  /** The parsed `engineVersion`; undefined when it is an unresolved token. */
  readonly engine?: EngineVersion;
  /** One placement per reader, in order, whichever form `readers` was given in. */
  readonly readerPlacement: readonly ReaderPlacement[];
  /** The cluster parameter group, when `clusterParameters` are given: its family and parameters. */
  readonly parameterGroup?: {
    /** `aurora-postgresql<major>`. */
    readonly family: string;
    readonly parameters: Readonly<Record<string, string | ClusterParameter>>;
  };
  /** The instances' DB parameter group, when `instanceParameters` are given: its family and parameters. */
  readonly instanceParameterGroup?: {
    /** `aurora-postgresql<major>`. */
    readonly family: string;
    readonly parameters: Readonly<Record<string, string | ClusterParameter>>;
  };
}

/**
 * The default of every prop that has one, in one place: the API reference's `@default` values
 * are held equal to these by a test. `secondsUntilAutoPause` applies only with `minCapacity` 0,
 * `allowVpcCidrIngress` only without a proxy and without `securityGroupIds` (else it is false).
 */
export const DEFAULTS = {
  masterUsername: "dbadmin",
  credentials: "generated",
  passwordLength: 32,
  passwordVersion: 1,
  rotationSchedule: 7,
  encryptionKey: "aws-managed",
  iamAuthentication: true,
  dataApi: true,
  engineVersion: DEFAULT_ENGINE_VERSION,
  autoMinorVersionUpgrade: true,
  allowMajorVersionUpgrade: false,
  extendedSupport: false,
  minCapacity: 0.5,
  maxCapacity: 1,
  secondsUntilAutoPause: 300,
  readers: 0,
  customEndpoints: [],
  localWriteForwarding: false,
  allowVpcCidrIngress: true,
  allowedCidrBlocks: [],
  allowedSecurityGroupIds: [],
  egressCidrBlocks: [],
  backupRetentionDays: 7,
  preferredBackupWindow: "03:00-04:00",
  preferredMaintenanceWindow: "sun:04:00-sun:05:00",
  deletionProtection: true,
  skipFinalSnapshot: false,
  deleteAutomatedBackups: false,
  applyImmediately: false,
  storageEncrypted: true,
  storageType: "aurora",
  copyTagsToSnapshot: true,
  secretRecoveryWindowDays: 30,
  exportPostgresLogs: true,
  logExports: ["postgresql"],
  logRetentionDays: 30,
  performanceInsights: true,
  performanceInsightsRetentionDays: 7,
  databaseInsightsMode: "standard",
  monitoringIntervalSeconds: 60,
  createLambdaRole: true,
  tags: {},
  dashboard: false,
} as const satisfies { readonly [K in keyof AuroraPostgresServerlessProps]?: ResolvedProps[K] & {} };

/** {@link AuroraEncryptionKeyProps} with every default applied, once validated. */
export type ResolvedEncryptionKeyProps = Required<AuroraEncryptionKeyProps>;

/** The defaults of {@link AuroraEncryptionKeyProps}. */
export const ENCRYPTION_KEY_DEFAULTS = {
  deletionWindowDays: 30,
  backupNotifications: false,
  encryptsLogs: false,
  tags: {},
} as const satisfies { readonly [K in keyof AuroraEncryptionKeyProps]?: ResolvedEncryptionKeyProps[K] };

type SecondaryWithoutDefault = "provider" | "vpcId" | "subnetIds" | "logEncryptionKey";

/** {@link AuroraGlobalSecondaryProps} with every default applied, once validated. */
export interface ResolvedSecondaryProps
  extends Required<Omit<AuroraGlobalSecondaryProps, SecondaryWithoutDefault>>, Pick<AuroraGlobalSecondaryProps, SecondaryWithoutDefault> {
  /** The parsed `engineVersion`; undefined when it is an unresolved token. */
  readonly engine?: EngineVersion;
}

/** The defaults of {@link AuroraGlobalSecondaryProps}. */
export const SECONDARY_DEFAULTS = {
  engineVersion: DEFAULT_ENGINE_VERSION,
  autoMinorVersionUpgrade: true,
  encryptionKey: "aws-managed",
  minCapacity: 0.5,
  maxCapacity: 1,
  readers: 1,
  allowVpcCidrIngress: true,
  allowedCidrBlocks: [],
  allowedSecurityGroupIds: [],
  backupRetentionDays: 7,
  deletionProtection: true,
  skipFinalSnapshot: false,
  applyImmediately: false,
  iamAuthentication: true,
  dataApi: true,
  exportPostgresLogs: true,
  logRetentionDays: 30,
  performanceInsights: true,
  performanceInsightsRetentionDays: 7,
  tags: {},
} as const satisfies { readonly [K in keyof AuroraGlobalSecondaryProps]?: ResolvedSecondaryProps[K] & {} };
