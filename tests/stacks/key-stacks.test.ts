/**
 * Staging and prod keep final snapshots encrypted with a customer-managed key, so the key lives
 * in a long-lived stack of its own: destroying a database stack never schedules its key for
 * deletion, and the snapshot stays restorable.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defineStacks, validationErrors } from "../../stacks/app";
import { DEFAULT_PROJECT, DEFAULT_WORKSPACE_PREFIX, workspaceName } from "../../stacks/backend";
import { databaseResourceName, ENVIRONMENTS, environmentTags, type EnvironmentName, type EnvironmentSettings } from "../../stacks/environments";
import { keyStackName } from "../../stacks/key-stack";
import { testApp } from "../support/app";
import { dataRef, inHook, onlyDataSource, onlyResource, policyStatements, resourcesOf, synthApp, validationProblems, type Block } from "../support/synth";

const PREVIOUS_ADDRESSES = JSON.parse(readFileSync(resolve(import.meta.dirname, "../fixtures/stateful-addresses-0.1.0.json"), "utf8")) as Record<
  string,
  string[]
>;

/** The environments whose rows ask for a key stack. */
const KEY_STACK_ENVIRONMENTS = (Object.keys(ENVIRONMENTS) as EnvironmentName[]).filter((name) => ENVIRONMENTS[name].encryptionKey === "key-stack");

/** The database's key and alias in a key stack (its `Key` construct), beside the backup vault's. */
const databaseKey = (json: Block, type: "aws_kms_key" | "aws_kms_alias") => {
  const entries = Object.entries(resourcesOf(json, type)).filter(([name]) => name.startsWith("Key_"));
  expect(entries, `exactly one ${type} of the database's key`).toHaveLength(1);
  const [name, body] = entries[0]!;
  return { name, body };
};

it("exist for the environments that keep final snapshots with a customer-managed key, and only those", () => {
  expect(KEY_STACK_ENVIRONMENTS).toEqual(expect.arrayContaining(["staging", "prod"]));
  expect(Object.keys(synthApp().keys).sort()).toEqual([...KEY_STACK_ENVIRONMENTS].sort());
  expect(synthApp().environments.dev.json.resource.aws_rds_cluster).toBeDefined();
  expect(onlyResource(synthApp().environments.dev.json, "aws_rds_cluster").body.skip_final_snapshot).toBe(true);
});

describe.each(["staging", "prod"] as const)("the %s key stack", (environment) => {
  const stacks = inHook(() => ({ keyJson: synthApp().keys[environment]!.json, databaseJson: synthApp().environments[environment].json }));

  it("holds the key, rotated yearly, with a 30-day deletion window and the environment's tags, and its alias", () => {
    expect(databaseKey(stacks().keyJson, "aws_kms_key").body).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      tags: environmentTags(environment),
    });
    expect(databaseKey(stacks().keyJson, "aws_kms_alias").body.name).toBe(`alias/${databaseResourceName(environment)}-aurora`);
    expect(policyStatements(databaseKey(stacks().keyJson, "aws_kms_key").body).map((statement: Block) => statement.Sid)).toContain("RdsCreatesGrantsForItself");
  });

  it("lets CloudWatch use the key for the environment's alarm topic only, which the database stack encrypts with it", () => {
    const statement = policyStatements(databaseKey(stacks().keyJson, "aws_kms_key").body).find(
      (candidate: Block) => candidate.Sid === "CloudWatchPublishesThisDatabaseAlarms",
    );
    expect(statement).toMatchObject({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"] });
    expect(statement!.Condition.StringEquals["kms:EncryptionContext:aws:sns:topicArn"]).toMatch(
      new RegExp(`:${databaseResourceName(environment)}-aurora-alarms$`),
    );
    expect(statement!.Condition.ArnLike["aws:SourceArn"]).toMatch(new RegExp(`:alarm:${databaseResourceName(environment)}-aurora-\\*$`));
    expect(onlyResource(stacks().databaseJson, "aws_sns_topic").body.name).toBe(`${databaseResourceName(environment)}-aurora-alarms`);
  });

  it("is the key the database stack uses, found by its alias, so the database stack reads no other stack's state", () => {
    const lookup = onlyDataSource(stacks().databaseJson, "aws_kms_key");
    expect(lookup.body).toEqual({ key_id: `alias/${databaseResourceName(environment)}-aurora` });
    const arn = dataRef("aws_kms_key", lookup.name, "arn");
    expect(onlyResource(stacks().databaseJson, "aws_rds_cluster").body).toMatchObject({ kms_key_id: arn, master_user_secret_kms_key_id: arn });
    expect(JSON.stringify(stacks().databaseJson)).not.toContain("terraform_remote_state");
  });

  it("leaves nothing in the database stack that a destroy could delete the key with", () => {
    expect(resourcesOf(stacks().databaseJson, "aws_kms_key")).toEqual({});
    expect(resourcesOf(stacks().databaseJson, "aws_kms_alias")).toEqual({});
  });

  it("takes over the key that the database stack created in 0.1.0: the database stack forgets it instead of destroying it", () => {
    const previousKey = PREVIOUS_ADDRESSES[environment]!.find((address) => address.startsWith("aws_kms_key."));
    expect(previousKey).toBeDefined();
    expect(stacks().databaseJson.removed).toEqual([
      { from: previousKey, lifecycle: { destroy: false } },
      { from: expect.stringMatching(/^aws_kms_alias\.Database_EncryptionKey_[\w]+$/), lifecycle: { destroy: false } },
    ]);
  });

  it("requires the same Terraform as the database stack", () => {
    expect(stacks().keyJson.terraform.required_version).toBe(stacks().databaseJson.terraform.required_version);
  });

  it("outputs the key's ARN and alias, and with backups its vault's name and ARN", () => {
    const row: EnvironmentSettings = ENVIRONMENTS[environment];
    const vault = row.backups === "none" ? [] : ["backup_vault_arn", "backup_vault_name"];
    expect(Object.keys(stacks().keyJson.output).sort()).toEqual([...vault, "kms_key_alias", "kms_key_arn"].sort());
  });
});

describe("moving an environment deployed with 0.1.0", () => {
  const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  it("imports its existing key and alias into the key stack when AURORA_<ENV>_IMPORT_KEY_ID is set, and creates nothing anew", () => {
    const moved = synthApp({ AURORA_PROD_IMPORT_KEY_ID: KEY_ID }).keys.prod!.json;
    expect(moved.import).toEqual([
      { to: `aws_kms_key.${databaseKey(moved, "aws_kms_key").name}`, id: KEY_ID },
      { to: `aws_kms_alias.${databaseKey(moved, "aws_kms_alias").name}`, id: `alias/${databaseResourceName("prod")}-aurora` },
    ]);
    expect(synthApp({ AURORA_PROD_IMPORT_KEY_ID: KEY_ID }).keys.staging!.json.import).toBeUndefined();
    expect(synthApp().keys.prod!.json.import).toBeUndefined();
  });

  it("refuses a value that is not a key id, and the variable for an environment without a key stack", () => {
    const alias = `alias/${databaseResourceName("prod")}-aurora`;
    expect(validationProblems(() => defineStacks(testApp(), { AURORA_PROD_IMPORT_KEY_ID: alias }))).toEqual([
      { property: "AURORA_PROD_IMPORT_KEY_ID", received: alias, allowed: expect.stringContaining("a KMS key id") },
    ]);
    expect(validationProblems(() => defineStacks(testApp(), { AURORA_DEV_IMPORT_KEY_ID: KEY_ID }))).toEqual([
      {
        property: "AURORA_DEV_IMPORT_KEY_ID",
        received: KEY_ID,
        allowed: expect.stringMatching(
          new RegExp(`did you mean AURORA_(${KEY_STACK_ENVIRONMENTS.map((name) => name.toUpperCase()).join("|")})_IMPORT_KEY_ID\\?$`),
        ),
      },
    ]);
  });
});

describe("ordering and placement", () => {
  it("makes each database stack depend on its key stack (and its disaster-recovery stack), so cdktf and the workflows apply them first", () => {
    const stacks = defineStacks(testApp(), {});
    expect(stacks.environments.prod.dependencies).toEqual([stacks.keys.prod, stacks.disasterRecovery.prod]);
    expect(stacks.environments.staging.dependencies).toEqual([stacks.keys.staging]);
    expect(stacks.environments.dev.dependencies).toEqual([]);
  });

  it("puts the key in its database's region", () => {
    const moved = synthApp({ AURORA_PROD_AWS_REGION: "eu-west-2" });
    expect(moved.keys.prod!.json.provider.aws).toEqual([expect.objectContaining({ region: "eu-west-2" })]);
    expect(moved.keys.staging!.json.provider.aws).toEqual([expect.objectContaining({ region: "us-east-1" })]);
  });

  it("gives each key stack its own Terraform Cloud workspace", () => {
    const cloud = synthApp({ TF_CLOUD_ORGANIZATION: "acme" });
    expect(cloud.keys.prod!.json.terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: workspaceName(DEFAULT_WORKSPACE_PREFIX, keyStackName("prod")), project: DEFAULT_PROJECT },
    });
  });

  it("passes every stack's validations, the policy gates included, with no exception for the key stacks", () => {
    const app = testApp();
    defineStacks(app, {});
    expect(validationErrors(app)).toEqual([]);
  });
});
