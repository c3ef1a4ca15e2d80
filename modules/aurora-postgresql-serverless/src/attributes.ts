/**
 * The types of what `AuroraPostgresServerless` exposes besides its resources: its custom
 * endpoints and the names of its SSM parameters.
 */
import type { RdsClusterEndpoint } from "@cdktf/provider-aws/lib/rds-cluster-endpoint";
import type { CustomEndpointType } from "./props";

/** One custom endpoint as the construct exposes it. */
export interface CustomEndpoint {
  /** The endpoint's identifier, as given. */
  readonly identifier: string;
  /** `READER` or `ANY`. */
  readonly type: CustomEndpointType;
  /** The endpoint's address (host name): `<identifier>.cluster-custom-<id>.<region>.rds.amazonaws.com`. */
  readonly endpoint: string;
  /** The endpoint's ARN. */
  readonly arn: string;
  /** The `aws_rds_cluster_endpoint`. */
  readonly resource: RdsClusterEndpoint;
  /** The full name of its SSM parameter, `<path>/custom-endpoint-<identifier>`; undefined without `ssmParameters`. */
  readonly parameterName?: string;
}

/**
 * Full names of the database's SSM parameters (`<path>/<leaf>`), for outputs and for the
 * configuration of functions that read them.
 */
export interface SsmParameterNames {
  /** `<path>/cluster-arn`: the cluster's ARN, the Data API's `resourceArn`. */
  readonly clusterArn: string;
  /** `<path>/secret-arn`: the credentials secret's ARN, the Data API's `secretArn` (not its value). */
  readonly secretArn: string;
  /** `<path>/writer-endpoint`: the writer endpoint's host name. */
  readonly writerEndpoint: string;
  /** `<path>/reader-endpoint`: the reader endpoint's host name (the writer when there are no readers). */
  readonly readerEndpoint: string;
  /** `<path>/port`: the PostgreSQL port. */
  readonly port: string;
  /** `<path>/database-name`: the name of the database in the cluster. */
  readonly databaseName: string;
}
