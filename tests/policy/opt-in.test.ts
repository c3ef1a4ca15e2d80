/**
 * Opt-in controls at synth: they hold only the stacks that name them in `optIn`, so the stacks
 * that deliberately have no backup plan (dev and the previews) pass without an exception, and a
 * stack that opts in (those with `backups`) is held to them like any control.
 */
import { TerraformStack, Testing } from "cdktf";
import { CONTROLS, evaluateControls, PolicyGate, policyGateErrors, type PolicyException, type TerraformDocument } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { defineStacks } from "../../stacks/app";
import { BACKUP_PLAN_CONTROL, type DatabaseStack } from "../../stacks/database-stack";
import { ENVIRONMENTS, type EnvironmentName } from "../../stacks/environments";
import { testApp } from "../support/app";
import { databaseStack, inHook } from "../support/synth";
import { backUp } from "./backup-plan";

const documentOf = (stack: TerraformStack) => stack.toTerraform() as TerraformDocument;
const HARDENED = { credentials: "managed", encryptionKey: "create", skipFinalSnapshot: true, readers: 1 } as const;
const COVERAGE = "CKV2_AWS_8";
const NOT_IN_PLAN = /^CKV2_AWS_8 the cluster is in no AWS Backup plan: .* on aws_rds_cluster\.\S+ \(test-aurora-cluster\) at Database\/Cluster$/;
const accept = (control: string, ...resources: string[]): PolicyException => ({ control, resources, reason: "no backup plan in this test" });

/** A hardened database, backed up or not. */
function hardened(backedUp: boolean): TerraformStack {
  const { stack, database } = databaseStack(HARDENED, testApp());
  if (backedUp) backUp(stack, database);
  return stack;
}

describe("opt-in controls", () => {
  it("are the backup coverage control, CKV2_AWS_8, alone", () => {
    expect(CONTROLS.filter((control) => control.optIn === true).map((control) => control.id)).toEqual([COVERAGE]);
  });

  it("are evaluated only when named", () => {
    const document = documentOf(hardened(false));
    expect([...evaluateControls(document).keys()]).toEqual([]);
    expect([...evaluateControls(document, [COVERAGE]).keys()]).toEqual([COVERAGE]);
  });

  it("fail the synth of a stack that opts in without a backup plan, and pass once its cluster is backed up", () => {
    const stack = hardened(false);
    PolicyGate.apply(stack, { optIn: [COVERAGE] });
    expect(() => Testing.synth(stack, true)).toThrow(/CKV2_AWS_8 the cluster is in no AWS Backup plan: .* at Database\/Cluster/);

    const backedUp = hardened(true);
    PolicyGate.apply(backedUp, { optIn: [COVERAGE] });
    expect(() => Testing.synth(backedUp, true)).not.toThrow();
  });

  it("take exceptions like any control once the stack opts in", () => {
    const document = documentOf(hardened(false));
    expect(policyGateErrors(document, [], [COVERAGE])).toEqual([expect.stringMatching(NOT_IN_PLAN)]);
    expect(policyGateErrors(document, [accept(COVERAGE, "Database/Cluster")], [COVERAGE])).toEqual([]);
    expect(policyGateErrors(documentOf(hardened(true)), [accept(COVERAGE, "Database/Cluster")], [COVERAGE])).toEqual([
      "exception for CKV2_AWS_8 on Database/Cluster is not needed: the control passes there; remove it",
    ]);
  });

  it("refuse an exception for an opt-in control the stack does not opt in to, an unknown id and a control that holds every stack", () => {
    const document = documentOf(hardened(false));
    expect(policyGateErrors(document, [accept(COVERAGE, "Database/Cluster")])).toEqual([
      "exception for CKV2_AWS_8 is not needed: CKV2_AWS_8 is an opt-in control and this stack does not opt in to it; remove it",
    ]);
    expect(policyGateErrors(document, [], ["CKV2_AWS_9", "RDS.7"])).toEqual([
      "opt-in names CKV2_AWS_9, which is no control; opt-in controls: CKV2_AWS_8",
      "opt-in names RDS.7, which holds every stack without it; remove it",
    ]);
  });
});

describe("the environments", () => {
  const app = inHook(() => defineStacks(testApp(), { PREVIEW_ID: "12" }));

  it("opt in to the coverage control where the row has backups, and pass it: the plan selects the stack's cluster", () => {
    const { environments } = app();
    expect(BACKUP_PLAN_CONTROL).toBe(COVERAGE);
    for (const [name, stack] of Object.entries(environments) as [EnvironmentName, DatabaseStack][]) {
      expect(stack.policyOptIn, name).toEqual(ENVIRONMENTS[name].backups === "none" ? [] : [COVERAGE]);
      expect(stack.node.validate(), name).toEqual([]);
      if (ENVIRONMENTS[name].backups === "none") continue;
      expect(
        policyGateErrors(documentOf(stack), [], [COVERAGE]).filter((error) => error.startsWith(`${COVERAGE} `)),
        name,
      ).toEqual([]);
    }
    expect(Object.values(ENVIRONMENTS).filter((row) => row.backups !== "none").length).toBeGreaterThan(0);
  });

  it("without backups (dev and the previews, which take its settings), have no plan: opting in would fail each on its cluster", () => {
    const { environments, preview } = app();
    const without = (Object.keys(ENVIRONMENTS) as EnvironmentName[]).filter((name) => ENVIRONMENTS[name].backups === "none");
    expect(without).toContain("dev");
    for (const stack of [...without.map((name) => environments[name]), preview!]) {
      const coverage = policyGateErrors(documentOf(stack), [], [COVERAGE]).filter((error) => error.startsWith(`${COVERAGE} `));
      expect(coverage, stack.node.id).toEqual([expect.stringMatching(/^CKV2_AWS_8 the cluster is in no AWS Backup plan: .* at Database\/Cluster$/)]);
    }
  });
});
