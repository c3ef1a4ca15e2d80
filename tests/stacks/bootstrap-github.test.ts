/**
 * The bootstrap stack's GitHub part, read from the synthesized JSON: the deploy's GitHub
 * environments of the settings table (a table with a row added too), `deploy-plan` and `npm`, who
 * may deploy to each, their reviewers, and the repository variables. No secret, ever.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SettingsTable } from "../../stacks/bootstrap/environment-stacks";
import { deployGithubEnvironments } from "../../stacks/delivery";
import { ENVIRONMENTS } from "../../stacks/environments";
import { referenced, synthGitHub } from "../support/bootstrap";
import { inHook, resourcesOf, validationProblems, type Block } from "../support/synth";

const WITH_QA: SettingsTable = { ...ENVIRONMENTS, qa: { ...ENVIRONMENTS.staging, githubEnvironment: "qa", approvalRequired: true, pullRequestPlans: false } };
const REPOSITORY = { owner: "acme", name: "alex-db" };
const VARIABLES = { TF_CLOUD_ORGANIZATION: "acme", PREVIEW_DATA_API_ROLE_ARN: "arn:aws:iam::123456789012:role/x" };
/** The tags release.yml runs on: the npm environment takes those and nothing else. */
const RELEASE_TAGS = (parse(readFileSync(resolve(import.meta.dirname, "../../.github/workflows/release.yml"), "utf8")) as Block).on.push.tags as string[];

/** Each environment's deployment policies, as "branch <pattern>" or "tag <pattern>". */
function policiesByEnvironment(json: Block): Record<string, string[]> {
  const byEnvironment: Record<string, string[]> = {};
  for (const policy of Object.values(resourcesOf(json, "github_repository_environment_deployment_policy"))) {
    expect(policy.repository).toBe(REPOSITORY.name);
    const environment = referenced(json, policy.environment).environment as string;
    (byEnvironment[environment] ??= []).push(policy.branch_pattern === undefined ? `tag ${policy.tag_pattern}` : `branch ${policy.branch_pattern}`);
  }
  return byEnvironment;
}

describe.each([
  ["the settings table", ENVIRONMENTS],
  ["the settings table with a qa row", WITH_QA],
] as const)("with %s", (_, table) => {
  const json = inHook(() =>
    synthGitHub({ repository: REPOSITORY, reviewers: [{ user: "octocat" }, { team: "release-managers" }], variables: VARIABLES, environments: table }),
  );
  const environments = () => Object.values(resourcesOf(json(), "github_repository_environment"));
  const deploy = () => deployGithubEnvironments(table);

  it("manages the repository's owner", () => {
    expect(json().provider.github).toEqual([{ owner: "acme" }]);
  });

  it("creates the deploy's GitHub environments of the table, deploy-plan and npm, with no admin bypass and selected branches or tags only", () => {
    expect(
      environments()
        .map((environment) => environment.environment)
        .sort(),
    ).toEqual([...deploy().map((environment) => environment.name), "deploy-plan", "npm"].sort());
    for (const environment of environments()) {
      expect(environment).toMatchObject({
        repository: "alex-db",
        can_admins_bypass: false,
        deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      });
    }
  });

  it("lets main alone deploy to the deploy's environments and deploy-plan, and the release tags alone to npm", () => {
    const expected = Object.fromEntries([
      ...deploy().map((environment) => [environment.name, ["branch main"]]),
      ["deploy-plan", ["branch main"]],
      ["npm", RELEASE_TAGS.map((tag) => `tag ${tag}`)],
    ]);
    expect(policiesByEnvironment(json())).toEqual(expected);
  });

  it("gives the environments that require approval the reviewers, by id, and prevents self-review; the others no reviewers", () => {
    for (const environment of environments()) {
      const approval = deploy().find((candidate) => candidate.name === environment.environment)?.approvalRequired ?? false;
      expect(environment.prevent_self_review, environment.environment).toBe(approval);
      if (!approval) {
        expect(environment.reviewers, environment.environment).toBeUndefined();
        continue;
      }
      const [reviewers] = environment.reviewers as Block[];
      expect(idsOf(json(), reviewers!.users)).toEqual([{ username: "octocat" }]);
      expect(idsOf(json(), reviewers!.teams)).toEqual([{ slug: "release-managers", summary_only: true }]);
    }
  });

  it("writes the repository variables it is given, and no secret", () => {
    const variables = Object.values(resourcesOf(json(), "github_actions_variable"));
    expect(Object.fromEntries(variables.map((variable) => [variable.variable_name, variable.value]))).toEqual(VARIABLES);
    for (const variable of variables) expect(variable.repository).toBe("alex-db");
    expect(Object.keys(json().resource).filter((type) => /secret/.test(type))).toEqual([]);
  });
});

it("asks a qa row that requires approval for reviewers in its own GitHub environment", () => {
  const json = synthGitHub({ repository: REPOSITORY, reviewers: [{ user: "octocat" }], variables: {}, environments: WITH_QA });
  const qa = Object.values(resourcesOf(json, "github_repository_environment")).find((environment) => environment.environment === "qa")!;
  expect(qa.prevent_self_review).toBe(true);
  expect(qa.reviewers).toHaveLength(1);
  expect(idsOf(json, qa.reviewers[0].users)).toEqual([{ username: "octocat" }]);
  expect(qa.reviewers[0].teams).toBeUndefined();
});

/** The data sources whose ids a reviewers list holds: `${tolist([data.<type>.<name>.id, …])}`. */
function idsOf(json: Block, list: unknown): Block[] {
  const match = /^\$\{tolist\(\[(.*)\]\)\}$/.exec(String(list));
  if (!match) throw new Error(`not a list of ids: ${String(list)}`);
  return match[1]!.split(", ").map((reference) => referenced(json, `\${${reference}}`));
}

describe("GitHub environments shared by environments of the table", () => {
  it("are listed once, with every environment they guard, when the rows agree on approval", () => {
    const table = {
      a: { githubEnvironment: "shared", approvalRequired: true },
      b: { githubEnvironment: "shared", approvalRequired: true },
      c: { githubEnvironment: "c", approvalRequired: false },
    };
    expect(deployGithubEnvironments(table)).toEqual([
      { name: "shared", approvalRequired: true, environments: ["a", "b"] },
      { name: "c", approvalRequired: false, environments: ["c"] },
    ]);
  });

  it("are refused when the rows disagree on approval, naming the rows and the GitHub environment", () => {
    const table = { dev: { githubEnvironment: "shared", approvalRequired: false }, prod: { githubEnvironment: "shared", approvalRequired: true } };
    expect(validationProblems(() => deployGithubEnvironments(table))).toEqual([
      {
        property: "prod.approvalRequired",
        received: true,
        allowed: 'false, as dev says: they share the GitHub environment "shared"; or a GitHub environment of its own',
      },
    ]);
    expect(() => deployGithubEnvironments(table)).toThrow(/^The settings table \(stacks\/environments\.ts\) has 1 invalid input:/);
  });
});
