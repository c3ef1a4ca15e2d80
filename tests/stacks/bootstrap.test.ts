/**
 * The bootstrap stack as the app defines it: always there, never deployed by a workflow, its state
 * local, its parts on or off by their settings and tokens, the `skipped_parts` output saying what
 * to set, a fresh clone told nothing, no token anywhere in what it writes, and the policy gate
 * passing with every part on.
 */
import { isAbsolute, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { defineStacks, validationErrors } from "../../stacks/app";
import { DEFAULT_PREVIEW_PROJECT, DEFAULT_PROJECT, DEFAULT_WORKSPACE_PREFIX } from "../../stacks/backend";
import { allScopes } from "../../stacks/bootstrap/aws/scopes";
import { awsVariableSetName } from "../../stacks/bootstrap/terraform-cloud";
import {
  BOOTSTRAP_STACK_NAME,
  GITHUB_SECRETS,
  GITHUB_VARIABLES,
  permissionsBoundaryPolicyName,
  PIPELINE_ROLES,
  TERRAFORM_CLOUD_TEAMS,
} from "../../stacks/delivery";
import { stacksOfTable } from "../../stacks/deploy-matrix";
import { prepareSynth } from "../../stacks/synth-gate";
import { testApp } from "../support/app";
import { ALL_PARTS, referenced, synthBootstrap, TOKEN_SENTINEL } from "../support/bootstrap";
import { plaintextSecretPaths } from "../support/secrets";
import { appStackNames, resourcesOf, type Block } from "../support/synth";

const ORGANIZATION_ONLY = { TF_CLOUD_ORGANIZATION: "acme" };
const TERRAFORM_CLOUD = { TF_CLOUD_ORGANIZATION: "acme", TFE_TOKEN: TOKEN_SENTINEL };
const GITHUB_WITHOUT_TOKEN = { ...TERRAFORM_CLOUD, BOOTSTRAP_GITHUB_REPOSITORY: "acme/alex-db", BOOTSTRAP_REVIEWERS: "octocat" };

const types = (json: Block) => Object.keys(json.resource ?? {});
const roleNames = (json: Block) => Object.values(resourcesOf(json, "aws_iam_role")).map((role) => role.name as string);
const skipped = (json: Block) => json.output.skipped_parts.value as string[];

describe("in the app", () => {
  it("is always defined, under its contract name", () => {
    const app = testApp();
    const { bootstrap } = defineStacks(app, {});
    expect(bootstrap.node.id).toBe(BOOTSTRAP_STACK_NAME);
    expect(app.node.children.map((child) => child.node.id)).toContain(BOOTSTRAP_STACK_NAME);
  });

  it("is in no list of the stacks the workflows plan or deploy", () => {
    expect(stacksOfTable().map((entry) => entry.stack)).not.toContain(BOOTSTRAP_STACK_NAME);
    expect(appStackNames()).not.toContain(BOOTSTRAP_STACK_NAME);
  });

  it("keeps its state in terraform.bootstrap.tfstate in the project root, even with TF_CLOUD_ORGANIZATION set", () => {
    // Every test app writes under the same scratch directory (tests/support/app.ts).
    const outdir = testApp().outdir;
    for (const env of [{}, ALL_PARTS]) {
      const { json } = synthBootstrap(env);
      const path = json.terraform.backend.local.path as string;
      expect(isAbsolute(path)).toBe(false);
      expect(resolve(outdir, "stacks", BOOTSTRAP_STACK_NAME, path)).toBe(resolve("terraform.bootstrap.tfstate"));
      expect(json.terraform.cloud).toBeUndefined();
    }
  });
});

describe("in a fresh clone (no input)", () => {
  const json = () => synthBootstrap().json;

  it("holds the permissions boundaries, one per scope, and no Terraform Cloud or GitHub resource, provider or role", () => {
    expect(
      Object.values(resourcesOf(json(), "aws_iam_policy"))
        .map((policy) => policy.name as string)
        .sort(),
    ).toEqual(
      allScopes()
        .map((scope) => permissionsBoundaryPolicyName(scope.environment))
        .sort(),
    );
    expect(types(json()).filter((type) => /^(tfe|github)_/.test(type))).toEqual([]);
    expect(Object.keys(json().terraform.required_providers)).toEqual(["aws"]);
    expect(roleNames(json())).toEqual([]);
    expect(json().output.team_tokens).toBeUndefined();
  });

  it("says in skipped_parts what each skipped part needs", () => {
    const [terraformCloud, github, ...more] = skipped(json());
    expect(more).toEqual([]);
    expect(terraformCloud).toMatch(
      /^Terraform Cloud .*and the AWS roles its runs assume: set TF_CLOUD_ORGANIZATION; then set TFE_TOKEN .* or run `terraform login app\.terraform\.io`/,
    );
    expect(github).toMatch(
      /^GitHub .*and the AWS role of the preview's Data API checks: set BOOTSTRAP_GITHUB_REPOSITORY=<owner>\/<name>, GITHUB_TOKEN to .*, and BOOTSTRAP_REVIEWERS \(production requires approval\)$/,
    );
  });

  it("prints nothing: no notice reaches the synth", () => {
    const notify = vi.fn();
    expect(prepareSynth(testApp(), {}, { notify })).toBeUndefined();
    expect(notify).not.toHaveBeenCalled();
    expect(defineStacks(testApp(), {}).bootstrap.notice).toBeUndefined();
  });
});

describe("parts", () => {
  it("with TF_CLOUD_ORGANIZATION and no token for the tfe provider: Terraform Cloud's AWS roles, and Terraform Cloud skipped", () => {
    const { json } = synthBootstrap(ORGANIZATION_ONLY);
    expect(roleNames(json)).toEqual(
      expect.arrayContaining([PIPELINE_ROLES.plan("dev"), PIPELINE_ROLES.apply("prod"), PIPELINE_ROLES.previewPlan, PIPELINE_ROLES.previewApply]),
    );
    expect(types(json).filter((type) => type.startsWith("tfe_"))).toEqual([]);
    expect(skipped(json)[0]).toEqual(
      expect.stringMatching(
        /^Terraform Cloud \(projects, workspaces, variable sets, teams of acme\): no token for app\.terraform\.io: set TFE_TOKEN .*TF_TOKEN_<host>/,
      ),
    );
  });

  it("with TF_CLOUD_ORGANIZATION and TFE_TOKEN: Terraform Cloud, its variable sets naming the roles of the AWS part, and the team tokens to create", () => {
    const { json } = synthBootstrap(TERRAFORM_CLOUD);
    expect(Object.keys(resourcesOf(json, "tfe_workspace"))).toHaveLength(stacksOfTable().length);
    const planRole = Object.values(resourcesOf(json, "tfe_variable")).find(
      (variable) => variable.key === "TFC_AWS_PLAN_ROLE_ARN" && referenced(json, variable.variable_set_id).name === awsVariableSetName("dev"),
    )!;
    expect(referenced(json, planRole.value).name).toBe(PIPELINE_ROLES.plan("dev"));
    expect(json.provider.tfe).toEqual([{ hostname: "app.terraform.io" }]);
    expect(skipped(json).filter((part) => part.startsWith("Terraform Cloud"))).toEqual([]);
    expect(json.output.team_tokens.value).toContain(
      `${TERRAFORM_CLOUD_TEAMS.apply("production")}: secret of the GitHub environment production, ${GITHUB_SECRETS.applyToken}`,
    );
    expect(json.output.team_tokens.value).toContain(`${TERRAFORM_CLOUD_TEAMS.pullRequestPlans}: repository secret ${GITHUB_SECRETS.pullRequestPlanToken}`);
  });

  it("with BOOTSTRAP_GITHUB_REPOSITORY and no GITHUB_TOKEN: the preview's Data API role, and GitHub skipped", () => {
    const { json } = synthBootstrap(GITHUB_WITHOUT_TOKEN);
    expect(roleNames(json)).toContain(PIPELINE_ROLES.previewDataApi);
    expect(types(json).filter((type) => type.startsWith("github_"))).toEqual([]);
    expect(skipped(json)).toEqual([
      expect.stringMatching(/^GitHub \(environments, deployment branches and tags, reviewers, repository variables of acme\/alex-db\): set GITHUB_TOKEN to /),
    ]);
  });

  it("with every part on: nothing skipped, and the repository variables the workflows read, from the settings the app used", () => {
    const { json } = synthBootstrap(ALL_PARTS);
    expect(skipped(json)).toEqual([]);
    const variables = Object.fromEntries(
      Object.values(resourcesOf(json, "github_actions_variable")).map((variable) => [variable.variable_name, variable.value]),
    );
    expect(Object.keys(variables).sort()).toEqual(Object.values(GITHUB_VARIABLES).sort());
    expect(variables).toMatchObject({
      [GITHUB_VARIABLES.organization]: "acme",
      [GITHUB_VARIABLES.workspacePrefix]: DEFAULT_WORKSPACE_PREFIX,
      [GITHUB_VARIABLES.project]: DEFAULT_PROJECT,
      [GITHUB_VARIABLES.previewProject]: DEFAULT_PREVIEW_PROJECT,
    });
    expect(referenced(json, variables[GITHUB_VARIABLES.previewDataApiRoleArn]).name).toBe(PIPELINE_ROLES.previewDataApi);
    expect(json.provider.github).toEqual([{ owner: "acme" }]);
  });

  it("with every part on, passes the policy gate and every other validation of its constructs", () => {
    // Its own constructs only: the other stacks' cloud backends validate by running `terraform
    // version`, which the in-process tests do not start (tests/stacks/cdktf-synth.integration.test.ts runs them all).
    const { bootstrap } = defineStacks(testApp(), ALL_PARTS);
    expect(bootstrap.node.findAll().flatMap((construct) => construct.node.validate())).toEqual([]);
  });

  it("with no input, passes every validation of the app", () => {
    const app = testApp();
    defineStacks(app, {});
    expect(validationErrors(app)).toEqual([]);
  });

  it("writes no token, and no provider block holds one", () => {
    for (const env of [ALL_PARTS, { ...ALL_PARTS, TF_TOKEN_app_terraform_io: TOKEN_SENTINEL, GH_TOKEN: TOKEN_SENTINEL }]) {
      const { text, json } = synthBootstrap(env);
      expect(text).not.toContain(TOKEN_SENTINEL);
      expect(json.provider.tfe[0].token).toBeUndefined();
      expect(json.provider.github[0].token).toBeUndefined();
      expect(plaintextSecretPaths(json)).toEqual([]);
      expect(types(json).filter((type) => /secret|token/.test(type))).toEqual([]);
    }
  });
});

describe("the notice", () => {
  // That the app prints it, on stdout, and the CLI shows it: tests/stacks/cdktf-synth.integration.test.ts.
  it("is one line when a BOOTSTRAP_ variable is set and a part is skipped", () => {
    expect(defineStacks(testApp(), GITHUB_WITHOUT_TOKEN).bootstrap.notice).toBe(
      "bootstrap stack: skips GitHub (set GITHUB_TOKEN); npx cdktf deploy bootstrap ends with its skipped_parts output, which says more",
    );
  });

  it("names a missing tfe token too", () => {
    const { bootstrap } = defineStacks(testApp(), {
      ...ORGANIZATION_ONLY,
      BOOTSTRAP_GITHUB_REPOSITORY: "acme/alex-db",
      BOOTSTRAP_REVIEWERS: "octocat",
      GITHUB_TOKEN: TOKEN_SENTINEL,
    });
    expect(bootstrap.notice).toBe(
      "bootstrap stack: skips Terraform Cloud (no token for app.terraform.io: set TFE_TOKEN or run terraform login); npx cdktf deploy bootstrap ends with its skipped_parts output, which says more",
    );
  });

  it("is not printed without a BOOTSTRAP_ variable (the workflows' synths set TF_CLOUD_ORGANIZATION and hold no token), nor with every part on", () => {
    expect(defineStacks(testApp(), ORGANIZATION_ONLY).bootstrap.notice).toBeUndefined();
    expect(defineStacks(testApp(), ALL_PARTS).bootstrap.notice).toBeUndefined();
  });

  it("is not printed when synth stops", () => {
    const notify = vi.fn();
    expect(prepareSynth(testApp(), { ...GITHUB_WITHOUT_TOKEN, AURORA_MIN_CAPACITY: "half" }, { notify })).toContain("AURORA_MIN_CAPACITY");
    expect(notify).not.toHaveBeenCalled();
  });
});
