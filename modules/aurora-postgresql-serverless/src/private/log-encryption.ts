/**
 * CloudWatch Logs' use of a customer-managed key for the exported logs' log groups
 * (`logEncryptionKey`): the key-policy statement it needs, and the log groups it may name.
 *
 * Source: "Encrypt log data in CloudWatch Logs using AWS KMS"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): the key
 * policy allows the regional service principal `logs.<region>.amazonaws.com` the actions
 * `kms:Encrypt*`, `kms:Decrypt*`, `kms:ReEncrypt*`, `kms:GenerateDataKey*` and `kms:Describe*`,
 * limited by the encryption context CloudWatch Logs sends, `kms:EncryptionContext:aws:logs:arn`,
 * the log group's ARN.
 */
import type { AccountContext } from "./account-context";
import type { ResourceNames } from "./naming";

/** The actions the page's key-policy statement gives CloudWatch Logs, in its order. */
export const CLOUDWATCH_LOGS_KEY_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"] as const;

/**
 * The log groups a key may encrypt: exactly these ARNs (the database's own key, which knows the
 * exported types), or every group under one database's path (`AuroraEncryptionKey`, which does not).
 */
export type KeyLogGroups = { readonly arns: readonly string[] } | { readonly arnPattern: string };

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>` in the stack's account and region. */
export function logGroupArn(context: AccountContext, name: string): string {
  return `arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:${name}`;
}

/** Every log group a database exports to, `/aws/rds/cluster/<name>-aurora-cluster/*`. */
export function databaseLogGroupsPattern(context: AccountContext, names: ResourceNames): string {
  return logGroupArn(context, names.logGroupName("*"));
}

/**
 * The key-policy statement that lets CloudWatch Logs in `region` use the key for these log groups
 * only. "*" as Resource in a key policy means "this key".
 */
export function cloudWatchLogsKeyStatement(region: string, logGroups: KeyLogGroups) {
  return {
    Sid: "CloudWatchLogsEncryptsThisDatabaseLogs",
    Effect: "Allow",
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: [...CLOUDWATCH_LOGS_KEY_ACTIONS],
    Resource: "*",
    Condition:
      "arns" in logGroups
        ? { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [...logGroups.arns] } }
        : { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroups.arnPattern } },
  };
}
