/**
 * What differs between environments, in one table, next to what each environment gives up
 * of the security controls. Everything else comes from the module's defaults or the project
 * settings below.
 */
import {
  DAILY_WEEKLY_MONTHLY_RULES,
  ValidationError,
  type BackupRule,
  type CredentialsMode,
  type PolicyException,
  type ValidationProblem,
} from "cdktf-aurora-postgresql-serverless";

/** Settings that every environment shares: those of the original `5_database` stack. */
export const PROJECT = {
  /** Prefix of resource names: `<project>-<stack>` (e.g. `alex-dev-aurora-cluster`). */
  name: "alex",
  databaseName: "alex",
  masterUsername: "alexadmin",
  tags: { Project: "alex", Part: "5" },
  /** Region used when no AURORA_AWS_REGION is given. */
  defaultRegion: "us-east-1",
  /**
   * The disaster-recovery region of the environments with `disasterRecoveryCopies` or
   * `globalSecondary`, when no AURORA_<ENV>_DR_REGION is given: another region of the default
   * region's partition, in another part of the country.
   */
  defaultDisasterRecoveryRegion: "us-west-2",
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

/**
 * AWS Backup of an environment's cluster (the module's `AuroraBackupPlan`), besides the cluster's
 * own automated backups (`backupRetentionDays`):
 * - `"none"`: no plan;
 * - `"daily"`: one rule, a snapshot every day at 05:00 UTC kept 7 days;
 * - `"daily-weekly-monthly"`: the module's `DAILY_WEEKLY_MONTHLY_RULES`, daily kept 7 days, Sundays
 *   kept 28 days, the 1st of the month kept 90 days.
 */
export type BackupSetting = "none" | "daily" | "daily-weekly-monthly";

/** The plan's rules of each backup setting but "none". */
export const BACKUP_RULES: Readonly<Record<Exclude<BackupSetting, "none">, readonly BackupRule[]>> = {
  daily: DAILY_WEEKLY_MONTHLY_RULES.filter((rule) => rule.name === "daily"),
  "daily-weekly-monthly": DAILY_WEEKLY_MONTHLY_RULES,
};

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
   * AWS Backup of the cluster (see BackupSetting). The plan and its backup role (with the
   * environment's permissions boundary) live in the database stack `<env>`; the vault of its
   * recovery points, `<name>-aurora-backup` with a key of its own, lives in the long-lived key
   * stack `<env>-key`, so that destroying the database stack leaves the vault and every recovery
   * point in it. Needs `encryptionKey: "key-stack"`; the app refuses a row with backups and
   * without a key stack.
   */
  readonly backups: BackupSetting;
  /**
   * Copy every rule's recovery points to the vault `<name>-aurora-backup-dr` in the
   * disaster-recovery region (AURORA_<ENV>_DR_REGION, default `us-west-2`), each copy kept as long
   * as its recovery point. The vault and its key live in a long-lived stack of that region,
   * `<env>-dr`, applied before the database stack. Needs `backups`. Costs the copies' storage in the
   * second region and the cross-region transfer of each copy.
   */
  readonly disasterRecoveryCopies: boolean;
  /**
   * An Aurora global database: the database's cluster becomes its primary (`globalCluster`), and a
   * stack `<env>-secondary` in the disaster-recovery region holds a read-only secondary cluster
   * (`AuroraGlobalSecondary`) with as many instances as the primary and the same capacity range,
   * encrypted with a key of that region (in `<env>-dr`), ready to take over in a switchover or a
   * failover within about a minute of replication lag.
   *
   * Cost: about the primary's compute again (each of the secondary's instances bills at least
   * `minCapacity` ACUs around the clock: prod's two instances at 2 ACUs are 2,920 ACU-hours a
   * month), the cluster's storage and I/O again in the second region, and the transfer of every
   * replicated write between the regions. It is off everywhere: an opt-in.
   *
   * AWS refuses RDS-managed master passwords in a global database, so it needs `credentials:
   * "generated"`, which puts the password in the database stack's state and makes refreshing its
   * secret version read the secret's value (which the pipeline's plan roles may not); the app
   * refuses the row otherwise. The module also refuses a global database's primary with
   * `minCapacity` 0.
   */
  readonly globalSecondary: boolean;
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

const AWS_MANAGED_KEYS = "AWS managed keys: a customer-managed key costs $1 a month and outlives every destroy by its 7-30 day deletion window";

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
    backups: "none",
    disasterRecoveryCopies: false,
    globalSecondary: false,
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
    backups: "daily",
    disasterRecoveryCopies: false,
    globalSecondary: false,
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
    backups: "daily-weekly-monthly",
    disasterRecoveryCopies: true,
    globalSecondary: false,
    githubEnvironment: "production",
    approvalRequired: true,
    pullRequestPlans: false,
    acceptedControlExceptions: [],
  },
} as const satisfies Record<string, EnvironmentSettings>;

export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** Whether an environment's row makes a disaster-recovery stack `<env>-dr`: copies of its recovery points, or a global secondary's key. */
export function hasDisasterRecoveryStack(settings: Pick<EnvironmentSettings, "disasterRecoveryCopies" | "globalSecondary">): boolean {
  return settings.disasterRecoveryCopies || settings.globalSecondary;
}

/**
 * Whether an environment's backup plan notifies its database's alarm topic: with alarms and
 * backups. The database then opts its topic in to AWS Backup (`alarms.backupNotifications`), as
 * does the key stack's key, which encrypts that topic; the plan sends the vault's events there
 * (BACKUP_JOB_COMPLETED, whose State tells a failed job, and COPY_JOB_FAILED).
 */
export function notifiesBackupsToAlarmTopic(settings: Pick<EnvironmentSettings, "alarms" | "backups">): boolean {
  return settings.alarms && settings.backups !== "none";
}

/** The settings of a row that the rules below weigh against each other. */
type RuleSettings = Pick<EnvironmentSettings, "encryptionKey" | "credentials" | "backups" | "disasterRecoveryCopies" | "globalSecondary">;

/**
 * What a settings table asks for that the app cannot build, one problem per setting, each named
 * `<env>.<setting>`: backups without the long-lived key stack that keeps their vault, copies
 * without backups, a global secondary with credentials other than "generated" (AWS refuses
 * RDS-managed master passwords in a global database), and any of the three in the row whose
 * settings every preview takes (`previewSettings`): a preview has no key or disaster-recovery
 * stack, and is destroyed with its pull request.
 */
export function settingsTableProblems(table: Readonly<Record<string, RuleSettings>>, previewSettings?: string): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const [environment, row] of Object.entries(table)) {
    if (row.backups !== "none" && row.encryptionKey !== "key-stack") {
      problems.push({
        property: `${environment}.backups`,
        received: row.backups,
        allowed: `"none" without a key stack (encryptionKey "${row.encryptionKey}"): the vault of the recovery points lives in the long-lived stack ${environment}-key, which must outlive the database stack; set encryptionKey "key-stack" to keep backups`,
      });
    }
    if (row.disasterRecoveryCopies && row.backups === "none") {
      problems.push({
        property: `${environment}.disasterRecoveryCopies`,
        received: row.disasterRecoveryCopies,
        allowed: 'false without backups (backups "none"): the copies are those of the backup plan\'s recovery points',
      });
    }
    if (row.globalSecondary && row.credentials !== "generated") {
      problems.push({
        property: `${environment}.globalSecondary`,
        received: row.globalSecondary,
        allowed: `false with credentials "${row.credentials}": AWS refuses RDS-managed master passwords in a global database (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations); set credentials "generated" in the same row to turn it on`,
      });
    }
    if (environment === previewSettings) {
      for (const setting of ["backups", "disasterRecoveryCopies", "globalSecondary"] as const) {
        if (row[setting] === "none" || row[setting] === false) continue;
        problems.push({
          property: `${environment}.${setting}`,
          received: row[setting],
          allowed: `${setting === "backups" ? '"none"' : "false"}: every preview takes ${environment}'s settings, and a preview has no key or disaster-recovery stack`,
        });
      }
    }
  }
  return problems;
}

/** Throws a ValidationError naming every problem of settingsTableProblems. */
export function checkSettingsTable(table: Readonly<Record<string, RuleSettings>> = ENVIRONMENTS, previewSettings?: string): void {
  const problems = settingsTableProblems(table, previewSettings);
  if (problems.length > 0) throw new ValidationError("The settings table (stacks/environments.ts)", problems);
}
