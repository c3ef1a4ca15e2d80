/**
 * IAM policy documents as data. Statements name exact resources; the only wildcards are in
 * log-group paths that Lambda chooses at run time, and they stay inside one account and region.
 */
import { DATA_API_ACTIONS, PERFORMANCE_INSIGHTS_READ_ACTIONS } from "../perms";
import { cloudWatchLogsKeyStatement, type KeyLogGroups } from "./log-encryption";
import { jsonDocument } from "./write-json-document";

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal?: Readonly<Record<string, string>>;
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** A customer-managed key, and the region whose services may use it. */
export interface RegionalKey {
  readonly arn: string;
  /** For the `kms:ViaService` conditions. */
  readonly region: string;
}

const viaService = (service: "rds" | "secretsmanager", region: string) => ({ "kms:ViaService": `${service}.${region}.amazonaws.com` });

/** The encryption context Performance Insights puts on its data keys. */
const PERFORMANCE_INSIGHTS_CONTEXT = {
  "kms:EncryptionContext:aws:pi:service": "rds",
  "kms:EncryptionContext:service": "pi",
} as const;

/**
 * What a Data API caller needs: the five actions on this cluster, this secret's value and,
 * when a customer-managed key encrypts the secret, decryption with that key only through
 * Secrets Manager and only for this secret. The AWS managed key needs no grant.
 */
export function dataApiStatements(clusterArn: string, secretArn: string, key?: RegionalKey): PolicyStatement[] {
  return [{ Sid: "DataApiOnThisCluster", Effect: "Allow", Action: [...DATA_API_ACTIONS], Resource: [clusterArn] }, ...secretReadStatements(secretArn, key)];
}

/**
 * Reading one secret's value and, when a customer-managed key encrypts it, decrypting with that
 * key only through Secrets Manager and only for this secret. The AWS managed key needs no grant.
 */
export function secretReadStatements(secretArn: string, key?: RegionalKey): PolicyStatement[] {
  return [
    { Sid: "ReadThisClusterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [secretArn] },
    ...(key === undefined ? [] : [decryptSecretStatement("DecryptThisSecretOnly", secretArn, key)]),
  ];
}

/** Decrypting one secret with its customer-managed key, only through Secrets Manager and only for that secret. */
function decryptSecretStatement(sid: string, secretArn: string, key: RegionalKey): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["kms:Decrypt"],
    Resource: [key.arn],
    Condition: {
      StringEquals: { ...viaService("secretsmanager", key.region), "kms:EncryptionContext:SecretARN": secretArn },
    },
  };
}

/** A secret to read, and the customer-managed key that encrypts it, if any. */
export interface ReadableSecret {
  readonly arn: string;
  readonly key?: RegionalKey;
}

/**
 * What an RDS Proxy reads: the cluster's secret as `secretReadStatements` allows it and, for the
 * users registered besides, exactly their secrets, each decrypted with its own customer-managed key
 * (if it has one) only through Secrets Manager and only for that secret. Statement ids are numbered
 * after the users' places in the list (IAM allows letters and digits only).
 */
export function proxySecretStatements(clusterSecret: ReadableSecret, userSecrets: readonly ReadableSecret[]): PolicyStatement[] {
  return [
    ...secretReadStatements(clusterSecret.arn, clusterSecret.key),
    ...(userSecrets.length === 0
      ? []
      : [
          {
            Sid: "ReadRegisteredUserSecrets",
            Effect: "Allow" as const,
            Action: ["secretsmanager:GetSecretValue"],
            Resource: userSecrets.map((secret) => secret.arn),
          },
        ]),
    ...userSecrets.flatMap(({ arn, key }, i) => (key === undefined ? [] : [decryptSecretStatement(`DecryptUserSecret${i + 1}`, arn, key)])),
  ];
}

/**
 * Reading Performance Insights of some instances (`metricsArns`, by DbiResourceId) and, with a
 * customer-managed key, decrypting its data through RDS, only with Performance Insights'
 * encryption context and only for those instances. The AWS managed key needs no grant.
 */
export function performanceInsightsReadStatements(
  metricsArns: readonly string[],
  instanceResourceIds: readonly string[],
  key?: RegionalKey,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { Sid: "ReadPerformanceInsightsOfTheseInstances", Effect: "Allow", Action: [...PERFORMANCE_INSIGHTS_READ_ACTIONS], Resource: [...metricsArns] },
  ];
  if (key !== undefined) {
    statements.push({
      Sid: "DecryptPerformanceInsightsOfTheseInstances",
      Effect: "Allow",
      // Performance Insights' API needs both to read its sensitive views (Aurora User Guide,
      // "Changing an AWS KMS policy for Performance Insights").
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [key.arn],
      Condition: {
        StringEquals: viaService("rds", key.region),
        "ForAnyValue:StringEquals": { ...PERFORMANCE_INSIGHTS_CONTEXT, "kms:EncryptionContext:aws:rds:db-id": [...instanceResourceIds] },
      },
    });
  }
  return statements;
}

/**
 * What CloudWatch Database Insights reads of RDS besides Performance Insights, on this database
 * only: `rds:DescribeDBClusters` on the cluster and `rds:DescribeDBInstances` on its instances,
 * both of which take resource-level permissions (resource types `cluster` and `db`,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html). The
 * others that "Required permissions for Database Insights"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Database-Insights-Get-Started.html)
 * lists apply to every resource (`cloudwatch:GetMetricData`, `cloudwatch:ListMetrics`,
 * `rds:DescribeEvents`, the Logs Insights query actions): a console user's own policy holds them.
 */
export function databaseInsightsDescribeStatements(clusterArn: string, instanceArns: readonly string[]): PolicyStatement[] {
  return [
    { Sid: "DescribeThisCluster", Effect: "Allow", Action: ["rds:DescribeDBClusters"], Resource: [clusterArn] },
    { Sid: "DescribeTheseInstances", Effect: "Allow", Action: ["rds:DescribeDBInstances"], Resource: [...instanceArns] },
  ];
}

/**
 * Reading the database's SSM parameters, by their exact ARNs. `GetParametersByPath` is left out:
 * access to a path reaches every level below it, so parameters that others add under the path
 * (SecureStrings included) would be readable too. String parameters need no KMS grant.
 */
export function readParametersStatement(parameterArns: readonly string[]): PolicyStatement {
  return { Sid: "ReadThisDatabaseParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: [...parameterArns] };
}

/** IAM database authentication as one database user, on one cluster (by its resource id). */
export function connectStatement(dbUserArn: string): PolicyStatement {
  return { Sid: "ConnectAsThisDatabaseUser", Effect: "Allow", Action: ["rds-db:connect"], Resource: [dbUserArn] };
}

/** Where a Lambda function writes its logs: `/aws/lambda/<function>` in one account and region. */
export interface LogLocation {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * Replaces AWSLambdaBasicExecutionRole, which allows the same three actions on every
 * resource, with the Lambda log groups of one account and region, optionally only those of
 * functions whose names start with `functionNamePrefix`.
 */
export function lambdaLogStatements({ partition, region, accountId }: LogLocation, functionNamePrefix = ""): PolicyStatement[] {
  const logGroups = `arn:${partition}:logs:${region}:${accountId}:log-group:/aws/lambda/${functionNamePrefix}*`;
  return [
    { Sid: "CreateLambdaLogGroups", Effect: "Allow", Action: ["logs:CreateLogGroup"], Resource: [logGroups] },
    {
      Sid: "WriteLambdaLogStreams",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`${logGroups}:log-stream:*`],
    },
  ];
}

/** Who may assume the Lambda role. */
export function lambdaTrustPolicy(): string {
  return jsonDocument({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
  });
}

/**
 * A service assumes a role for this account only (no confused deputy): Enhanced Monitoring
 * (`monitoring.rds.amazonaws.com`), RDS Proxy (`rds.amazonaws.com`); with `sourceArn`, only for
 * that resource too (a cluster's S3 import and export roles).
 */
export function serviceTrustPolicy(service: string, accountId: string, sourceArn?: string): string {
  return jsonDocument({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId, ...(sourceArn === undefined ? {} : { "aws:SourceArn": sourceArn }) } },
      },
    ],
  });
}

/** Administration of a key, listed action by action. */
const KEY_ADMINISTRATION_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListAliases",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/** The first statement of every key policy of the module: the account administers the key; its use is what the statements after it allow. */
export function accountAdministersTheKey(accountRootArn: string) {
  return { Sid: "AccountAdministersTheKey", Effect: "Allow", Principal: { AWS: accountRootArn }, Action: KEY_ADMINISTRATION_ACTIONS, Resource: "*" };
}

/** Who the key policy is written for: this account's root, in this region. */
export interface KeyPolicyContext {
  readonly accountRootArn: string;
  readonly region: string;
  /** The alarm topic the key encrypts (or may encrypt), whose alarms CloudWatch publishes. */
  readonly alarmTopic?: AlarmTopicSource;
  /** The database's exported log groups, which CloudWatch Logs may encrypt with the key (`logEncryptionKey`). */
  readonly logGroups?: KeyLogGroups;
}

/** A database's alarm topic, and the alarms that may publish to it. */
export interface AlarmTopicSource {
  /** `arn:<partition>:sns:<region>:<account>:<name>-aurora-alarms`, built from its name. */
  readonly topicArn: string;
  /** `arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>-aurora-*`: this database's alarms. */
  readonly alarmArnPattern: string;
  readonly accountId: string;
  /**
   * With `alarms.backupNotifications`: the vault whose AWS Backup events may be published to the
   * topic too, `arn:<partition>:backup:<region>:<account>:backup-vault:<name>-aurora-backup`.
   */
  readonly backupVaultArn?: string;
}

/**
 * AWS Backup publishes the events of this database's vault to its alarm topic ("Specifying AWS
 * Backup as a service principal",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-notifications.html), only for
 * this account and this vault: AWS Backup publishes to SNS with the vault as `aws:SourceArn`
 * ("Cross-service confused deputy prevention",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-service-confused-deputy-prevention.html).
 */
function backupPublishesStatement({ topicArn, accountId }: AlarmTopicSource, backupVaultArn: string) {
  return {
    Sid: "BackupPublishesThisDatabaseVaultEvents",
    Effect: "Allow",
    Principal: { Service: "backup.amazonaws.com" },
    Action: "sns:Publish",
    Resource: topicArn,
    Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnEquals: { "aws:SourceArn": backupVaultArn } },
  };
}

/**
 * AWS Backup publishing this database's vault events to its topic, encrypted with the key: an
 * event source of an encrypted topic needs `kms:GenerateDataKey*` and `kms:Decrypt` in the key
 * policy (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services,
 * to which backup-notifications.html sends an encrypted topic's owner), limited here as CloudWatch's
 * statement is: this account and this vault (`aws:SourceAccount`, `aws:SourceArn`), this topic
 * (`kms:EncryptionContext:aws:sns:topicArn`).
 */
function backupNotificationsKeyStatement({ topicArn, accountId }: AlarmTopicSource, backupVaultArn: string) {
  return {
    Sid: "BackupPublishesThisDatabaseVaultEvents",
    Effect: "Allow",
    Principal: { Service: "backup.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceAccount": accountId, "kms:EncryptionContext:aws:sns:topicArn": topicArn },
      ArnEquals: { "aws:SourceArn": backupVaultArn },
    },
  };
}

/** The key-policy statements of a key that encrypts the alarm topic: CloudWatch's, and AWS Backup's with `backupVaultArn`. */
function alarmTopicKeyStatements(source: AlarmTopicSource) {
  return [cloudWatchAlarmsStatement(source), ...(source.backupVaultArn === undefined ? [] : [backupNotificationsKeyStatement(source, source.backupVaultArn)])];
}

/**
 * CloudWatch publishing this database's alarms to its topic, encrypted with the key: SNS asks KMS
 * for a data key on CloudWatch's behalf, with the topic's ARN as encryption context. CloudWatch
 * needs `kms:GenerateDataKey` and `kms:Decrypt` in the key policy ("Enable compatibility between
 * event sources from AWS services and encrypted topics",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services),
 * limited here to this account's alarms of this database (`aws:SourceAccount`, `aws:SourceArn`)
 * and to this topic (`kms:EncryptionContext:aws:sns:topicArn`).
 */
function cloudWatchAlarmsStatement({ topicArn, alarmArnPattern, accountId }: AlarmTopicSource) {
  return {
    Sid: "CloudWatchPublishesThisDatabaseAlarms",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceAccount": accountId, "kms:EncryptionContext:aws:sns:topicArn": topicArn },
      ArnLike: { "aws:SourceArn": alarmArnPattern },
    },
  };
}

/**
 * The alarm topic's resource policy: only CloudWatch, only for this account's alarms of this
 * database, may publish (the confused-deputy conditions AWS recommends for service principals),
 * and, with `backupVaultArn`, AWS Backup for this account's vault of this database. Managing the
 * topic stays with this account's IAM policies.
 */
export function alarmTopicPolicy(source: AlarmTopicSource): string {
  return jsonDocument({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CloudWatchPublishesThisDatabaseAlarms",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: source.topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": source.accountId }, ArnLike: { "aws:SourceArn": source.alarmArnPattern } },
      },
      ...(source.backupVaultArn === undefined ? [] : [backupPublishesStatement(source, source.backupVaultArn)]),
    ],
  });
}

/**
 * The policy of a key that encrypts only the alarm topic (when the database has no
 * customer-managed key): the account administers it, and only CloudWatch uses it, for this
 * database's alarms (and, with `backupVaultArn`, AWS Backup, for its vault's events). Nothing else
 * may publish to the topic, since no principal of the account can get a data key for it.
 */
export function alarmTopicKeyPolicy(accountRootArn: string, source: AlarmTopicSource): string {
  return jsonDocument({
    Version: "2012-10-17",
    Statement: [accountAdministersTheKey(accountRootArn), ...alarmTopicKeyStatements(source)],
  });
}

/**
 * An explicit key policy. The account administers the key; use is delegated to IAM policies
 * of this account only for what the database needs, each through its service in this region:
 * RDS creates grants for itself (storage, snapshots, Performance Insights); Secrets Manager
 * encrypts and decrypts the credentials secret; Performance Insights' readers decrypt its data
 * with its encryption context. Nobody may encrypt or decrypt with the key directly. With
 * `alarmTopic`, CloudWatch may also use it for this database's alarms on that topic (and, with its
 * `backupVaultArn`, AWS Backup for that vault's events). With `logGroups`, CloudWatch Logs may
 * use it for those log groups only.
 * `kms:DescribeKey`, which RDS also needs, is among the administration actions without a
 * condition: it reveals metadata only, and Terraform and the alias lookup call it directly.
 * "*" as Resource in a key policy means "this key".
 */
export function keyPolicy({ accountRootArn, region, alarmTopic, logGroups }: KeyPolicyContext): string {
  const account = { AWS: accountRootArn };
  return jsonDocument({
    Version: "2012-10-17",
    Statement: [
      accountAdministersTheKey(accountRootArn),
      {
        Sid: "RdsCreatesGrantsForItself",
        Effect: "Allow",
        Principal: account,
        Action: ["kms:CreateGrant"],
        Resource: "*",
        Condition: { StringEquals: viaService("rds", region), Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
      {
        Sid: "SecretsManagerProtectsTheCredentials",
        Effect: "Allow",
        Principal: account,
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: viaService("secretsmanager", region) },
      },
      {
        Sid: "PerformanceInsightsReaders",
        Effect: "Allow",
        Principal: account,
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: viaService("rds", region), "ForAnyValue:StringEquals": PERFORMANCE_INSIGHTS_CONTEXT },
      },
      ...(alarmTopic === undefined ? [] : alarmTopicKeyStatements(alarmTopic)),
      ...(logGroups === undefined ? [] : [cloudWatchLogsKeyStatement(region, logGroups)]),
    ],
  });
}

/** A policy of these statements, as `jsonencode` of it (see write-json-document.ts). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return jsonDocument({ Version: "2012-10-17", Statement: statements });
}
