import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import type { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { DatabaseCredentials } from "./credentials";
import { endOfStandardSupport, parseEngineVersion } from "./engine-version";
import { LambdaDataApiRole } from "./lambda-role";
import { type ResourceNames, resourceNames } from "./naming";
import { DatabaseNetwork, POSTGRES_PORT } from "./network";
import { type PolicyStatement, dataApiStatements, policyDocument } from "./policy-documents";
import type { AuroraPostgresServerlessProps, ResolvedProps } from "./props";
import { resolveProps, validateProps } from "./validate-props";

/** An existing IAM role to grant access to: an `IamRole`, or anything with its name. */
export interface RoleReference {
  readonly name: string;
}

/**
 * Aurora PostgreSQL Serverless v2 with the RDS Data API: network, credentials secret, cluster,
 * writer (and optional readers) and a least-privilege role for Lambda functions.
 *
 * Props are validated when the construct is created; invalid props throw a
 * `ValidationError` that lists every problem, and nothing is synthesized.
 */
export class AuroraPostgresServerless extends Construct {
  /** The `aws_rds_cluster`. */
  public readonly cluster: RdsCluster;
  /** The instance created first, as writer (`<name>-aurora-instance-1`). */
  public readonly writer: RdsClusterInstance;
  /** Reader instances, `<name>-aurora-instance-2` onwards. */
  public readonly readers: readonly RdsClusterInstance[];
  /** The Secrets Manager secret with the master credentials (username, password, host, port, dbname…). */
  public readonly secret: SecretsmanagerSecret;
  public readonly securityGroup: SecurityGroup;
  public readonly subnetGroup: DbSubnetGroup;
  /** The role for Lambda functions; undefined when `createLambdaRole` is false. */
  public readonly lambdaRole?: IamRole;

  /** Cluster ARN, the Data API's `resourceArn`. */
  public readonly clusterArn: string;
  public readonly clusterIdentifier: string;
  /** Writer endpoint (host name). */
  public readonly endpoint: string;
  /** Load-balanced endpoint over the readers (the writer when there are none). */
  public readonly readerEndpoint: string;
  public readonly port: number;
  /** Secret ARN, the Data API's `secretArn`. */
  public readonly secretArn: string;
  public readonly securityGroupId: string;
  /** Name of the database created in the cluster. */
  public readonly databaseName: string;

  private readonly names: ResourceNames;
  private readonly dataApiStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: AuroraPostgresServerlessProps) {
    super(scope, id);
    const config = resolveProps(props);
    validateProps(props, config, `AuroraPostgresServerless "${this.node.path}"`);
    this.warnAboutEngineSupport(config.engineVersion);

    this.names = resourceNames(config.name);
    const tags = config.tags;

    const network = new DatabaseNetwork(this, "Network", {
      names: this.names,
      vpcId: config.vpcId,
      subnetIds: config.subnetIds,
      allowVpcCidrIngress: config.allowVpcCidrIngress,
      allowedCidrBlocks: config.allowedCidrBlocks,
      allowedSecurityGroupIds: config.allowedSecurityGroupIds,
      egressCidrBlocks: config.egressCidrBlocks,
      tags,
    });
    this.securityGroup = network.securityGroup;
    this.subnetGroup = network.subnetGroup;

    const credentials = new DatabaseCredentials(this, "Credentials", {
      names: this.names,
      passwordLength: config.passwordLength,
      recoveryWindowDays: config.secretRecoveryWindowDays,
      tags,
    });
    this.secret = credentials.secret;

    this.cluster = this.createCluster(config, network, credentials);
    credentials.storeValue(this.cluster, config.masterUsername, config.databaseName);

    const instances = this.createInstances(config);
    this.writer = instances[0]!;
    this.readers = instances.slice(1);

    this.clusterArn = this.cluster.arn;
    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.endpoint = this.cluster.endpoint;
    this.readerEndpoint = this.cluster.readerEndpoint;
    this.port = this.cluster.port;
    this.secretArn = this.secret.arn;
    this.securityGroupId = this.securityGroup.id;
    this.databaseName = this.cluster.databaseName;

    this.dataApiStatements = dataApiStatements(this.clusterArn, this.secretArn);
    if (config.createLambdaRole) {
      this.lambdaRole = new LambdaDataApiRole(this, "LambdaRole", {
        names: this.names,
        dataApiStatements: this.dataApiStatements,
        tags,
      }).role;
    }
  }

  /** ARN of the Lambda role; throws when `createLambdaRole` is false. */
  public get lambdaRoleArn(): string {
    return this.requireLambdaRole().arn;
  }

  /** Name of the Lambda role; throws when `createLambdaRole` is false. */
  public get lambdaRoleName(): string {
    return this.requireLambdaRole().name;
  }

  /**
   * Grants an existing role the same Data API access as the Lambda role: the five rds-data
   * actions on this cluster and `secretsmanager:GetSecretValue` on this secret, as an inline
   * policy named `<name>-aurora-data-api` attached to that role.
   *
   * @param id construct id of the policy, unique within this construct
   * @param role the role to grant to
   */
  public grantDataApiAccess(id: string, role: RoleReference): IamRolePolicy {
    return new IamRolePolicy(this, id, {
      name: this.names.dataApiPolicyName,
      role: role.name,
      policy: policyDocument(this.dataApiStatements),
    });
  }

  private createCluster(config: ResolvedProps, network: DatabaseNetwork, credentials: DatabaseCredentials): RdsCluster {
    return new RdsCluster(this, "Cluster", {
      clusterIdentifier: this.names.clusterIdentifier,
      engine: "aurora-postgresql",
      engineMode: "provisioned",
      engineVersion: config.engineVersion,
      databaseName: config.databaseName,
      masterUsername: config.masterUsername,
      masterPassword: credentials.password.result,
      port: POSTGRES_PORT,
      serverlessv2ScalingConfiguration: {
        minCapacity: config.minCapacity,
        maxCapacity: config.maxCapacity,
        secondsUntilAutoPause: config.secondsUntilAutoPause,
      },
      enableHttpEndpoint: true,
      dbSubnetGroupName: network.subnetGroup.name,
      vpcSecurityGroupIds: [network.securityGroup.id],
      storageEncrypted: config.storageEncrypted,
      backupRetentionPeriod: config.backupRetentionDays,
      preferredBackupWindow: config.preferredBackupWindow,
      preferredMaintenanceWindow: config.preferredMaintenanceWindow,
      copyTagsToSnapshot: config.copyTagsToSnapshot,
      deletionProtection: config.deletionProtection,
      skipFinalSnapshot: config.skipFinalSnapshot,
      finalSnapshotIdentifier: config.skipFinalSnapshot
        ? undefined
        : `${this.names.finalSnapshotPrefix}${credentials.suffix.hex}`,
      applyImmediately: config.applyImmediately,
      tags: { ...config.tags },
    });
  }

  /** The writer first; readers wait for it, so the intended instance becomes the writer. */
  private createInstances(config: ResolvedProps): RdsClusterInstance[] {
    const instance = (instanceNumber: number, promotionTier: number, dependsOn?: RdsClusterInstance[]) =>
      new RdsClusterInstance(this, `Instance${instanceNumber}`, {
        identifier: this.names.instanceIdentifier(instanceNumber),
        clusterIdentifier: this.cluster.id,
        instanceClass: "db.serverless",
        engine: this.cluster.engine,
        engineVersion: this.cluster.engineVersion,
        publiclyAccessible: false,
        performanceInsightsEnabled: false,
        autoMinorVersionUpgrade: true,
        // Tiers 0 and 1 follow the writer's capacity, so a promoted reader is warm.
        promotionTier,
        applyImmediately: config.applyImmediately,
        tags: { ...config.tags },
        dependsOn,
      });
    const writer = instance(1, 0);
    const readerCount = Token.isUnresolved(config.readers) ? 0 : config.readers;
    const readers = Array.from({ length: readerCount }, (_, i) => instance(i + 2, 1, [writer]));
    return [writer, ...readers];
  }

  private requireLambdaRole(): IamRole {
    if (!this.lambdaRole) {
      throw new Error(`AuroraPostgresServerless "${this.node.path}" has no Lambda role: createLambdaRole is false`);
    }
    return this.lambdaRole;
  }

  private warnAboutEngineSupport(engineVersion: string): void {
    const version = Token.isUnresolved(engineVersion) ? undefined : parseEngineVersion(engineVersion);
    const endDate = version && endOfStandardSupport(version.major);
    if (endDate && endDate < new Date().toISOString().slice(0, 10)) {
      Annotations.of(this).addWarning(
        `engineVersion "${engineVersion}": standard support for Aurora PostgreSQL ${version.major} ended on ${endDate}; ` +
          "RDS Extended Support is billed for it. Plan an upgrade to a newer major.",
      );
    }
  }
}
