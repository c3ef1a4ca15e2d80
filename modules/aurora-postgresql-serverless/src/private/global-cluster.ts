/**
 * `globalCluster`: an Aurora global database made from the database's own cluster, which stays
 * the cluster it was. What the AWS provider (6.x) does, read in its source
 * (hashicorp/terraform-provider-aws, internal/service/rds/cluster.go at 3cdebe9581b24f1fb9f059af76f6e2e36d520776
 * and global_cluster.go at 37cdf831937ddf96d69ebe632aff9a29821eb3ce; unchanged in the SDK v2 rewrite):
 *
 * - On `aws_rds_cluster`, `global_cluster_identifier` is not ForceNew, but an update that gives a
 *   running cluster one fails ("Existing RDS Clusters cannot be added to an existing RDS Global
 *   Cluster"), and one that takes it away calls RemoveFromGlobalCluster. Its read sets it from
 *   DescribeGlobalClusters whatever the configuration says.
 * - On `aws_rds_global_cluster`, `source_db_cluster_identifier` is ForceNew and needs
 *   `force_destroy`; an update calls ModifyGlobalCluster with `deletion_protection` alone; a destroy
 *   with `force_destroy` detaches every member (RemoveFromGlobalCluster, the writer last) and
 *   deletes no cluster.
 *
 * So the global cluster is created from the running cluster (CreateGlobalCluster with
 * SourceDBClusterIdentifier) and the cluster never sets `global_cluster_identifier`; it ignores
 * the value its read brings back, which would otherwise plan RemoveFromGlobalCluster on the next
 * apply. The cluster's planned arguments do not change at all.
 */
import type { RdsCluster, RdsClusterConfig } from "@cdktf/provider-aws/lib/rds-cluster";
import type { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import type { Construct } from "constructs";
import type { GlobalClusterOptions } from "../props";
import type { ResourceNames } from "./naming";
import { GLOBAL_CLUSTER_DEFAULTS } from "./resolved-props";

/** What a member cluster ignores: the provider reads it back from AWS, and the configuration never sets it. */
export const GLOBAL_MEMBERSHIP_ARGUMENTS = ["global_cluster_identifier"] as const;

/** The cluster's configuration as a member of a global database: only its lifecycle changes. */
export function withGlobalCluster(config: RdsClusterConfig, options: GlobalClusterOptions | undefined): RdsClusterConfig {
  if (options === undefined) return config;
  const ignored = config.lifecycle?.ignoreChanges;
  if (ignored === "all") return config;
  return { ...config, lifecycle: { ...config.lifecycle, ignoreChanges: [...(ignored ?? []), ...GLOBAL_MEMBERSHIP_ARGUMENTS] } };
}

export interface GlobalClusterProps {
  readonly names: ResourceNames;
  readonly options: GlobalClusterOptions;
  readonly cluster: RdsCluster;
  /** AWS adds a region to a global database whose primary has a writer; the global cluster waits for it. */
  readonly writer: RdsClusterInstance;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The global cluster made from `cluster`. Engine, version, database name and encryption are the
 * source's (CreateGlobalCluster refuses them beside SourceDBClusterIdentifier:
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html).
 */
export function globalClusterFrom(scope: Construct, id: string, props: GlobalClusterProps): RdsGlobalCluster {
  return new RdsGlobalCluster(scope, id, {
    globalClusterIdentifier: props.options.identifier ?? props.names.globalClusterIdentifier,
    sourceDbClusterIdentifier: props.cluster.arn,
    // Required with a source; a destroy then detaches the clusters instead of failing on a global cluster that is not empty.
    forceDestroy: true,
    deletionProtection: props.options.deletionProtection ?? GLOBAL_CLUSTER_DEFAULTS.deletionProtection,
    tags: { ...props.tags },
    dependsOn: [props.writer],
  });
}
