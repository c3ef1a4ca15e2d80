/**
 * logEncryptionKey: the exported logs' log groups encrypted with a customer-managed key, and the
 * key-policy statement CloudWatch Logs needs, only where asked for (the database's created key,
 * AuroraEncryptionKey's encryptsLogs) and scoped to the database's log groups.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack } from "cdktf";
import { AuroraEncryptionKey, AuroraGlobalSecondary, type AuroraGlobalSecondaryProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { describeRules, type RuleCases } from "../support/rule-table";
import {
  accountRefs,
  createDatabase,
  databaseStack,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";

const KEY_IN_REGION = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ELSEWHERE = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_IN_CHINA = "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const GROUP = (type: string) => `/aws/rds/cluster/test-aurora-cluster/${type}`;

/** The kms_key_id of each exported log group, by name. */
const groupKeys = (json: Block) =>
  Object.fromEntries(Object.values(resourcesOf(json, "aws_cloudwatch_log_group")).map((group) => [group.name as string, group.kms_key_id]));

const logsStatement = (key: Block) => policyStatements(key).find((statement) => statement.Sid === "CloudWatchLogsEncryptsThisDatabaseLogs");

describe("logEncryptionKey", () => {
  it("is off by default: no key on the log groups, and no CloudWatch Logs statement in a created key's policy", () => {
    expect(groupKeys(synthDatabase().json)).toEqual({ [GROUP("postgresql")]: undefined });
    const created = onlyResource(synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true }).json, "aws_kms_key").body;
    expect(logsStatement(created)).toBeUndefined();
    expect(JSON.stringify(created.policy)).not.toContain("logs.");
  });

  it('"database-key" with a created key: every exported group uses it, and its policy lets CloudWatch Logs use it for exactly those groups', () => {
    const { json } = synthDatabase({
      encryptionKey: "create",
      skipFinalSnapshot: true,
      logEncryptionKey: "database-key",
      logExports: ["instance", "postgresql"],
    });
    const key = onlyResource(json, "aws_kms_key");
    const keyArn = ref("aws_kms_key", key.name, "arn");
    expect(groupKeys(json)).toEqual({ [GROUP("postgresql")]: keyArn, [GROUP("instance")]: keyArn });
    const { partition, region, account } = accountRefs(json);
    const arn = (type: string) => `arn:${partition}:logs:${region}:${account}:log-group:${GROUP(type)}`;
    expect(logsStatement(key.body)).toEqual({
      Sid: "CloudWatchLogsEncryptsThisDatabaseLogs",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [arn("postgresql"), arn("instance")] } },
    });
    // The statement comes after the key's other statements, which stay as they were.
    const without = onlyResource(
      synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true, logExports: ["instance", "postgresql"] }).json,
      "aws_kms_key",
    ).body;
    expect(policyStatements(key.body).slice(0, -1)).toEqual(policyStatements(without));
  });

  it('"database-key" with an existing key: the groups use that key, and no key or policy is created', () => {
    const { json } = synthDatabase({ encryptionKey: { existingKeyArn: KEY_IN_REGION }, logEncryptionKey: "database-key" });
    expect(groupKeys(json)).toEqual({ [GROUP("postgresql")]: KEY_IN_REGION });
    expect(resourcesOf(json, "aws_kms_key")).toEqual({});
  });

  it("{ existingKeyArn }: the groups use the given key, whatever encrypts the database", () => {
    const { json } = synthDatabase({ logEncryptionKey: { existingKeyArn: KEY_IN_REGION }, logExports: ["postgresql", "iam-db-auth-error"] });
    expect(groupKeys(json)).toEqual({ [GROUP("postgresql")]: KEY_IN_REGION, [GROUP("iam-db-auth-error")]: KEY_IN_REGION });
    expect(onlyResource(json, "aws_rds_cluster").body.kms_key_id).not.toBe(KEY_IN_REGION);
  });

  it("refuses a key of another region or partition than the stack's literal region", () => {
    const problems = (existingKeyArn: string) => validationProblems(() => databaseStack({ logEncryptionKey: { existingKeyArn } }));
    expect(problems(KEY_ELSEWHERE)).toEqual([
      {
        property: "logEncryptionKey.existingKeyArn",
        received: KEY_ELSEWHERE,
        allowed: "a key in us-east-1, the region of the stack's AWS provider: CloudWatch Logs encrypts a log group only with a key of its own region",
      },
    ]);
    expect(problems(KEY_IN_CHINA).map((problem) => problem.allowed)).toEqual([
      expect.stringMatching(/^a key in the aws partition, that of us-east-1/),
      expect.stringMatching(/^a key in us-east-1/),
    ]);
    expect(() => databaseStack({ logEncryptionKey: { existingKeyArn: KEY_IN_REGION } })).not.toThrow();
  });
});

describe("AuroraEncryptionKey's encryptsLogs", () => {
  const keyPolicy = (encryptsLogs?: boolean) => {
    const stack = new TerraformStack(testApp(), "keys");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new AuroraEncryptionKey(stack, "Key", { name: "orders-prod", ...(encryptsLogs === undefined ? {} : { encryptsLogs }) });
    const { json } = synthesize(stack);
    return { json, key: onlyResource(json, "aws_kms_key").body };
  };

  it("lets CloudWatch Logs use the key for the database's exported log groups only", () => {
    const { json, key } = keyPolicy(true);
    const { partition, region, account } = accountRefs(json, "Key");
    expect(logsStatement(key)).toEqual({
      Sid: "CloudWatchLogsEncryptsThisDatabaseLogs",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:/aws/rds/cluster/orders-prod-aurora-cluster/*` },
      },
    });
  });

  it("is off by default", () => {
    expect(logsStatement(keyPolicy().key)).toBeUndefined();
    expect(policyStatements(keyPolicy(false).key)).toEqual(policyStatements(keyPolicy().key));
  });

  it("is judged as a boolean", () => {
    expect(
      validationProblems(() => new AuroraEncryptionKey(new TerraformStack(testApp(), "keys"), "Key", { name: "orders", encryptsLogs: "yes" as never })),
    ).toEqual([expect.objectContaining({ property: "encryptsLogs", received: "yes" })]);
  });
});

const RULES: readonly RuleCases[] = [
  {
    rule: 'logEncryptionKey is "database-key" or { existingKeyArn }',
    failing: [
      [{ logEncryptionKey: "create" as never, encryptionKey: "create", skipFinalSnapshot: true }, "logEncryptionKey", "create"],
      [{ logEncryptionKey: { keyArn: KEY_IN_REGION } as never }, "logEncryptionKey", { keyArn: KEY_IN_REGION }],
    ],
    passing: [{ logEncryptionKey: "database-key", encryptionKey: "create", skipFinalSnapshot: true }, { logEncryptionKey: { existingKeyArn: KEY_IN_REGION } }],
    allowed: /"database-key"|existingKeyArn|a string/,
  },
  {
    rule: "the given key is a KMS key ARN",
    failing: [
      [{ logEncryptionKey: { existingKeyArn: "alias/logs" } }, "logEncryptionKey.existingKeyArn", "alias/logs"],
      [
        { logEncryptionKey: { existingKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/logs" } },
        "logEncryptionKey.existingKeyArn",
        "arn:aws:kms:us-east-1:123456789012:alias/logs",
      ],
    ],
    passing: [{ logEncryptionKey: { existingKeyArn: KEY_ELSEWHERE } }],
    allowed: /a KMS key ARN/,
  },
  {
    rule: '"database-key" needs a customer-managed database key',
    failing: [[{ logEncryptionKey: "database-key" }, "logEncryptionKey", "database-key"]],
    passing: [{ logEncryptionKey: "database-key", encryptionKey: { existingKeyArn: KEY_IN_REGION } }],
    allowed: /while encryptionKey is "aws-managed": the AWS managed aws\/rds key's policy cannot let CloudWatch Logs use it/,
  },
  {
    rule: "logEncryptionKey needs a log group to encrypt",
    failing: [
      [{ logEncryptionKey: { existingKeyArn: KEY_IN_REGION }, logExports: [] }, "logEncryptionKey", { existingKeyArn: KEY_IN_REGION }],
      [{ logEncryptionKey: "database-key", encryptionKey: "create", skipFinalSnapshot: true, exportPostgresLogs: false }, "logEncryptionKey", "database-key"],
    ],
    passing: [{ logEncryptionKey: { existingKeyArn: KEY_IN_REGION }, logExports: ["instance"] }],
    allowed: /unset while logExports is empty/,
  },
];

describeRules(RULES, createDatabase);

describe("AuroraGlobalSecondary's logEncryptionKey", () => {
  const EU_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const secondary = (props: Partial<AuroraGlobalSecondaryProps>) => {
    const stack = new TerraformStack(testApp(), "secondary");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new RandomProvider(stack, "random");
    new AuroraGlobalSecondary(stack, "Secondary", { name: "orders", globalClusterIdentifier: "orders-aurora-global", ...props });
    return synthesize(stack).json;
  };
  const secondaryGroupKey = (json: Block) => onlyResource(json, "aws_cloudwatch_log_group").body.kms_key_id;

  it("encrypts the secondary's log group with its database key or the given key, and with none by default", () => {
    expect(secondaryGroupKey(secondary({}))).toBeUndefined();
    expect(secondaryGroupKey(secondary({ encryptionKey: { existingKeyArn: EU_KEY }, logEncryptionKey: "database-key" }))).toBe(EU_KEY);
    expect(secondaryGroupKey(secondary({ logEncryptionKey: { existingKeyArn: EU_KEY } }))).toBe(EU_KEY);
  });

  it.each<[string, Partial<AuroraGlobalSecondaryProps>, string, RegExp]>([
    ["the AWS managed key", { logEncryptionKey: "database-key" }, "logEncryptionKey", /while encryptionKey is "aws-managed"/],
    [
      "no exported log",
      { logEncryptionKey: { existingKeyArn: EU_KEY }, exportPostgresLogs: false },
      "logEncryptionKey",
      /unset while exportPostgresLogs is false/,
    ],
    [
      "a key of another region",
      { logEncryptionKey: { existingKeyArn: KEY_IN_REGION } },
      "logEncryptionKey.existingKeyArn",
      /a key in eu-west-1, the region of the secondary's provider/,
    ],
  ])("refuses %s", (_case, props, property, allowed) => {
    const problems = validationProblems(() => secondary(props));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.property).toBe(property);
    expect(problems[0]!.allowed).toMatch(allowed);
  });
});
