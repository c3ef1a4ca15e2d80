import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsKmsKey } from "@cdktf/provider-aws/lib/data-aws-kms-key";
import type { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Id } from "@cdktf/provider-random/lib/id";
import { Fn, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { literalProviderRegion } from "./private/deployment-region";
import { GLOBAL_MEMBERSHIP_ARGUMENTS } from "./private/global-cluster";
import { exportLogGroups } from "./private/log-groups";
import { secondaryNameClaims } from "./private/name-claims";
import { claimNamesOrThrow, namePlace } from "./private/name-registry";
import { resourceNames, type ResourceNames } from "./private/naming";
import { DatabaseNetwork, POSTGRES_PORT, repeatedRuleSources } from "./private/network";
import { assertSupportedAwsProvider } from "./private/provider-support";
import { PROMOTION_TIERS, WRITER_PROMOTION_TIER } from "./private/readers";
import { useProviderBelow } from "./private/regional-provider";
import type { ResolvedSecondaryProps } from "./private/resolved-props";
import { literalRegionOf, validateSecondaryProps } from "./private/validation/global-secondary";
import type { AuroraGlobalSecondaryProps } from "./props";
import { constructSubject, isPlainObject, ValidationError } from "./validation-error";

/** The AWS managed key RDS uses in the secondary's region when no customer-managed key is given. */
const AWS_MANAGED_RDS_KEY_ALIAS = "alias/aws/rds";

/**
 * What a secondary ignores besides its membership: `replication_source_identifier`, which it
 * never sets and which describes the global database's replication, not this configuration.
 */
const SECONDARY_IGNORED_ARGUMENTS = [...GLOBAL_MEMBERSHIP_ARGUMENTS, "replication_source_identifier"] as const;

/**
 * A read-only Aurora PostgreSQL Serverless v2 cluster in another region that joins an Aurora
 * global database (the primary's `globalCluster`): its own subnet group, security group and
 * encryption key of its region, readers or none (headless), and the Data API and IAM
 * authentication ready for the day it is promoted. It has no master user, password or database
 * name of its own: the global database replicates the primary's cluster volume, those included.
 *
 * The cluster reads `globalClusterIdentifier` only when it is created and ignores it afterwards, so
 * a secondary detached and promoted during an outage stays as it is at the next plan. Removing
 * the construct detaches the cluster from the global database (the AWS provider does it before the
 * delete) and deletes it, once `deletionProtection` is off.
 */
export class AuroraGlobalSecondary extends Construct {
  /** The secondary `aws_rds_cluster`. */
  public readonly cluster: RdsCluster;
  /** Its reader instances, `<name>-aurora-instance-1` onwards; none when headless. */
  public readonly readers: readonly RdsClusterInstance[];
  /** The security group of the cluster: TCP 5432 from the allowed sources, no egress. */
  public readonly securityGroup: SecurityGroup;
  /** The DB subnet group in the secondary's region. */
  public readonly subnetGroup: DbSubnetGroup;
  /** The log group of the exported PostgreSQL log, in the secondary's region. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** Cluster ARN: the Data API's `resourceArn` once the secondary is promoted. */
  public readonly clusterArn: string;
  /** The cluster identifier, `<name>-aurora-cluster`. */
  public readonly clusterIdentifier: string;
  /** The cluster's immutable resource id, used in `rds-db:connect` ARNs. */
  public readonly clusterResourceId: string;
  /** Cluster endpoint: it reaches a writer only once the secondary is promoted. */
  public readonly endpoint: string;
  /** Load-balanced endpoint over the readers. */
  public readonly readerEndpoint: string;
  /** The PostgreSQL port, 5432. */
  public readonly port: number;
  /** Id of the cluster's security group, to reference from other rules. */
  public readonly securityGroupId: string;
  /** ARN of the customer-managed key in use, if any. */
  public readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: AuroraGlobalSecondaryProps) {
    // Validated before the construct joins the tree: invalid props leave no trace in the app.
    const subject = constructSubject("AuroraGlobalSecondary", scope, id);
    const provider = isPlainObject(props) && props.provider instanceof TerraformProvider ? props.provider : undefined;
    const region = provider === undefined ? literalProviderRegion(scope) : literalRegionOf(provider);
    const config = validateSecondaryProps(props, subject, { region });
    const repeated = repeatedRuleSources(scope, {
      allowedCidrBlocks: config.allowedCidrBlocks,
      allowedSecurityGroupIds: config.allowedSecurityGroupIds,
    });
    if (repeated.length > 0) throw new ValidationError(subject, repeated);
    claimNamesOrThrow(scope, subject, namePlace(scope, region, provider), secondaryNameClaims(config));
    super(scope, id);

    const names = resourceNames(config.name);
    const tags = config.tags;
    const network = new DatabaseNetwork(this, "Network", {
      names,
      vpcId: config.vpcId,
      subnetIds: config.subnetIds,
      allowVpcCidrIngress: config.allowVpcCidrIngress,
      allowedCidrBlocks: config.allowedCidrBlocks,
      allowedSecurityGroupIds: config.allowedSecurityGroupIds,
      egressCidrBlocks: [],
      tags,
    });
    // A secondary always creates both (it takes no existing ones).
    this.subnetGroup = network.subnetGroup!;
    this.securityGroup = network.securityGroup!;
    assertSupportedAwsProvider(this.subnetGroup);

    const choice = config.encryptionKey;
    this.kmsKeyArn = typeof choice === "object" ? choice.existingKeyArn : undefined;
    // Named even when AWS managed, as on the primary: a change of key is then a planned replacement.
    const keyArn = this.kmsKeyArn ?? new DataAwsKmsKey(this, "AwsManagedRdsKey", { keyId: AWS_MANAGED_RDS_KEY_ALIAS }).arn;

    const logKey = config.logEncryptionKey;
    const logOptions = { retentionDays: config.logRetentionDays, kmsKeyArn: logKey === "database-key" ? this.kmsKeyArn : logKey?.existingKeyArn };
    this.logGroup = config.exportPostgresLogs ? exportLogGroups(this, names, ["postgresql"], logOptions, tags).postgresql : undefined;
    this.cluster = this.secondaryCluster(config, names, network, keyArn);
    this.readers = this.createReaders(config, names, network, keyArn);

    this.clusterArn = this.cluster.arn;
    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.clusterResourceId = this.cluster.clusterResourceId;
    this.endpoint = this.cluster.endpoint;
    this.readerEndpoint = this.cluster.readerEndpoint;
    this.port = this.cluster.port;
    this.securityGroupId = this.securityGroup.id;

    if (provider !== undefined) useProviderBelow(this, provider);
  }

  private secondaryCluster(config: ResolvedSecondaryProps, names: ResourceNames, network: DatabaseNetwork, keyArn: string): RdsCluster {
    const identity = {
      clusterIdentifier: names.clusterIdentifier,
      engine: "aurora-postgresql",
      engineMode: "provisioned",
      dbSubnetGroupName: network.subnetGroupName,
      kmsKeyId: keyArn,
      storageEncrypted: true,
    };
    // A new cluster gets a new final snapshot name: the keepers are the arguments that replace it.
    const lifetime = config.skipFinalSnapshot
      ? undefined
      : new Id(this, "ClusterLifetime", {
          byteLength: 4,
          keepers: Object.fromEntries(Object.entries(identity).map(([key, value]) => [snakeCase(key), String(value)])),
        });
    return new RdsCluster(this, "Cluster", {
      ...identity,
      // No master user, password or database name: the global database replicates the primary's.
      globalClusterIdentifier: config.globalClusterIdentifier,
      engineVersion: config.engineVersion,
      iamDatabaseAuthenticationEnabled: config.iamAuthentication,
      port: POSTGRES_PORT,
      serverlessv2ScalingConfiguration: { minCapacity: config.minCapacity, maxCapacity: config.maxCapacity },
      enableHttpEndpoint: config.dataApi,
      vpcSecurityGroupIds: network.securityGroupIds,
      enabledCloudwatchLogsExports: this.logGroup ? ["postgresql"] : undefined,
      backupRetentionPeriod: config.backupRetentionDays,
      copyTagsToSnapshot: true,
      deletionProtection: config.deletionProtection,
      skipFinalSnapshot: config.skipFinalSnapshot,
      finalSnapshotIdentifier: lifetime ? `${names.finalSnapshotPrefix}${lifetime.hex}` : undefined,
      applyImmediately: config.applyImmediately,
      tags: { ...config.tags },
      dependsOn: this.logGroup ? [this.logGroup] : undefined,
      lifecycle: { ignoreChanges: [...SECONDARY_IGNORED_ARGUMENTS] },
    });
  }

  /**
   * The first reader, in the writer's tier, is the one a promotion makes the writer; the others
   * wait for it and follow its capacity (tier 1), each in the next availability zone.
   */
  private createReaders(config: ResolvedSecondaryProps, names: ResourceNames, network: DatabaseNetwork, keyArn: string): RdsClusterInstance[] {
    const zones = config.readers > 1 ? network.availabilityZones() : undefined;
    const performanceInsights = config.performanceInsights;
    const readers: RdsClusterInstance[] = [];
    for (let index = 0; index < config.readers; index++) {
      readers.push(
        new RdsClusterInstance(this, `Instance${index + 1}`, {
          identifier: names.instanceIdentifier(index + 1),
          clusterIdentifier: this.cluster.id,
          instanceClass: "db.serverless",
          engine: this.cluster.engine,
          engineVersion: this.cluster.engineVersion,
          publiclyAccessible: false,
          autoMinorVersionUpgrade: config.autoMinorVersionUpgrade,
          promotionTier: index === 0 ? WRITER_PROMOTION_TIER : PROMOTION_TIERS.withWriter.default,
          availabilityZone: zones ? Fn.element(zones, index) : undefined,
          performanceInsightsEnabled: performanceInsights,
          performanceInsightsKmsKeyId: performanceInsights ? keyArn : undefined,
          performanceInsightsRetentionPeriod: performanceInsights ? config.performanceInsightsRetentionDays : undefined,
          applyImmediately: config.applyImmediately,
          tags: { ...config.tags },
          dependsOn: index === 0 ? undefined : [readers[0]!],
          // The zone only matters at creation; a change of the subnet list must not replace instances.
          lifecycle: zones ? { ignoreChanges: ["availability_zone"] } : undefined,
        }),
      );
    }
    return readers;
  }
}

/** `dbSubnetGroupName` as Terraform names it, `db_subnet_group_name`. */
function snakeCase(property: string): string {
  return property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
