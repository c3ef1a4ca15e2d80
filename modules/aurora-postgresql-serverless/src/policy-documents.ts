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
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/** What a Data API caller needs: the five actions on this cluster, and this secret's value. */
export function dataApiStatements(clusterArn: string, secretArn: string): PolicyStatement[] {
  return [
    { Sid: "DataApiOnThisCluster", Effect: "Allow", Action: [...DATA_API_ACTIONS], Resource: [clusterArn] },
    { Sid: "ReadThisClusterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [secretArn] },
  ];
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

/**
 * Serializes statements. Tokens inside the strings become Terraform interpolations at synth;
 * ARNs hold no characters that JSON would need to escape.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
