/**
 * Every AWS name the construct derives from its `name` prop, in one place, so the
 * validation of `name` and the resources cannot disagree.
 */

import { backupNames } from "./backup-names";

/** One writer and at most 15 readers (Aurora's replica limit). */
export const MAX_READERS = 15;

/** The suffixes of the derived names; names.ts derives the longest `name` from them. */
export const CLUSTER_SUFFIX = "-aurora-cluster";
export const INSTANCE_SUFFIX = "-aurora-instance-";
export const LAMBDA_ROLE_SUFFIX = "-lambda-aurora-role";
export const MONITORING_ROLE_SUFFIX = "-rds-monitoring-role";

/** Cluster and instance identifiers: 1–63 characters. */
export const MAX_IDENTIFIER_LENGTH = 63;
/** IAM role names: 1–64 characters. */
export const MAX_ROLE_NAME_LENGTH = 64;

/**
 * Tag keys the construct adds to some resources (the security group's `Name`, because its AWS
 * name carries a random suffix). They count towards the 50-tag limit of a resource.
 */
export const ADDED_TAG_KEYS = ["Name"] as const;

/** What a grant gives; part of its policy's name. */
export type GrantKind = "data-api" | "connect" | "pi-read" | "read-parameters" | "proxy-connect";

/** Inline policy names: 1–128 characters. */
export const MAX_POLICY_NAME_LENGTH = 128;

export interface ResourceNames {
  readonly clusterIdentifier: string;
  /** Instance 1 is created as the writer; after a failover any instance may be the writer. */
  readonly instanceIdentifier: (instanceNumber: number) => string;
  readonly subnetGroupName: string;
  /** The security group's `Name` tag: its AWS name is this plus `-` and a random suffix. */
  readonly securityGroupName: string;
  /**
   * Completed by AWS with a random suffix: the group is replaced create-before-destroy, and a
   * group still attached to the cluster cannot be deleted first.
   */
  readonly securityGroupNamePrefix: string;
  /** Completed with a random suffix, so a deleted secret's name never blocks a new one. */
  readonly secretNamePrefix: string;
  /** Completed with a random suffix, unique per cluster lifetime. */
  readonly finalSnapshotPrefix: string;
  readonly lambdaRoleName: string;
  readonly lambdaPolicyName: string;
  /** Inline policies of grants, one name per grant: `<name>-aurora-<grant>-<id>`. */
  readonly grantPolicyName: (grant: GrantKind, id: string) => string;
  readonly monitoringRoleName: string;
  /** Where RDS writes an exported log, `/aws/rds/cluster/<cluster>/<type>`; the group must exist first. */
  readonly logGroupName: (type: string) => string;
  /** Completed by AWS with a random suffix, so a new group can exist beside the old one. */
  readonly parameterGroupNamePrefix: (family: string) => string;
  /** The instances' DB parameter group, beside the cluster's: the same, with `-instance`. */
  readonly instanceParameterGroupNamePrefix: (family: string) => string;
  readonly keyAlias: string;
  /** The RDS Proxy: 1–63 letters, digits and single hyphens, like a cluster identifier. */
  readonly proxyName: string;
  /** The proxy's read-only endpoint, same rules. */
  readonly proxyReadOnlyEndpointName: string;
  readonly proxyRoleName: string;
  readonly proxyPolicyName: string;
  /** The proxy's security group's `Name` tag; its AWS name is a prefix completed by AWS, like the cluster's group. */
  readonly proxySecurityGroupName: string;
  readonly proxySecurityGroupNamePrefix: string;
  /** The SNS topic the alarms publish to, when the construct creates it. */
  readonly alarmTopicName: string;
  /** The alias of the key created for that topic when the database has no customer-managed key. */
  readonly alarmTopicKeyAlias: string;
  /**
   * `<name>-aurora-backup`: the vault of the database's recovery points as an `AuroraBackupPlan`
   * (vault "create") or an `AuroraBackupVault` of the same `name` creates it, whose AWS Backup
   * events the alarm topic admits with `alarms.backupNotifications`.
   */
  readonly backupVaultName: string;
  /** `<name>-aurora-<what>`: every alarm's name. */
  readonly alarmName: (what: string) => string;
  /** The CloudWatch dashboard of the database. */
  readonly dashboardName: string;
  /** The Aurora global database created from this cluster (`globalCluster`), unless another identifier is given. */
  readonly globalClusterIdentifier: string;
}

export function resourceNames(name: string): ResourceNames {
  const clusterIdentifier = `${name}${CLUSTER_SUFFIX}`;
  return {
    clusterIdentifier,
    instanceIdentifier: (instanceNumber) => `${name}${INSTANCE_SUFFIX}${instanceNumber}`,
    subnetGroupName: `${name}-aurora-subnet-group`,
    securityGroupName: `${name}-aurora-sg`,
    securityGroupNamePrefix: `${name}-aurora-sg-`,
    secretNamePrefix: `${name}-aurora-credentials-`,
    finalSnapshotPrefix: `${clusterIdentifier}-final-`,
    lambdaRoleName: `${name}${LAMBDA_ROLE_SUFFIX}`,
    lambdaPolicyName: `${name}-lambda-aurora-policy`,
    grantPolicyName: (grant, id) => `${name}-aurora-${grant}-${id}`,
    monitoringRoleName: `${name}${MONITORING_ROLE_SUFFIX}`,
    logGroupName: (type) => `/aws/rds/cluster/${clusterIdentifier}/${type}`,
    parameterGroupNamePrefix: (family) => `${name}-${family}-`,
    instanceParameterGroupNamePrefix: (family) => `${name}-${family}-instance-`,
    keyAlias: `alias/${name}-aurora`,
    proxyName: `${name}-aurora-proxy`,
    proxyReadOnlyEndpointName: `${name}-aurora-proxy-ro`,
    proxyRoleName: `${name}-aurora-proxy-role`,
    proxyPolicyName: `${name}-aurora-proxy-policy`,
    proxySecurityGroupName: `${name}-aurora-proxy-sg`,
    proxySecurityGroupNamePrefix: `${name}-aurora-proxy-sg-`,
    alarmTopicName: `${name}-aurora-alarms`,
    alarmTopicKeyAlias: `alias/${name}-aurora-alarms`,
    backupVaultName: backupNames(name).vaultName,
    alarmName: (what) => `${name}-aurora-${what}`,
    dashboardName: `${name}-aurora`,
    globalClusterIdentifier: `${name}-aurora-global`,
  };
}
