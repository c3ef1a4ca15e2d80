import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicy } from "@cdktf/provider-aws/lib/data-aws-iam-policy";
import { DataAwsKmsKey } from "@cdktf/provider-aws/lib/data-aws-kms-key";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { AuroraBackupPlan, AuroraPostgresServerless, PolicyGate, type EncryptionKey, type PolicyException } from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import type { CloudSettings } from "./backend";
import { permissionsBoundaryPolicyName } from "./delivery";
import { variableName, withInputSources, type DeploymentInputs } from "./deployment-inputs";
import type { DisasterRecoveryStack } from "./disaster-recovery-stack";
import {
  BACKUP_RULES,
  databaseResourceName,
  environmentTags,
  notifiesBackupsToAlarmTopic,
  parameterPath,
  PROJECT,
  type EnvironmentSettings,
} from "./environments";
import type { EncryptionKeyStack } from "./key-stack";
import { setupInstructions } from "./setup-instructions";
import { applyStackSettings } from "./stack-settings";

export interface DatabaseStackProps {
  readonly settings: EnvironmentSettings;
  readonly inputs: DeploymentInputs;
  readonly cloud?: CloudSettings;
  /**
   * Value of the Environment tag, and the scope whose permissions boundary the stack's roles carry
   * (`preview` for every preview stack). @default the stack name
   */
  readonly environmentTag?: string;
  /** The environment's key stack, when its settings ask for a customer-managed key; with backups, it keeps their vault. */
  readonly keyStack?: EncryptionKeyStack;
  /**
   * The environment's disaster-recovery stack, when its settings ask for copies of the recovery
   * points or a global secondary: the copies go to its vault, by a name and region known at synth.
   */
  readonly disasterRecoveryStack?: DisasterRecoveryStack;
}

/** The global database an environment's cluster is the primary of (`globalSecondary`), named literally so that its secondary's stack names it too. */
export function globalClusterIdentifier(stackName: string): string {
  return `${databaseResourceName(stackName)}-aurora-global`;
}

/**
 * One output per custom endpoint of the database (`customEndpoints`), `aurora_custom_endpoint_<identifier>`
 * with `_` for `-`: its address, as `aurora_cluster_endpoint` gives the writer's.
 */
export function customEndpointOutputs(scope: Construct, database: AuroraPostgresServerless): TerraformOutput[] {
  return database.customEndpoints.map(
    ({ identifier, type, endpoint }) =>
      new TerraformOutput(scope, `aurora_custom_endpoint_${identifier.replaceAll("-", "_")}`, {
        value: endpoint,
        description: `Custom endpoint ${identifier} (${type}) of the Aurora cluster`,
      }),
  );
}

/** The opt-in control a stack with a backup plan holds: every cluster is in an AWS Backup selection. */
export const BACKUP_PLAN_CONTROL = "CKV2_AWS_8";

/**
 * Accepted on a cluster restored from a snapshot: Terraform cannot see its master user at synth.
 * The runbook restores this project's own snapshots, whose master user is `alexadmin`.
 */
export const RESTORED_MASTER_USER_EXCEPTION: PolicyException = {
  control: "RDS.24",
  resources: ["Database/Cluster"],
  reason: `restored from a snapshot of this project, whose master user is ${PROJECT.masterUsername}; the restored cluster keeps it, unseen at synth`,
};

/**
 * Accepted on a global database's primary (`globalSecondary`), whose credentials are "generated":
 * AWS refuses RDS-managed master passwords in a global database, and the module's generated
 * secret has no rotation function.
 */
export const GLOBAL_DATABASE_SECRET_EXCEPTIONS: readonly PolicyException[] = ["SecretsManager.1", "SecretsManager.4"].map((control) => ({
  control,
  resources: ["Database/Credentials"],
  reason:
    "a global database refuses RDS-managed master passwords, which rotate; the generated password's secret has no rotation function: change it by hand (a new password in the secret and on the cluster) on the team's schedule",
}));

/**
 * One environment's database: providers, backend, the module, the original outputs and the
 * parameter path; with `backups`, its AWS Backup plan (whose vault is the key stack's, whose
 * copies go to the disaster-recovery stack's vault, and whose vault events go to the alarm topic
 * when there is one); with `globalSecondary`, the global database
 * its cluster is the primary of.
 */
export class DatabaseStack extends TerraformStack {
  public readonly database: AuroraPostgresServerless;
  /** The backup plan of the database's cluster (`backups`). */
  public readonly backupPlan?: AuroraBackupPlan;
  /** The opt-in controls the stack's policy gate holds it to: the backup coverage control, with a backup plan. */
  public readonly policyOptIn: readonly string[];
  /** The control exceptions the stack's policy gate accepts: the row's, and those a restore or a global database add. */
  public readonly acceptedExceptions: readonly PolicyException[];

  private readonly partition: string;
  private readonly accountId: string;

  constructor(scope: Construct, stackName: string, props: DatabaseStackProps) {
    super(scope, stackName);
    const { settings, inputs } = props;
    const environment = props.environmentTag ?? stackName;

    applyStackSettings(this, stackName, { region: inputs.region, cloud: props.cloud });
    new RandomProvider(this, "random");
    this.partition = new DataAwsPartition(this, "Partition").partition;
    this.accountId = new DataAwsCallerIdentity(this, "Account").accountId;
    const permissionsBoundary = this.permissionsBoundaryArn(environment);

    // A restored cluster keeps its source's master user: the module refuses one with restore.
    const restore = inputs.restoreSnapshot === undefined ? undefined : { fromSnapshot: inputs.restoreSnapshot };
    this.database = withInputSources(
      inputs,
      () =>
        new AuroraPostgresServerless(this, "Database", {
          name: databaseResourceName(stackName),
          databaseName: PROJECT.databaseName,
          masterUsername: restore === undefined ? PROJECT.masterUsername : undefined,
          minCapacity: inputs.minCapacity ?? settings.minCapacity,
          maxCapacity: inputs.maxCapacity ?? settings.maxCapacity,
          readers: settings.readers,
          backupRetentionDays: settings.backupRetentionDays,
          deletionProtection: settings.deletionProtection,
          skipFinalSnapshot: settings.skipFinalSnapshot,
          applyImmediately: settings.applyImmediately,
          credentials: settings.credentials,
          secretRecoveryWindowDays: settings.secretRecoveryWindowDays,
          encryptionKey: this.encryptionKey(stackName, settings, props.keyStack),
          logRetentionDays: settings.logRetentionDays,
          clusterParameters: PROJECT.clusterParameters,
          ssmParameters: parameterPath(stackName),
          tags: environmentTags(environment),
          restore,
          alarms: settings.alarms
            ? { emailAddresses: inputs.alarmEmail === undefined ? [] : [inputs.alarmEmail], backupNotifications: notifiesBackupsToAlarmTopic(settings) }
            : undefined,
          dashboard: settings.dashboard,
          permissionsBoundary,
          globalCluster: settings.globalSecondary ? { identifier: globalClusterIdentifier(stackName) } : undefined,
        }),
    );
    const db = this.database;
    const ssmParameterPath = parameterPath(stackName);
    if (props.disasterRecoveryStack !== undefined) this.addDependency(props.disasterRecoveryStack);
    this.backupPlan = this.backupPlanOf(stackName, settings, props.keyStack, props.disasterRecoveryStack, permissionsBoundary, environment);
    this.policyOptIn = this.backupPlan === undefined ? [] : [BACKUP_PLAN_CONTROL];
    this.acceptedExceptions = [
      ...settings.acceptedControlExceptions,
      ...(restore === undefined ? [] : [RESTORED_MASTER_USER_EXCEPTION]),
      ...(settings.globalSecondary ? GLOBAL_DATABASE_SECRET_EXCEPTIONS : []),
    ];
    PolicyGate.apply(this, { exceptions: this.acceptedExceptions, optIn: this.policyOptIn });

    new TerraformOutput(this, "aurora_cluster_arn", { value: db.clusterArn, description: "ARN of the Aurora cluster (the Data API's resourceArn)" });
    new TerraformOutput(this, "aurora_cluster_endpoint", { value: db.endpoint, description: "Writer endpoint of the Aurora cluster" });
    new TerraformOutput(this, "aurora_secret_arn", { value: db.secretArn, description: "ARN of the credentials secret (the Data API's secretArn)" });
    new TerraformOutput(this, "database_name", { value: db.databaseName, description: "Name of the database" });
    new TerraformOutput(this, "lambda_role_arn", { value: db.lambdaRoleArn, description: "ARN of the IAM role for Lambda functions using the Data API" });
    new TerraformOutput(this, "data_api_enabled", {
      value: Fn.conditional(db.cluster.enableHttpEndpoint, "Enabled", "Disabled"),
      description: "Whether the RDS Data API is enabled",
    });
    new TerraformOutput(this, "ssm_parameter_path", {
      value: ssmParameterPath,
      description: "SSM Parameter Store path of the connection settings: <path>/cluster-arn, secret-arn, writer-endpoint, reader-endpoint, port, database-name",
    });
    new TerraformOutput(this, "setup_instructions", {
      description: "The .env lines, a Data API test command and the cost of the capacity range",
      value: setupInstructions({
        stackName,
        region: inputs.region,
        clusterIdentifier: db.clusterIdentifier,
        clusterArn: db.clusterArn,
        secretArn: db.secretArn,
        endpoint: db.endpoint,
        lambdaRoleArn: db.lambdaRoleArn,
        databaseName: PROJECT.databaseName,
        ssmParameterPath,
        minCapacity: db.minCapacity,
        maxCapacity: db.maxCapacity,
        secondsUntilAutoPause: db.secondsUntilAutoPause,
        minCapacityVariable: variableName("MIN_CAPACITY", stackName),
        credentials: settings.credentials,
      }),
    });
    if (this.backupPlan !== undefined) {
      new TerraformOutput(this, "backup_vault_name", {
        value: this.backupPlan.vaultName,
        description: "Name of the vault of the backup plan's recovery points, kept by the key stack",
      });
      new TerraformOutput(this, "backup_vault_arn", { value: this.backupPlan.vaultArn, description: "ARN of the vault of the backup plan's recovery points" });
      new TerraformOutput(this, "backup_role_arn", {
        value: this.backupPlan.roleArn,
        description: "ARN of the role AWS Backup assumes: the role of restore jobs (aws backup start-restore-job --iam-role-arn)",
      });
    }
    if (props.disasterRecoveryStack !== undefined) {
      new TerraformOutput(this, "disaster_recovery_region", {
        value: props.disasterRecoveryStack.region,
        description: "The disaster-recovery region: its copies' vault and its global secondary",
      });
    }
    if (this.backupPlan !== undefined && props.disasterRecoveryStack?.backupVault !== undefined) {
      new TerraformOutput(this, "backup_copy_vault_arn", {
        value: this.copyVaultArn(props.disasterRecoveryStack),
        description: "ARN of the vault in the disaster-recovery region every recovery point is copied to",
      });
    }
    if (db.globalCluster !== undefined) {
      new TerraformOutput(this, "global_cluster_identifier", {
        value: db.globalClusterIdentifier,
        description: "The Aurora global database this cluster is the primary of",
      });
    }
    customEndpointOutputs(this, db);
  }

  /**
   * The environment's AWS Backup plan (`backups`): its rules; the vault of the key stack, by name,
   * so that the plan creates no vault and destroying this stack leaves the recovery points; copies
   * to the disaster-recovery stack's vault (`disasterRecoveryCopies`); the role AWS Backup assumes
   * with the scope's permissions boundary, as every role of this stack.
   */
  private backupPlanOf(
    stackName: string,
    settings: EnvironmentSettings,
    keyStack: EncryptionKeyStack | undefined,
    drStack: DisasterRecoveryStack | undefined,
    permissionsBoundary: string,
    environment: string,
  ): AuroraBackupPlan | undefined {
    if (settings.backups === "none") return undefined;
    const vault = keyStack?.backupVault;
    if (vault === undefined) throw new Error(`stack ${stackName}: its settings ask for backups, but no key stack with a backup vault was given`);
    if (settings.disasterRecoveryCopies && drStack?.backupVault === undefined)
      throw new Error(`stack ${stackName}: its settings ask for copies, but no disaster-recovery stack with a vault was given`);
    return new AuroraBackupPlan(this, "Backup", {
      name: databaseResourceName(stackName),
      database: this.database,
      rules: BACKUP_RULES[settings.backups],
      vault: { existingVaultName: vault.vaultName },
      copyToVaultArn: settings.disasterRecoveryCopies ? this.copyVaultArn(drStack!) : undefined,
      // The vault's default events (BACKUP_JOB_COMPLETED, whose State tells a failed job, and COPY_JOB_FAILED) to the alarm subscribers.
      notifications: notifiesBackupsToAlarmTopic(settings) ? { topicArn: this.database.alarmTopicArn! } : undefined,
      permissionsBoundary,
      tags: environmentTags(environment),
    });
  }

  /**
   * The ARN of the disaster-recovery stack's vault, from this account and partition, that stack's
   * region and the vault's name (both known at synth): no other stack's state is read.
   */
  private copyVaultArn(drStack: DisasterRecoveryStack): string {
    return `arn:${this.partition}:backup:${drStack.region}:${this.accountId}:backup-vault:${drStack.backupVault!.vaultName}`;
  }

  /**
   * The permissions boundary of the stack's scope (its environment's, or the previews'), which the
   * bootstrap stack creates, by its name in this account: the scope's apply role may create roles
   * only with it, so every role of this stack carries it. It is looked up first, so that in an
   * account where the bootstrap stack was never applied the plan stops, naming the policy, before
   * anything is created (rather than failing at the first role, after the cluster was started).
   */
  private permissionsBoundaryArn(environment: string): string {
    const arn = `arn:${this.partition}:iam::${this.accountId}:policy/${permissionsBoundaryPolicyName(environment)}`;
    return new DataAwsIamPolicy(this, "PermissionsBoundary", { arn }).arn;
  }

  /**
   * The AWS managed keys, or the key of the environment's key stack, found by its alias so that
   * this stack reads nothing from the key stack's state. The key stack is applied first.
   */
  private encryptionKey(stackName: string, settings: EnvironmentSettings, keyStack: EncryptionKeyStack | undefined): EncryptionKey {
    if (settings.encryptionKey === "aws-managed") return "aws-managed";
    if (keyStack === undefined) throw new Error(`stack ${stackName}: its settings use a key stack, but none was given`);
    this.addDependency(keyStack);
    return { existingKeyArn: new DataAwsKmsKey(this, "EncryptionKey", { keyId: keyStack.key.aliasName }).arn };
  }
}
