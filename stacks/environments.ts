/**
 * What differs between environments, in one table, next to what each environment gives up
 * of the security controls. Everything else comes from the module's defaults or the project
 * settings below.
 */
import type { CredentialsMode, PolicyException } from "cdktf-aurora-postgresql-serverless";

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

/** The module's `name` for a stack's database: `alex-<stack>`, the prefix of every AWS name. */
export function databaseResourceName(stackName: string): string {
  return `${PROJECT.name}-${stackName}`;
}

/**
 * Where a stack's database publishes its connection settings in SSM Parameter Store:
 * `/alex/<stack>`, unique per stack (previews included), so stacks never share parameters.
 */
export function parameterPath(stackName: string): string {
  return `/${PROJECT.name}/${stackName}`;
}

/** The tags of every resource of an environment. */
export function environmentTags(environment: string): Readonly<Record<string, string>> {
  return { ...PROJECT.tags, Environment: environment };
}

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
  /**
   * `aws-managed`, or `key-stack`: a customer-managed key in the environment's own long-lived
   * stack `<env>-key`, which outlives the database's stack and so keeps its final snapshot
   * restorable.
   */
  readonly encryptionKey: "aws-managed" | "key-stack";
  readonly logRetentionDays: number;
  /**
   * CloudWatch alarms on the database, sent to its SNS topic `<name>-aurora-alarms`, to which
   * `AURORA_ALARM_EMAIL` subscribes an address. Off in dev and previews: disposable databases
   * that pause at 0 ACU under development load, for which nobody is on call.
   */
  readonly alarms: boolean;
  /** A CloudWatch dashboard of the database, `<name>-aurora`. */
  readonly dashboard: boolean;
  /**
   * The GitHub environment that guards the deploys of this environment's stacks (its key stack's
   * too): its secrets and its reviewers, such as `production`'s required approval.
   */
  readonly githubEnvironment: string;
  /**
   * Whether a reviewer must approve each apply in `githubEnvironment`: the bootstrap stack gives
   * the environment its reviewers, and the deploy refuses to apply while it has none.
   */
  readonly approvalRequired: boolean;
  /**
   * Whether pull requests get speculative plans of this environment's stacks. The token that
   * queues them is readable by workflows on any branch, and a token that may queue plans may also
   * queue runs that wait for confirmation (which only an apply token confirms): environments whose
   * workspaces no branch should touch say false, and are planned only by the deploy of main.
   */
  readonly pullRequestPlans: boolean;
  /**
   * Security controls this environment accepts failing, each on the resources it names (construct
   * paths relative to the stack, so a preview stack shares dev's list) and with its reason. The
   * policy gate fails the synth on any other failure, and on an exception that is not needed.
   */
  readonly acceptedControlExceptions: readonly PolicyException[];
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
    credentials: "managed",
    encryptionKey: "aws-managed",
    logRetentionDays: 7,
    alarms: false,
    dashboard: true,
    githubEnvironment: "dev",
    approvalRequired: false,
    pullRequestPlans: true,
    acceptedControlExceptions: [
      {
        control: "RDS.7",
        resources: ["Database/Cluster"],
        reason: "dev is disposable: a destroy must not first need an apply that turns protection off",
      },
      {
        control: "RDS.15",
        resources: ["Database/Cluster"],
        reason: "one instance: a reader would double the cost of an environment that pauses at 0 ACU",
      },
      { control: "CKV_AWS_327", resources: ["Database/Cluster"], reason: AWS_MANAGED_KEYS },
      { control: "CKV_AWS_149", resources: ["Database/Cluster"], reason: AWS_MANAGED_KEYS },
      { control: "CKV_AWS_354", resources: ["Database/Instance1"], reason: AWS_MANAGED_KEYS },
    ],
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
    encryptionKey: "key-stack",
    logRetentionDays: 30,
    alarms: true,
    dashboard: true,
    githubEnvironment: "staging",
    approvalRequired: false,
    pullRequestPlans: true,
    acceptedControlExceptions: [
      {
        control: "RDS.7",
        resources: ["Database/Cluster"],
        reason: "staging is rebuilt from prod snapshots; a destroy must not first need an apply that turns protection off",
      },
      {
        control: "RDS.15",
        resources: ["Database/Cluster"],
        reason: "one instance: staging tests behaviour, not failover, at half the cost",
      },
    ],
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
    encryptionKey: "key-stack",
    logRetentionDays: 365,
    alarms: true,
    dashboard: true,
    githubEnvironment: "production",
    approvalRequired: true,
    pullRequestPlans: false,
    acceptedControlExceptions: [],
  },
} as const satisfies Record<string, EnvironmentSettings>;

export type EnvironmentName = keyof typeof ENVIRONMENTS;
