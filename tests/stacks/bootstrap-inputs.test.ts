/**
 * The bootstrap stack's inputs: each `BOOTSTRAP_…` variable accepted or refused with the variable,
 * the value and what is allowed, an unknown one refused with a "did you mean", settings that
 * contradict each other refused rather than a part skipped, and where the tfe provider would find
 * its token (its presence only).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformStack } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { defineStacks } from "../../stacks/app";
import { oidcProviderArnProblem, PipelineAwsAccess, TERRAFORM_CLOUD_HOST } from "../../stacks/bootstrap/aws/pipeline-aws-access";
import { GITHUB_REPOSITORY_ALLOWED } from "../../stacks/bootstrap/github-names";
import { readBootstrapInputs, terraformCloudTokenSource, type BootstrapInputs } from "../../stacks/bootstrap/inputs";
import type { Environment } from "../../stacks/deployment-inputs";
import { ENVIRONMENTS } from "../../stacks/environments";
import { testApp } from "../support/app";
import { CLOUD, synthBootstrap, TOKEN_SENTINEL } from "../support/bootstrap";
import { resourcesOf, validationProblems } from "../support/synth";
import { FULL_PROPS } from "./bootstrap-aws-support";

const ORG = { TF_CLOUD_ORGANIZATION: "acme" };
const REPO = { ...ORG, BOOTSTRAP_GITHUB_REPOSITORY: "acme/alex-db", BOOTSTRAP_REVIEWERS: "octocat" };
const TF_ARN = "arn:aws:iam::123456789012:oidc-provider/app.terraform.io";
const GH_ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

/** The problems the app reports for these variables, as [variable, value received]. */
const refused = (env: Environment) => validationProblems(() => defineStacks(testApp(), env)).map((problem) => [problem.property, problem.received]);
const allowedFor = (env: Environment, property: string) =>
  validationProblems(() => defineStacks(testApp(), env)).find((problem) => problem.property === property)?.allowed;
const accepted = (env: Environment): BootstrapInputs =>
  readBootstrapInputs(env, env.TF_CLOUD_ORGANIZATION ? { ...CLOUD, organization: env.TF_CLOUD_ORGANIZATION } : undefined);

describe("unknown BOOTSTRAP_ variables", () => {
  it("are refused with the variable the app reads that they look like", () => {
    expect(validationProblems(() => defineStacks(testApp(), { ...REPO, BOOTSTRAP_REVIEWER: "octocat", BOOTSTRAP_GITHUB_REPO: "acme/x" }))).toEqual([
      { property: "BOOTSTRAP_REVIEWER", received: "octocat", allowed: "a variable the app reads; did you mean BOOTSTRAP_REVIEWERS?" },
      { property: "BOOTSTRAP_GITHUB_REPO", received: "acme/x", allowed: "a variable the app reads; did you mean BOOTSTRAP_GITHUB_REPOSITORY?" },
    ]);
  });

  it("are reported with the other stacks' problems, in one message", () => {
    expect(() => defineStacks(testApp(), { BOOTSTRAP_REVIEWER: "x", AURORA_PROD_MIN_CAPACITY: "0.3" })).toThrow(
      /^The app has 2 invalid inputs:[\s\S]*Bootstrap inputs: BOOTSTRAP_REVIEWER: received "x"/,
    );
  });
});

describe("BOOTSTRAP_GITHUB_REPOSITORY", () => {
  const REFUSED = [
    "acme",
    "acme/alex/db",
    "-acme/alex",
    "acme/alex db",
    "acme/..",
    "acme@1/alex",
    `${"a".repeat(40)}/alex`,
    `acme/${"a".repeat(101)}`,
    "acme_corp/alex",
  ];
  const ACCEPTED = ["Acme-Corp/my.repo_1", "a/b", "acme--x/db", "acme-/db", `${"a".repeat(39)}/${"b".repeat(100)}`];

  it.each(REFUSED)("refuses %s", (repository) => {
    expect(refused({ ...REPO, BOOTSTRAP_GITHUB_REPOSITORY: repository })).toEqual([["BOOTSTRAP_GITHUB_REPOSITORY", repository]]);
    expect(allowedFor({ ...REPO, BOOTSTRAP_GITHUB_REPOSITORY: repository }, "BOOTSTRAP_GITHUB_REPOSITORY")).toBe(GITHUB_REPOSITORY_ALLOWED);
    expect(allowedFor({ ...REPO, BOOTSTRAP_GITHUB_REPOSITORY: repository }, "BOOTSTRAP_GITHUB_REPOSITORY")).toMatch(/^"owner\/name", as GitHub names them/);
  });

  it.each(ACCEPTED)("accepts %s", (repository) => {
    const { githubRepository } = accepted({ ...REPO, BOOTSTRAP_GITHUB_REPOSITORY: repository });
    expect(`${githubRepository!.owner}/${githubRepository!.name}`).toBe(repository);
  });

  it("is refused by the AWS part, when handed to it directly, exactly where the variable is, and in the same words", () => {
    const problemsOf = (create: () => unknown) => {
      try {
        create();
        return [];
      } catch {
        return validationProblems(create);
      }
    };
    for (const repository of [...REFUSED, ...ACCEPTED]) {
      const direct = problemsOf(
        () => new PipelineAwsAccess(new TerraformStack(testApp(), "bootstrap"), "Aws", { ...FULL_PROPS, githubRepository: repository }),
      );
      const fromVariable = problemsOf(() => accepted({ ...REPO, BOOTSTRAP_GITHUB_REPOSITORY: repository }));
      expect(
        direct.map((problem) => problem.allowed),
        repository,
      ).toEqual(fromVariable.map((problem) => problem.allowed));
      expect(
        direct.map((problem) => problem.property),
        repository,
      ).toEqual(REFUSED.includes(repository) ? ["githubRepository"] : []);
    }
  });

  it("needs TF_CLOUD_ORGANIZATION, whose settings it writes as repository variables", () => {
    expect(refused({ BOOTSTRAP_GITHUB_REPOSITORY: "acme/alex-db", BOOTSTRAP_REVIEWERS: "octocat" })).toEqual([["TF_CLOUD_ORGANIZATION", undefined]]);
  });

  it("refuses a Terraform Enterprise host, which the workflows do not talk to", () => {
    expect(refused({ ...REPO, TF_CLOUD_HOSTNAME: "tfe.example.com" })).toEqual([["TF_CLOUD_HOSTNAME", "tfe.example.com"]]);
    expect(() => accepted({ ...REPO, TF_CLOUD_HOSTNAME: "app.terraform.io" })).not.toThrow();
  });

  it("refuses GITHUB_OWNER or GITHUB_ORGANIZATION naming another owner, which would send the github provider there", () => {
    expect(refused({ ...REPO, GITHUB_OWNER: "someone-else", GITHUB_ORGANIZATION: "other-org" })).toEqual([
      ["GITHUB_ORGANIZATION", "other-org"],
      ["GITHUB_OWNER", "someone-else"],
    ]);
    expect(() => accepted({ ...REPO, GITHUB_OWNER: "ACME" })).not.toThrow();
  });
});

describe("BOOTSTRAP_REVIEWERS", () => {
  it("takes user logins and teams of the repository's owner, comma-separated, each once", () => {
    expect(accepted({ ...REPO, BOOTSTRAP_REVIEWERS: " octocat ,acme/release-managers, Octocat" }).reviewers).toEqual([
      { user: "octocat" },
      { team: "release-managers" },
    ]);
  });

  it.each(["octo cat", "octocat,,hubot", "acme/Release Managers", "acme/a/b", "-octocat"])("refuses %s", (reviewers) => {
    expect(refused({ ...REPO, BOOTSTRAP_REVIEWERS: reviewers }).map(([property]) => property)).toEqual(["BOOTSTRAP_REVIEWERS"]);
    expect(allowedFor({ ...REPO, BOOTSTRAP_REVIEWERS: reviewers }, "BOOTSTRAP_REVIEWERS")).toMatch(
      /^1 to 6 comma-separated GitHub user logins and org\/team-slugs/,
    );
  });

  it("refuses a team of another organization", () => {
    expect(refused({ ...REPO, BOOTSTRAP_REVIEWERS: "other/release-managers" })).toEqual([["BOOTSTRAP_REVIEWERS", "other/release-managers"]]);
    expect(allowedFor({ ...REPO, BOOTSTRAP_REVIEWERS: "other/release-managers" }, "BOOTSTRAP_REVIEWERS")).toMatch(/^teams of acme, the repository's owner/);
  });

  it("refuses more than GitHub's six reviewers, and accepts six", () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `user${i}`).join(",");
    expect(refused({ ...REPO, BOOTSTRAP_REVIEWERS: names(7) })).toEqual([["BOOTSTRAP_REVIEWERS", names(7)]]);
    expect(allowedFor({ ...REPO, BOOTSTRAP_REVIEWERS: names(7) }, "BOOTSTRAP_REVIEWERS")).toMatch(/GitHub takes at most 6 reviewers per environment$/);
    expect(accepted({ ...REPO, BOOTSTRAP_REVIEWERS: names(6) }).reviewers).toHaveLength(6);
  });

  it("are refused without a repository", () => {
    expect(refused({ ...ORG, BOOTSTRAP_REVIEWERS: "octocat" })).toEqual([["BOOTSTRAP_REVIEWERS", "octocat"]]);
  });

  it("are required with a repository when an environment requires approval, token or not: the GitHub part is refused, not skipped", () => {
    const withoutReviewers = { ...ORG, BOOTSTRAP_GITHUB_REPOSITORY: REPO.BOOTSTRAP_GITHUB_REPOSITORY };
    for (const env of [withoutReviewers, { ...withoutReviewers, GITHUB_TOKEN: TOKEN_SENTINEL }]) {
      expect(refused(env)).toEqual([["BOOTSTRAP_REVIEWERS", undefined]]);
      expect(allowedFor(env, "BOOTSTRAP_REVIEWERS")).toMatch(
        /the GitHub environment "production" requires approval \(approvalRequired in stacks\/environments\.ts\)/,
      );
    }
  });

  it("are not required when no environment of the table requires approval", () => {
    const table = Object.fromEntries(Object.entries(ENVIRONMENTS).map(([name, settings]) => [name, { ...settings, approvalRequired: false }]));
    expect(readBootstrapInputs({ BOOTSTRAP_GITHUB_REPOSITORY: "acme/alex-db" }, CLOUD, table).reviewers).toEqual([]);
  });
});

describe("existing OIDC providers", () => {
  it("are passed to the AWS part, which then creates none", () => {
    const { json } = synthBootstrap({ ...REPO, BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN: TF_ARN, BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN: GH_ARN });
    expect(resourcesOf(json, "aws_iam_openid_connect_provider")).toEqual({});
    expect(JSON.stringify(json.resource.aws_iam_role)).toContain(TF_ARN);
    expect(JSON.stringify(json.resource.aws_iam_role)).toContain(GH_ARN);
  });

  it("are refused when they are no OIDC provider ARN, or the provider of another host", () => {
    expect(refused({ ...REPO, BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN: "app.terraform.io", BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN: TF_ARN })).toEqual([
      ["BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN", "app.terraform.io"],
      ["BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN", TF_ARN],
    ]);
    expect(allowedFor({ ...REPO, BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN: TF_ARN }, "BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN")).toBe(
      "the OIDC provider of https://token.actions.githubusercontent.com, arn:<partition>:iam::<account>:oidc-provider/token.actions.githubusercontent.com",
    );
  });

  it("are judged by the AWS part's own rule, so that none is accepted here and refused by the construct", () => {
    for (const arn of [TF_ARN, TF_ARN.toUpperCase(), TF_ARN.replace("app.terraform.io", "APP.terraform.io"), "arn:aws:iam::123456789012:role/x"]) {
      const env = { ...ORG, BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN: arn };
      const construct = oidcProviderArnProblem(arn, TERRAFORM_CLOUD_HOST);
      if (construct === undefined) {
        expect(() => defineStacks(testApp(), env), arn).not.toThrow();
      } else {
        expect(refused(env), arn).toEqual([["BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN", arn]]);
        expect(allowedFor(env, "BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN")).toBe(construct);
      }
    }
    expect(oidcProviderArnProblem(TF_ARN.replace("app.terraform.io", "APP.terraform.io"), TERRAFORM_CLOUD_HOST)).toBeDefined();
  });

  it("are refused without the part that would use them", () => {
    expect(refused({ BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN: TF_ARN })).toEqual([["BOOTSTRAP_TERRAFORM_CLOUD_OIDC_PROVIDER_ARN", TF_ARN]]);
    expect(refused({ ...ORG, BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN: GH_ARN })).toEqual([["BOOTSTRAP_GITHUB_OIDC_PROVIDER_ARN", GH_ARN]]);
  });
});

describe("Terraform Cloud project names", () => {
  it("are refused outside Terraform Cloud's 3 to 40 characters, since the bootstrap stack creates them", () => {
    expect(refused({ ...ORG, TF_CLOUD_PROJECT: "db", TF_CLOUD_PREVIEW_PROJECT: "p".repeat(41) })).toEqual([
      ["TF_CLOUD_PROJECT", "db"],
      ["TF_CLOUD_PREVIEW_PROJECT", "p".repeat(41)],
    ]);
  });
});

describe("the tfe provider's token", () => {
  const home = mkdtempSync(join(tmpdir(), "bootstrap-home-"));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  it("is found in TFE_TOKEN", () => {
    expect(terraformCloudTokenSource({ TFE_TOKEN: TOKEN_SENTINEL }, "app.terraform.io")).toBe("TFE_TOKEN");
  });

  it("is found in the file terraform login writes, for that host only", () => {
    const file = write(
      join(home, "login", ".terraform.d", "credentials.tfrc.json"),
      JSON.stringify({ credentials: { "app.terraform.io": { token: TOKEN_SENTINEL } } }),
    );
    expect(terraformCloudTokenSource({ HOME: join(home, "login") }, "app.terraform.io")).toBe(file);
    expect(terraformCloudTokenSource({ HOME: join(home, "login") }, "tfe.example.com")).toBeUndefined();
  });

  it("is found in the CLI configuration file's credentials block, TF_CLI_CONFIG_FILE or ~/.terraformrc", () => {
    const file = write(join(home, "cli", "terraform.rc"), `credentials "tfe.example.com" {\n  token = "${TOKEN_SENTINEL}"\n}\n`);
    expect(terraformCloudTokenSource({ TF_CLI_CONFIG_FILE: file }, "tfe.example.com")).toBe(file);
    const rc = write(join(home, "rc", ".terraformrc"), `credentials "app.terraform.io" {\n  token = "${TOKEN_SENTINEL}"\n}\n`);
    expect(terraformCloudTokenSource({ HOME: join(home, "rc") }, "app.terraform.io")).toBe(rc);
  });

  it("is not found in TF_TOKEN_<host>, which the tfe provider does not read, nor in an unreadable or empty file", () => {
    write(join(home, "broken", ".terraform.d", "credentials.tfrc.json"), "{ not json");
    expect(terraformCloudTokenSource({ TF_TOKEN_app_terraform_io: TOKEN_SENTINEL, HOME: join(home, "broken") }, "app.terraform.io")).toBeUndefined();
    expect(terraformCloudTokenSource({ HOME: join(home, "nothing-here") }, "app.terraform.io")).toBeUndefined();
  });

  it("turns the Terraform Cloud part on when found in a file, and never reaches the configuration", () => {
    const { text, json } = synthBootstrap({ ...ORG, HOME: join(home, "login") });
    expect(Object.keys(resourcesOf(json, "tfe_workspace")).length).toBeGreaterThan(0);
    expect(text).not.toContain(TOKEN_SENTINEL);
    expect(text).not.toContain(home);
  });
});
