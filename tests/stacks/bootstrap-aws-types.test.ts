/**
 * The Terraform types each scope's roles are derived from (stacks/app.ts's scopeResourceTypes):
 * those of the scope's synthesized stacks, whatever inputs they are synthesized with, the previews'
 * those of the environment whose settings a preview takes, and the same whatever the shell the
 * bootstrap stack is deployed from has set.
 */
import { describe, expect, it } from "vitest";
import { defineStacks, PREVIEW_SETTINGS } from "../../stacks/app";
import { LONGEST_CONTEXT } from "../../stacks/bootstrap/aws/quotas";
import { environmentScope, PREVIEW_ENVIRONMENT, RESTORE_SOURCES } from "../../stacks/bootstrap/aws/scopes";
import { applyStatements } from "../../stacks/bootstrap/aws/statements";
import type { Environment } from "../../stacks/deployment-inputs";
import { disasterRecoveryStackName } from "../../stacks/disaster-recovery-stack";
import { ENVIRONMENTS, hasDisasterRecoveryStack, PROJECT, type EnvironmentName } from "../../stacks/environments";
import { keyStackName } from "../../stacks/key-stack";
import { secondaryStackName } from "../../stacks/secondary-stack";
import { testApp } from "../support/app";
import { synthesize, synthStacksByName } from "../support/synth";
import { DISASTER_RECOVERY, documentTypes, RESOURCE_TYPES } from "./bootstrap-aws-support";

const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];

/** The inputs that add resource types to the stacks: an alarm email subscribes an address to the alarm topic. */
const TYPE_ADDING_INPUTS: Environment = { AURORA_ALARM_EMAIL: "alarms@example.com" };

/** Every input the app reads for the environments' stacks, each with a value it accepts. */
const EVERY_INPUT: Environment = {
  AURORA_AWS_REGION: "eu-west-2",
  AURORA_MIN_CAPACITY: "1",
  AURORA_MAX_CAPACITY: "8",
  AURORA_ALARM_EMAIL: "oncall@example.com",
  ...Object.fromEntries(ENVIRONMENT_NAMES.map((name) => [`AURORA_${name.toUpperCase()}_RESTORE_SNAPSHOT`, `alex-${name}-snapshot-1`])),
  ...Object.fromEntries(
    ENVIRONMENT_NAMES.filter((name) => ENVIRONMENTS[name].encryptionKey === "key-stack").map((name) => [
      `AURORA_${name.toUpperCase()}_IMPORT_KEY_ID`,
      "1234abcd-12ab-34cd-56ef-1234567890ab",
    ]),
  ),
  ...Object.fromEntries(
    ENVIRONMENT_NAMES.filter((name) => hasDisasterRecoveryStack(ENVIRONMENTS[name])).map((name) => [`AURORA_${name.toUpperCase()}_DR_REGION`, "eu-west-1"]),
  ),
};

/** An environment's synthesized stacks: its database stack, and its key, disaster-recovery and global secondary's stacks where it has them. */
const environmentTypes = (env: Environment, environment: EnvironmentName, only?: readonly string[]) => {
  const stacks = synthStacksByName(env);
  const names = only ?? [environment, keyStackName(environment), disasterRecoveryStackName(environment), secondaryStackName(environment)];
  return documentTypes(...names.filter((name) => name in stacks).map((name) => stacks[name]!.json));
};

describe("each scope's types", () => {
  it.each(ENVIRONMENT_NAMES)("%s: those of its database and key stacks, synthesized with the inputs that add types", (environment) => {
    expect(RESOURCE_TYPES[environment]).toEqual(environmentTypes(TYPE_ADDING_INPUTS, environment));
  });

  it.each(ENVIRONMENT_NAMES)("%s: hold the types of its stacks synthesized with any input, or none", (environment) => {
    for (const env of [{}, EVERY_INPUT]) expect(environmentTypes(env, environment).filter((type) => !RESOURCE_TYPES[environment]!.includes(type))).toEqual([]);
  });

  it("the previews': a synthesized preview's types are exactly those of the environment whose settings it takes", () => {
    const preview = synthesize(defineStacks(testApp(), { PREVIEW_ID: "7" }).preview!).json;
    const settingsFrom = synthStacksByName()[PREVIEW_SETTINGS]!.json;
    expect(documentTypes(preview)).toEqual(documentTypes(settingsFrom));
    expect(RESOURCE_TYPES[PREVIEW_ENVIRONMENT]).toEqual(documentTypes(settingsFrom));
  });

  it.each(ENVIRONMENT_NAMES)("%s: in its disaster-recovery region, those of its stacks there, with that region", (environment) => {
    const otherRegion = [disasterRecoveryStackName(environment), secondaryStackName(environment)];
    if (!otherRegion.some((name) => name in synthStacksByName())) {
      expect(DISASTER_RECOVERY[environment]).toBeUndefined();
      return;
    }
    expect(DISASTER_RECOVERY[environment]).toEqual({ region: PROJECT.defaultDisasterRecoveryRegion, types: environmentTypes({}, environment, otherRegion) });
    expect(defineStacks(testApp(), { [`AURORA_${environment.toUpperCase()}_DR_REGION`]: "eu-west-1" }).bootstrap.disasterRecovery[environment]!.region).toBe(
      "eu-west-1",
    );
  });

  it("do not depend on the inputs of the shell the bootstrap stack is deployed from", () => {
    for (const env of [TYPE_ADDING_INPUTS, EVERY_INPUT, { PREVIEW_ID: "7" }])
      expect(defineStacks(testApp(), env).bootstrap.resourceTypes).toEqual(RESOURCE_TYPES);
  });

  it("give an environment that restores another's snapshots a key of its own, whose statements grant RDS the source's key", () => {
    for (const [environment, sources] of Object.entries(RESTORE_SOURCES) as [EnvironmentName, readonly EnvironmentName[]][]) {
      expect(RESOURCE_TYPES[environment]).toContain("aws_kms_key");
      // RDS's grants; AWS Backup's on the environment's own vault keys are held to it alone.
      const grants = applyStatements(environmentScope(environment), LONGEST_CONTEXT, RESOURCE_TYPES[environment]!).filter(
        (statement) =>
          statement.Effect === "Allow" && statement.Action.includes("kms:CreateGrant") && JSON.stringify(statement.Condition ?? {}).includes('"rds.'),
      );
      expect(
        grants.map((statement) => statement.Condition?.StringEqualsIfExists?.["aws:ResourceTag/Environment"]),
        environment,
      ).toEqual([[environment, ...sources]]);
    }
  });
});
