/**
 * The gate at synth: prod passes every control, dev and staging give up exactly their listed
 * exceptions, and anything else fails the synth the way `cdktf synth` fails.
 */
import { TerraformStack, Testing } from "cdktf";
import { PolicyGate, evaluateControls, policyGateErrors } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { defineStacks, validationErrors } from "../../stacks/app";
import { ENVIRONMENTS } from "../../stacks/environments";
import { databaseStack, synthEnvironments, synthesize } from "../support/synth";

const stacks = synthEnvironments();

describe("the environments", () => {
  it("prod accepts no exception and passes every control", () => {
    expect(ENVIRONMENTS.prod.acceptedControlExceptions).toEqual({});
    expect([...evaluateControls(stacks.prod.json).keys()]).toEqual([]);
  });

  it("dev gives up exactly its written development exceptions", () => {
    expect(Object.keys(ENVIRONMENTS.dev.acceptedControlExceptions).sort()).toEqual(
      ["CKV_AWS_149", "CKV_AWS_327", "CKV_AWS_354", "RDS.15", "RDS.7", "SecretsManager.1", "SecretsManager.4"].sort(),
    );
    expect([...evaluateControls(stacks.dev.json).keys()].sort()).toEqual(Object.keys(ENVIRONMENTS.dev.acceptedControlExceptions).sort());
  });

  it("staging gives up exactly deletion protection and multi-AZ", () => {
    expect(Object.keys(ENVIRONMENTS.staging.acceptedControlExceptions).sort()).toEqual(["RDS.15", "RDS.7"]);
    expect([...evaluateControls(stacks.staging.json).keys()].sort()).toEqual(["RDS.15", "RDS.7"]);
  });

  it("gives a reason for every exception", () => {
    for (const settings of Object.values(ENVIRONMENTS)) {
      for (const reason of Object.values(settings.acceptedControlExceptions)) expect(reason.length).toBeGreaterThan(20);
    }
  });

  it("pass the gate, and every other validation, in every stack of the app", () => {
    const app = Testing.app();
    defineStacks(app, {});
    expect(validationErrors(app)).toEqual([]);
  });
});

describe("the gate", () => {
  const gated = (exceptions: Record<string, string> = {}, props = {}) => {
    const { stack } = databaseStack({ credentials: "managed", encryptionKey: "create", readers: 1, ...props });
    PolicyGate.apply(stack, { exceptions });
    return stack;
  };

  it("fails the synth, by control id, resource and construct path, when a control fails without exception", () => {
    const stack = gated({}, { deletionProtection: false });
    expect(() => Testing.fullSynth(stack)).toThrow(
      /RDS\.7 deletion protection is off on aws_rds_cluster\.Database_Cluster_[0-9A-F]+ \(test-aurora-cluster\) at Database\/Cluster \[checkov CKV_AWS_139\]/,
    );
  });

  it("lets the synth through when the stack accepts that control with a reason", () => {
    const stack = gated({ "RDS.7": "disposable test database" }, { deletionProtection: false });
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });

  it("refuses an exception that is not needed, so the list cannot grow stale", () => {
    expect(() => Testing.fullSynth(gated({ "RDS.7": "not needed any more" }))).toThrow(/exception for RDS\.7 is not needed: the control passes/);
  });

  it("refuses an exception for an unknown control, and one without a reason", () => {
    const document = { resource: {} };
    expect(policyGateErrors(document, { "RDS.99": "typo" })).toEqual([expect.stringMatching(/^exception for RDS\.99 names no control; known controls: RDS\.7, /)]);
    const { json } = synthesize(databaseStack({ credentials: "managed", encryptionKey: "create", readers: 1, deletionProtection: false }).stack);
    expect(policyGateErrors(json, { "RDS.7": " " })).toEqual(["exception for RDS.7 gives no reason"]);
  });

  it("reports every failing control of a stack at once", () => {
    const errors = policyGateErrors(synthesize(databaseStack({ deletionProtection: false }).stack).json);
    const ids = new Set(errors.map((error) => error.split(" ")[0]));
    expect(ids).toEqual(new Set(["RDS.7", "RDS.15", "CKV_AWS_327", "CKV_AWS_354", "SecretsManager.1", "SecretsManager.4", "CKV_AWS_149"]));
  });

  it("runs for any stack, not only this project's", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "empty");
    PolicyGate.apply(stack);
    expect(validationErrors(app)).toEqual([]);
  });
});
