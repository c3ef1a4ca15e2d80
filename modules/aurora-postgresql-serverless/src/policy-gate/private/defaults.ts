/**
 * What AWS provider 6.25 applies to an attribute the configuration leaves out (or, where the
 * provider sends nothing, what AWS applies). Controls judge a missing attribute by this value,
 * as the deployed resource will have it: a cluster without `deletion_protection` is unprotected.
 */
import type { Resource } from "./document";

const PROVIDER_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_rds_cluster: {
    deletion_protection: false,
    iam_database_authentication_enabled: false,
    copy_tags_to_snapshot: false,
    // For the provisioned engine mode, which Serverless v2 uses; only Serverless v1 encrypts by default.
    storage_encrypted: false,
    backup_retention_period: 1,
    enabled_cloudwatch_logs_exports: [],
    manage_master_user_password: false,
    // Encrypted storage and managed secrets without a key use the account's AWS managed keys.
    kms_key_id: "alias/aws/rds",
    master_user_secret_kms_key_id: "alias/aws/secretsmanager",
  },
  aws_rds_cluster_instance: {
    auto_minor_version_upgrade: true,
    publicly_accessible: false,
    performance_insights_enabled: false,
    performance_insights_kms_key_id: "alias/aws/rds",
    monitoring_interval: 0,
  },
  aws_db_proxy: { require_tls: false },
  aws_kms_key: { enable_key_rotation: false },
  aws_secretsmanager_secret: { kms_key_id: "alias/aws/secretsmanager" },
  aws_security_group: { description: "Managed by Terraform" },
  aws_cloudwatch_metric_alarm: { actions_enabled: true, alarm_actions: [] },
  // Without a key, AWS Backup encrypts the vault with its AWS managed key.
  aws_backup_vault: { kms_key_arn: "alias/aws/backup" },
};

/** The attribute as configured, or the provider's default when the configuration leaves it out. */
export function setting(resource: Resource, attribute: string): unknown {
  return resource.body[attribute] ?? PROVIDER_DEFAULTS[resource.type]?.[attribute];
}
