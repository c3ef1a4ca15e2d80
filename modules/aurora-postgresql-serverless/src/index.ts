/**
 * Aurora PostgreSQL Serverless v2 with the RDS Data API, for CDK for Terraform.
 *
 * @packageDocumentation
 */
export { AuroraPostgresServerless, type RoleReference } from "./aurora-postgres-serverless";
export { AuroraEncryptionKey } from "./aurora-encryption-key";
export { AuroraBackupPlan } from "./aurora-backup-plan";
export { AuroraBackupVault } from "./aurora-backup-vault";
export { AuroraDisasterRecoveryVault } from "./aurora-disaster-recovery-vault";
export { DAILY_WEEKLY_MONTHLY_RULES } from "./backup-props";
export type {
  AuroraBackupPlanProps,
  AuroraBackupVaultProps,
  AuroraDisasterRecoveryVaultProps,
  BackupNotifications,
  BackupPlanVault,
  BackupRule,
  BackupVaultEvent,
  BackupVaultKey,
  BackupVaultLock,
} from "./backup-props";
export { AuroraGlobalSecondary } from "./aurora-global-secondary";
export type {
  AuroraEncryptionKeyProps,
  AuroraPostgresServerlessProps,
  CaCertificateIdentifier,
  ClusterParameter,
  CredentialsMode,
  EncryptionKey,
  LogClass,
  LogExport,
} from "./props";
export type { CustomEndpointOptions, CustomEndpointType, EndpointInstances, ReaderOptions, ReaderSelector } from "./props";
export type { CustomEndpoint } from "./attributes";
export type { AlarmOptions, AlarmThreshold } from "./props";
export { widgetMetric } from "./database-metric";
export type { ClusterMetricName, DatabaseMetric, InstanceMetricName, MetricOptions, MetricStatistic, WidgetMetricOptions } from "./database-metric";
export type { SsmParameterNames } from "./attributes";
export type { PointInTimeRestore, RestoreFromSnapshot, RestoreSource, RestoreToPointInTime } from "./props";
export type { DatabaseProxyOptions, DatabaseProxyUser } from "./props";
export type { ExistingS3FeatureRole, S3FeatureBuckets, S3FeatureRole } from "./props";
export type { AuroraGlobalSecondaryProps, GlobalClusterOptions, SecondaryEncryptionKey } from "./props";
export { ValidationError, type ValidationProblem } from "./validation-error";
export { DATA_API_ACTIONS, PERFORMANCE_INSIGHTS_READ_ACTIONS } from "./perms";
export { DEFAULT_ENGINE_VERSION } from "./props";
export { partitionOfRegion } from "./partitions";
export { MAX_NAME_LENGTH } from "./names";
export { PolicyGate, type PolicyException, type PolicyGateProps, evaluateControls, policyGateErrors } from "./policy-gate/policy-gate";
export { CONTROLS } from "./policy-gate/controls/index";
export { validationErrors, validationReport } from "./policy-gate/report";
export type { Control, Finding, TerraformDocument } from "./policy-gate/control";
