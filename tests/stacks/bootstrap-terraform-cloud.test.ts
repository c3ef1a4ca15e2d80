/**
 * The bootstrap stack's Terraform Cloud part, read from the synthesized JSON: its projects, one
 * workspace per stack of the settings table, the AWS credentials of each environment and of the
 * previews, and each team's access, derived here from the table's rows so that a new row needs
 * no edit: every check also runs on a table with a row added.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { workspaceName } from "../../stacks/backend";
import { environmentStacks, type SettingsTable } from "../../stacks/bootstrap/environment-stacks";
import { awsVariableSetName, pipelineTeams } from "../../stacks/bootstrap/terraform-cloud";
import { DEPLOY_PLAN_GITHUB_ENVIRONMENT, deployGithubEnvironments, GITHUB_SECRETS, TERRAFORM_CLOUD_TEAMS } from "../../stacks/delivery";
import { pullRequestPlans, stacksOfTable } from "../../stacks/deploy-matrix";
import { ENVIRONMENTS } from "../../stacks/environments";
import { CLOUD, referenced, roleArns, synthTerraformCloud } from "../support/bootstrap";
import { inHook, onlyResource, resourcesOf, type Block } from "../support/synth";

/** The settings table with a row added: an approval-gated environment with a key stack and no pull-request plans. */
const WITH_QA: SettingsTable = { ...ENVIRONMENTS, qa: { ...ENVIRONMENTS.staging, githubEnvironment: "qa", approvalRequired: true, pullRequestPlans: false } };
/** The settings table with prod's global secondary on: its stack prod-secondary after prod. */
const WITH_SECONDARY: SettingsTable = { ...ENVIRONMENTS, prod: { ...ENVIRONMENTS.prod, globalSecondary: true } };
const TERRAFORM_VERSION = readFileSync(resolve(import.meta.dirname, "../../.terraform-version"), "utf8").trim();

/**
 * A row's stacks, as the README describes them: `<env>-dr` where the row copies its backups to
 * another region or has a global secondary, `<env>-key` where it uses a key stack, `<env>`, and
 * `<env>-secondary` where it has a global secondary.
 */
const stacksOf = (environment: string, table: SettingsTable) => {
  const row = table[environment]!;
  return [
    ...(row.disasterRecoveryCopies || row.globalSecondary ? [`${environment}-dr`] : []),
    ...(row.encryptionKey === "key-stack" ? [`${environment}-key`] : []),
    environment,
    ...(row.globalSecondary ? [`${environment}-secondary`] : []),
  ];
};

/** "<team> <workspace> <runs>" for every grant the table's rows call for. */
function expectedGrants(table: SettingsTable): string[] {
  return Object.entries(table)
    .flatMap(([environment, settings]) =>
      stacksOf(environment, table).flatMap((stack) => {
        const workspace = workspaceName(CLOUD.workspacePrefix, stack);
        return [
          ...(settings.pullRequestPlans ? [`${TERRAFORM_CLOUD_TEAMS.pullRequestPlans} ${workspace} plan`] : []),
          `${TERRAFORM_CLOUD_TEAMS.deployPlans} ${workspace} plan`,
          `${TERRAFORM_CLOUD_TEAMS.apply(settings.githubEnvironment)} ${workspace} apply`,
        ];
      }),
    )
    .sort();
}

/** The workspace of a grant of expectedGrants(). */
const workspaceOf = (grant: string) => grant.split(" ")[1]!;

it("gives each environment the stacks stacksOfTable() deploys", () => {
  expect(
    environmentStacks(ENVIRONMENTS).flatMap(({ environment, settings, stacks }) =>
      stacks.map((stack) => ({ stack, environment: settings.githubEnvironment, name: environment })),
    ),
  ).toEqual(stacksOfTable().map(({ stack, environment }) => ({ stack, environment, name: stack.replace(/-(key|dr|secondary)$/, "") })));
});

describe.each([
  ["the settings table", ENVIRONMENTS],
  ["the settings table with a qa row", WITH_QA],
  ["the settings table with prod's global secondary", WITH_SECONDARY],
] as const)("with %s", (_, table) => {
  const json = inHook(() => synthTerraformCloud(table));
  const workspaces = () => Object.values(resourcesOf(json(), "tfe_workspace"));
  const allStacks = Object.keys(table).flatMap((environment) => stacksOf(environment, table));

  it("creates the environments' project and the preview project, which no destroy of this stack deletes", () => {
    const projects = Object.values(resourcesOf(json(), "tfe_project"));
    expect(projects.map((project) => project.name).sort()).toEqual([CLOUD.project, CLOUD.previewProject].sort());
    for (const project of projects) expect(project).toMatchObject({ organization: "acme", lifecycle: { prevent_destroy: true } });
  });

  it("creates one API-driven workspace per stack in the environments' project: remote runs, no auto-apply, .terraform-version, structured output, speculative plans", () => {
    expect(
      workspaces()
        .map((workspace) => workspace.name)
        .sort(),
    ).toEqual(allStacks.map((stack) => workspaceName(CLOUD.workspacePrefix, stack)).sort());
    for (const workspace of workspaces()) {
      expect(referenced(json(), workspace.project_id).name).toBe(CLOUD.project);
      expect(workspace).toMatchObject({
        organization: "acme",
        terraform_version: TERRAFORM_VERSION,
        auto_apply: false,
        auto_apply_run_trigger: false,
        speculative_enabled: true,
        structured_run_output_enabled: true,
        queue_all_runs: false,
        force_delete: false,
        lifecycle: { prevent_destroy: true },
      });
      expect(workspace.vcs_repo).toBeUndefined();
    }
    const settings = Object.values(resourcesOf(json(), "tfe_workspace_settings"));
    expect(settings.map((setting) => referenced(json(), setting.workspace_id).name).sort()).toEqual(
      workspaces()
        .map((workspace) => workspace.name)
        .sort(),
    );
    for (const setting of settings) expect(setting).toMatchObject({ execution_mode: "remote", global_remote_state: false });
  });

  it("gives each environment's workspaces, and only those, its own AWS roles by run phase through a variable set", () => {
    const roles = roleArns(table);
    const attachments = Object.values(resourcesOf(json(), "tfe_workspace_variable_set"));
    for (const environment of Object.keys(table)) {
      const set = Object.entries(resourcesOf(json(), "tfe_variable_set")).find(([, body]) => body.name === awsVariableSetName(environment));
      expect(set, environment).toBeDefined();
      expect(set![1]).toMatchObject({ organization: "acme", global: false, priority: false });
      expect(variablesOf(json(), set![0])).toEqual({
        TFC_AWS_PROVIDER_AUTH: "true",
        TFC_AWS_PLAN_ROLE_ARN: roles.plan[environment],
        TFC_AWS_APPLY_ROLE_ARN: roles.apply[environment],
      });
      const attached = attachments.filter((attachment) => referenced(json(), attachment.variable_set_id).name === awsVariableSetName(environment));
      expect(attached.map((attachment) => referenced(json(), attachment.workspace_id).name).sort()).toEqual(
        stacksOf(environment, table)
          .map((stack) => workspaceName(CLOUD.workspacePrefix, stack))
          .sort(),
      );
    }
  });

  it("gives the preview project one variable set, which its future workspaces inherit, with the preview roles", () => {
    const roles = roleArns(table);
    const { name, body } = onlyResource(json(), "tfe_project_variable_set");
    expect(name).toBeDefined();
    expect(referenced(json(), body.project_id).name).toBe(CLOUD.previewProject);
    const set = referenced(json(), body.variable_set_id);
    expect(set.name).toBe(awsVariableSetName("previews"));
    const setName = Object.entries(resourcesOf(json(), "tfe_variable_set")).find(([, candidate]) => candidate.name === awsVariableSetName("previews"))![0];
    expect(variablesOf(json(), setName)).toEqual({
      TFC_AWS_PROVIDER_AUTH: "true",
      TFC_AWS_PLAN_ROLE_ARN: roles.previewPlan,
      TFC_AWS_APPLY_ROLE_ARN: roles.previewApply,
    });
    expect(
      Object.values(resourcesOf(json(), "tfe_workspace_variable_set")).filter(
        (attachment) => referenced(json(), attachment.variable_set_id).name === awsVariableSetName("previews"),
      ),
    ).toEqual([]);
  });

  it("creates the teams of stacks/delivery.ts, one apply team per GitHub environment, none with any organization access", () => {
    const githubEnvironments = [...new Set(Object.values(table).map((settings) => settings.githubEnvironment))];
    const teams = Object.values(resourcesOf(json(), "tfe_team"));
    expect(teams.map((team) => team.name).sort()).toEqual(
      [
        TERRAFORM_CLOUD_TEAMS.pullRequestPlans,
        TERRAFORM_CLOUD_TEAMS.deployPlans,
        TERRAFORM_CLOUD_TEAMS.previews,
        ...githubEnvironments.map(TERRAFORM_CLOUD_TEAMS.apply),
      ].sort(),
    );
    for (const team of teams) {
      expect(team).toMatchObject({ organization: "acme", visibility: "secret", allow_member_token_management: false });
      expect(Object.values(team.organization_access as Block).length).toBeGreaterThan(10);
      expect(
        Object.values(team.organization_access as Block).every((flag) => flag === false),
        team.name,
      ).toBe(true);
    }
  });

  it("gives each team runs on exactly the workspaces the table's rows call for, and nothing else there", () => {
    const accesses = Object.values(resourcesOf(json(), "tfe_team_access"));
    const granted = accesses
      .map((access) => `${referenced(json(), access.team_id).name} ${referenced(json(), access.workspace_id).name} ${access.permissions[0].runs}`)
      .sort();
    expect(granted).toEqual(expectedGrants(table));
    for (const access of accesses) {
      expect(access.access).toBeUndefined();
      expect(access.permissions).toEqual([
        { runs: access.permissions[0].runs, variables: "none", state_versions: "none", sentinel_mocks: "none", workspace_locking: false, run_tasks: false },
      ]);
    }
  });

  it("lets the preview team create, apply, read the outputs of and delete the preview project's workspaces, and nothing else", () => {
    const { body } = onlyResource(json(), "tfe_team_project_access");
    expect(referenced(json(), body.team_id).name).toBe(TERRAFORM_CLOUD_TEAMS.previews);
    expect(referenced(json(), body.project_id).name).toBe(CLOUD.previewProject);
    expect(body.access).toBe("custom");
    expect(body.project_access).toEqual([{ settings: "read", teams: "none", variable_sets: "none" }]);
    expect(body.workspace_access).toEqual([
      {
        create: true,
        delete: true,
        runs: "apply",
        state_versions: "read-outputs",
        variables: "none",
        sentinel_mocks: "none",
        locking: false,
        move: false,
        run_tasks: false,
      },
    ]);
  });
});

describe("the table with prod's global secondary", () => {
  it("deploys prod-dr and prod-key before prod and prod-secondary after it, every one applied by production's team only", () => {
    expect(environmentStacks(WITH_SECONDARY).find(({ environment }) => environment === "prod")!.stacks).toEqual([
      "prod-dr",
      "prod-key",
      "prod",
      "prod-secondary",
    ]);
    const workspace = workspaceName(CLOUD.workspacePrefix, "prod-secondary");
    expect(expectedGrants(WITH_SECONDARY).filter((grant) => workspaceOf(grant) === workspace)).toEqual([
      `${TERRAFORM_CLOUD_TEAMS.apply("production")} ${workspace} apply`,
      `${TERRAFORM_CLOUD_TEAMS.deployPlans} ${workspace} plan`,
    ]);
  });
});

describe("the table with a qa row", () => {
  it("gets a qa apply team with apply on qa-key and qa only, and no pull-request plans of them", () => {
    const grants = expectedGrants(WITH_QA);
    const qaWorkspaces = stacksOf("qa", WITH_QA).map((stack) => workspaceName(CLOUD.workspacePrefix, stack));
    expect(qaWorkspaces).toHaveLength(2);
    const team = TERRAFORM_CLOUD_TEAMS.apply("qa");
    expect(grants.filter((grant) => grant.startsWith(`${team} `))).toEqual(qaWorkspaces.map((workspace) => `${team} ${workspace} apply`).sort());
    expect(grants.filter((grant) => qaWorkspaces.includes(workspaceOf(grant)) && grant.startsWith(TERRAFORM_CLOUD_TEAMS.pullRequestPlans))).toEqual([]);
  });
});

describe("the settings table", () => {
  it("plans no prod workspace for pull requests, and lets only production's apply team apply prod's", () => {
    const grants = expectedGrants(ENVIRONMENTS);
    const { planned } = pullRequestPlans();
    expect(planned).not.toContain("prod");
    expect(planned).not.toContain("prod-key");
    expect(planned).not.toContain("prod-dr");
    expect(grants.filter((grant) => grant.startsWith(TERRAFORM_CLOUD_TEAMS.pullRequestPlans))).toEqual(
      planned.map((stack) => `${TERRAFORM_CLOUD_TEAMS.pullRequestPlans} ${workspaceName(CLOUD.workspacePrefix, stack)} plan`).sort(),
    );
    const prodWorkspaces = stacksOf("prod", ENVIRONMENTS).map((stack) => workspaceName(CLOUD.workspacePrefix, stack));
    expect(prodWorkspaces).toHaveLength(3);
    expect(grants.filter((grant) => grant.endsWith(" apply") && prodWorkspaces.includes(workspaceOf(grant)))).toEqual(
      prodWorkspaces.map((workspace) => `${TERRAFORM_CLOUD_TEAMS.apply("production")} ${workspace} apply`).sort(),
    );
  });

  it("names the GitHub secret each team's token goes into", () => {
    expect(pipelineTeams(ENVIRONMENTS).map(({ name, secret, githubEnvironment }) => [name, secret, githubEnvironment])).toEqual([
      [TERRAFORM_CLOUD_TEAMS.pullRequestPlans, GITHUB_SECRETS.pullRequestPlanToken, undefined],
      [TERRAFORM_CLOUD_TEAMS.deployPlans, GITHUB_SECRETS.deployPlanToken, DEPLOY_PLAN_GITHUB_ENVIRONMENT],
      ...deployGithubEnvironments(ENVIRONMENTS).map(({ name }) => [TERRAFORM_CLOUD_TEAMS.apply(name), GITHUB_SECRETS.applyToken, name]),
      [TERRAFORM_CLOUD_TEAMS.previews, GITHUB_SECRETS.previewToken, undefined],
    ]);
    expect(deployGithubEnvironments(ENVIRONMENTS).map(({ name }) => name)).toEqual(expect.arrayContaining(["dev", "staging", "production"]));
  });
});

describe("the provider", () => {
  it("talks to app.terraform.io unless the settings name another host, whatever TFE_HOSTNAME says", () => {
    expect(synthTerraformCloud(ENVIRONMENTS).provider.tfe).toEqual([{ hostname: "app.terraform.io" }]);
    expect(synthTerraformCloud(ENVIRONMENTS, { ...CLOUD, hostname: "tfe.example.com" }).provider.tfe).toEqual([{ hostname: "tfe.example.com" }]);
  });
});

/** The variables of a variable set (by its Terraform name), as key → value, each an env variable in plain text. */
function variablesOf(json: Block, setName: string): Record<string, string> {
  const variables = Object.values(resourcesOf(json, "tfe_variable")).filter((variable) => variable.variable_set_id === `\${tfe_variable_set.${setName}.id}`);
  for (const variable of variables) expect(variable).toMatchObject({ category: "env", hcl: false, sensitive: false });
  return Object.fromEntries(variables.map((variable) => [variable.key, variable.value]));
}
