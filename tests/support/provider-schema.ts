/**
 * The arguments of `aws_rds_cluster` that the AWS provider marks ForceNew (hashicorp/terraform-provider-aws,
 * internal/service/rds/cluster.go at 3cdebe9581b24f1fb9f059af76f6e2e36d520776, the 6.x schema).
 * `global_cluster_identifier` is not among them: the provider updates it in place, and refuses to
 * add a running cluster to a global cluster.
 */
export const CLUSTER_FORCE_NEW = [
  "availability_zones",
  "cluster_identifier",
  "cluster_identifier_prefix",
  "cluster_scalability_type",
  "database_name",
  "db_subnet_group_name",
  "db_system_id",
  "engine",
  "engine_mode",
  "kms_key_id",
  "master_username",
  "restore_to_point_in_time",
  "s3_import",
  "snapshot_identifier",
  "source_region",
  "storage_encrypted",
] as const;
