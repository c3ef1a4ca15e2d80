/**
 * What differs between environments, in one table, next to what each environment gives up
 * of the security controls. Everything else comes from the module's defaults or the project
 * settings below.
 */
import type { CredentialsMode, EncryptionKey } from "cdktf-aurora-postgresql-serverless";

/** Settings that every environment shares: those of the original `5_database` stack. */
export const PROJECT = {
  /** Prefix of resource names: `<project>-<stack>` (e.g. `alex-dev-aurora-cluster`). */
  name: "alex",
  databaseName: "alex",
  masterUsername: "alexadmin",
  tags: { Project: "alex", Part: "5" },
  /** Region used when no AURORA_AWS_REGION is given. */
  defaultRegion: "us-east-1",
  /** Slow statements and schema changes reach the exported PostgreSQL log. */
  clusterParameters: { log_min_duration_statement: "1000", log_statement: "ddl" },
} as const;

export interface EnvironmentSettings {
  /** Minimum capacity in ACUs; 0 pauses the cluster when idle. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly readers: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly applyImmediately: boolean;
  readonly credentials: CredentialsMode;
  /** Only for generated credentials: RDS owns the lifecycle of a managed secret. */
  readonly secretRecoveryWindowDays?: number;
  readonly encryptionKey: EncryptionKey;
  readonly logRetentionDays: number;
  /**
   * Security controls this environment accepts failing, each with its reason. The policy gate
   * fails the synth on any other failing control, and on an exception that is not needed.
   */
  readonly acceptedControlExceptions: Readonly<Record<string, string>>;
}

const AWS_MANAGED_KEYS =
  "AWS managed keys: a customer-managed key costs $1 a month and outlives every destroy by its 7-30 day deletion window";

export const ENVIRONMENTS = {
  dev: {
    minCapacity: 0,
    maxCapacity: 1,
    readers: 0,
    backupRetentionDays: 7,
    deletionProtection: false,
    skipFinalSnapshot: true,
    applyImmediately: true,
    credentials: "generated",
    secretRecoveryWindowDays: 0,
    encryptionKey: "aws-managed",
    logRetentionDays: 7,
    acceptedControlExceptions: {
      "RDS.7": "dev is disposable: a destroy must not first need an apply that turns protection off",
      "RDS.15": "one instance: a reader would double the cost of an environment that pauses at 0 ACU",
      "SecretsManager.1": "dev keeps the generated credentials of 5_database (random password in our own secret), which nothing rotates",
      "SecretsManager.4": "dev keeps the generated credentials of 5_database, which nothing rotates",
      CKV_AWS_327: AWS_MANAGED_KEYS,
      CKV_AWS_149: AWS_MANAGED_KEYS,
      CKV_AWS_354: AWS_MANAGED_KEYS,
    },
  },
  staging: {
    minCapacity: 0.5,
    maxCapacity: 4,
    readers: 0,
    backupRetentionDays: 7,
    deletionProtection: false,
    skipFinalSnapshot: false,
    applyImmediately: true,
    credentials: "managed",
    encryptionKey: "create",
    logRetentionDays: 30,
    acceptedControlExceptions: {
      "RDS.7": "staging is rebuilt from prod snapshots; a destroy must not first need an apply that turns protection off",
      "RDS.15": "one instance: staging tests behaviour, not failover, at half the cost",
    },
  },
  prod: {
    minCapacity: 2,
    maxCapacity: 16,
    readers: 1,
    backupRetentionDays: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    applyImmediately: false,
    credentials: "managed",
    encryptionKey: "create",
    logRetentionDays: 365,
    acceptedControlExceptions: {},
  },
} as const satisfies Record<string, EnvironmentSettings>;

export type EnvironmentName = keyof typeof ENVIRONMENTS;
