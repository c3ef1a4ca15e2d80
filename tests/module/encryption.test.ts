/**
 * Customer-managed keys: created with rotation and an explicit policy, or passed in; used for
 * storage, the credentials secret and Performance Insights; decryption granted narrowly.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { AuroraEncryptionKey, AuroraPostgresServerless } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { allows } from "../stacks/iam-evaluation";
import { testApp } from "../support/app";
import {
  accountRefs,
  databaseStack,
  dataRef,
  inHook,
  onlyDataSource,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  resourceWhere,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";
import { backupKeyStatement, cloudWatchKeyStatement } from "./alarm-topic-statements";
import { databaseKeyStatements } from "./key-statements";
import { decryptSecretStatement } from "./secret-statements";

const EXISTING_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const lambdaPolicy = (json: Block) => resourceWhere(json, "aws_iam_role_policy", "name", "test-lambda-aurora-policy").body;

describe('encryptionKey: "create"', () => {
  const created = inHook(() => {
    const { json } = synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true });
    const key = onlyResource(json, "aws_kms_key");
    const keyArn = ref("aws_kms_key", key.name, "arn");
    return { json, key, keyArn };
  });

  it("creates one key with yearly rotation and a 30-day deletion window, and an alias", () => {
    expect(created().key.body).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(onlyResource(created().json, "aws_kms_alias").body).toEqual({
      name: "alias/test-aurora",
      target_key_id: ref("aws_kms_key", created().key.name, "key_id"),
    });
  });

  it("has an explicit key policy: the account administers the key, and only RDS and Secrets Manager use it, each through its service", () => {
    const { partition, account } = accountRefs(created().json);
    const root = { AWS: `arn:${partition}:iam::${account}:root` };
    const statements = policyStatements(created().key.body);
    // Each statement exactly: "holds, statement by statement, the database key's policy" below.
    const administration = statements[0]!;
    expect(administration).toMatchObject({ Sid: "AccountAdministersTheKey", Principal: root, Resource: "*" });
    // DescribeKey (metadata only) serves RDS, Terraform and the alias lookup alike, so it needs no service condition.
    expect(administration.Action).toEqual(expect.arrayContaining(["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:ListKeyRotations", "kms:DescribeKey"]));
    for (const action of administration.Action as string[]) expect(action).toMatch(/^kms:(?!Encrypt|Decrypt|ReEncrypt|GenerateDataKey|CreateGrant)[A-Za-z]+$/);
    // Nothing lets a principal encrypt or decrypt with the key directly, outside RDS and Secrets Manager.
    for (const statement of statements.filter((s) => s.Sid !== "AccountAdministersTheKey")) {
      expect(statement.Condition.StringEquals["kms:ViaService"]).toMatch(/^(rds|secretsmanager)\./);
    }
    expect(JSON.stringify(statements)).not.toMatch(/ReEncrypt|"kms:Encrypt"|GenerateDataKeyWithoutPlaintext/);
  });

  it("holds, statement by statement, the database key's policy", () => {
    expect(policyStatements(created().key.body)).toEqual(databaseKeyStatements(created().json));
  });

  // The same guards judged as IAM would judge a request, whatever its other keys hold.
  describe("as IAM evaluates the key policy for this account's principals", () => {
    const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const allowed = (action: string, facts: Record<string, string>) => {
      const statements = policyStatements(created().key.body).filter((statement) => statement.Principal?.AWS !== undefined);
      return allows(statements, { action, resource: KEY, facts });
    };
    const via = (service: string) => `${service}.${accountRefs(created().json).region}.amazonaws.com`;

    it("lets RDS create grants only for AWS resources, and only through RDS", () => {
      expect(allowed("kms:CreateGrant", { "kms:ViaService": via("rds"), "kms:GrantIsForAWSResource": "true" })).toBe(true);
      expect(allowed("kms:CreateGrant", { "kms:ViaService": via("rds"), "kms:GrantIsForAWSResource": "false" })).toBe(false);
      expect(allowed("kms:CreateGrant", { "kms:ViaService": via("secretsmanager"), "kms:GrantIsForAWSResource": "true" })).toBe(false);
    });

    it("lets Performance Insights' data be decrypted only through RDS", () => {
      const pi = { "kms:EncryptionContext:service": "pi", "kms:EncryptionContext:aws:pi:service": "rds" };
      expect(allowed("kms:Decrypt", { ...pi, "kms:ViaService": via("rds") })).toBe(true);
      expect(allowed("kms:Decrypt", { ...pi, "kms:ViaService": via("s3") })).toBe(false);
      expect(allowed("kms:GenerateDataKey", { ...pi, "kms:ViaService": via("ec2") })).toBe(false);
    });

    it("lets nothing encrypt, decrypt or grant outside RDS and Secrets Manager", () => {
      for (const action of ["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:Encrypt", "kms:ReEncryptFrom"]) {
        expect(allowed(action, { "kms:ViaService": via("lambda") }), action).toBe(false);
      }
      expect(allowed("kms:Decrypt", { "kms:ViaService": via("secretsmanager") })).toBe(true);
    });
  });

  it("encrypts storage, the secret and Performance Insights with it", () => {
    expect(onlyResource(created().json, "aws_rds_cluster").body).toMatchObject({ storage_encrypted: true, kms_key_id: created().keyArn });
    expect(onlyResource(created().json, "aws_secretsmanager_secret").body.kms_key_id).toBe(created().keyArn);
    expect(onlyResource(created().json, "aws_rds_cluster_instance").body.performance_insights_kms_key_id).toBe(created().keyArn);
  });

  it("encrypts the RDS-managed secret with it in managed mode", () => {
    const managed = synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true, credentials: "managed" }).json;
    const managedKey = ref("aws_kms_key", onlyResource(managed, "aws_kms_key").name, "arn");
    expect(onlyResource(managed, "aws_rds_cluster").body.master_user_secret_kms_key_id).toBe(managedKey);
  });
});

describe("an existing key", () => {
  const existing = inHook(() => {
    const { json } = synthDatabase({ encryptionKey: { existingKeyArn: EXISTING_KEY } });
    return { json };
  });

  it("is used everywhere and no key is created", () => {
    expect(resourcesOf(existing().json, "aws_kms_key")).toEqual({});
    expect(onlyResource(existing().json, "aws_rds_cluster").body.kms_key_id).toBe(EXISTING_KEY);
    expect(onlyResource(existing().json, "aws_secretsmanager_secret").body.kms_key_id).toBe(EXISTING_KEY);
    expect(onlyResource(existing().json, "aws_rds_cluster_instance").body.performance_insights_kms_key_id).toBe(EXISTING_KEY);
  });

  it("gets a decrypt grant limited to Secrets Manager in the region and to this secret", () => {
    const secretArn = ref("aws_secretsmanager_secret", onlyResource(existing().json, "aws_secretsmanager_secret").name, "arn");
    const region = dataRef("aws_region", onlyDataSource(existing().json, "aws_region").name, "region");
    expect(policyStatements(lambdaPolicy(existing().json))).toContainEqual(decryptSecretStatement({ key: EXISTING_KEY, secret: secretArn, region }));
  });
});

describe("AWS managed keys (the default)", () => {
  const awsManaged = inHook(() => {
    const { json } = synthDatabase();
    return { json };
  });

  it("name the aws/rds key explicitly for storage and Performance Insights, so a change of key is a planned replacement", () => {
    const rdsKey = onlyDataSource(awsManaged().json, "aws_kms_key");
    expect(rdsKey.body).toEqual({ key_id: "alias/aws/rds" });
    expect(onlyResource(awsManaged().json, "aws_rds_cluster").body.kms_key_id).toBe(dataRef("aws_kms_key", rdsKey.name, "arn"));
    expect(onlyResource(awsManaged().json, "aws_rds_cluster_instance").body.performance_insights_kms_key_id).toBe(dataRef("aws_kms_key", rdsKey.name, "arn"));
  });

  it("create no key, leave the secret on aws/secretsmanager and grant no KMS action", () => {
    expect(resourcesOf(awsManaged().json, "aws_kms_key")).toEqual({});
    expect(onlyResource(awsManaged().json, "aws_secretsmanager_secret").body.kms_key_id).toBeUndefined();
    expect(JSON.stringify(policyStatements(lambdaPolicy(awsManaged().json)))).not.toContain("kms:");
  });

  it("look nothing up when neither storage nor Performance Insights is encrypted", () => {
    const plain = synthDatabase({ storageEncrypted: false, performanceInsights: false }).json;
    expect(plain.data.aws_kms_key).toBeUndefined();
    expect(onlyResource(plain, "aws_rds_cluster").body.kms_key_id).toBeUndefined();
  });
});

describe("a change of key never leaves the cluster on a destroyed key", () => {
  it("replaces the cluster instead, when the key changes from a created one to the AWS managed one", () => {
    const created = onlyResource(synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true }).json, "aws_rds_cluster").body;
    const awsManaged = onlyResource(synthDatabase({ skipFinalSnapshot: true }).json, "aws_rds_cluster").body;
    // kms_key_id forces a new cluster; a value that stayed unset would keep the old key silently.
    expect(created.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(awsManaged.kms_key_id).toMatch(/^\$\{data\.aws_kms_key\./);
  });

  it.each([
    ["an existing key", { existingKeyArn: EXISTING_KEY }],
    ["the AWS managed keys", "aws-managed"],
  ] as const)("forgets rather than destroys the key created before, when %s is chosen instead", (_choice, encryptionKey) => {
    const before = synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true }).json;
    const after = synthDatabase({ encryptionKey, skipFinalSnapshot: true }).json;
    const createdAddresses = [`aws_kms_key.${onlyResource(before, "aws_kms_key").name}`, `aws_kms_alias.${onlyResource(before, "aws_kms_alias").name}`];
    expect(after.removed).toEqual(createdAddresses.map((from) => ({ from, lifecycle: { destroy: false } })));
    expect(before.removed).toBeUndefined();
  });

  it("forgets the key of each database in a stack", () => {
    const { stack } = databaseStack({ encryptionKey: { existingKeyArn: EXISTING_KEY } });
    new AuroraPostgresServerless(stack, "Reports", { name: "reports", databaseName: "reports", encryptionKey: { existingKeyArn: EXISTING_KEY } });
    const froms = (synthesize(stack).json.removed as Block[]).map((block) => block.from);
    expect(froms).toHaveLength(4);
    expect(new Set(froms).size).toBe(4);
    expect(froms.filter((from) => from.includes("Reports_EncryptionKey"))).toHaveLength(2);
  });
});

describe("AuroraEncryptionKey, for a long-lived stack", () => {
  const keyStack = inHook(() => {
    const app = testApp();
    const stack = new TerraformStack(app, "keys");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const key = new AuroraEncryptionKey(stack, "Key", { name: "orders-prod", tags: { Team: "data" } });
    const { json } = synthesize(stack);
    return { app, stack, key, json };
  });

  it("creates the same key and alias the database would, with the same narrow policy, ready for the database's alarm topic", () => {
    const body = onlyResource(keyStack().json, "aws_kms_key").body;
    expect(body).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, tags: { Team: "data" } });
    expect(policyStatements(body).map((statement) => statement.Sid)).toEqual([
      "AccountAdministersTheKey",
      "RdsCreatesGrantsForItself",
      "SecretsManagerProtectsTheCredentials",
      "PerformanceInsightsReaders",
      "CloudWatchPublishesThisDatabaseAlarms",
    ]);
    expect(onlyResource(keyStack().json, "aws_kms_alias").body.name).toBe("alias/orders-prod-aurora");
    expect(keyStack().key.aliasName).toBe("alias/orders-prod-aurora");
  });

  it("holds exactly the database key's statements, then CloudWatch's for this database's alarm topic, each with its principals, actions, resources and conditions", () => {
    const { json } = keyStack();
    const statements = policyStatements(onlyResource(json, "aws_kms_key").body);
    expect(statements).toEqual([...databaseKeyStatements(json, "Key"), cloudWatchKeyStatement(json, "Key", "orders-prod")]);
  });

  it("lets AWS Backup use the key for the alarm topic only with backupNotifications, for this database's vault", () => {
    const stack = new TerraformStack(testApp(), "keys");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new AuroraEncryptionKey(stack, "Key", { name: "orders-prod", backupNotifications: true });
    const { json } = synthesize(stack);
    expect(policyStatements(onlyResource(json, "aws_kms_key").body)).toEqual([
      ...databaseKeyStatements(json, "Key"),
      cloudWatchKeyStatement(json, "Key", "orders-prod"),
      backupKeyStatement(json, "Key", "orders-prod"),
    ]);
  });

  it("takes a shorter deletion window when asked", () => {
    const other = new TerraformStack(testApp(), "keys");
    new AwsProvider(other, "aws", { region: "us-east-1" });
    new AuroraEncryptionKey(other, "Key", { name: "orders-dev", deletionWindowDays: 7 });
    expect(onlyResource(synthesize(other).json, "aws_kms_key").body.deletion_window_in_days).toBe(7);
  });
});

describe("grantPerformanceInsightsRead", () => {
  const grantOf = (props: Parameters<typeof databaseStack>[0]) => {
    const { stack, database } = databaseStack(props);
    database.grantPerformanceInsightsRead("Dba", { name: "dba-role" });
    const { json } = synthesize(stack);
    return { json, policy: resourceWhere(json, "aws_iam_role_policy", "role", "dba-role").body };
  };

  it("reads the metrics of this cluster's instances and, with a customer-managed key, decrypts only through RDS with Performance Insights' context", () => {
    const { json, policy } = grantOf({ encryptionKey: { existingKeyArn: EXISTING_KEY }, readers: 1 });
    expect(policy.name).toBe("test-aurora-pi-read-Dba");
    const instances = Object.keys(resourcesOf(json, "aws_rds_cluster_instance")).map((name) => ref("aws_rds_cluster_instance", name, "dbi_resource_id"));
    const { partition, region, account } = accountRefs(json);
    const [read, decrypt, ...describes] = policyStatements(policy);
    expect(read!.Action).toEqual(expect.arrayContaining(["pi:GetResourceMetrics", "pi:DescribeDimensionKeys", "pi:GetDimensionKeyDetails"]));
    expect(read!.Resource).toEqual(instances.map((id) => `arn:${partition}:pi:${region}:${account}:metrics/rds/${id}`));
    expect(decrypt).toEqual({
      Sid: "DecryptPerformanceInsightsOfTheseInstances",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [EXISTING_KEY],
      Condition: {
        StringEquals: { "kms:ViaService": `rds.${region}.amazonaws.com` },
        "ForAnyValue:StringEquals": {
          "kms:EncryptionContext:aws:pi:service": "rds",
          "kms:EncryptionContext:service": "pi",
          "kms:EncryptionContext:aws:rds:db-id": instances,
        },
      },
    });
    // What Database Insights reads of RDS, on this cluster and these instances only.
    const instanceArns = Object.keys(resourcesOf(json, "aws_rds_cluster_instance")).map((name) => ref("aws_rds_cluster_instance", name, "arn"));
    expect(describes).toEqual([
      {
        Sid: "DescribeThisCluster",
        Effect: "Allow",
        Action: ["rds:DescribeDBClusters"],
        Resource: [ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "arn")],
      },
      { Sid: "DescribeTheseInstances", Effect: "Allow", Action: ["rds:DescribeDBInstances"], Resource: instanceArns },
    ]);
  });

  it("needs no KMS statement with the AWS managed key", () => {
    expect(policyStatements(grantOf({}).policy).map((statement) => statement.Sid)).toEqual([
      "ReadPerformanceInsightsOfTheseInstances",
      "DescribeThisCluster",
      "DescribeTheseInstances",
    ]);
  });

  it("is refused, clearly, when Performance Insights is off", () => {
    const { database } = databaseStack({ performanceInsights: false });
    expect(validationProblems(() => database.grantPerformanceInsightsRead("Dba", { name: "dba-role" }))).toEqual([
      { property: "performanceInsights", received: false, allowed: "true, so that there is something to read" },
    ]);
  });
});

describe("grantDataApiAccess with a customer-managed key", () => {
  it("grants the same narrow decrypt statement as the Lambda role", () => {
    const { stack, database } = databaseStack({ encryptionKey: "create", skipFinalSnapshot: true, credentials: "managed" });
    database.grantDataApiAccess("Grant", { name: "worker" });
    const { json } = synthesize(stack);
    const grant = policyStatements(resourceWhere(json, "aws_iam_role_policy", "role", "worker").body);
    const lambda = policyStatements(lambdaPolicy(json));
    expect(grant).toEqual(lambda.slice(0, 3));
    expect(grant.map((s) => s.Sid)).toEqual(["DataApiOnThisCluster", "ReadThisClusterSecret", "DecryptThisSecretOnly"]);
    const cluster = onlyResource(json, "aws_rds_cluster").name;
    expect(grant[2]!.Condition.StringEquals["kms:EncryptionContext:SecretARN"]).toBe(ref("aws_rds_cluster", cluster, "master_user_secret[0].secret_arn"));
  });
});
