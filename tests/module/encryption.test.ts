/**
 * Customer-managed keys: created with rotation and an explicit policy, or passed in; used for
 * storage, the credentials secret and Performance Insights; decryption granted narrowly.
 */
import { describe, expect, it } from "vitest";
import {
  type Block,
  dataRef,
  databaseStack,
  onlyDataSource,
  onlyResource,
  policyStatements,
  ref,
  resourceWhere,
  resourcesOf,
  synthDatabase,
  synthesize,
} from "../support/synth";

const EXISTING_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const lambdaPolicy = (json: Block) => resourceWhere(json, "aws_iam_role_policy", "name", "test-lambda-aurora-policy").body;

describe('encryptionKey: "create"', () => {
  const { json } = synthDatabase({ encryptionKey: "create" });
  const key = onlyResource(json, "aws_kms_key");
  const keyArn = ref("aws_kms_key", key.name, "arn");

  it("creates one key with yearly rotation and a 30-day deletion window, and an alias", () => {
    expect(key.body).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(onlyResource(json, "aws_kms_alias").body).toEqual({ name: "alias/test-aurora", target_key_id: ref("aws_kms_key", key.name, "key_id") });
  });

  it("has an explicit key policy: this account administers the key and delegates use to IAM, action by action", () => {
    const partition = dataRef("aws_partition", onlyDataSource(json, "aws_partition").name, "partition");
    const account = dataRef("aws_caller_identity", onlyDataSource(json, "aws_caller_identity").name, "account_id");
    const root = `arn:${partition}:iam::${account}:root`;
    const statements = policyStatements(key.body);
    expect(statements.map((s) => s.Sid)).toEqual(["AccountAdministersTheKey", "IamPoliciesGrantUse"]);
    for (const statement of statements) {
      expect(statement.Principal).toEqual({ AWS: root });
      expect(statement.Resource).toBe("*"); // in a key policy: this key
      for (const action of statement.Action as string[]) {
        expect(action).toMatch(/^kms:[A-Za-z]+$/);
      }
    }
    expect(statements[0]!.Action).toContain("kms:PutKeyPolicy");
    expect(statements[0]!.Action).not.toContain("kms:Decrypt");
    expect(statements[1]!.Action).toEqual(expect.arrayContaining(["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant"]));
  });

  it("encrypts storage, the secret and Performance Insights with it", () => {
    expect(onlyResource(json, "aws_rds_cluster").body).toMatchObject({ storage_encrypted: true, kms_key_id: keyArn });
    expect(onlyResource(json, "aws_secretsmanager_secret").body.kms_key_id).toBe(keyArn);
    expect(onlyResource(json, "aws_rds_cluster_instance").body.performance_insights_kms_key_id).toBe(keyArn);
  });

  it("encrypts the RDS-managed secret with it in managed mode", () => {
    const managed = synthDatabase({ encryptionKey: "create", credentials: "managed" }).json;
    const managedKey = ref("aws_kms_key", onlyResource(managed, "aws_kms_key").name, "arn");
    expect(onlyResource(managed, "aws_rds_cluster").body.master_user_secret_kms_key_id).toBe(managedKey);
  });
});

describe("an existing key", () => {
  const { json } = synthDatabase({ encryptionKey: { existingKeyArn: EXISTING_KEY } });

  it("is used everywhere and no key is created", () => {
    expect(resourcesOf(json, "aws_kms_key")).toEqual({});
    expect(onlyResource(json, "aws_rds_cluster").body.kms_key_id).toBe(EXISTING_KEY);
    expect(onlyResource(json, "aws_secretsmanager_secret").body.kms_key_id).toBe(EXISTING_KEY);
    expect(onlyResource(json, "aws_rds_cluster_instance").body.performance_insights_kms_key_id).toBe(EXISTING_KEY);
  });

  it("gets a decrypt grant limited to Secrets Manager in the region and to this secret", () => {
    const secretArn = ref("aws_secretsmanager_secret", onlyResource(json, "aws_secretsmanager_secret").name, "arn");
    const region = dataRef("aws_region", onlyDataSource(json, "aws_region").name, "region");
    expect(policyStatements(lambdaPolicy(json))).toContainEqual({
      Sid: "DecryptThisSecretOnly",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [EXISTING_KEY],
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com`, "kms:EncryptionContext:SecretARN": secretArn } },
    });
  });
});

describe("AWS managed keys (the default)", () => {
  const { json } = synthDatabase();

  it("leave key ids unset and grant no KMS action", () => {
    expect(resourcesOf(json, "aws_kms_key")).toEqual({});
    expect(onlyResource(json, "aws_rds_cluster").body.kms_key_id).toBeUndefined();
    expect(onlyResource(json, "aws_secretsmanager_secret").body.kms_key_id).toBeUndefined();
    expect(onlyResource(json, "aws_rds_cluster_instance").body.performance_insights_kms_key_id).toBeUndefined();
    expect(JSON.stringify(policyStatements(lambdaPolicy(json)))).not.toContain("kms:");
  });
});

describe("grantDataApiAccess with a customer-managed key", () => {
  it("grants the same narrow decrypt statement as the Lambda role", () => {
    const { stack, database } = databaseStack({ encryptionKey: "create", credentials: "managed" });
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
