/**
 * The KMS key of the exported logs' log groups (`logEncryptionKey`): its type and rules.
 *
 * Source: "Encrypt log data in CloudWatch Logs using AWS KMS"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): CloudWatch
 * Logs uses a customer-managed symmetric key of the log group's region, with the key policy
 * allowing its regional service principal; an AWS managed key (such as `aws/rds`) has a policy
 * nobody can change, so it can never allow it.
 */
import type { EncryptionKey, LogEncryptionKey, SecondaryEncryptionKey } from "../../props";
import type { ResolvedProps } from "../resolved-props";
import { inPartitionOf, parseArn } from "./arns";
import { either, objectOf, oneOf, rulesFor, STRING, type Rule } from "./engine";
import { isKmsKeyArn, KMS_KEY_ARN_RULE } from "./formats";

export const LOG_ENCRYPTION_KEY = either(
  oneOf("database-key"),
  objectOf<{ existingKeyArn: string }>({ existingKeyArn: STRING }, '{ existingKeyArn: "<KMS key ARN>" }'),
  '"database-key" or { existingKeyArn: "<KMS key ARN>" }',
);

/** The given key ARN, as a part to judge. */
const givenArn = (key: LogEncryptionKey) => (typeof key === "object" ? [[".existingKeyArn", key.existingKeyArn] as const] : []);

/** What the rules of both constructs read: the database's key and the logs' key. */
export interface LogKeyed {
  readonly encryptionKey: EncryptionKey | SecondaryEncryptionKey;
  readonly logEncryptionKey?: LogEncryptionKey;
}
const shared = rulesFor<LogKeyed>();

/** The rules `AuroraPostgresServerless` and `AuroraGlobalSecondary` share. */
export const LOG_ENCRYPTION_KEY_FORM_RULES: readonly Rule<LogKeyed>[] = [
  shared("logEncryptionKey", {
    parts: givenArn,
    check: isKmsKeyArn,
    allowed: KMS_KEY_ARN_RULE,
  }),
  shared("logEncryptionKey", {
    involves: ["encryptionKey"],
    check: (key, p) => key !== "database-key" || p.encryptionKey !== "aws-managed",
    allowed:
      '{ existingKeyArn } of a customer-managed key while encryptionKey is "aws-managed": the AWS managed aws/rds key\'s policy ' +
      "cannot let CloudWatch Logs use it (or set encryptionKey to a customer-managed key)",
  }),
];

const rule = rulesFor<ResolvedProps>();

export const LOG_ENCRYPTION_KEY_RULES: readonly Rule<ResolvedProps>[] = [
  ...LOG_ENCRYPTION_KEY_FORM_RULES,
  rule("logEncryptionKey", {
    involves: ["logExports"],
    judgesTokens: true, // reads only whether logs are exported
    check: (_, p) => p.logExports.length > 0,
    allowed: "unset while logExports is empty: there is no log group to encrypt",
  }),
];

/**
 * The rules that weigh a given key ARN against the region of the stack's AWS provider, known at
 * synth: a KMS key serves its own region only, and CloudWatch Logs uses a key of the log group's.
 */
export function logEncryptionKeyRegionRules(region: string, whose = "the stack's AWS provider"): readonly Rule<LogKeyed>[] {
  const inPartition = inPartitionOf(region, "a key", (arn) => (isKmsKeyArn(arn) ? undefined : KMS_KEY_ARN_RULE));
  return [
    ...(inPartition === undefined ? [] : [shared("logEncryptionKey", { parts: givenArn, ...inPartition })]),
    shared("logEncryptionKey", {
      parts: givenArn,
      check: (arn: string) => !isKmsKeyArn(arn) || parseArn(arn)!.region === region,
      allowed: `a key in ${region}, the region of ${whose}: CloudWatch Logs encrypts a log group only with a key of its own region`,
    }),
  ];
}
