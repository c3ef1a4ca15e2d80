/**
 * What differs between environments, in one table. Everything else comes from the module's
 * defaults or the project settings below.
 */

/** Settings that every environment shares: those of the original `5_database` stack. */
export const PROJECT = {
  /** Prefix of resource names: `<project>-<stack>` (e.g. `alex-dev-aurora-cluster`). */
  name: "alex",
  databaseName: "alex",
  masterUsername: "alexadmin",
  tags: { Project: "alex", Part: "5" },
  /** Region used when no AURORA_AWS_REGION is given, as `terraform.tfvars` of the original did. */
  defaultRegion: "us-east-1",
} as const;

export interface EnvironmentSettings {
  /** Minimum capacity in ACUs; 0 pauses the cluster when idle. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Idle seconds before pausing; applies only while minCapacity is 0. */
  readonly secondsUntilAutoPause?: number;
  readonly readers: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly applyImmediately: boolean;
  readonly secretRecoveryWindowDays: number;
}

export const ENVIRONMENTS = {
  dev: {
    minCapacity: 0,
    maxCapacity: 1,
    secondsUntilAutoPause: 300,
    readers: 0,
    backupRetentionDays: 7,
    deletionProtection: false,
    skipFinalSnapshot: true,
    applyImmediately: true,
    secretRecoveryWindowDays: 0,
  },
  staging: {
    minCapacity: 0.5,
    maxCapacity: 4,
    readers: 0,
    backupRetentionDays: 7,
    deletionProtection: false,
    skipFinalSnapshot: false,
    applyImmediately: true,
    secretRecoveryWindowDays: 7,
  },
  prod: {
    minCapacity: 2,
    maxCapacity: 16,
    readers: 1,
    backupRetentionDays: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    applyImmediately: false,
    secretRecoveryWindowDays: 30,
  },
} as const satisfies Record<string, EnvironmentSettings>;

export type EnvironmentName = keyof typeof ENVIRONMENTS;
