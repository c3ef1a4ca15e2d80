/**
 * The cases of every control's own test (fixtures.test.ts), by control id: each names a fixture
 * beside this file, `<file name>.<fixture>.json` (a minimal Terraform JSON document without
 * construct metadata, so findings name addresses), says what it holds, and lists the messages of
 * the findings the control reports on it, in order; none for a fixture that passes. Every control
 * has a `failing` and a `passing` fixture. To add a case, add a fixture file and an entry here.
 */

export interface FixtureCase {
  /** The fixture's name between the control's file name and `.json`: `failing` reads `rds-7.failing.json`. */
  readonly fixture: string;
  /** What the fixture holds and how the control judges it: the test's name. */
  readonly says: string;
  /** The messages of the control's findings on the fixture, in order. */
  readonly findings: readonly string[];
}

/** The CKV_AWS_166 finding on a vault. */
const vaultNotEncrypted = (address: string, name: string) =>
  `CKV_AWS_166 the vault is not encrypted with a customer-managed key on aws_backup_vault.${address} (${name})`;

/** A cluster without a literal identifier is named by its address alone. */
const notInPlan = (address: string, label?: string) =>
  `CKV2_AWS_8 the cluster is in no AWS Backup plan: no aws_backup_selection names its ARN in resources without tag conditions (tags, wildcards and conditions are not read) on aws_rds_cluster.${address}${label === undefined ? "" : ` (${label})`}`;

/** The RDS.15 finding on a cluster whose identifier is its address's name with dashes. */
const notSpread = (reason: string, cluster: string) =>
  `RDS.15 the cluster is not provably in several availability zones (${reason}) on aws_rds_cluster.${cluster} (${cluster.replaceAll("_", "-")})`;

export const CASES: Readonly<Record<string, readonly FixtureCase[]>> = {
  "Backup.1": [
    {
      fixture: "failing",
      says: "fails an unencrypted cluster a selection names (by reference, by ARN, under a tag condition), or a tag selection may take, and names the selections",
      findings: [
        "Backup.1 recovery points are not encrypted: aws_backup_selection.by_reference, aws_backup_selection.by_arn backs up the cluster, whose storage is not encrypted, and an Aurora cluster's recovery points take its encryption on aws_rds_cluster.unencrypted (unencrypted)",
        // storage_encrypted left out: the provider's default for Serverless v2 is unencrypted.
        "Backup.1 recovery points are not encrypted: aws_backup_selection.by_arn backs up the cluster, whose storage is not encrypted, and an Aurora cluster's recovery points take its encryption on aws_rds_cluster.left_out (left-out)",
        "Backup.1 recovery points are not encrypted: aws_backup_selection.with_condition backs up the cluster, whose storage is not encrypted, and an Aurora cluster's recovery points take its encryption on aws_rds_cluster.conditioned (conditioned)",
        "Backup.1 recovery points may not be encrypted: aws_backup_selection.by_tag may back up the cluster by tag or wildcard, and its storage is not encrypted on aws_rds_cluster.tagged (tagged)",
      ],
    },
    {
      fixture: "passing",
      says: "passes encrypted clusters that are backed up, with any key, and unencrypted ones no selection takes (excluded from a wildcard one)",
      findings: [],
    },
  ],
  CKV_AWS_133: [
    {
      fixture: "failing",
      says: "fails a cluster that keeps backups 3 days, or leaves retention out (the provider's default is 1 day)",
      findings: [
        "CKV_AWS_133 backups are kept for fewer than 7 days on aws_rds_cluster.three_days (three-days)",
        "CKV_AWS_133 backups are kept for fewer than 7 days on aws_rds_cluster.retention_left_out (retention-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes 7 and 35 days",
      findings: [],
    },
  ],
  CKV_AWS_149: [
    {
      fixture: "failing",
      says: "fails our secrets and RDS-managed secrets without a key (the AWS managed key) or with an AWS managed alias, literal or looked up",
      findings: [
        "CKV_AWS_149 the secret uses the AWS managed key on aws_secretsmanager_secret.key_left_out (key-left-out)",
        "CKV_AWS_149 the secret uses the AWS managed key on aws_secretsmanager_secret.aws_managed_lookup (aws-managed-lookup)",
        "CKV_AWS_149 the secret uses the AWS managed key on aws_secretsmanager_secret.aws_managed_lookup_by_id (aws-managed-lookup-by-id)",
        "CKV_AWS_149 the RDS-managed secret uses the AWS managed key on aws_rds_cluster.managed_key_left_out (managed-key-left-out)",
        "CKV_AWS_149 the RDS-managed secret uses the AWS managed key on aws_rds_cluster.managed_aws_alias (managed-aws-alias)",
        "CKV_AWS_149 the RDS-managed secret uses the AWS managed key on aws_rds_cluster.managed_aws_lookup_by_id (managed-aws-lookup-by-id)",
      ],
    },
    {
      fixture: "passing",
      says: "passes customer-managed keys, created or looked up, and ignores clusters that keep their own password",
      findings: [],
    },
  ],
  CKV_AWS_166: [
    {
      fixture: "failing",
      says: "fails a vault without a key (AWS Backup's AWS managed key), with an empty one, and with aws/backup looked up or written out",
      findings: [
        vaultNotEncrypted("key_left_out", "key-left-out"),
        vaultNotEncrypted("key_empty", "key-empty"),
        vaultNotEncrypted("aws_managed_lookup", "aws-managed-lookup"),
        vaultNotEncrypted("aws_managed_lookup_by_id", "aws-managed-lookup-by-id"),
        vaultNotEncrypted("aws_managed_alias", "aws-managed-alias"),
      ],
    },
    {
      fixture: "passing",
      says: "passes a created key, a customer-managed key looked up by its alias, and a key ARN",
      findings: [],
    },
  ],
  CKV_AWS_17: [
    {
      fixture: "failing",
      says: "fails a publicly accessible instance",
      findings: ["CKV_AWS_17 the instance is publicly accessible on aws_rds_cluster_instance.public (public)"],
    },
    {
      fixture: "passing",
      says: "passes a private instance, and one that leaves it to the provider's default (private)",
      findings: [],
    },
  ],
  CKV_AWS_23: [
    {
      fixture: "failing",
      says: "fails a group without description (the provider writes a placeholder) or with the placeholder, and rules without description, naming a group by its name prefix",
      findings: [
        'CKV_AWS_23 the security group has no description (the provider writes "Managed by Terraform") on aws_security_group.description_left_out (alex-dev-aurora-sg-)',
        'CKV_AWS_23 the security group has no description (the provider writes "Managed by Terraform") on aws_security_group.placeholder (placeholder)',
        "CKV_AWS_23 an ingress rule has no description on aws_vpc_security_group_ingress_rule.undescribed",
        "CKV_AWS_23 an ingress rule has no description on aws_security_group.inline (inline)",
      ],
    },
    {
      fixture: "passing",
      says: "passes described groups and rules in every form",
      findings: [],
    },
  ],
  CKV_AWS_327: [
    {
      fixture: "failing",
      says: "fails a cluster without a key (the AWS managed key), with an alias/aws/ key, or with a data.aws_kms_key that looks up alias/aws/rds",
      findings: [
        "CKV_AWS_327 storage is not encrypted with a customer-managed key on aws_rds_cluster.key_left_out (key-left-out)",
        "CKV_AWS_327 storage is not encrypted with a customer-managed key on aws_rds_cluster.aws_managed_alias (aws-managed-alias)",
        "CKV_AWS_327 storage is not encrypted with a customer-managed key on aws_rds_cluster.aws_managed_lookup (aws-managed-lookup)",
        "CKV_AWS_327 storage is not encrypted with a customer-managed key on aws_rds_cluster.aws_managed_lookup_by_id (aws-managed-lookup-by-id)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a key created in the stack, a key ARN, and a looked-up customer-managed alias",
      findings: [],
    },
  ],
  CKV_AWS_353: [
    {
      fixture: "failing",
      says: "fails an instance with Performance Insights off, or left out (the provider's default is off)",
      findings: [
        "CKV_AWS_353 Performance Insights is off on aws_rds_cluster_instance.insights_off (insights-off)",
        "CKV_AWS_353 Performance Insights is off on aws_rds_cluster_instance.insights_left_out (insights-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes an instance with Performance Insights on",
      findings: [],
    },
  ],
  CKV_AWS_354: [
    {
      fixture: "failing",
      says: "fails an instance without a key (the AWS managed key), with an alias/aws/ key, or with a data.aws_kms_key that looks up alias/aws/rds",
      findings: [
        "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.key_left_out (key-left-out)",
        "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.aws_managed_alias (aws-managed-alias)",
        "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.aws_managed_lookup (aws-managed-lookup)",
        "CKV_AWS_354 Performance Insights is not encrypted with a customer-managed key on aws_rds_cluster_instance.aws_managed_lookup_by_id (aws-managed-lookup-by-id)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a key created in the stack and a looked-up customer-managed alias",
      findings: [],
    },
  ],
  CKV_AWS_382: [
    {
      fixture: "failing",
      says: "fails egress to 0.0.0.0/0 or ::/0 in rule resources, legacy rules and inline rules",
      findings: [
        "CKV_AWS_382 egress to anywhere on aws_vpc_security_group_egress_rule.to_anywhere",
        "CKV_AWS_382 egress to anywhere on aws_security_group_rule.legacy_to_anywhere",
        "CKV_AWS_382 egress to anywhere on aws_security_group.inline (inline)",
      ],
    },
    {
      fixture: "passing",
      says: "passes egress to the VPC, whatever the ingress",
      findings: [],
    },
  ],
  CKV2_AWS_8: [
    {
      fixture: "failing",
      says: "fails a cluster no selection names, one named but excluded, one taken only by tag, one named under a tag condition, one named by another ARN or by its id, and one whose identifier is a prefix",
      findings: [
        notInPlan("unselected", "unselected"),
        notInPlan("excluded", "excluded"),
        notInPlan("tagged_only", "tagged-only"),
        notInPlan("conditioned", "conditioned"),
        notInPlan("another_arn", "another-arn"),
        notInPlan("prefixed"),
      ],
    },
    {
      fixture: "passing",
      says: "passes clusters named by reference to their ARN, by written-out ARN (literal or with interpolated partition and account), and by one unconditioned selection beside a conditioned one",
      findings: [],
    },
  ],
  "CloudWatch.15": [
    {
      fixture: "failing",
      says: "fails an alarm without an ALARM action (OK actions alone notify nobody of a breach), and one whose actions are disabled",
      findings: [
        "CloudWatch.15 the alarm has no action for the ALARM state on aws_cloudwatch_metric_alarm.no_actions (no-actions)",
        "CloudWatch.15 the alarm has no action for the ALARM state on aws_cloudwatch_metric_alarm.ok_actions_only (ok-actions-only)",
        "CloudWatch.15 the alarm's actions are disabled on aws_cloudwatch_metric_alarm.actions_disabled (actions-disabled)",
      ],
    },
    {
      fixture: "passing",
      says: "passes alarms with an ALARM action, their actions enabled explicitly or by the provider's default",
      findings: [],
    },
  ],
  "EC2.18": [
    {
      fixture: "failing",
      says: "fails ingress from 0.0.0.0/0 or ::/0 in rule resources, legacy rules and inline rules",
      findings: [
        "EC2.18 ingress from anywhere on aws_vpc_security_group_ingress_rule.open_ipv4",
        "EC2.18 ingress from anywhere on aws_vpc_security_group_ingress_rule.open_ipv6",
        "EC2.18 ingress from anywhere on aws_security_group_rule.legacy_open",
        "EC2.18 ingress from anywhere on aws_security_group.inline (inline)",
      ],
    },
    {
      fixture: "passing",
      says: "passes ingress from the VPC, whatever the egress",
      findings: [],
    },
  ],
  "IAM.21": [
    {
      fixture: "failing",
      says: "fails wildcard Allow statements in policy resources, inline policy blocks and referenced policy documents, unreadable policies, and wildcard AWS managed policies however attached",
      findings: [
        "IAM.21 statement All allows wildcard actions on aws_iam_role_policy.wildcard_action (wildcard-action)",
        "IAM.21 statement Not allows wildcard actions on aws_iam_role_policy.not_action (not-action)",
        "IAM.21 the policy is neither JSON, jsonencode of an object, nor an aws_iam_policy_document, and cannot be verified on aws_iam_role_policy.from_file (from-file)",
        "IAM.21 statement AllOfS3 allows wildcard actions on aws_iam_role_policy.from_document (from-document)",
        "IAM.21 statement AllButOne applies to every resource on aws_iam_role_policy.from_document (from-document)",
        // A document that merges others is only known at plan.
        "IAM.21 the policy is neither JSON, jsonencode of an object, nor an aws_iam_policy_document, and cannot be verified on aws_iam_role_policy.from_merged_document (from-merged-document)",
        "IAM.21 statement Any applies to every resource on aws_iam_policy.every_resource (every-resource)",
        "IAM.21 statement Admin of inline policy everything allows wildcard actions on aws_iam_role.inline (inline)",
        "IAM.21 statement Admin of inline policy everything applies to every resource on aws_iam_role.inline (inline)",
        "IAM.21 the AWS managed policy AmazonS3FullAccess allows wildcard actions on aws_iam_role_policy_attachment.s3_full_access",
        "IAM.21 the AWS managed policy PowerUserAccess allows wildcard actions on aws_iam_policy_attachment.power_user (power-user)",
        "IAM.21 the AWS managed policy AdministratorAccess allows wildcard actions on aws_iam_role.managed_admin (managed-admin)",
        "IAM.21 the AWS managed policy AmazonRDSDataFullAccess allows wildcard actions on aws_iam_role_policy_attachments_exclusive.data_full_access",
      ],
    },
    {
      fixture: "passing",
      says: "passes exact statements in every form, Deny statements with wildcards, and other AWS managed policies whatever the partition expression",
      findings: [],
    },
  ],
  "KMS.4": [
    {
      fixture: "failing",
      says: "fails a key with rotation off, or left out (the provider's default is off)",
      findings: ["KMS.4 key rotation is off on aws_kms_key.rotation_off", "KMS.4 key rotation is off on aws_kms_key.rotation_left_out"],
    },
    {
      fixture: "passing",
      says: "passes a rotating key",
      findings: [],
    },
  ],
  "PROXY.1": [
    {
      fixture: "failing",
      says: "fails a proxy with TLS off, or left out (the provider's default is off)",
      findings: [
        "PROXY.1 clients may connect without TLS on aws_db_proxy.tls_off (tls-off)",
        "PROXY.1 clients may connect without TLS on aws_db_proxy.tls_left_out (tls-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a proxy that requires TLS",
      findings: [],
    },
  ],
  "RDS.12": [
    {
      fixture: "failing",
      says: "fails a cluster with IAM authentication off, or left out (the provider's default is off)",
      findings: [
        "RDS.12 IAM authentication is off on aws_rds_cluster.iam_auth_off (iam-auth-off)",
        "RDS.12 IAM authentication is off on aws_rds_cluster.iam_auth_left_out (iam-auth-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a cluster with IAM authentication on",
      findings: [],
    },
  ],
  "RDS.13": [
    {
      fixture: "failing",
      says: "fails an instance that turns automatic minor version upgrades off",
      findings: ["RDS.13 automatic minor version upgrade is off on aws_rds_cluster_instance.upgrades_off (upgrades-off)"],
    },
    {
      fixture: "passing",
      says: "passes an instance that turns them on, and one that leaves them to the provider's default (true)",
      findings: [],
    },
  ],
  "RDS.15": [
    {
      fixture: "failing",
      says: "fails every cluster whose zones are not provably different, and says why",
      findings: [
        notSpread("it has one instance", "single"),
        // element() wraps modulo the list's length: with two zones, 0, 2 and 4 are one zone.
        notSpread("wrapped-1, wrapped-2, wrapped-3 take elements 0, 2, 4 of one list of zones, no two adjacent, which may wrap into one zone", "wrapped"),
        notSpread("same-zone-1, same-zone-2 are all in us-east-1a", "same_zone"),
        notSpread("no availability zone is set for unplaced-1, unplaced-2", "unplaced"),
        notSpread("two-lists-1, two-lists-2 take zones from different lists, or literal and computed zones, which cannot be compared", "two_lists"),
        notSpread("mixed-1, mixed-2 take zones from different lists, or literal and computed zones, which cannot be compared", "mixed"),
        notSpread("the zones of not-distinct-1, not-distinct-2 are neither literal nor element(list, index) over a distinct list of zones", "not_distinct"),
        notSpread("the zones of computed-1, computed-2 are neither literal nor element(list, index) over a distinct list of zones", "computed"),
      ],
    },
    {
      fixture: "passing",
      says: "passes adjacent elements of one distinct list (0 and 1, or 3 and 4 beside an unplaced instance), and different literal zones",
      findings: [],
    },
  ],
  "RDS.16": [
    {
      fixture: "failing",
      says: "fails a cluster that does not copy tags to snapshots, or leaves it out (the provider's default is false)",
      findings: [
        "RDS.16 tags are not copied to snapshots on aws_rds_cluster.tags_not_copied (tags-not-copied)",
        "RDS.16 tags are not copied to snapshots on aws_rds_cluster.copy_left_out (copy-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a cluster that copies tags to snapshots",
      findings: [],
    },
  ],
  "RDS.24": [
    {
      fixture: "failing",
      says: "fails a default master username, whatever its case, and a cluster without one (it cannot be verified)",
      findings: [
        "RDS.24 the master username is a default name on aws_rds_cluster.postgres (postgres-admin)",
        "RDS.24 the master username is a default name on aws_rds_cluster.admin (admin-admin)",
        "RDS.24 no master username is set, so it cannot be verified on aws_rds_cluster.restored (restored)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a custom master username",
      findings: [],
    },
  ],
  "RDS.27": [
    {
      fixture: "failing",
      says: "fails a cluster with unencrypted storage, or with encryption left out (the provider's default for provisioned clusters is off)",
      findings: [
        "RDS.27 storage is not encrypted on aws_rds_cluster.unencrypted (unencrypted)",
        "RDS.27 storage is not encrypted on aws_rds_cluster.encryption_left_out (encryption-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a cluster with encrypted storage",
      findings: [],
    },
  ],
  "RDS.35": [
    {
      fixture: "failing",
      says: "fails a cluster with one instance that does not upgrade minor versions automatically",
      findings: ["RDS.35 automatic minor version upgrade is off for an instance on aws_rds_cluster.mixed (mixed)"],
    },
    {
      fixture: "passing",
      says: "passes a cluster whose instances upgrade, explicitly or by the provider's default (true)",
      findings: [],
    },
  ],
  "RDS.37": [
    {
      fixture: "failing",
      says: "fails a cluster that exports other logs only, or none (the provider's default)",
      findings: [
        "RDS.37 the PostgreSQL log is not exported to CloudWatch Logs on aws_rds_cluster.other_log (other-log)",
        "RDS.37 the PostgreSQL log is not exported to CloudWatch Logs on aws_rds_cluster.exports_left_out (exports-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a cluster that exports the PostgreSQL log",
      findings: [],
    },
  ],
  "RDS.6": [
    {
      fixture: "failing",
      says: "fails an interval of 0, an interval left out (the provider's default is 0), and an interval without a role",
      findings: [
        "RDS.6 Enhanced Monitoring is off on aws_rds_cluster_instance.interval_zero (interval-zero)",
        "RDS.6 Enhanced Monitoring is off on aws_rds_cluster_instance.interval_left_out (interval-left-out)",
        "RDS.6 Enhanced Monitoring is off on aws_rds_cluster_instance.no_role (no-role)",
      ],
    },
    {
      fixture: "passing",
      says: "passes an interval with a role",
      findings: [],
    },
  ],
  "RDS.7": [
    {
      fixture: "failing",
      says: "fails a cluster with deletion protection off, or left out (the provider's default is off)",
      findings: [
        "RDS.7 deletion protection is off on aws_rds_cluster.protection_off (protection-off)",
        "RDS.7 deletion protection is off on aws_rds_cluster.protection_left_out (protection-left-out)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a cluster with deletion protection on",
      findings: [],
    },
  ],
  "SecretsManager.1": [
    {
      fixture: "failing",
      says: "fails a secret that no rotation names, even when another secret rotates",
      findings: ["SecretsManager.1 the secret does not rotate on aws_secretsmanager_secret.unrotated (unrotated)"],
    },
    {
      fixture: "passing",
      says: "passes a secret with a rotation, and an RDS-managed secret (RDS rotates it)",
      findings: [],
    },
  ],
  "SecretsManager.4": [
    {
      fixture: "failing",
      says: "fails no rotation, 120 days, rate(120 days), a quarterly cron, a fifth-weekday cron, and an RDS-managed secret rotated yearly",
      findings: [
        "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.unrotated (unrotated)",
        "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.every_120_days (every-120-days)",
        "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.rate_120_days (rate-120-days)",
        "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.quarterly_cron (quarterly-cron)",
        "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.fifth_sunday_cron (fifth-sunday-cron)",
        "SecretsManager.4 the RDS-managed secret is not rotated within 90 days on aws_rds_cluster.managed_yearly (managed-yearly)",
      ],
    },
    {
      fixture: "passing",
      says: "passes 30 days, rate(12 hours), weekly and monthly crons, an RDS-managed secret on RDS's default (7 days) and one rotated every 90 days",
      findings: [],
    },
  ],
  "SNS.1": [
    {
      fixture: "failing",
      says: "fails a topic without a key, or with an empty one (the provider then encrypts nothing)",
      findings: [
        "SNS.1 the topic is not encrypted at rest (no kms_master_key_id) on aws_sns_topic.key_left_out (key-left-out)",
        "SNS.1 the topic is not encrypted at rest (no kms_master_key_id) on aws_sns_topic.key_empty (key-empty)",
      ],
    },
    {
      fixture: "passing",
      says: "passes a topic with any KMS key: created, looked up, or the AWS managed aws/sns",
      findings: [],
    },
  ],
};
