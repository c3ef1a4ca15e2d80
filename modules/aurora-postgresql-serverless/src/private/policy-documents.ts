/**
 * IAM policy documents as data. Statements name exact resources; the only wildcards are in
 * log-group paths that Lambda chooses at run time, and they stay inside one account and region.
 */

/** The five Data API actions. `rds-data:ExecuteSql` is Serverless v1 only and never granted. */
export const DATA_API_ACTIONS = [
  "rds-data:BatchExecuteStatement",
  "rds-data:BeginTransaction",
  "rds-data:CommitTransaction",
  "rds-data:ExecuteStatement",
  "rds-data:RollbackTransaction",
] as const;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal?: Readonly<Record<string, string>>;
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A customer-managed key that encrypts the secret, and the region of the secret. */
export interface SecretKey {
  readonly arn: string;
  /** For the `kms:ViaService` condition. */
  readonly region: string;
}

/**
 * What a Data API caller needs: the five actions on this cluster, this secret's value and,
 * when a customer-managed key encrypts the secret, decryption with that key only through
 * Secrets Manager and only for this secret. The AWS managed key needs no grant.
 */
export function dataApiStatements(clusterArn: string, secretArn: string, key?: SecretKey): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { Sid: "DataApiOnThisCluster", Effect: "Allow", Action: [...DATA_API_ACTIONS], Resource: [clusterArn] },
    { Sid: "ReadThisClusterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [secretArn] },
  ];
  if (key !== undefined) {
    statements.push({
      Sid: "DecryptThisSecretOnly",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [key.arn],
      Condition: {
        StringEquals: {
          "kms:ViaService": `secretsmanager.${key.region}.amazonaws.com`,
          "kms:EncryptionContext:SecretARN": secretArn,
        },
      },
    });
  }
  return statements;
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
 * resource, with the Lambda log groups of one account and region.
 */
export function lambdaLogStatements({ partition, region, accountId }: LogLocation): PolicyStatement[] {
  const logGroups = `arn:${partition}:logs:${region}:${accountId}:log-group:/aws/lambda/*`;
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
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
  });
}

/** Enhanced Monitoring assumes its role for this account only (no confused deputy). */
export function monitoringTrustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "monitoring.rds.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
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

/** Use of a key by RDS, Secrets Manager and Performance Insights on behalf of IAM principals. */
const KEY_USAGE_ACTIONS = [
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
];

/**
 * An explicit key policy: the account administers the key, and use is delegated to IAM
 * policies of this account (so a role can use the key only when its own policy says so).
 * "*" as Resource in a key policy means "this key".
 */
export function keyPolicy(accountRootArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministersTheKey", Effect: "Allow", Principal: { AWS: accountRootArn }, Action: KEY_ADMINISTRATION_ACTIONS, Resource: "*" },
      { Sid: "IamPoliciesGrantUse", Effect: "Allow", Principal: { AWS: accountRootArn }, Action: KEY_USAGE_ACTIONS, Resource: "*" },
    ],
  });
}

/**
 * Serializes statements. Tokens inside the strings become Terraform interpolations at synth;
 * ARNs hold no characters that JSON would need to escape.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
