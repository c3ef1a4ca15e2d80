import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsKmsKey } from "@cdktf/provider-aws/lib/data-aws-kms-key";
import type { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import type { DbProxy } from "@cdktf/provider-aws/lib/db-proxy";
import type { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { RdsCluster, type RdsClusterConfig } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import type { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import type { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import type { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Id } from "@cdktf/provider-random/lib/id";
import { Annotations, Fn, Token } from "cdktf";
import { Construct } from "constructs";
import type { CustomEndpoint, SsmParameterNames } from "./attributes";
import type { ClusterMetricName, DatabaseMetric, InstanceMetricName, MetricOptions } from "./database-metric";
import { AccountContext } from "./private/account-context";
import { recordCreatedAlarmTopic } from "./private/alarm-topic";
import { databaseMonitoring, type NumberedInstance } from "./private/alarms-and-dashboard";
import { managedSecretRotation, SecretCredentials } from "./private/credentials";
import { CustomEndpoints } from "./private/custom-endpoints";
import { literalProviderRegion } from "./private/deployment-region";
import { DATABASE_KEY_IDS, DatabaseKey } from "./private/encryption-key";
import { standardSupportEnded } from "./private/engine-version";
import { globalClusterFrom, withGlobalCluster } from "./private/global-cluster";
import { LambdaDataApiRole } from "./private/lambda-role";
import { logGroupArn } from "./private/log-encryption";
import { exportLogGroups } from "./private/log-groups";
import { auroraMetric, CLUSTER_METRIC_NAMES, INSTANCE_METRIC_NAMES, metricProblems } from "./private/metrics";
import { MonitoringRole } from "./private/monitoring-role";
import { databaseNameClaims } from "./private/name-claims";
import { claimNamesOrThrow, namePlace } from "./private/name-registry";
import { MAX_POLICY_NAME_LENGTH, resourceNames, type GrantKind, type ResourceNames } from "./private/naming";
import { DatabaseNetwork, POSTGRES_PORT, repeatedRuleSources } from "./private/network";
import { clusterParameterGroup, instanceParameterGroup } from "./private/parameter-groups";
import {
  connectStatement,
  dataApiStatements,
  databaseInsightsDescribeStatements,
  performanceInsightsReadStatements,
  policyDocument,
  readParametersStatement,
  type PolicyStatement,
  type RegionalKey,
} from "./private/policy-documents";
import { assertSupportedAwsProvider } from "./private/provider-support";
import { DatabaseProxy } from "./private/proxy";
import { WRITER_PROMOTION_TIER } from "./private/readers";
import { forgetResources } from "./private/removed-blocks";
import { ENCRYPTION_KEY_DEFAULTS, type ResolvedProps } from "./private/resolved-props";
import { databaseNames, lifetimeLifecycle, withRestore } from "./private/restore";
import { S3FeatureAccess } from "./private/s3-roles";
import { DatabaseParameters, parameterArns } from "./private/ssm-parameters";
import { validateProps } from "./private/validation/database";
import { DATABASE_USERNAME_RULE, isDatabaseUsername } from "./private/validation/formats";
import { grantRoleProblems } from "./private/validation/grant-role";
import { exportedLogTypes } from "./private/validation/log-exports";
import { proxyConnectUserProblems, proxyOptions } from "./private/validation/proxy";
import type { S3Feature } from "./private/validation/s3-roles";
import type { AuroraPostgresServerlessProps, CredentialsMode, LogExport, S3FeatureRole } from "./props";
import { constructSubject, ValidationError, type ValidationProblem } from "./validation-error";

/** An existing IAM role to grant access to: an `IamRole`, or anything with its name. */
export interface RoleReference {
  readonly name: string;
}

/** The AWS managed key RDS uses when no customer-managed key is given. */
const AWS_MANAGED_RDS_KEY_ALIAS = "alias/aws/rds";

/**
 * Arguments of `aws_rds_cluster` that force a new cluster (AWS provider 6.x) and that this
 * construct sets. A new cluster gets a new final-snapshot name, so these feed its keepers.
 */
const CLUSTER_REPLACING_ARGUMENTS = {
  clusterIdentifier: "cluster_identifier",
  databaseName: "database_name",
  dbSubnetGroupName: "db_subnet_group_name",
  engine: "engine",
  engineMode: "engine_mode",
  kmsKeyId: "kms_key_id",
  masterUsername: "master_username",
  storageEncrypted: "storage_encrypted",
} as const satisfies Partial<Record<keyof RdsClusterConfig, string>>;

/** Inline policy names allow these characters (IAM); a grant's id becomes part of its name. */
const GRANT_ID_PATTERN = /^[A-Za-z0-9+=,.@_-]+$/;

/** The KMS keys of one database: customer-managed (ours or given), or the AWS managed ones. */
interface DatabaseKeys {
  /** The key created with `encryptionKey: "create"`. */
  readonly createdKey?: KmsKey;
  /** The customer-managed key for storage, the secret and Performance Insights, if any. */
  readonly customerKeyArn?: string;
  /** What encrypts storage and Performance Insights: the customer key, or `aws/rds`. */
  readonly rdsKeyArn: () => string;
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
  /** Reader instances, `<name>-aurora-instance-2` onwards, in the order of `readers`. */
  public readonly readers: readonly RdsClusterInstance[];
  /** The custom endpoints (`customEndpoints`), in the order given: identifier, type, address, ARN, resource and SSM parameter name. */
  public readonly customEndpoints: readonly CustomEndpoint[];
  /** The secret this construct created (`credentials` `"generated"` or `"write-only"`); undefined when RDS manages it. */
  public readonly secret?: SecretsmanagerSecret;
  /**
   * The security group of the cluster: TCP 5432 from the allowed sources, no egress unless asked;
   * undefined with `securityGroupIds`.
   */
  public readonly securityGroup?: SecurityGroup;
  /** The DB subnet group over the VPC's (or the given) subnets; undefined with `subnetGroupName`. */
  public readonly subnetGroup?: DbSubnetGroup;
  /** The cluster's security groups: the one created here, or `securityGroupIds`. */
  public readonly securityGroupIds: readonly string[];
  /** The name of the cluster's DB subnet group: the one created here, or `subnetGroupName`. */
  public readonly subnetGroupName: string;
  /** The role for Lambda functions; undefined when `createLambdaRole` is false. */
  public readonly lambdaRole?: IamRole;
  /** The customer-managed key created with `encryptionKey: "create"`. */
  public readonly key?: KmsKey;
  /** The log group of the exported PostgreSQL log; undefined when `logExports` leaves it out. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** The log group of each exported log (`logExports`), by log type. */
  public readonly logGroups: Readonly<Partial<Record<LogExport, CloudwatchLogGroup>>>;
  /** The cluster parameter group, when `clusterParameters` are given. */
  public readonly parameterGroup?: RdsClusterParameterGroup;
  /** The instances' DB parameter group, when `instanceParameters` are given. */
  public readonly instanceParameterGroup?: DbParameterGroup;
  /** The Enhanced Monitoring role. */
  public readonly monitoringRole?: IamRole;
  /** The role created for `s3Import` (`<name>-rds-s3-import-role`); undefined without it or with an existing role. */
  public readonly s3ImportRole?: IamRole;
  /** The role created for `s3Export` (`<name>-rds-s3-export-role`); undefined without it or with an existing role. */
  public readonly s3ExportRole?: IamRole;
  /** ARN of the role associated for `s3Import`, created or given; undefined without `s3Import`. */
  public readonly s3ImportRoleArn?: string;
  /** ARN of the role associated for `s3Export`, created or given; undefined without `s3Export`. */
  public readonly s3ExportRoleArn?: string;

  /** How the master password is kept: `generated`, `write-only` or `managed`. */
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
  /**
   * Id of the security group the construct created for the cluster, to reference from other
   * rules; undefined with `securityGroupIds` (see `securityGroupIds`).
   */
  public readonly securityGroupId?: string;
  /** Name of the database created in the cluster (with `restore`, the restored cluster's own). */
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
  /** The RDS Proxy (`proxy`); undefined without one. */
  public readonly proxy?: DbProxy;
  /** The proxy's endpoint (host name), which reaches the writer; undefined without a proxy. */
  public readonly proxyEndpoint?: string;
  /** The proxy's read-only endpoint over the readers; undefined without a proxy or without readers. */
  public readonly proxyReadOnlyEndpoint?: string;
  /** Id of the proxy's security group, to admit clients from other rules; undefined without a proxy. */
  public readonly proxySecurityGroupId?: string;
  /** The path of the SSM parameters (`ssmParameters`); undefined when there are none. */
  public readonly parameterPath?: string;
  /** The full name of each SSM parameter, for outputs and function configuration; undefined when there are none. */
  public readonly parameterNames?: SsmParameterNames;
  /** ARN of the SNS topic the alarms publish to (`<name>-aurora-alarms`, or `alarms.topicArn`); undefined without `alarms`. */
  public readonly alarmTopicArn?: string;
  /** Name of the CloudWatch dashboard, `<name>-aurora`; undefined without `dashboard`. */
  public readonly dashboardName?: string;
  /** The Aurora global database made from this cluster (`globalCluster`); undefined without one. */
  public readonly globalCluster?: RdsGlobalCluster;
  /** The global database's identifier, for `AuroraGlobalSecondary`'s `globalClusterIdentifier`; undefined without `globalCluster`. */
  public readonly globalClusterIdentifier?: string;

  private readonly names: ResourceNames;
  private readonly config: ResolvedProps;
  private readonly dataApiStatements: readonly PolicyStatement[];
  /** Reading the SSM parameters; empty when there are none. */
  private readonly parameterStatements: readonly PolicyStatement[];
  private accountContext?: AccountContext;
  private readonly databaseProxy?: DatabaseProxy;
  /** The writer first, then the readers, each with the number it was created with. */
  private readonly numberedInstances: readonly NumberedInstance[];

  constructor(scope: Construct, id: string, props: AuroraPostgresServerlessProps) {
    // Validated before the construct joins the tree: invalid props leave no trace in the app.
    const subject = constructSubject("AuroraPostgresServerless", scope, id);
    const region = literalProviderRegion(scope);
    const config = validateProps(props, subject, { region });
    const repeated = repeatedRuleSources(scope, {
      allowedCidrBlocks: config.allowedCidrBlocks,
      allowedSecurityGroupIds: config.allowedSecurityGroupIds,
      egressCidrBlocks: config.egressCidrBlocks,
      ...(config.proxy && {
        "proxy.allowedCidrBlocks": config.proxy.allowedCidrBlocks ?? [],
        "proxy.allowedSecurityGroupIds": config.proxy.allowedSecurityGroupIds ?? [],
      }),
    });
    if (repeated.length > 0) throw new ValidationError(subject, repeated);
    claimNamesOrThrow(scope, subject, namePlace(scope, region), databaseNameClaims(config));
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
      securityGroupIds: config.securityGroupIds,
      subnetGroupName: config.subnetGroupName,
      tags,
    });
    this.securityGroup = network.securityGroup;
    this.subnetGroup = network.subnetGroup;
    this.securityGroupIds = network.securityGroupIds;
    this.subnetGroupName = network.subnetGroupName;
    // The first AWS resource tells which provider the app's bindings were generated for.
    const firstResource = network.subnetGroup ?? network.securityGroup;
    if (firstResource !== undefined) assertSupportedAwsProvider(firstResource);

    const keys = this.databaseKeys(config);
    this.key = keys.createdKey;
    this.kmsKeyArn = keys.customerKeyArn;

    // The secret keeps its name (and ARN) for its whole life: its suffix has no keepers.
    const credentials =
      config.credentials === "managed"
        ? undefined
        : new SecretCredentials(this, "Credentials", {
            names: this.names,
            suffix: new Id(this, "Suffix", { byteLength: 4 }).hex,
            password: config.credentials === "generated" ? { mode: "generated" } : { mode: "write-only", version: config.passwordVersion },
            passwordLength: config.passwordLength,
            recoveryWindowDays: config.secretRecoveryWindowDays,
            kmsKeyArn: this.kmsKeyArn,
            tags,
          });
    this.secret = credentials?.secret;

    const logOptions = { retentionDays: config.logRetentionDays, logClass: config.logClass, kmsKeyArn: this.logKeyArn(config) };
    this.logGroups = exportLogGroups(this, this.names, exportedLogTypes(config.logExports), logOptions, tags);
    this.logGroup = this.logGroups.postgresql;
    if (config.parameterGroup !== undefined) {
      const { family, parameters } = config.parameterGroup;
      this.parameterGroup = clusterParameterGroup(this, this.names, family, parameters, tags);
    }
    if (config.instanceParameterGroup !== undefined) {
      const { family, parameters } = config.instanceParameterGroup;
      this.instanceParameterGroup = instanceParameterGroup(this, this.names, family, parameters, tags);
    }
    const permissionsBoundary = config.permissionsBoundary;
    const monitoring =
      config.monitoringIntervalSeconds > 0
        ? new MonitoringRole(this, "Monitoring", { names: this.names, context: this.context, permissionsBoundary, tags })
        : undefined;
    this.monitoringRole = monitoring?.role;

    const clusterConfig = withGlobalCluster(withRestore(this.clusterConfig(config, network, credentials, keys), config.restore), config.globalCluster);
    const lifetime = this.clusterLifetime(config, clusterConfig);
    this.cluster = new RdsCluster(this, "Cluster", {
      ...clusterConfig,
      finalSnapshotIdentifier: config.skipFinalSnapshot || !lifetime ? undefined : `${this.names.finalSnapshotPrefix}${lifetime.hex}`,
    });
    if (firstResource === undefined) assertSupportedAwsProvider(this.cluster);
    const names = databaseNames(this.cluster, config, config.restore);
    credentials?.storeValue(this.cluster, names.username, names.databaseName, lifetime);
    if (config.credentials === "managed") managedSecretRotation(this, "CredentialsRotation", this.cluster, config.rotationSchedule);

    const instances = this.createInstances(config, network, keys, monitoring);
    this.writer = instances.writer;
    this.readers = instances.readers;
    this.numberedInstances = instances.numbered;
    const s3Access = (feature: S3Feature, access: S3FeatureRole | undefined) =>
      access === undefined
        ? undefined
        : new S3FeatureAccess(this, feature === "s3Import" ? "S3Import" : "S3Export", {
            feature,
            access,
            name: config.name,
            context: this.context,
            clusterIdentifier: this.names.clusterIdentifier,
            clusterId: this.cluster.id,
            permissionsBoundary,
            tags,
          });
    const s3Import = s3Access("s3Import", config.s3Import);
    const s3Export = s3Access("s3Export", config.s3Export);
    this.s3ImportRole = s3Import?.role;
    this.s3ImportRoleArn = s3Import?.roleArn;
    this.s3ExportRole = s3Export?.role;
    this.s3ExportRoleArn = s3Export?.roleArn;
    this.customEndpoints = new CustomEndpoints(this, "CustomEndpoints", {
      endpoints: config.customEndpoints,
      placement: config.readerPlacement,
      cluster: this.cluster,
      instances: [this.writer, ...this.readers],
      parameterPath: config.ssmParameters,
      clusterName: this.names.clusterIdentifier,
      tags,
    }).endpoints;
    if (config.globalCluster !== undefined) {
      this.globalCluster = globalClusterFrom(this, "GlobalCluster", {
        names: this.names,
        options: config.globalCluster,
        cluster: this.cluster,
        writer: this.writer,
        tags,
      });
      this.globalClusterIdentifier = this.globalCluster.id;
    }

    this.clusterArn = this.cluster.arn;
    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.clusterResourceId = this.cluster.clusterResourceId;
    this.endpoint = this.cluster.endpoint;
    this.readerEndpoint = this.cluster.readerEndpoint;
    this.port = this.cluster.port;
    this.secretArn = credentials ? credentials.secret.arn : this.cluster.masterUserSecret.get(0).secretArn;
    this.securityGroupId = this.securityGroup?.id;
    this.databaseName = config.restore === undefined ? this.cluster.databaseName : names.databaseName;

    if (config.proxy !== undefined) {
      this.databaseProxy = new DatabaseProxy(this, "Proxy", {
        names: this.names,
        context: this.context,
        options: proxyOptions(config.proxy),
        vpcId: network.vpcId,
        subnetIds: network.subnetGroup?.subnetIds ?? network.subnetIds,
        clusterSecurityGroups: { ids: network.securityGroupIds, owned: network.securityGroup !== undefined },
        clusterIdentifier: this.cluster.clusterIdentifier,
        secretArn: this.secretArn,
        secretKey: this.regionalCustomerKey(),
        permissionsBoundary,
        instances: [this.writer, ...this.readers],
        hasReaders: this.readers.length > 0,
        tags,
      });
      this.proxy = this.databaseProxy.proxy;
      this.proxyEndpoint = this.proxy.endpoint;
      this.proxyReadOnlyEndpoint = this.databaseProxy.readOnlyEndpoint?.endpoint;
      this.proxySecurityGroupId = this.databaseProxy.securityGroup.id;
    }

    const parameters =
      config.ssmParameters === undefined
        ? undefined
        : new DatabaseParameters(this, "Parameters", {
            path: config.ssmParameters,
            clusterIdentifier: this.names.clusterIdentifier,
            values: {
              clusterArn: this.clusterArn,
              secretArn: this.secretArn,
              writerEndpoint: this.endpoint,
              readerEndpoint: this.readerEndpoint,
              port: Token.asString(this.port),
              databaseName: this.databaseName,
            },
            tags,
          });
    this.parameterPath = config.ssmParameters;
    this.parameterNames = parameters?.names;
    const endpointParameters = this.customEndpoints.flatMap(({ parameterName }) => (parameterName === undefined ? [] : [parameterName]));
    this.parameterStatements = parameters
      ? [readParametersStatement([...parameterArns(this.context, parameters.names), ...parameterArns(this.context, endpointParameters)])]
      : [];

    this.dataApiStatements = dataApiStatements(this.clusterArn, this.secretArn, this.regionalCustomerKey());
    if (config.createLambdaRole) {
      this.lambdaRole = new LambdaDataApiRole(this, "LambdaRole", {
        names: this.names,
        context: this.context,
        dataApiStatements: this.dataApiStatements,
        parameterStatements: this.parameterStatements,
        functionNamePrefix: config.lambdaFunctionNamePrefix,
        permissionsBoundary,
        tags,
      }).role;
    }

    const observed = databaseMonitoring(this, {
      config,
      names: this.names,
      context: () => this.context,
      instances: this.numberedInstances,
      customerKeyArn: this.kmsKeyArn,
      proxyName: this.databaseProxy ? this.names.proxyName : undefined,
    });
    this.alarmTopicArn = observed.alarms?.topicArn;
    if (observed.alarms?.topic !== undefined) {
      // What AuroraBackupPlan judges its notifications to this topic by.
      recordCreatedAlarmTopic(this, {
        topicArn: observed.alarms.topicArn,
        backupVaultName: config.alarms?.backupNotifications === true ? this.names.backupVaultName : undefined,
      });
    }
    this.dashboardName = observed.dashboard?.dashboardName;
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
   * only. One inline policy named `<name>-aurora-data-api-<id>` on that role.
   *
   * @param id construct id of the policy, unique within this construct; part of the policy's name
   * @param role the role to grant to
   */
  public grantDataApiAccess(id: string, role: RoleReference): IamRolePolicy {
    const problems: ValidationProblem[] = this.config.dataApi
      ? []
      : [{ property: "dataApi", received: false, allowed: "true, so that there is a Data API to grant (enable_http_endpoint)" }];
    return this.grant("data-api", id, role, problems, () => this.dataApiStatements);
  }

  /**
   * Grants an existing role `ssm:GetParameter` and `ssm:GetParameters` on exactly this
   * database's SSM parameters (`ssmParameters`), by their ARNs; not `GetParametersByPath`,
   * which would reach whatever else is stored under the path. One inline policy named
   * `<name>-aurora-read-parameters-<id>` on that role.
   *
   * @param id construct id of the policy, unique within this construct; part of the policy's name
   * @param role the role to grant to
   */
  public grantReadParameters(id: string, role: RoleReference): IamRolePolicy {
    const problems: ValidationProblem[] =
      this.parameterStatements.length > 0
        ? []
        : [{ property: "ssmParameters", received: undefined, allowed: 'a parameter path such as "/orders/prod", so that there are parameters to read' }];
    return this.grant("read-parameters", id, role, problems, () => this.parameterStatements);
  }

  /**
   * Grants an existing role `rds-db:connect` as one database user of this cluster, for IAM
   * database authentication. The user must exist in PostgreSQL with the `rds_iam` role.
   * One inline policy named `<name>-aurora-connect-<id>` on that role.
   *
   * @param id construct id of the policy, unique within this construct; part of the policy's name
   * @param role the role to grant to
   * @param dbUser the PostgreSQL role to log in as
   */
  public grantConnect(id: string, role: RoleReference, dbUser: string): IamRolePolicy {
    const problems = databaseUserProblems(dbUser);
    if (!this.config.iamAuthentication) {
      problems.push({ property: "iamAuthentication", received: false, allowed: "true, so that IAM principals can log in" });
    }
    return this.grant("connect", id, role, problems, () => [connectStatement(this.databaseUserArn(this.clusterResourceId, dbUser))]);
  }

  /**
   * Grants an existing role `rds-db:connect` as one database user through the RDS Proxy (`proxy`
   * with `iamAuthentication: true`): on the proxy's resource id, not the cluster's. The proxy
   * then logs in to the database with the secret it holds for that user, so the user must be the
   * master user or one of `proxy.users`; any other is refused, naming those. While the master user
   * is unknown at synth (the source's with `restore`, or a `masterUsername` reference), another
   * valid name is taken as it; a `dbUser` reference is not judged. One inline policy named
   * `<name>-aurora-proxy-connect-<id>` on that role.
   *
   * @param id construct id of the policy, unique within this construct; part of the policy's name
   * @param role the role to grant to
   * @param dbUser the PostgreSQL role to log in as
   */
  public grantProxyConnect(id: string, role: RoleReference, dbUser: string): IamRolePolicy {
    const problems = databaseUserProblems(dbUser);
    const proxy = this.databaseProxy;
    if (proxy === undefined) {
      problems.push({ property: "proxy", received: undefined, allowed: "proxy options, so that there is a proxy to connect through" });
    } else {
      // A well-formed name is weighed against the users the proxy holds secrets for.
      if (problems.length === 0) problems.push(...proxyConnectUserProblems(dbUser, this.config));
      if (!proxy.iamAuthentication) {
        problems.push({ property: "proxy.iamAuthentication", received: false, allowed: "true, so that the proxy accepts IAM authentication" });
      }
    }
    return this.grant("proxy-connect", id, role, problems, () => [connectStatement(this.databaseUserArn(proxy!.resourceId, dbUser))]);
  }

  /** The `rds-db:connect` resource of one database user on a cluster or proxy resource id. */
  private databaseUserArn(resourceId: string, dbUser: string): string {
    const { partition, region, accountId } = this.context;
    return `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${resourceId}/${dbUser}`;
  }

  /**
   * Grants an existing role read access to Performance Insights of this cluster's instances, as
   * CloudWatch Database Insights reads it: the `pi:` read actions on their metrics, describing
   * this cluster and these instances (`rds:DescribeDBClusters`, `rds:DescribeDBInstances`) and,
   * with a customer-managed key, `kms:Decrypt` and `kms:GenerateDataKey` on it only through RDS,
   * only with Performance Insights' encryption context and only for these instances (without them
   * the sensitive views stay unreadable). Database Insights' actions that take no resource
   * (`cloudwatch:GetMetricData`, `cloudwatch:ListMetrics`, `rds:DescribeEvents`, Logs Insights
   * queries) are left to the role's own policy. One inline policy named
   * `<name>-aurora-pi-read-<id>` on that role.
   *
   * @param id construct id of the policy, unique within this construct; part of the policy's name
   * @param role the role to grant to
   */
  public grantPerformanceInsightsRead(id: string, role: RoleReference): IamRolePolicy {
    const problems: ValidationProblem[] = this.config.performanceInsights
      ? []
      : [{ property: "performanceInsights", received: false, allowed: "true, so that there is something to read" }];
    return this.grant("pi-read", id, role, problems, () => {
      const { partition, region, accountId } = this.context;
      const instances = [this.writer, ...this.readers];
      const resourceIds = instances.map((instance) => instance.dbiResourceId);
      const metricsArns = resourceIds.map((resourceId) => `arn:${partition}:pi:${region}:${accountId}:metrics/rds/${resourceId}`);
      return [
        ...performanceInsightsReadStatements(metricsArns, resourceIds, this.regionalCustomerKey()),
        ...databaseInsightsDescribeStatements(
          this.cluster.arn,
          instances.map((instance) => instance.arn),
        ),
      ];
    });
  }

  /**
   * A CloudWatch metric of the cluster (`DBClusterIdentifier`), as plain data for alarms and
   * dashboard widgets of your own: `ServerlessDatabaseCapacity`, the average capacity of the
   * instances, read as the dashboard graphs it. Spread it into a `CloudwatchMetricAlarm`'s config,
   * or graph it with `widgetMetric`. The dimension is a reference to the cluster's identifier.
   *
   * @param metricName the metric
   * @param options a statistic or period instead of the dashboard's (`Average`, 60 seconds)
   */
  public clusterMetric(metricName: ClusterMetricName, options?: MetricOptions): DatabaseMetric {
    this.refuseMetricProblems("clusterMetric", metricProblems(metricName, CLUSTER_METRIC_NAMES, options));
    return auroraMetric(metricName, "cluster", this.cluster.clusterIdentifier, options);
  }

  /**
   * A CloudWatch metric of one instance (`DBInstanceIdentifier`), as plain data for alarms and
   * dashboard widgets of your own, read with the statistic and period of the construct's alarms.
   * Instance 1 is the writer (`<name>-aurora-instance-1`), 2 onwards the readers in the order of
   * `readers`, as the alarms number them. The dimension is a reference to that instance's
   * identifier.
   *
   * @param metricName the metric
   * @param instanceNumber 1 for the writer, 2 onwards for the readers
   * @param options a statistic or period instead of the alarms' (60 seconds)
   */
  public instanceMetric(metricName: InstanceMetricName, instanceNumber: number, options?: MetricOptions): DatabaseMetric {
    const instances = [this.writer, ...this.readers];
    const problems = metricProblems(metricName, INSTANCE_METRIC_NAMES, options);
    if (!Number.isInteger(instanceNumber) || instanceNumber < 1 || instanceNumber > instances.length) {
      const allowed = instances.length === 1 ? "1, the writer: there are no readers" : `1 (the writer) to ${instances.length} (the last reader)`;
      problems.push({ property: "instanceNumber", received: instanceNumber, allowed });
    }
    this.refuseMetricProblems("instanceMetric", problems);
    return auroraMetric(metricName, "instance", instances[instanceNumber - 1]!.identifier, options);
  }

  /**
   * A CloudWatch metric of every instance, the writer first, then the readers: `instanceMetric`
   * of instance 1, 2 and onwards.
   *
   * @param metricName the metric
   * @param options a statistic or period instead of the alarms' (60 seconds)
   */
  public instanceMetrics(metricName: InstanceMetricName, options?: MetricOptions): DatabaseMetric[] {
    this.refuseMetricProblems("instanceMetrics", metricProblems(metricName, INSTANCE_METRIC_NAMES, options));
    return [this.writer, ...this.readers].map((instance) => auroraMetric(metricName, "instance", instance.identifier, options));
  }

  /**
   * The custom endpoint with this identifier (`customEndpoints`): its type, address, ARN, resource
   * and SSM parameter name. Any other identifier is refused, naming those there are.
   *
   * @param identifier the endpoint's identifier, as given in `customEndpoints`
   */
  public customEndpoint(identifier: string): CustomEndpoint {
    const found = this.customEndpoints.find((endpoint) => endpoint.identifier === identifier);
    if (found !== undefined) return found;
    const known = this.customEndpoints.map((endpoint) => JSON.stringify(endpoint.identifier));
    throw new ValidationError(`customEndpoint on "${this.node.path}"`, [
      {
        property: "identifier",
        received: identifier,
        allowed: known.length === 0 ? "nothing: the database has no customEndpoints" : `one of ${known.join(", ")}`,
      },
    ]);
  }

  private refuseMetricProblems(method: string, problems: readonly ValidationProblem[]): void {
    if (problems.length > 0) throw new ValidationError(`${method} on "${this.node.path}"`, problems);
  }

  /**
   * One inline policy on `role`, named after the grant and its id so that several grants on
   * one role never share a name. Every problem with the arguments is reported together.
   */
  private grant(kind: GrantKind, id: string, role: RoleReference, problems: ValidationProblem[], statements: () => readonly PolicyStatement[]): IamRolePolicy {
    const name = typeof id === "string" ? this.names.grantPolicyName(kind, id) : "";
    if (typeof id !== "string" || !GRANT_ID_PATTERN.test(id) || name.length > MAX_POLICY_NAME_LENGTH) {
      problems.push({
        property: "id",
        received: id,
        allowed: `letters, digits and '+=,.@_-', short enough that the policy name "${this.names.grantPolicyName(kind, "<id>")}" stays within ${MAX_POLICY_NAME_LENGTH} characters`,
      });
    } else if (this.node.tryFindChild(id) !== undefined) {
      problems.push({ property: "id", received: id, allowed: "an id no other grant or part of this database uses: one id per grant" });
    }
    problems.push(...grantRoleProblems(role, this));
    if (problems.length > 0) throw new ValidationError(`${grantMethod(kind)} on "${this.node.path}"`, problems);
    return new IamRolePolicy(this, id, { name, role: role.name, policy: policyDocument(statements()) });
  }

  /** Partition, region and account, looked up on first use. */
  private get context(): AccountContext {
    this.accountContext ??= new AccountContext(this, "Account");
    return this.accountContext;
  }

  /** The customer-managed key with the region whose services may use it, if there is one. */
  private regionalCustomerKey(): RegionalKey | undefined {
    return this.kmsKeyArn === undefined ? undefined : { arn: this.kmsKeyArn, region: this.context.region };
  }

  /**
   * The keys the database uses. Storage and Performance Insights always name their key, the
   * AWS managed `aws/rds` one included: a change of key is then a planned replacement, never a
   * cluster left on a key that Terraform destroys. A key this construct created before
   * (`"create"`) is forgotten rather than destroyed once another key is chosen, because the
   * cluster, its snapshots and its backups may still be encrypted with it.
   */
  private databaseKeys(config: ResolvedProps): DatabaseKeys {
    const choice = config.encryptionKey;
    let createdKey: KmsKey | undefined;
    let customerKeyArn: string | undefined;
    if (choice === "create") {
      createdKey = new DatabaseKey(this, "EncryptionKey", {
        names: this.names,
        context: this.context,
        deletionWindowDays: ENCRYPTION_KEY_DEFAULTS.deletionWindowDays,
        tags: config.tags,
        encryptsAlarmTopic: config.alarms !== undefined && config.alarms.topicArn === undefined,
        backupNotifications: config.alarms?.backupNotifications === true,
        // Opt-in: CloudWatch Logs may use the key only for this database's exported log groups.
        logGroups:
          config.logEncryptionKey === "database-key"
            ? { arns: exportedLogTypes(config.logExports).map((type) => logGroupArn(this.context, this.names.logGroupName(type))) }
            : undefined,
      }).key;
      customerKeyArn = createdKey.arn;
    } else {
      if (typeof choice === "object") customerKeyArn = choice.existingKeyArn;
      const placeholder = new Construct(this, "EncryptionKey");
      forgetResources(this, [
        { type: "aws_kms_key", at: new Construct(placeholder, DATABASE_KEY_IDS.key) },
        { type: "aws_kms_alias", at: new Construct(placeholder, DATABASE_KEY_IDS.alias) },
      ]);
    }
    let awsManaged: string | undefined;
    return {
      createdKey,
      customerKeyArn,
      rdsKeyArn: () => customerKeyArn ?? (awsManaged ??= new DataAwsKmsKey(this, "AwsManagedRdsKey", { keyId: AWS_MANAGED_RDS_KEY_ALIAS }).arn),
    };
  }

  /** The key of the exported logs' groups (`logEncryptionKey`): the database's own, or the one given. */
  private logKeyArn(config: ResolvedProps): string | undefined {
    const choice = config.logEncryptionKey;
    return choice === "database-key" ? this.kmsKeyArn : choice?.existingKeyArn;
  }

  private clusterConfig(config: ResolvedProps, network: DatabaseNetwork, credentials: SecretCredentials | undefined, keys: DatabaseKeys): RdsClusterConfig {
    const managed = config.credentials === "managed";
    const exportedLogs = exportedLogTypes(config.logExports);
    return {
      clusterIdentifier: this.names.clusterIdentifier,
      engine: "aurora-postgresql",
      engineMode: "provisioned",
      engineVersion: config.engineVersion,
      engineLifecycleSupport: config.extendedSupport ? "open-source-rds-extended-support" : "open-source-rds-extended-support-disabled",
      allowMajorVersionUpgrade: config.allowMajorVersionUpgrade,
      databaseName: config.databaseName,
      masterUsername: config.masterUsername,
      ...credentials?.clusterArguments(),
      manageMasterUserPassword: managed ? true : undefined,
      masterUserSecretKmsKeyId: managed ? this.kmsKeyArn : undefined,
      iamDatabaseAuthenticationEnabled: config.iamAuthentication,
      port: POSTGRES_PORT,
      serverlessv2ScalingConfiguration: {
        minCapacity: config.minCapacity,
        maxCapacity: config.maxCapacity,
        secondsUntilAutoPause: config.secondsUntilAutoPause,
      },
      enableHttpEndpoint: config.dataApi,
      // Unset (the provider's false) unless asked, so that clusters without it plan as before.
      enableLocalWriteForwarding: config.localWriteForwarding ? true : undefined,
      dbSubnetGroupName: network.subnetGroupName,
      vpcSecurityGroupIds: [...network.securityGroupIds],
      dbClusterParameterGroupName: this.parameterGroup?.name,
      storageEncrypted: config.storageEncrypted,
      kmsKeyId: config.storageEncrypted ? keys.rdsKeyArn() : undefined,
      storageType: config.storageType,
      // The provider sends the cluster's Performance Insights settings with every change of the
      // mode, so the cluster carries the instances' own (Database Insights is set per cluster).
      databaseInsightsMode: config.databaseInsightsMode,
      performanceInsightsEnabled: config.performanceInsights,
      performanceInsightsKmsKeyId: config.performanceInsights ? keys.rdsKeyArn() : undefined,
      performanceInsightsRetentionPeriod: config.performanceInsights ? config.performanceInsightsRetentionDays : undefined,
      enabledCloudwatchLogsExports: exportedLogs.length > 0 ? [...exportedLogs] : undefined,
      backupRetentionPeriod: config.backupRetentionDays,
      preferredBackupWindow: config.preferredBackupWindow,
      preferredMaintenanceWindow: config.preferredMaintenanceWindow,
      copyTagsToSnapshot: config.copyTagsToSnapshot,
      deletionProtection: config.deletionProtection,
      skipFinalSnapshot: config.skipFinalSnapshot,
      // Read by the provider only when it deletes the cluster: an update calls no AWS API.
      deleteAutomatedBackups: config.deleteAutomatedBackups,
      applyImmediately: config.applyImmediately,
      tags: { ...config.tags },
      // RDS would create a missing group itself, without a retention.
      dependsOn: exportedLogs.length > 0 ? exportedLogs.map((type) => this.logGroups[type]!) : undefined,
    };
  }

  /**
   * Random hex that Terraform replaces exactly when it replaces the cluster (its keepers are
   * the cluster's replacing arguments): it names the final snapshot, so a new cluster's final
   * snapshot never collides with the previous one's, and it makes a write-only secret value be
   * written again for a new cluster. Only created when one of the two needs it.
   */
  private clusterLifetime(config: ResolvedProps, clusterConfig: RdsClusterConfig): Id | undefined {
    if (config.skipFinalSnapshot && config.credentials !== "write-only") return undefined;
    const keepers: Record<string, string> = {};
    for (const [property, argument] of Object.entries(CLUSTER_REPLACING_ARGUMENTS)) {
      const value = clusterConfig[property as keyof typeof CLUSTER_REPLACING_ARGUMENTS];
      if (value !== undefined) keepers[argument] = String(value);
    }
    return new Id(this, "ClusterLifetime", { byteLength: 4, keepers, lifecycle: lifetimeLifecycle(config.restore) });
  }

  /**
   * The writer first; readers wait for it, so the intended instance becomes the writer. With
   * readers, instances go round-robin over the subnets' availability zones. With Enhanced
   * Monitoring, every instance waits for the monitoring role's policy: RDS refuses a role
   * without it.
   */
  private createInstances(
    config: ResolvedProps,
    network: DatabaseNetwork,
    keys: DatabaseKeys,
    monitoring: MonitoringRole | undefined,
  ): { writer: RdsClusterInstance; readers: RdsClusterInstance[]; numbered: NumberedInstance[] } {
    // Validation refuses tokens for readers: their number and tiers are known here.
    const placement = config.readerPlacement;
    const zones = placement.length > 0 ? network.availabilityZones() : undefined;
    const performanceInsights = config.performanceInsights;
    const monitoringReady = monitoring ? [monitoring.policyAttachment] : [];
    const numbered: NumberedInstance[] = [];
    const instance = (index: number, promotionTier: number, after: RdsClusterInstance[]) => {
      const dependsOn = [...monitoringReady, ...after];
      const number = index + 1;
      const resource = new RdsClusterInstance(this, `Instance${number}`, {
        identifier: this.names.instanceIdentifier(number),
        clusterIdentifier: this.cluster.id,
        instanceClass: "db.serverless",
        engine: this.cluster.engine,
        engineVersion: this.cluster.engineVersion,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: config.autoMinorVersionUpgrade,
        // Unset, RDS picks the account's default CA; the provider reads the CA back (Computed).
        caCertIdentifier: config.caCertificateIdentifier,
        dbParameterGroupName: this.instanceParameterGroup?.name,
        // Tiers 0 and 1 follow the writer's capacity, so a promoted reader is warm; 2-15 scale on their own.
        promotionTier,
        availabilityZone: zones ? Fn.element(zones, index) : undefined,
        performanceInsightsEnabled: performanceInsights,
        performanceInsightsKmsKeyId: performanceInsights ? keys.rdsKeyArn() : undefined,
        performanceInsightsRetentionPeriod: performanceInsights ? config.performanceInsightsRetentionDays : undefined,
        monitoringInterval: config.monitoringIntervalSeconds,
        monitoringRoleArn: monitoring?.role.arn,
        applyImmediately: config.applyImmediately,
        tags: { ...config.tags },
        dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
        // The zone only matters at creation; a change of the subnet list must not replace instances.
        lifecycle: zones ? { ignoreChanges: ["availability_zone"] } : undefined,
      });
      numbered.push({ number, resource });
      return resource;
    };
    const writer = instance(0, WRITER_PROMOTION_TIER, []);
    const readers = placement.map(({ promotionTier }, i) => instance(i + 1, promotionTier, [writer]));
    return { writer, readers, numbered };
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

/** The public method behind a grant, to name it in errors. */
function grantMethod(kind: GrantKind): string {
  return {
    "data-api": "grantDataApiAccess",
    connect: "grantConnect",
    "pi-read": "grantPerformanceInsightsRead",
    "read-parameters": "grantReadParameters",
    "proxy-connect": "grantProxyConnect",
  }[kind];
}

/** What is wrong with a database user name given to a connect grant, if anything. */
function databaseUserProblems(dbUser: string): ValidationProblem[] {
  if (typeof dbUser === "string" && (Token.isUnresolved(dbUser) || isDatabaseUsername(dbUser))) return [];
  return [{ property: "dbUser", received: dbUser, allowed: DATABASE_USERNAME_RULE }];
}
