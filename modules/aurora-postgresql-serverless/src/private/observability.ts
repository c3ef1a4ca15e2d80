import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { Construct } from "constructs";
import type { AccountContext } from "./account-context";
import type { ResourceNames } from "./naming";
import { serviceTrustPolicy } from "./policy-documents";
import type { ClusterParameter, LogClass, LogExport } from "../props";

/** Construct ids of the exported logs' groups: the PostgreSQL log's keeps its address. */
const LOG_GROUP_IDS: Readonly<Record<LogExport, string>> = {
  postgresql: "PostgresLogGroup",
  "iam-db-auth-error": "IamDbAuthErrorLogGroup",
  instance: "InstanceLogGroup",
};

/**
 * One log group per exported log, named as RDS names it (`/aws/rds/cluster/<cluster>/<type>`)
 * and created before the cluster so that RDS does not create it without a retention. Without a
 * class, CloudWatch Logs' default (STANDARD) applies and none is sent; without a key, CloudWatch
 * Logs' own encryption.
 */
export function exportLogGroups(
  scope: Construct,
  names: ResourceNames,
  types: readonly LogExport[],
  options: { readonly retentionDays: number; readonly logClass?: LogClass; readonly kmsKeyArn?: string },
  tags: Readonly<Record<string, string>>,
): Partial<Record<LogExport, CloudwatchLogGroup>> {
  const groups: Partial<Record<LogExport, CloudwatchLogGroup>> = {};
  for (const type of types) {
    groups[type] = new CloudwatchLogGroup(scope, LOG_GROUP_IDS[type], {
      name: names.logGroupName(type),
      retentionInDays: options.retentionDays,
      logGroupClass: options.logClass,
      kmsKeyId: options.kmsKeyArn,
      tags: { ...tags },
    });
  }
  return groups;
}

export interface MonitoringRoleProps {
  readonly names: ResourceNames;
  readonly context: AccountContext;
  /** The managed policy that bounds the role's permissions, if any. */
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The role Enhanced Monitoring uses to publish OS metrics, with AWS's managed policy for it. */
export class MonitoringRole extends Construct {
  public readonly role: IamRole;
  /** RDS refuses the role until its policy is attached: instances depend on this, not only on the role. */
  public readonly policyAttachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, { names, context, permissionsBoundary, tags }: MonitoringRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "Role", {
      name: names.monitoringRoleName,
      description: `Enhanced Monitoring of ${names.clusterIdentifier}`,
      assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", context.accountId),
      permissionsBoundary,
      tags: { ...tags },
    });
    this.policyAttachment = new IamRolePolicyAttachment(this, "ManagedPolicy", {
      role: this.role.name,
      policyArn: `arn:${context.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
  }
}

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
  return new RdsClusterParameterGroup(scope, "ParameterGroup", parameterGroupConfig(names.parameterGroupNamePrefix(family), family, description, parameters, tags));
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
  return new DbParameterGroup(scope, "InstanceParameterGroup", parameterGroupConfig(names.instanceParameterGroupNamePrefix(family), family, description, parameters, tags));
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

/** Parameters sorted by name; a plain string applies immediately. */
function parameterBlocks(parameters: Readonly<Record<string, string | ClusterParameter>>) {
  return Object.entries(parameters)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, parameter]) =>
      typeof parameter === "string"
        ? { name, value: parameter, applyMethod: "immediate" }
        : { name, value: parameter.value, applyMethod: parameter.applyMethod },
    );
}
