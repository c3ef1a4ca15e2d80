/**
 * AURORA_<ENV>_DR_REGION: the region of an environment's disaster-recovery stacks, known only to
 * the environments that have them (disasterRecoveryCopies or globalSecondary), validated as a
 * region other than the environment's own, in its partition, every problem naming the variable,
 * the value and what is allowed. tests/stacks/disaster-recovery.test.ts reads it through the app.
 */
import { partitionOfRegion } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { knownVariableNames, readDeploymentInputs, type Environment } from "../../stacks/deployment-inputs";
import { ENVIRONMENTS, hasDisasterRecoveryStack, PROJECT, type EnvironmentName } from "../../stacks/environments";
import { validationProblems } from "../support/synth";

const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];
const WITH_DR = ENVIRONMENT_NAMES.filter((name) => hasDisasterRecoveryStack(ENVIRONMENTS[name]));
const WITHOUT_DR = ENVIRONMENT_NAMES.filter((name) => !WITH_DR.includes(name));

/** The inputs of every environment, prod's disaster-recovery region among them, as the app reads them. */
const read = (env: Environment) => readDeploymentInputs(ENVIRONMENT_NAMES, env, [], [], WITH_DR);

describe("AURORA_<ENV>_DR_REGION", () => {
  it("is known for the environments with a disaster-recovery stack only, never shared", () => {
    expect(WITH_DR).toEqual(["prod"]);
    const known = knownVariableNames(ENVIRONMENT_NAMES, [], [], WITH_DR);
    expect(known).toContain("AURORA_PROD_DR_REGION");
    for (const name of WITHOUT_DR) expect(known).not.toContain(`AURORA_${name.toUpperCase()}_DR_REGION`);
    expect(known).not.toContain("AURORA_DR_REGION");
    // Staging has no disaster-recovery stack: its variable is an unknown one, refused with the nearest known name.
    expect(validationProblems(() => read({ AURORA_STAGING_DR_REGION: "us-west-2" }))).toEqual([
      { property: "AURORA_STAGING_DR_REGION", received: "us-west-2", allowed: expect.stringMatching(/^a variable the app reads; did you mean AURORA_\w+\?$/) },
    ]);
  });

  it("defaults to us-west-2, for the environments that have a disaster-recovery stack only", () => {
    expect(PROJECT.defaultDisasterRecoveryRegion).toBe("us-west-2");
    const inputs = read({});
    expect(inputs.prod.disasterRecoveryRegion).toBe("us-west-2");
    for (const name of WITHOUT_DR) expect(inputs[name].disasterRecoveryRegion).toBeUndefined();
  });

  it("takes the region it names", () => {
    expect(read({ AURORA_PROD_DR_REGION: "eu-central-1" }).prod.disasterRecoveryRegion).toBe("eu-central-1");
    expect(read({ AURORA_PROD_AWS_REGION: "eu-west-1", AURORA_PROD_DR_REGION: "eu-central-1" }).prod.disasterRecoveryRegion).toBe("eu-central-1");
  });

  it.each([
    [
      "us-east-1",
      "a region other than prod's own region (us-east-1, the default): a copy or a secondary in the database's region survives nothing that takes the region down",
    ],
    ["Oregon", `an AWS region code other than prod's own region (us-east-1, the default), such as "us-west-2" or "eu-central-1"`],
    ["us-west-2 ", `an AWS region code other than prod's own region (us-east-1, the default), such as "us-west-2" or "eu-central-1"`],
    [
      "cn-north-1",
      "a region of the aws partition, that of prod's own region (us-east-1, the default): AWS Backup copies, and a global database replicates, between regions of one partition only",
    ],
    [
      "us-gov-west-1",
      "a region of the aws partition, that of prod's own region (us-east-1, the default): AWS Backup copies, and a global database replicates, between regions of one partition only",
    ],
  ])("refuses %j, naming the variable, the value and what is allowed", (value, allowed) => {
    expect(validationProblems(() => read({ AURORA_PROD_DR_REGION: value }))).toEqual([{ property: "AURORA_PROD_DR_REGION", received: value, allowed }]);
  });

  it("refuses the default when the environment itself moved there, naming the variable that would change it", () => {
    expect(validationProblems(() => read({ AURORA_PROD_AWS_REGION: "us-west-2" }))).toEqual([
      {
        property: "AURORA_PROD_DR_REGION (unset: the default us-west-2)",
        received: "us-west-2",
        allowed:
          "a region other than prod's own region (us-west-2, from AURORA_PROD_AWS_REGION): a copy or a secondary in the database's region survives nothing that takes the region down",
      },
    ]);
    // The same from the shared variable; another region of the environment's partition is fine.
    expect(validationProblems(() => read({ AURORA_AWS_REGION: "us-west-2" }))[0]!.allowed).toContain("from AURORA_AWS_REGION");
    expect(read({ AURORA_PROD_AWS_REGION: "us-west-2", AURORA_PROD_DR_REGION: "us-east-2" }).prod.disasterRecoveryRegion).toBe("us-east-2");
  });

  it("reports its problem with the other inputs' problems, all at once", () => {
    expect(validationProblems(() => read({ AURORA_PROD_DR_REGION: "cn-north-1", AURORA_DEV_MIN_CAPACITY: "lots" })).map((problem) => problem.property)).toEqual(
      ["AURORA_DEV_MIN_CAPACITY", "AURORA_PROD_DR_REGION"],
    );
  });

  it("accepts another region of the environment's partition, there too", () => {
    for (const [own, other] of [
      ["us-east-1", "eu-west-1"],
      ["us-gov-west-1", "us-gov-east-1"],
      ["cn-north-1", "cn-northwest-1"],
    ] as const) {
      expect(partitionOfRegion(own)).toBe(partitionOfRegion(other));
      expect(readDeploymentInputs(["prod"], { AURORA_PROD_AWS_REGION: own, AURORA_PROD_DR_REGION: other }, [], [], ["prod"]).prod.disasterRecoveryRegion).toBe(
        other,
      );
    }
    expect(partitionOfRegion("mars-east-1")).toBeUndefined();
  });
});
