import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicy } from "@cdktf/provider-aws/lib/data-aws-iam-policy";
import { DataAwsKmsKey } from "@cdktf/provider-aws/lib/data-aws-kms-key";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { AuroraPostgresServerless, type EncryptionKey, PolicyGate, type PolicyException } from "cdktf-aurora-postgresql-serverless";
import type { Construct } from "constructs";
import type { CloudSettings } from "./backend";
import { permissionsBoundaryPolicyName } from "./delivery";
import { type DeploymentInputs, variableName, withInputSources } from "./deployment-inputs";
import { type EnvironmentSettings, PROJECT, databaseResourceName, environmentTags, parameterPath } from "./environments";
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
  /** The environment's key stack, when its settings ask for a customer-managed key. */
  readonly keyStack?: EncryptionKeyStack;
}

/**
 * Accepted on a cluster restored from a snapshot: Terraform cannot see its master user at synth.
 * The runbook restores this project's own snapshots, whose master user is `alexadmin`.
 */
export const RESTORED_MASTER_USER_EXCEPTION: PolicyException = {
  control: "RDS.24",
  resources: ["Database/Cluster"],
  reason: `restored from a snapshot of this project, whose master user is ${PROJECT.masterUsername}; the restored cluster keeps it, unseen at synth`,
};

/** One environment's database: providers, backend, the module, the original outputs and the parameter path. */
export class DatabaseStack extends TerraformStack {
  public readonly database: AuroraPostgresServerless;

  constructor(scope: Construct, stackName: string, props: DatabaseStackProps) {
    super(scope, stackName);
    const { settings, inputs } = props;
    const environment = props.environmentTag ?? stackName;

    applyStackSettings(this, stackName, { region: inputs.region, cloud: props.cloud });
    new RandomProvider(this, "random");

    // A restored cluster keeps its source's master user: the module refuses one with restore.
    const restore = inputs.restoreSnapshot === undefined ? undefined : { fromSnapshot: inputs.restoreSnapshot };
    this.database = withInputSources(inputs, () =>
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
        alarms: settings.alarms ? { emailAddresses: inputs.alarmEmail === undefined ? [] : [inputs.alarmEmail] } : undefined,
        dashboard: settings.dashboard,
        permissionsBoundary: this.permissionsBoundaryArn(environment),
      }),
    );
    const db = this.database;
    const ssmParameterPath = parameterPath(stackName);
    PolicyGate.apply(this, {
      exceptions: restore === undefined ? settings.acceptedControlExceptions : [...settings.acceptedControlExceptions, RESTORED_MASTER_USER_EXCEPTION],
    });

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
  }

  /**
   * The permissions boundary of the stack's scope (its environment's, or the previews'), which the
   * bootstrap stack creates, by its name in this account: the scope's apply role may create roles
   * only with it, so every role of this stack carries it. It is looked up first, so that in an
   * account where the bootstrap stack was never applied the plan stops, naming the policy, before
   * anything is created (rather than failing at the first role, after the cluster was started).
   */
  private permissionsBoundaryArn(environment: string): string {
    const partition = new DataAwsPartition(this, "Partition").partition;
    const account = new DataAwsCallerIdentity(this, "Account").accountId;
    const arn = `arn:${partition}:iam::${account}:policy/${permissionsBoundaryPolicyName(environment)}`;
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
