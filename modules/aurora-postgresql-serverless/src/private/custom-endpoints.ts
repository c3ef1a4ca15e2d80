/**
 * Custom endpoints (`customEndpoints`): which instances each one names, and the
 * `aws_rds_cluster_endpoint` resources with their SSM parameters. Their runtime type and rules
 * are in validation/custom-endpoints.ts.
 *
 * Sources: "Custom endpoints for Amazon Aurora" and its considerations
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Endpoints.Custom.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Endpoints.Custom.Considerations.html):
 * at most five custom endpoints per provisioned or Serverless v2 cluster; a name of at most 63
 * characters, unique among the account's clusters in a region; type `READER` (read-only replicas
 * only) or `ANY`; a static list or an exclusion list, never both, and instances added later join
 * only an endpoint with an exclusion list. `CreateDBClusterEndpoint`
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBClusterEndpoint.html).
 * The AWS provider 6.25 (`internal/service/rds/cluster_endpoint.go`) forces a new endpoint when
 * `cluster_endpoint_identifier` or `cluster_identifier` changes, updates the type and the lists in
 * place (`ModifyDBClusterEndpoint`), holds `static_members` and `excluded_members` in conflict, and
 * judges the identifier as it judges cluster identifiers: lowercase letters, digits and hyphens,
 * a letter first, no `--`, no hyphen last.
 */
import type { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterEndpoint } from "@cdktf/provider-aws/lib/rds-cluster-endpoint";
import type { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { CustomEndpoint } from "../attributes";
import type { CustomEndpointOptions, CustomEndpointType, EndpointInstances, ReaderSelector } from "../props";
import type { ReaderPlacement } from "./readers";

/** What `type` is when it is left out: the endpoint this prop exists for is a reader pool. */
export const CUSTOM_ENDPOINT_DEFAULT_TYPE: CustomEndpointType = "READER";

/** The instance created as the writer. */
export const WRITER_NUMBER = 1;

/** The last level of an endpoint's SSM parameter: `<path>/custom-endpoint-<identifier>`. */
export const customEndpointParameterLeaf = (identifier: string) => `custom-endpoint-${identifier}`;

// Which instances an endpoint names.

/** The instances' numbers a selector matches: readers only, numbered 2 onwards. */
export function selected(selector: ReaderSelector, placement: readonly ReaderPlacement[]): number[] {
  return placement.flatMap((reader, i) =>
    (selector.scaleWithWriter === undefined || reader.scaleWithWriter === selector.scaleWithWriter) &&
    (selector.promotionTier === undefined || reader.promotionTier === selector.promotionTier)
      ? [i + 2]
      : [],
  );
}

/** Instance numbers of a list or selector, in order, each once. */
export function instanceNumbers(instances: EndpointInstances, placement: readonly ReaderPlacement[]): number[] {
  return Array.isArray(instances) ? [...new Set(instances as readonly number[])] : selected(instances as ReaderSelector, placement);
}

/** How an endpoint's membership is sent: a static list, an exclusion list, or neither. */
export interface Membership {
  readonly list: "static" | "excluded" | "none";
  /** Instance numbers of the list; empty with `none`. */
  readonly numbers: readonly number[];
}

export function membershipOf(options: CustomEndpointOptions, placement: readonly ReaderPlacement[]): Membership {
  if (options.members !== undefined) return { list: "static", numbers: instanceNumbers(options.members, placement) };
  if (options.excluded !== undefined) return { list: "excluded", numbers: instanceNumbers(options.excluded, placement) };
  return { list: "none", numbers: [] };
}

// Resources.

export interface CustomEndpointsProps {
  readonly endpoints: readonly CustomEndpointOptions[];
  readonly placement: readonly ReaderPlacement[];
  /** The cluster the endpoints belong to. */
  readonly cluster: RdsCluster;
  /** The writer first, then the readers: instance number n is `instances[n - 1]`. */
  readonly instances: readonly RdsClusterInstance[];
  /** The path of the database's SSM parameters, if any. */
  readonly parameterPath?: string;
  /** The cluster's literal identifier, for the parameters' descriptions. */
  readonly clusterName: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One `aws_rds_cluster_endpoint` per endpoint, and with a parameter path its `String` parameter.
 * Each construct id is the endpoint's identifier, never its position, so reordering the list moves
 * nothing. Members are the instances' identifiers as references, so each endpoint waits for them;
 * an endpoint without a list waits for every instance, so that it is created over all of them.
 * A replaced cluster keeps its identifier, which alone would leave the endpoint planned unchanged
 * while RDS deletes it with the old cluster: the cluster's resource id, new with every cluster,
 * replaces the endpoint in the same apply.
 */
export class CustomEndpoints extends Construct {
  public readonly endpoints: readonly CustomEndpoint[];

  constructor(scope: Construct, id: string, props: CustomEndpointsProps) {
    super(scope, id);
    const cluster = props.cluster;
    const clusterLifetime = `${cluster.terraformResourceType}.${TerraformStack.of(cluster).getLogicalId(cluster)}.cluster_resource_id`;
    this.endpoints = props.endpoints.map((options) => {
      const at = new Construct(this, options.identifier);
      const type = options.type ?? CUSTOM_ENDPOINT_DEFAULT_TYPE;
      const { list, numbers } = membershipOf(options, props.placement);
      const identifiers = numbers.map((n) => props.instances[n - 1]!.identifier);
      const resource = new RdsClusterEndpoint(at, "Endpoint", {
        clusterEndpointIdentifier: options.identifier,
        clusterIdentifier: cluster.clusterIdentifier,
        customEndpointType: type,
        staticMembers: list === "static" ? identifiers : undefined,
        excludedMembers: list === "excluded" ? identifiers : undefined,
        tags: { ...props.tags },
        dependsOn: list === "static" ? undefined : [...props.instances],
        lifecycle: { replaceTriggeredBy: [clusterLifetime] },
      });
      const parameterName = props.parameterPath === undefined ? undefined : `${props.parameterPath}/${customEndpointParameterLeaf(options.identifier)}`;
      if (parameterName !== undefined) {
        new SsmParameter(at, "Parameter", {
          name: parameterName,
          type: "String",
          tier: "Standard",
          insecureValue: resource.endpoint,
          description: `Custom endpoint ${options.identifier} (${type}) of ${props.clusterName}`,
          tags: { ...props.tags },
        });
      }
      return { identifier: options.identifier, type, endpoint: resource.endpoint, arn: resource.arn, resource, parameterName };
    });
  }
}
