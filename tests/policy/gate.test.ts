/**
 * The gate at synth: prod passes every control, dev and staging give up exactly their listed
 * exceptions on the resources they name, and anything else fails the synth the way
 * `cdktf synth` fails.
 */
import { TerraformStack, Testing } from "cdktf";
import {
  AuroraPostgresServerless,
  evaluateControls,
  PolicyGate,
  policyGateErrors,
  type PolicyException,
  type TerraformDocument,
} from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { defineStacks, validationErrors } from "../../stacks/app";
import { ENVIRONMENTS } from "../../stacks/environments";
import { testApp } from "../support/app";
import { databaseStack, inHook, MINIMAL_PROPS } from "../support/synth";

/** What the gate reads: the stack's configuration with construct metadata (Testing.synth drops it). */
const documentOf = (stack: TerraformStack) => stack.toTerraform() as TerraformDocument;
const controlsAndPaths = (exceptions: readonly PolicyException[]) => exceptions.map(({ control, resources }) => [control, resources]);

describe("the environments", () => {
  const app = inHook(() => {
    const { environments, preview } = defineStacks(testApp(), { PREVIEW_ID: "12" });
    return { environments, preview };
  });

  it("prod accepts no exception and passes every control", () => {
    expect(ENVIRONMENTS.prod.acceptedControlExceptions).toEqual([]);
    expect([...evaluateControls(documentOf(app().environments.prod)).keys()]).toEqual([]);
  });

  it("dev gives up exactly its written exceptions, each on the resource that fails", () => {
    expect(controlsAndPaths(ENVIRONMENTS.dev.acceptedControlExceptions)).toEqual([
      ["RDS.7", ["Database/Cluster"]],
      ["RDS.15", ["Database/Cluster"]],
      ["CKV_AWS_327", ["Database/Cluster"]],
      ["CKV_AWS_149", ["Database/Cluster"]],
      ["CKV_AWS_354", ["Database/Instance1"]],
    ]);
    expect(policyGateErrors(documentOf(app().environments.dev), ENVIRONMENTS.dev.acceptedControlExceptions)).toEqual([]);
  });

  it("staging gives up exactly deletion protection and multi-AZ, on its cluster", () => {
    expect(controlsAndPaths(ENVIRONMENTS.staging.acceptedControlExceptions)).toEqual([
      ["RDS.7", ["Database/Cluster"]],
      ["RDS.15", ["Database/Cluster"]],
    ]);
    expect(policyGateErrors(documentOf(app().environments.staging), ENVIRONMENTS.staging.acceptedControlExceptions)).toEqual([]);
  });

  it("a preview stack passes with dev's exceptions, since paths are relative to the stack", () => {
    expect(app().preview!.node.id).toBe("preview-12");
    expect(policyGateErrors(documentOf(app().preview!), ENVIRONMENTS.dev.acceptedControlExceptions)).toEqual([]);
  });

  it("gives a reason for every exception", () => {
    for (const settings of Object.values(ENVIRONMENTS)) {
      for (const { reason } of settings.acceptedControlExceptions) expect(reason.length).toBeGreaterThan(20);
    }
  });

  it("pass the gate, and every other validation, in every stack of the app", () => {
    const app = testApp();
    defineStacks(app, {});
    expect(validationErrors(app)).toEqual([]);
  });
});

describe("the gate", () => {
  const HARDENED = { credentials: "managed", encryptionKey: "create", skipFinalSnapshot: true, readers: 1 } as const;
  const accept = (control: string, ...resources: string[]): PolicyException => ({ control, resources, reason: "disposable test database" });

  /** A stack with two hardened databases, `Database` and `Second`, both without deletion protection. */
  function twoUnprotectedDatabases(): TerraformStack {
    const { stack } = databaseStack({ ...HARDENED, deletionProtection: false }, testApp());
    new AuroraPostgresServerless(stack, "Second", { ...MINIMAL_PROPS, ...HARDENED, name: "second", deletionProtection: false });
    return stack;
  }

  it("fails the synth, by control id, resource and construct path, when a control fails without exception", () => {
    const { stack } = databaseStack({ ...HARDENED, deletionProtection: false }, testApp());
    PolicyGate.apply(stack);
    expect(() => Testing.synth(stack, true)).toThrow(
      /RDS\.7 deletion protection is off on aws_rds_cluster\.Database_Cluster_[0-9A-F]+ \(test-aurora-cluster\) at Database\/Cluster \[checkov CKV_AWS_139\]/,
    );
  });

  it("lets the synth through when the stack accepts that control on that resource, or on a construct above it", () => {
    for (const path of ["Database/Cluster", "Database"]) {
      const { stack } = databaseStack({ ...HARDENED, deletionProtection: false }, testApp());
      PolicyGate.apply(stack, { exceptions: [accept("RDS.7", path)] });
      expect(() => Testing.synth(stack, true), path).not.toThrow();
    }
  });

  it("does not let an exception for one cluster hide a second cluster's failure, and refuses it where it covers no failure", () => {
    const document = documentOf(twoUnprotectedDatabases());
    expect(policyGateErrors(document, [accept("RDS.7", "Database/Cluster")])).toEqual([
      expect.stringMatching(/^RDS\.7 deletion protection is off on aws_rds_cluster\.Second_Cluster_[0-9A-F]+ \(second-aurora-cluster\) at Second\/Cluster /),
    ]);
    expect(policyGateErrors(document, [accept("RDS.7", "Database/Cluster", "Second/Cluster")])).toEqual([]);
    expect(policyGateErrors(document, [accept("RDS.7", "Database", "Second"), accept("RDS.7", "Second/Instance1")])).toEqual([
      "exception for RDS.7 on Second/Instance1 is not needed: the control passes there; remove it",
    ]);
  });

  it("refuses an exception that is not needed, so the list cannot grow stale", () => {
    const document = documentOf(databaseStack(HARDENED, testApp()).stack);
    expect(policyGateErrors(document, [accept("RDS.7", "Database/Cluster")])).toEqual([
      "exception for RDS.7 on Database/Cluster is not needed: the control passes there; remove it",
    ]);
  });

  it("refuses an exception for an unknown control, for a path that matches no resource, without resources or without a reason", () => {
    const document = documentOf(databaseStack({ ...HARDENED, deletionProtection: false }, testApp()).stack);
    expect(
      policyGateErrors(document, [
        { control: "RDS.99", resources: ["Database/Cluster"], reason: "typo" },
        { control: "RDS.7", resources: ["Database/Cluster", "Databse/Cluster", "Data"], reason: " " },
        { control: "RDS.7", resources: [], reason: "covers nothing" },
      ]),
    ).toEqual([
      expect.stringMatching(/^exception for RDS\.99 names no control; known controls: RDS\.7, /),
      "exception for RDS.7 names Databse/Cluster, which matches no resource of the stack",
      // A path covers what is under it as a whole segment: `Data` is no prefix of `Database`.
      "exception for RDS.7 names Data, which matches no resource of the stack",
      "exception for RDS.7 gives no reason",
      "exception for RDS.7 names no resources",
    ]);
  });

  it("names a resource without construct metadata by its Terraform address", () => {
    const document: TerraformDocument = { resource: { aws_rds_cluster: { main: { cluster_identifier: "main" }, other: { cluster_identifier: "other" } } } };
    const rds7 = (exceptions: PolicyException[]) => policyGateErrors(document, exceptions).filter((error) => error.startsWith("RDS.7 "));
    expect(rds7([])).toEqual([
      "RDS.7 deletion protection is off on aws_rds_cluster.main (main) [checkov CKV_AWS_139]",
      "RDS.7 deletion protection is off on aws_rds_cluster.other (other) [checkov CKV_AWS_139]",
    ]);
    expect(rds7([accept("RDS.7", "aws_rds_cluster.main")])).toEqual([
      "RDS.7 deletion protection is off on aws_rds_cluster.other (other) [checkov CKV_AWS_139]",
    ]);
  });

  it("reports every failing control of a stack at once", () => {
    const errors = policyGateErrors(documentOf(databaseStack({ deletionProtection: false }, testApp()).stack));
    const ids = new Set(errors.map((error) => error.split(" ")[0]));
    expect(ids).toEqual(new Set(["RDS.7", "RDS.15", "CKV_AWS_327", "CKV_AWS_354", "SecretsManager.1", "SecretsManager.4", "CKV_AWS_149"]));
  });

  it("runs for any stack, not only this project's", () => {
    const app = testApp();
    const stack = new TerraformStack(app, "empty");
    PolicyGate.apply(stack);
    expect(validationErrors(app)).toEqual([]);
  });
});
