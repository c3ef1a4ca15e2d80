/**
 * The bootstrap stack's state guard: a deploy from settings that leave out a part its local state
 * holds would delete that part, so the stack then gets a resource whose precondition fails the
 * plan, and the synth says so in one line (that the synth goes on and Terraform's plan stops there:
 * tests/stacks/cdktf-synth.integration.test.ts). The synth reads the state file; tests hand the
 * state in.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defineStacks } from "../../stacks/app";
import { allScopes } from "../../stacks/bootstrap/aws/scopes";
import { readBootstrapInputs } from "../../stacks/bootstrap/inputs";
import { bootstrapParts } from "../../stacks/bootstrap/parts";
import { partsLeavingState, readBootstrapState, type StateResource } from "../../stacks/bootstrap/state";
import { permissionsBoundaryPolicyName, PIPELINE_ROLES } from "../../stacks/delivery";
import type { Environment } from "../../stacks/deployment-inputs";
import { ENVIRONMENTS, type EnvironmentName } from "../../stacks/environments";
import { testApp } from "../support/app";
import { ALL_PARTS, TOKEN_SENTINEL } from "../support/bootstrap";
import { synthesize } from "../support/synth";

const TERRAFORM_CLOUD_APPLIED: StateResource[] = [
  { type: "aws_iam_role", names: [PIPELINE_ROLES.plan("dev")] },
  { type: "tfe_workspace", names: ["alex-database-dev"] },
];
const GITHUB_APPLIED: StateResource[] = [
  { type: "aws_iam_role", names: [PIPELINE_ROLES.previewDataApi] },
  { type: "github_repository_environment", names: [] },
];
const guardOf = (env: Environment, state: readonly StateResource[]) => {
  const { bootstrap } = defineStacks(testApp(), env, { bootstrapState: state });
  const { json } = synthesize(bootstrap);
  return {
    notice: bootstrap.notice,
    json,
    guard: json.resource?.terraform_data as Record<string, { lifecycle: { precondition: { condition: unknown; error_message: string }[] } }> | undefined,
  };
};

describe("a state that holds a part these settings leave out", () => {
  it("gives the stack a terraform_data whose precondition fails, naming what to set, and a notice", () => {
    const { notice, guard, json } = guardOf({}, [...TERRAFORM_CLOUD_APPLIED, ...GITHUB_APPLIED]);
    const [body] = Object.values(guard ?? {});
    expect(json.locals).toEqual({ parts_left_out: ["TF_CLOUD_ORGANIZATION", "BOOTSTRAP_GITHUB_REPOSITORY"] });
    expect(body!.lifecycle.precondition).toEqual([
      {
        condition: "${(length(local.parts_left_out) < 1)}",
        error_message:
          "The bootstrap stack's state (terraform.bootstrap.tfstate) holds parts these settings leave out. Set TF_CLOUD_ORGANIZATION: the organization, as when terraform.bootstrap.tfstate's Terraform Cloud resources and AWS roles were created: a deploy without it would delete them. Set BOOTSTRAP_GITHUB_REPOSITORY: the repository, as when terraform.bootstrap.tfstate's GitHub resources and the preview's Data API role were created: a deploy without it would delete them. To let them go on purpose, terraform state rm them first.",
      },
    ]);
    expect(notice).toBe(
      "bootstrap stack: its state holds parts these settings leave out (TF_CLOUD_ORGANIZATION, BOOTSTRAP_GITHUB_REPOSITORY unset); a deploy of it stops before deleting them",
    );
  });

  it("names the missing token when the settings are there but a token is not", () => {
    const { guard } = guardOf({ ...ALL_PARTS, TFE_TOKEN: "", GITHUB_TOKEN: "" }, [...TERRAFORM_CLOUD_APPLIED, ...GITHUB_APPLIED]);
    const message = Object.values(guard!)[0]!.lifecycle.precondition[0]!.error_message;
    expect(message).toContain("Set TFE_TOKEN: a token for app.terraform.io (TFE_TOKEN, or terraform login)");
    expect(message).toContain("Set GITHUB_TOKEN: a token that administers the repository");
  });

  it("counts Terraform Cloud's AWS roles as that part, so forgetting the organization never deletes them", () => {
    const { guard } = guardOf({}, [{ type: "aws_iam_role", names: [PIPELINE_ROLES.previewApply] }]);
    expect(Object.values(guard!)[0]!.lifecycle.precondition[0]!.error_message).toContain("Set TF_CLOUD_ORGANIZATION");
  });

  it("counts the roles of the environments of the table the stack is built from, not of another", () => {
    const inputs = readBootstrapInputs({}, undefined);
    const parts = bootstrapParts(inputs, ENVIRONMENTS);
    const [first, ...others] = Object.keys(ENVIRONMENTS);
    const added = `${first}-added`;
    const table = { ...ENVIRONMENTS, [added]: ENVIRONMENTS[first as EnvironmentName] };
    const holding = (environment: string): StateResource[] => [{ type: "aws_iam_role", names: [PIPELINE_ROLES.apply(environment)] }];
    expect(partsLeavingState(inputs, parts, holding(added), table).map((problem) => problem.property)).toEqual(["TF_CLOUD_ORGANIZATION"]);
    expect(partsLeavingState(inputs, parts, holding(added), ENVIRONMENTS)).toEqual([]);
    const smaller = Object.fromEntries(Object.entries(ENVIRONMENTS).filter(([name]) => name !== first));
    expect(partsLeavingState(inputs, parts, holding(first!), smaller)).toEqual([]);
    for (const environment of others)
      expect(partsLeavingState(inputs, parts, holding(environment), smaller).map((problem) => problem.property)).toEqual(["TF_CLOUD_ORGANIZATION"]);
  });
});

describe("no guard", () => {
  it("when the settings keep every part the state holds", () => {
    const { notice, guard, json } = guardOf(ALL_PARTS, [...TERRAFORM_CLOUD_APPLIED, ...GITHUB_APPLIED]);
    expect([notice, guard, json.locals]).toEqual([undefined, undefined, undefined]);
  });

  it("for the boundaries alone, which every deploy keeps, nor without a state", () => {
    expect(
      guardOf({}, [{ type: "aws_iam_policy", names: allScopes().map((scope) => permissionsBoundaryPolicyName(scope.environment)) }]).guard,
    ).toBeUndefined();
    expect(guardOf({}, []).guard).toBeUndefined();
    expect(synthesize(defineStacks(testApp(), {}).bootstrap).json.resource.terraform_data).toBeUndefined();
  });
});

describe("readBootstrapState", () => {
  const directory = mkdtempSync(join(tmpdir(), "bootstrap-state-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("reads the managed resources of a state file, with their instances' names, and no other attribute", () => {
    const path = join(directory, "terraform.bootstrap.tfstate");
    writeFileSync(
      path,
      JSON.stringify({
        version: 4,
        resources: [
          { mode: "managed", type: "aws_iam_role", name: "Aws_Plan-dev", instances: [{ attributes: { name: "alex-pipeline-dev-plan", arn: "arn" } }] },
          { mode: "managed", type: "tfe_team", name: "Team", instances: [{ attributes: { name: "alex-previews", token: TOKEN_SENTINEL } }] },
          { mode: "data", type: "aws_region", name: "Region", instances: [{ attributes: { name: "us-east-1" } }] },
        ],
      }),
    );
    expect(readBootstrapState(path)).toEqual([
      { type: "aws_iam_role", names: ["alex-pipeline-dev-plan"] },
      { type: "tfe_team", names: ["alex-previews"] },
    ]);
  });

  it("finds no state without a file, or in one Terraform did not write", () => {
    expect(readBootstrapState(join(directory, "missing.tfstate"))).toBeUndefined();
    writeFileSync(join(directory, "torn.tfstate"), "{ not json");
    expect(readBootstrapState(join(directory, "torn.tfstate"))).toBeUndefined();
  });
});
