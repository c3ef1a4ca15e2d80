/** The cluster's and the instances' parameter groups (`clusterParameters`, `instanceParameters`). */
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import type { Construct } from "constructs";
import type { ClusterParameter } from "../props";
import type { ResourceNames } from "./naming";

/**
 * A cluster parameter group for one engine major. Its name is a prefix and it is created
 * before the old one is destroyed: a major upgrade, or any change that replaces the group (its
 * description, its family), switches groups in one apply without a name collision.
 */
export function clusterParameterGroup(
  scope: Construct,
  names: ResourceNames,
  family: string,
  parameters: Readonly<Record<string, string | ClusterParameter>>,
  tags: Readonly<Record<string, string>>,
): RdsClusterParameterGroup {
  const description = `Parameters of ${names.clusterIdentifier} (${family})`;
  return new RdsClusterParameterGroup(
    scope,
    "ParameterGroup",
    parameterGroupConfig(names.parameterGroupNamePrefix(family), family, description, parameters, tags),
  );
}

/**
 * The instances' DB parameter group for one engine major, beside the cluster's and named and
 * replaced as it is: a new group is created, every instance moves to it in place
 * (`db_parameter_group_name` is updated with ModifyDBInstance), then the old one is deleted.
 */
export function instanceParameterGroup(
  scope: Construct,
  names: ResourceNames,
  family: string,
  parameters: Readonly<Record<string, string | ClusterParameter>>,
  tags: Readonly<Record<string, string>>,
): DbParameterGroup {
  const description = `Instance parameters of ${names.clusterIdentifier} (${family})`;
  return new DbParameterGroup(
    scope,
    "InstanceParameterGroup",
    parameterGroupConfig(names.instanceParameterGroupNamePrefix(family), family, description, parameters, tags),
  );
}

/** A parameter group, cluster or instance: named by prefix, and created before the old one is destroyed. */
function parameterGroupConfig(
  namePrefix: string,
  family: string,
  description: string,
  parameters: Readonly<Record<string, string | ClusterParameter>>,
  tags: Readonly<Record<string, string>>,
) {
  return { namePrefix, family, description, parameter: parameterBlocks(parameters), tags: { ...tags }, lifecycle: { createBeforeDestroy: true } };
}

/**
 * Parameters sorted by name, character code by character code (a locale's collation costs a synth
 * some 10 ms to load; the names are validated as ASCII); a plain string applies immediately. The
 * order changes no plan: `parameter` is a set in the provider's schema (its binding wraps a set).
 */
function parameterBlocks(parameters: Readonly<Record<string, string | ClusterParameter>>) {
  return Object.entries(parameters)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, parameter]) =>
      typeof parameter === "string"
        ? { name, value: parameter, applyMethod: "immediate" }
        : { name, value: parameter.value, applyMethod: parameter.applyMethod },
    );
}
