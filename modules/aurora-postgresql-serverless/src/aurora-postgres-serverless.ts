import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import type { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import type { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Id } from "@cdktf/provider-random/lib/id";
import { Annotations, Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { GeneratedCredentials } from "./private/credentials";
import { AccountContext, DatabaseKey } from "./private/encryption-key";
import { standardSupportEnded } from "./private/engine-version";
import { LambdaDataApiRole } from "./private/lambda-role";
import { type ResourceNames, resourceNames } from "./private/naming";
import { DatabaseNetwork, POSTGRES_PORT } from "./private/network";
import { MonitoringRole, clusterParameterGroup, postgresLogGroup } from "./private/observability";
import { type PolicyStatement, connectStatement, dataApiStatements, policyDocument } from "./private/policy-documents";
import type { AuroraPostgresServerlessProps, CredentialsMode, ResolvedProps } from "./props";
import { isDatabaseUsername } from "./private/rules";
import { validateProps } from "./private/validate-props";
import { ValidationError } from "./validation-error";

/** An existing IAM role to grant access to: an `IamRole`, or anything with its name. */
export interface RoleReference {
  readonly name: string;
}

/**
 * Aurora PostgreSQL Serverless v2 with the RDS Data API: network, credentials, encryption key,
 * cluster, writer (and optional readers), observability and a least-privilege role for Lambda.
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
  /** The secret this construct created (`credentials: "generated"`); undefined when RDS manages it. */
  public readonly secret?: SecretsmanagerSecret;
  /** The security group of the cluster: TCP 5432 from the allowed sources, no egress unless asked. */
  public readonly securityGroup: SecurityGroup;
  /** The DB subnet group over the VPC's (or the given) subnets. */
  public readonly subnetGroup: DbSubnetGroup;
  /** The role for Lambda functions; undefined when `createLambdaRole` is false. */
  public readonly lambdaRole?: IamRole;
  /** The customer-managed key created with `encryptionKey: "create"`. */
  public readonly key?: KmsKey;
  /** The log group of the exported PostgreSQL log. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** The cluster parameter group, when `clusterParameters` are given. */
  public readonly parameterGroup?: RdsClusterParameterGroup;
  /** The Enhanced Monitoring role. */
  public readonly monitoringRole?: IamRole;

  /** How the master password is kept: `generated` or `managed`. */
  public readonly credentialsMode: CredentialsMode;
  /** Cluster ARN, the Data API's `resourceArn`. */
  public readonly clusterArn: string;
  /** The cluster identifier, `<name>-aurora-cluster`. */
  public readonly clusterIdentifier: string;
  /** The cluster's immutable resource id (`cluster-…`), used in `rds-db:connect` ARNs. */
  public readonly clusterResourceId: string;
  /** Writer endpoint (host name). */
  public readonly endpoint: string;
  /** Load-balanced endpoint over the readers (the writer when there are none). */
  public readonly readerEndpoint: string;
  /** The PostgreSQL port, 5432. */
  public readonly port: number;
  /** ARN of the credentials secret (ours, or the one RDS manages): the Data API's `secretArn`. */
  public readonly secretArn: string;
  /** ARN of the customer-managed key in use, if any. */
  public readonly kmsKeyArn?: string;
  /** Id of the cluster's security group, to reference from other rules. */
  public readonly securityGroupId: string;
  /** Name of the database created in the cluster. */
  public readonly databaseName: string;
  /** Minimum capacity in ACUs, as configured (`minCapacity` or its default); 0 lets the cluster pause. */
  public readonly minCapacity: number;
  /** Maximum capacity in ACUs, as configured (`maxCapacity` or its default). */
  public readonly maxCapacity: number;
  /**
   * Idle seconds before the cluster pauses (`secondsUntilAutoPause` or its default); undefined
   * when the cluster never pauses (`minCapacity` above 0).
   */
  public readonly secondsUntilAutoPause?: number;

  private readonly names: ResourceNames;
  private readonly config: ResolvedProps;
  private readonly dataApiStatements: readonly PolicyStatement[];
  private accountContext?: AccountContext;

  constructor(scope: Construct, id: string, props: AuroraPostgresServerlessProps) {
    // Validated before the construct joins the tree: invalid props leave no trace in the app.
    const config = validateProps(props, `AuroraPostgresServerless "${[scope.node.path, id].filter(Boolean).join("/")}"`);
    super(scope, id);
    this.config = config;
    this.minCapacity = config.minCapacity;
    this.maxCapacity = config.maxCapacity;
    this.secondsUntilAutoPause = config.secondsUntilAutoPause;
    this.warnAboutEndOfStandardSupport(config);

    this.names = resourceNames(config.name);
    this.credentialsMode = config.credentials;
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

    if (config.encryptionKey === "create") {
      this.key = new DatabaseKey(this, "EncryptionKey", { names: this.names, context: this.context, tags }).key;
      this.kmsKeyArn = this.key.arn;
    } else if (typeof config.encryptionKey === "object") {
      this.kmsKeyArn = config.encryptionKey.existingKeyArn;
    }

    // Random hex, new for every cluster lifetime: names the secret and the final snapshot.
    const needsSuffix = config.credentials === "generated" || !config.skipFinalSnapshot;
    const suffix = needsSuffix ? new Id(this, "Suffix", { byteLength: 4 }).hex : undefined;

    const credentials =
      config.credentials === "generated"
        ? new GeneratedCredentials(this, "Credentials", {
            names: this.names,
            suffix: suffix!,
            passwordLength: config.passwordLength,
            recoveryWindowDays: config.secretRecoveryWindowDays,
            kmsKeyArn: this.kmsKeyArn,
            tags,
          })
        : undefined;
    this.secret = credentials?.secret;

    this.logGroup = config.exportPostgresLogs ? postgresLogGroup(this, this.names, config.logRetentionDays, tags) : undefined;
    if (config.parameterGroup !== undefined) {
      const { family, parameters } = config.parameterGroup;
      this.parameterGroup = clusterParameterGroup(this, this.names, family, parameters, tags);
    }
    this.monitoringRole =
      config.monitoringIntervalSeconds > 0 ? new MonitoringRole(this, "Monitoring", this.names, this.context, tags).role : undefined;

    this.cluster = this.createCluster(config, network, credentials, suffix);
    credentials?.storeValue(this.cluster, config.masterUsername, config.databaseName);

    const instances = this.createInstances(config, network);
    this.writer = instances[0]!;
    this.readers = instances.slice(1);

    this.clusterArn = this.cluster.arn;
    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.clusterResourceId = this.cluster.clusterResourceId;
    this.endpoint = this.cluster.endpoint;
    this.readerEndpoint = this.cluster.readerEndpoint;
    this.port = this.cluster.port;
    this.secretArn = credentials ? credentials.secret.arn : this.cluster.masterUserSecret.get(0).secretArn;
    this.securityGroupId = this.securityGroup.id;
    this.databaseName = this.cluster.databaseName;

    const secretKey = this.kmsKeyArn === undefined ? undefined : { arn: this.kmsKeyArn, region: this.context.region };
    this.dataApiStatements = dataApiStatements(this.clusterArn, this.secretArn, secretKey);
    if (config.createLambdaRole) {
      this.lambdaRole = new LambdaDataApiRole(this, "LambdaRole", {
        names: this.names,
        context: this.context,
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
   * actions on this cluster, `secretsmanager:GetSecretValue` on the credentials secret and,
   * with a customer-managed key, `kms:Decrypt` on it through Secrets Manager for that secret
   * only. One inline policy named `<name>-aurora-data-api` on that role.
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

  /**
   * Grants an existing role `rds-db:connect` as one database user of this cluster, for IAM
   * database authentication. The user must exist in PostgreSQL with the `rds_iam` role.
   * One inline policy named `<name>-aurora-connect-<dbUser>` on that role.
   *
   * @param id construct id of the policy, unique within this construct
   * @param role the role to grant to
   * @param dbUser the PostgreSQL role to log in as
   */
  public grantConnect(id: string, role: RoleReference, dbUser: string): IamRolePolicy {
    const problems = [];
    if (!Token.isUnresolved(dbUser) && !isDatabaseUsername(dbUser)) {
      problems.push({
        property: "dbUser",
        received: dbUser,
        allowed: "a PostgreSQL role name: 1 to 63 letters, digits or '_', starting with a letter, not reserved",
      });
    }
    if (!this.config.iamAuthentication) {
      problems.push({ property: "iamAuthentication", received: false, allowed: "true, so that IAM principals can log in" });
    }
    if (problems.length > 0) throw new ValidationError(`grantConnect on "${this.node.path}"`, problems);

    const { partition, region, accountId } = this.context;
    const dbUserArn = `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${this.clusterResourceId}/${dbUser}`;
    return new IamRolePolicy(this, id, {
      name: `${this.names.connectPolicyName}-${dbUser}`,
      role: role.name,
      policy: policyDocument([connectStatement(dbUserArn)]),
    });
  }

  /** Partition, region and account, looked up on first use. */
  private get context(): AccountContext {
    this.accountContext ??= new AccountContext(this, "Account");
    return this.accountContext;
  }

  private createCluster(
    config: ResolvedProps,
    network: DatabaseNetwork,
    credentials: GeneratedCredentials | undefined,
    suffix: string | undefined,
  ): RdsCluster {
    const managed = config.credentials === "managed";
    return new RdsCluster(this, "Cluster", {
      clusterIdentifier: this.names.clusterIdentifier,
      engine: "aurora-postgresql",
      engineMode: "provisioned",
      engineVersion: config.engineVersion,
      engineLifecycleSupport: config.extendedSupport
        ? "open-source-rds-extended-support"
        : "open-source-rds-extended-support-disabled",
      allowMajorVersionUpgrade: config.allowMajorVersionUpgrade,
      databaseName: config.databaseName,
      masterUsername: config.masterUsername,
      masterPassword: credentials?.password.result,
      manageMasterUserPassword: managed ? true : undefined,
      masterUserSecretKmsKeyId: managed ? this.kmsKeyArn : undefined,
      iamDatabaseAuthenticationEnabled: config.iamAuthentication,
      port: POSTGRES_PORT,
      serverlessv2ScalingConfiguration: {
        minCapacity: config.minCapacity,
        maxCapacity: config.maxCapacity,
        secondsUntilAutoPause: config.secondsUntilAutoPause,
      },
      enableHttpEndpoint: true,
      dbSubnetGroupName: network.subnetGroup.name,
      vpcSecurityGroupIds: [network.securityGroup.id],
      dbClusterParameterGroupName: this.parameterGroup?.name,
      storageEncrypted: config.storageEncrypted,
      kmsKeyId: this.kmsKeyArn,
      enabledCloudwatchLogsExports: this.logGroup ? ["postgresql"] : undefined,
      backupRetentionPeriod: config.backupRetentionDays,
      preferredBackupWindow: config.preferredBackupWindow,
      preferredMaintenanceWindow: config.preferredMaintenanceWindow,
      copyTagsToSnapshot: config.copyTagsToSnapshot,
      deletionProtection: config.deletionProtection,
      skipFinalSnapshot: config.skipFinalSnapshot,
      finalSnapshotIdentifier: config.skipFinalSnapshot ? undefined : `${this.names.finalSnapshotPrefix}${suffix}`,
      applyImmediately: config.applyImmediately,
      tags: { ...config.tags },
      dependsOn: this.logGroup ? [this.logGroup] : undefined,
    });
  }

  /**
   * The writer first; readers wait for it, so the intended instance becomes the writer. With
   * readers, instances go round-robin over the subnets' availability zones.
   */
  private createInstances(config: ResolvedProps, network: DatabaseNetwork): RdsClusterInstance[] {
    const readerCount = Token.isUnresolved(config.readers) ? 0 : config.readers;
    const zones = readerCount > 0 ? network.availabilityZones() : undefined;
    const performanceInsights = config.performanceInsights;
    const instance = (index: number, dependsOn?: RdsClusterInstance[]) =>
      new RdsClusterInstance(this, `Instance${index + 1}`, {
        identifier: this.names.instanceIdentifier(index + 1),
        clusterIdentifier: this.cluster.id,
        instanceClass: "db.serverless",
        engine: this.cluster.engine,
        engineVersion: this.cluster.engineVersion,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: config.autoMinorVersionUpgrade,
        // Tiers 0 and 1 follow the writer's capacity, so a promoted reader is warm.
        promotionTier: index === 0 ? 0 : 1,
        availabilityZone: zones ? Fn.element(zones, index) : undefined,
        performanceInsightsEnabled: performanceInsights,
        performanceInsightsKmsKeyId: performanceInsights ? this.kmsKeyArn : undefined,
        performanceInsightsRetentionPeriod: performanceInsights ? config.performanceInsightsRetentionDays : undefined,
        monitoringInterval: config.monitoringIntervalSeconds,
        monitoringRoleArn: this.monitoringRole?.arn,
        applyImmediately: config.applyImmediately,
        tags: { ...config.tags },
        dependsOn,
        // The zone only matters at creation; a change of the subnet list must not replace instances.
        lifecycle: zones ? { ignoreChanges: ["availability_zone"] } : undefined,
      });
    const writer = instance(0);
    const readers = Array.from({ length: readerCount }, (_, i) => instance(i + 1, [writer]));
    return [writer, ...readers];
  }

  private requireLambdaRole(): IamRole {
    if (!this.lambdaRole) {
      throw new Error(`AuroraPostgresServerless "${this.node.path}" has no Lambda role: createLambdaRole is false`);
    }
    return this.lambdaRole;
  }

  /**
   * A major past its end of standard support is a warning, never an error: the date must not
   * decide whether an unchanged stack synthesizes (or can be planned for destroy).
   */
  private warnAboutEndOfStandardSupport(config: ResolvedProps): void {
    const major = config.engine?.major;
    const endDate = major === undefined ? undefined : standardSupportEnded(major);
    if (endDate === undefined) return;
    const ended = `engineVersion "${config.engineVersion}": standard support for Aurora PostgreSQL ${major} ended on ${endDate}`;
    Annotations.of(this).addWarning(
      config.extendedSupport
        ? `${ended}; RDS Extended Support is billed for it. Plan an upgrade to a newer major.`
        : `${ended}. With extendedSupport false, RDS upgrades the cluster to a newer major and refuses to create one on ${major}: ` +
            "upgrade engineVersion to a major in standard support, or set extendedSupport: true to pay for Extended Support.",
    );
  }
}
