/**
 * What Terraform calls on AWS for each resource and data source type the stacks (every
 * environment, its key stack, a preview) and the module's examples synthesize: the read actions
 * of a refresh (the provider's Read function, and a data source's read), and the write actions of
 * its Create, Update and Delete functions. The pipeline's roles are derived from this table: a
 * plan role gets the read actions, an apply role the read and write actions, each on the
 * resources its scope (scopes.ts) names. `random_*` types call no AWS API and have no row.
 *
 * Sources are the AWS provider's resource files at the version the bindings were generated for
 * (@cdktf/provider-aws 21.22.1 = hashicorp/aws 6.25.0). Tags: a resource declared with
 * `@Tags(identifierAttribute=…)` has its tags listed after Read and changed on Update through the
 * service's own tagging API (internal/provider/sdkv2/tags_interceptor.go), which is why those
 * rows carry the service's ListTags/Tag/Untag actions.
 */

const PROVIDER = "https://github.com/hashicorp/terraform-provider-aws/blob/v6.25.0/internal/service";
const TAGS_INTERCEPTOR = "https://github.com/hashicorp/terraform-provider-aws/blob/v6.25.0/internal/provider/sdkv2/tags_interceptor.go";

/**
 * The resources an action is granted on, resolved per scope (statements.ts): names and paths of
 * the scope where the service's ARNs carry them, tags where they carry ids only, `*` where the
 * Service Authorization Reference lists no resource type for the action.
 */
export type Target =
  /** `*`: the action takes no resource (Describe* of EC2, ssm:DescribeParameters, sts, kms:ListAliases). */
  | "any"
  | "rds-cluster"
  | "rds-instance"
  | "rds-subnet-group"
  | "rds-cluster-parameter-group"
  /** The scope's own cluster snapshots: the final snapshot at destroy. */
  | "rds-cluster-snapshot"
  /** Snapshots a scope may restore from: its own and those of the environments it restores from. */
  | "rds-restore-source"
  /** Global clusters: the cluster's Read asks whether the cluster belongs to one (there are none). */
  | "rds-global-cluster"
  /** RDS Proxy, its endpoints and target groups: ids in their ARNs, so the Environment tag. */
  | "rds-proxy"
  /** Creating a proxy or proxy endpoint: only with the scope's Environment tag in the request. */
  | "rds-proxy-create"
  | "log-group"
  /** DescribeLogGroups, whose resource is every log group of the account and region. */
  | "log-groups"
  | "alarm"
  | "dashboard"
  /** SNS topics and their subscriptions (`<topic ARN>:<id>`). */
  | "sns-topic"
  | "ssm-parameter"
  | "iam-role"
  /** IAM writes whose Service Authorization Reference row lists iam:PermissionsBoundary: only with the boundary. */
  | "iam-role-bounded"
  /** AttachRolePolicy: with the boundary, and only the AWS managed policies the module attaches. */
  | "iam-role-attach"
  /** KMS keys: key ARNs carry ids, so reads on the account's keys and writes on the scope's Environment tag. */
  | "kms-key"
  /** CreateKey (and its tags): only with the scope's Environment tag in the request. */
  | "kms-key-create"
  | "kms-alias"
  /** Secrets the module creates (`<name>-aurora-credentials-…`). */
  | "secret-own"
  /** Secrets RDS manages (`rds!cluster-…`): their rotation settings, never their values. */
  | "secret-rds-managed"
  /** Security groups and their rules: ids in their ARNs, so the Environment tag. */
  | "ec2-security-group"
  /** Creating a security group: the VPC it goes in and the group, with the scope's tag in the request. */
  | "ec2-security-group-create"
  /** Rules created with tags by Authorize*, and tags written by a create (ec2:CreateAction). */
  | "ec2-security-group-rule-create"
  | "ec2-create-tags";

export interface Grant {
  readonly actions: readonly string[];
  readonly on: readonly Target[];
}

export interface TypePermissions {
  /** What a refresh calls. */
  readonly read: readonly Grant[];
  /** What Create, Update and Delete call beyond the reads. */
  readonly write: readonly Grant[];
  /** The provider source (and the AWS page where it decides something) of the row. */
  readonly sources: readonly string[];
}

const grant = (on: Target | readonly Target[], ...actions: string[]): Grant => ({ actions, on: typeof on === "string" ? [on] : on });

const RDS_TAGS = ["rds:AddTagsToResource", "rds:RemoveTagsFromResource"];

/** Every aws_* resource type (by its Terraform type) and data source (`data.<type>`) the stacks and examples synthesize. */
export const PERMISSION_TABLE: Readonly<Record<string, TypePermissions>> = {
  aws_cloudwatch_dashboard: {
    read: [grant("dashboard", "cloudwatch:GetDashboard")],
    write: [grant("dashboard", "cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards")],
    sources: [`${PROVIDER}/cloudwatch/dashboard.go`],
  },
  aws_cloudwatch_log_group: {
    read: [grant("log-groups", "logs:DescribeLogGroups"), grant("log-group", "logs:ListTagsForResource")],
    write: [
      grant(
        "log-group",
        "logs:CreateLogGroup",
        "logs:PutRetentionPolicy",
        "logs:DeleteRetentionPolicy",
        "logs:DeleteLogGroup",
        "logs:TagResource",
        "logs:UntagResource",
      ),
    ],
    sources: [`${PROVIDER}/logs/group.go`, TAGS_INTERCEPTOR],
  },
  aws_cloudwatch_metric_alarm: {
    read: [grant("alarm", "cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource")],
    write: [grant("alarm", "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource")],
    sources: [`${PROVIDER}/cloudwatch/metric_alarm.go`, TAGS_INTERCEPTOR],
  },
  aws_db_proxy: {
    read: [grant("rds-proxy", "rds:DescribeDBProxies", "rds:ListTagsForResource")],
    write: [
      grant("rds-proxy-create", "rds:CreateDBProxy", "rds:AddTagsToResource"),
      grant("rds-proxy", "rds:ModifyDBProxy", "rds:DeleteDBProxy", ...RDS_TAGS),
    ],
    sources: [`${PROVIDER}/rds/proxy.go`],
  },
  aws_db_proxy_default_target_group: {
    read: [grant("rds-proxy", "rds:DescribeDBProxyTargetGroups")],
    write: [grant("rds-proxy", "rds:ModifyDBProxyTargetGroup")],
    sources: [`${PROVIDER}/rds/proxy_default_target_group.go`],
  },
  aws_db_proxy_endpoint: {
    read: [grant("rds-proxy", "rds:DescribeDBProxyEndpoints", "rds:ListTagsForResource")],
    write: [
      grant("rds-proxy-create", "rds:CreateDBProxyEndpoint", "rds:AddTagsToResource"),
      grant("rds-proxy", "rds:CreateDBProxyEndpoint", "rds:ModifyDBProxyEndpoint", "rds:DeleteDBProxyEndpoint", ...RDS_TAGS),
    ],
    sources: [`${PROVIDER}/rds/proxy_endpoint.go`],
  },
  aws_db_proxy_target: {
    read: [grant("rds-proxy", "rds:DescribeDBProxyTargets")],
    write: [grant(["rds-proxy", "rds-cluster"], "rds:RegisterDBProxyTargets", "rds:DeregisterDBProxyTargets")],
    sources: [`${PROVIDER}/rds/proxy_target.go`],
  },
  aws_db_subnet_group: {
    read: [grant("rds-subnet-group", "rds:DescribeDBSubnetGroups", "rds:ListTagsForResource")],
    write: [grant("rds-subnet-group", "rds:CreateDBSubnetGroup", "rds:ModifyDBSubnetGroup", "rds:DeleteDBSubnetGroup", ...RDS_TAGS)],
    sources: [`${PROVIDER}/rds/subnet_group.go`],
  },
  aws_iam_role: {
    read: [grant("iam-role", "iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies")],
    write: [
      grant("iam-role-bounded", "iam:CreateRole", "iam:PutRolePermissionsBoundary"),
      grant(
        "iam-role",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:ListInstanceProfilesForRole",
        "iam:DeleteRole",
      ),
    ],
    sources: [`${PROVIDER}/iam/role.go`],
  },
  aws_iam_role_policy: {
    read: [grant("iam-role", "iam:GetRolePolicy")],
    write: [grant("iam-role-bounded", "iam:PutRolePolicy", "iam:DeleteRolePolicy")],
    sources: [`${PROVIDER}/iam/role_policy.go`],
  },
  aws_iam_role_policy_attachment: {
    read: [grant("iam-role", "iam:ListAttachedRolePolicies")],
    write: [grant("iam-role-attach", "iam:AttachRolePolicy"), grant("iam-role-bounded", "iam:DetachRolePolicy")],
    sources: [`${PROVIDER}/iam/role_policy_attachment.go`],
  },
  aws_kms_alias: {
    read: [grant("any", "kms:ListAliases")],
    // An alias names a key: both are resources of CreateAlias, UpdateAlias and DeleteAlias.
    write: [grant(["kms-alias", "kms-key"], "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias")],
    sources: [`${PROVIDER}/kms/alias.go`, "https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html"],
  },
  aws_kms_key: {
    read: [grant("kms-key", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags")],
    write: [
      grant("kms-key-create", "kms:CreateKey", "kms:TagResource"),
      grant(
        "kms-key",
        "kms:PutKeyPolicy",
        "kms:EnableKeyRotation",
        "kms:DisableKeyRotation",
        "kms:UpdateKeyDescription",
        "kms:EnableKey",
        "kms:DisableKey",
        "kms:ScheduleKeyDeletion",
        "kms:TagResource",
        "kms:UntagResource",
      ),
    ],
    sources: [`${PROVIDER}/kms/key.go`, TAGS_INTERCEPTOR],
  },
  aws_rds_cluster: {
    read: [
      grant("rds-cluster", "rds:DescribeDBClusters"),
      // Read asks whether a provisioned cluster belongs to a global cluster (findGlobalClusterByDBClusterARN).
      grant("rds-global-cluster", "rds:DescribeGlobalClusters"),
    ],
    write: [
      // CreateDBCluster names the subnet group and parameter group, which are resources of the call too.
      grant(
        ["rds-cluster", "rds-subnet-group", "rds-cluster-parameter-group"],
        "rds:CreateDBCluster",
        "rds:ModifyDBCluster",
        "rds:RestoreDBClusterFromSnapshot",
        "rds:RestoreDBClusterToPointInTime",
      ),
      grant("rds-restore-source", "rds:RestoreDBClusterFromSnapshot"),
      // enable_http_endpoint on a provisioned (Serverless v2) cluster: EnableHttpEndpoint, not ModifyDBCluster.
      grant("rds-cluster", "rds:EnableHttpEndpoint", "rds:DisableHttpEndpoint", "rds:DeleteDBCluster", ...RDS_TAGS),
      // DeleteDBCluster with a final snapshot creates it, with the cluster's tags when copy_tags_to_snapshot.
      grant("rds-cluster-snapshot", "rds:CreateDBClusterSnapshot", "rds:AddTagsToResource"),
    ],
    sources: [`${PROVIDER}/rds/cluster.go`],
  },
  aws_rds_cluster_instance: {
    // Read reads the instance, then its cluster (whether it is the writer).
    read: [grant("rds-instance", "rds:DescribeDBInstances"), grant("rds-cluster", "rds:DescribeDBClusters")],
    write: [
      grant(["rds-instance", "rds-cluster"], "rds:CreateDBInstance"),
      grant("rds-instance", "rds:ModifyDBInstance", "rds:RebootDBInstance", "rds:DeleteDBInstance", ...RDS_TAGS),
    ],
    sources: [`${PROVIDER}/rds/cluster_instance.go`],
  },
  aws_rds_cluster_parameter_group: {
    read: [grant("rds-cluster-parameter-group", "rds:DescribeDBClusterParameterGroups", "rds:DescribeDBClusterParameters", "rds:ListTagsForResource")],
    write: [
      grant(
        "rds-cluster-parameter-group",
        "rds:CreateDBClusterParameterGroup",
        "rds:ModifyDBClusterParameterGroup",
        "rds:ResetDBClusterParameterGroup",
        "rds:DeleteDBClusterParameterGroup",
        ...RDS_TAGS,
      ),
    ],
    sources: [`${PROVIDER}/rds/cluster_parameter_group.go`, TAGS_INTERCEPTOR],
  },
  aws_secretsmanager_secret: {
    read: [grant("secret-own", "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy")],
    write: [
      grant(
        "secret-own",
        "secretsmanager:CreateSecret",
        "secretsmanager:UpdateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:TagResource",
        "secretsmanager:UntagResource",
      ),
    ],
    sources: [`${PROVIDER}/secretsmanager/secret.go`],
  },
  aws_secretsmanager_secret_rotation: {
    read: [grant(["secret-own", "secret-rds-managed"], "secretsmanager:DescribeSecret")],
    write: [grant(["secret-own", "secret-rds-managed"], "secretsmanager:RotateSecret", "secretsmanager:CancelRotateSecret")],
    sources: [`${PROVIDER}/secretsmanager/secret_rotation.go`],
  },
  aws_secretsmanager_secret_version: {
    // Refresh reads the value: no plan role gets it (statements.ts, SECRET_READING_ACTIONS), so a stack with credentials of its
    // own ("generated", "write-only": the examples) cannot be planned by the pipeline's plan roles.
    read: [grant("secret-own", "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")],
    write: [grant("secret-own", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage")],
    sources: [`${PROVIDER}/secretsmanager/secret_version.go`],
  },
  aws_security_group: {
    read: [grant("any", "ec2:DescribeSecurityGroups")],
    write: [
      grant("ec2-security-group-create", "ec2:CreateSecurityGroup"),
      grant("ec2-create-tags", "ec2:CreateTags"),
      // The provider revokes the default allow-all egress rule AWS adds to a new group; Delete
      // waits for the group's network interfaces to go.
      grant("ec2-security-group", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:CreateTags", "ec2:DeleteTags"),
      grant("any", "ec2:DescribeNetworkInterfaces"),
    ],
    sources: [`${PROVIDER}/ec2/vpc_security_group.go`],
  },
  aws_vpc_security_group_ingress_rule: {
    read: [grant("any", "ec2:DescribeSecurityGroupRules")],
    write: [
      grant(["ec2-security-group", "ec2-security-group-rule-create"], "ec2:AuthorizeSecurityGroupIngress"),
      grant("ec2-security-group", "ec2:RevokeSecurityGroupIngress", "ec2:ModifySecurityGroupRules", "ec2:CreateTags", "ec2:DeleteTags"),
      grant("ec2-create-tags", "ec2:CreateTags"),
    ],
    sources: [`${PROVIDER}/ec2/vpc_security_group_ingress_rule.go`],
  },
  aws_vpc_security_group_egress_rule: {
    read: [grant("any", "ec2:DescribeSecurityGroupRules")],
    write: [
      grant(["ec2-security-group", "ec2-security-group-rule-create"], "ec2:AuthorizeSecurityGroupEgress"),
      grant("ec2-security-group", "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:CreateTags", "ec2:DeleteTags"),
      grant("ec2-create-tags", "ec2:CreateTags"),
    ],
    sources: [`${PROVIDER}/ec2/vpc_security_group_egress_rule.go`],
  },
  aws_sns_topic: {
    read: [grant("sns-topic", "sns:GetTopicAttributes", "sns:ListTagsForResource")],
    write: [grant("sns-topic", "sns:CreateTopic", "sns:SetTopicAttributes", "sns:DeleteTopic", "sns:TagResource", "sns:UntagResource")],
    sources: [`${PROVIDER}/sns/topic.go`, TAGS_INTERCEPTOR],
  },
  aws_sns_topic_subscription: {
    read: [grant("sns-topic", "sns:GetSubscriptionAttributes")],
    write: [grant("sns-topic", "sns:Subscribe", "sns:Unsubscribe", "sns:SetSubscriptionAttributes")],
    sources: [`${PROVIDER}/sns/topic_subscription.go`],
  },
  aws_ssm_parameter: {
    // GetParameter (WithDecryption) then DescribeParameters; the module's parameters are String,
    // so no kms:Decrypt is needed or granted.
    read: [grant("ssm-parameter", "ssm:GetParameter", "ssm:ListTagsForResource"), grant("any", "ssm:DescribeParameters")],
    write: [grant("ssm-parameter", "ssm:PutParameter", "ssm:DeleteParameter", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource")],
    sources: [`${PROVIDER}/ssm/parameter.go`, TAGS_INTERCEPTOR],
  },
  "data.aws_caller_identity": {
    // STS answers GetCallerIdentity without any permission; listed so the table is complete.
    read: [grant("any", "sts:GetCallerIdentity")],
    write: [],
    sources: [`${PROVIDER}/sts/caller_identity_data_source.go`, "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html"],
  },
  "data.aws_kms_key": {
    read: [grant("kms-key", "kms:DescribeKey")],
    write: [],
    sources: [`${PROVIDER}/kms/key_data_source.go`],
  },
  "data.aws_partition": {
    // Computed from the provider's region: no call.
    read: [],
    write: [],
    sources: [`${PROVIDER}/meta/partition_data_source.go`],
  },
  "data.aws_region": {
    // Looked up in the provider's endpoint data: no call.
    read: [],
    write: [],
    sources: [`${PROVIDER}/meta/region_data_source.go`],
  },
  "data.aws_subnet": {
    read: [grant("any", "ec2:DescribeSubnets")],
    write: [],
    sources: [`${PROVIDER}/ec2/vpc_subnet_data_source.go`],
  },
  "data.aws_subnets": {
    read: [grant("any", "ec2:DescribeSubnets")],
    write: [],
    sources: [`${PROVIDER}/ec2/vpc_subnets_data_source.go`],
  },
  "data.aws_vpc": {
    // DescribeVpcs, three DescribeVpcAttribute calls and the main route table.
    read: [grant("any", "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeRouteTables")],
    write: [],
    sources: [`${PROVIDER}/ec2/vpc_data_source.go`],
  },
};

/** Every action a row names, read and write. */
export function tableActions(row: TypePermissions, kind: "read" | "write" | "both" = "both"): string[] {
  const grants = kind === "read" ? row.read : kind === "write" ? row.write : [...row.read, ...row.write];
  return [...new Set(grants.flatMap((g) => g.actions))];
}
