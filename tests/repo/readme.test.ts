/**
 * The README keeps its promises: the two-command quick start, and a row for every prop.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TerraformStack } from "cdktf";
import { AuroraPostgresServerless, ValidationError } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderTeamSecrets, TEAM_SECRETS_END, TEAM_SECRETS_START, withTeamSecrets } from "../../scripts/team-secrets";
import { pipelineTeams } from "../../stacks/bootstrap/terraform-cloud";
import { GITHUB_SECRETS, GITHUB_VARIABLES } from "../../stacks/delivery";
import { ENVIRONMENTS } from "../../stacks/environments";
import { testApp } from "../support/app";
import { declaredPropDocs, declaredProps } from "../support/declared-props";

const ROOT = resolve(import.meta.dirname, "../..");
const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");
const ciRun = readFileSync(resolve(ROOT, ".ci/run"), "utf8");

describe("README", () => {
  it("starts quickly with exactly two commands: install and synthesize, then test", () => {
    const quickStart = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1));
    const commands = quickStart
      .slice(quickStart.indexOf("```sh"), quickStart.lastIndexOf("```"))
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "")
      .map((line) => line.replace(/#.*$/, "").trim());
    expect(commands).toEqual(["npm ci && npm run synth", "npm test"]);
  });

  it("links the module README's API reference, which documents every prop with its default, instead of a copy of it", () => {
    const names = declaredProps("AuroraPostgresServerlessProps");
    expect(names.length).toBeGreaterThan(20);
    const moduleReadme = readFileSync(resolve(ROOT, "modules/aurora-postgresql-serverless/README.md"), "utf8");
    for (const name of names) expect(moduleReadme, name).toMatch(new RegExp(`^\\| \`${name}\` \\|`, "m"));
    expect(readme).toContain("](modules/aurora-postgresql-serverless/README.md#api-reference)");
    expect(readme).not.toContain("<!-- api-reference:start");
  });

  it("is what CI runs: .ci/run installs from the lockfile and runs the README's test command", () => {
    expect(ciRun).toContain("npm ci");
    expect(ciRun).toMatch(/^npm test$/m);
  });

  it("runs in .ci/run every offline step of the ci workflow's test and integration jobs, lint included", () => {
    const jobs = parse(readFileSync(resolve(ROOT, ".github/workflows/ci.yml"), "utf8")).jobs as Record<string, { steps: { run?: string }[] }>;
    const npmSteps = (job: string) =>
      jobs[job]!.steps.flatMap((step) => (/^npm (ci|run [\w:]+|test)\b/.test(step.run ?? "") ? [step.run!.trim().replace(/ --no-audit --no-fund$/, "")] : []));
    expect(npmSteps("test")).toEqual(["npm ci", "npm run lint", "npm run typecheck", "npm run test:vitest", "npm run synth", "npm run synth:examples"]);
    expect(npmSteps("integration")).toEqual(["npm ci", "npm run test:integration"]);
    const covered = [...npmSteps("test"), ...npmSteps("integration")].map((step) =>
      step === "npm run typecheck" || step === "npm run test:vitest" ? "npm test" : step,
    );
    const lines = ciRun.split("\n").map((line) => line.replace(/ --no-audit --no-fund$/, ""));
    for (const step of new Set(covered)) expect(lines, step).toContain(step);
    // npm test runs the two commands itself: each nested `npm run` costs a third of a second.
    const scripts = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.test).toBe(`${scripts.typecheck} && ${scripts["test:vitest"]}`);
  });
});

describe("the README's bootstrap and tokens", () => {
  const section = (heading: string) => {
    const start = readme.indexOf(heading);
    expect(start, heading).toBeGreaterThan(-1);
    return readme.slice(start, readme.indexOf("\n#", start + heading.length));
  };

  it("has the team secrets' commands that `npm run docs` writes from the settings table", () => {
    const start = readme.indexOf(TEAM_SECRETS_START);
    const end = readme.indexOf(TEAM_SECRETS_END);
    expect(start, `README.md lacks ${TEAM_SECRETS_START}`).toBeGreaterThan(-1);
    expect(end, `README.md lacks ${TEAM_SECRETS_END}`).toBeGreaterThan(start);
    const committed = readme.slice(readme.lastIndexOf("\n", start) + 1, end + TEAM_SECRETS_END.length);
    const stale = "README.md's team secrets differ from what scripts/team-secrets.ts writes from the settings table: run `npm run docs` and commit README.md";
    expect(committed, stale).toBe(renderTeamSecrets());
    expect(withTeamSecrets(readme) === readme, stale).toBe(true);
    expect(section("### Bootstrap")).toContain(committed);
  });

  it("sets each team's token as the secret the bootstrap stack names for it, where the workflows read it", () => {
    const commands = [...section("### Bootstrap").matchAll(/^ *gh secret set (\S+)(?: --env (\S+))? +# (\S+)$/gm)].map(([, secret, environment, team]) => ({
      secret,
      environment,
      team,
    }));
    expect(commands).toEqual(
      pipelineTeams(ENVIRONMENTS).map(({ name, secret, githubEnvironment }) => ({ secret, environment: githubEnvironment, team: name })),
    );
  });

  it("has a row for every secret in its tokens table, and names every repository variable", () => {
    const rows = section("### Tokens, and who may do what")
      .split("\n")
      .flatMap((line) => /^\| `([A-Z_]+)` \|/.exec(line)?.[1] ?? []);
    expect(rows.sort()).toEqual(Object.values(GITHUB_SECRETS).sort());
    for (const variable of Object.values(GITHUB_VARIABLES)) expect(section("### Tokens, and who may do what")).toContain(`\`${variable}\``);
  });
});

describe("the module README's error example", () => {
  const moduleReadme = readFileSync(resolve(ROOT, "modules/aurora-postgresql-serverless/README.md"), "utf8");
  const section = moduleReadme.slice(moduleReadme.indexOf("\n## Errors\n"), moduleReadme.indexOf("\n## ", moduleReadme.indexOf("\n## Errors\n") + 1));

  /** The stack's name, the construct's id and the props of the README's sample, read from its `ts` block. */
  function sampleInput(): { stackName: string; id: string; props: Record<string, unknown> } {
    const source = /```ts\n([\s\S]*?)\n```/.exec(section)![1]!;
    const call = /^new AuroraPostgresServerless\(stack, "([^"]+)", (\{[\s\S]*\})\);$/m.exec(source.replace(/\s*\/\/.*$/gm, ""));
    expect(call, 'the sample is `new AuroraPostgresServerless(stack, "<id>", { ... });`').not.toBeNull();
    const stackName = /\/\/ in a stack named "([^"]+)"/.exec(source)?.[1];
    expect(stackName, "the sample names its stack in a comment").toBeDefined();
    // The props are a plain object literal of the README; evaluating it reads them exactly as a caller would write them.
    const props = new Function(`return (${call![2]});`)() as Record<string, unknown>;
    return { stackName: stackName!, id: call![1]!, props };
  }

  it("shows props that are all invalid in the message it prints, one line per prop", () => {
    const { props } = sampleInput();
    const shown = /```text\n([\s\S]*?)\n```/.exec(section)![1]!;
    const named = [...shown.matchAll(/^ {2}- (\w+):/gm)].map(([, prop]) => prop);
    expect(named.length).toBeGreaterThan(1);
    for (const prop of named) expect(Object.keys(props)).toContain(prop);
  });

  it("is exactly what the construct throws for the props it shows", () => {
    const { stackName, id, props } = sampleInput();
    const shown = /```text\n([\s\S]*?)\n```/.exec(section)![1];
    let thrown: unknown;
    try {
      new AuroraPostgresServerless(new TerraformStack(testApp(), stackName), id, props as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(`${(thrown as Error).name}: ${(thrown as Error).message}`).toBe(shown);
  });
});

describe("the module README's comparison with AWS CDK, terraform-aws-modules and SST", () => {
  const moduleReadme = readFileSync(resolve(ROOT, "modules/aurora-postgresql-serverless/README.md"), "utf8");
  const start = moduleReadme.indexOf("\n## Compared with AWS CDK, terraform-aws-modules and SST\n");
  const section = moduleReadme.slice(start, moduleReadme.indexOf("\n## ", start + 1));
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .slice(1)
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

  it("has five filled cells in every row", () => {
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row, row[0]).toHaveLength(5);
      for (const cell of row) expect(cell, row[0]).not.toBe("");
    }
  });

  it("keeps each cell to 300 characters, longer remarks going to the notes under the table", () => {
    for (const row of rows) for (const cell of row) expect(cell.length, `${row[0]}: ${cell.slice(0, 60)}`).toBeLessThanOrEqual(300);
  });

  it("names in its construct column only props and methods the construct has", () => {
    const known = new Set([...declaredProps("AuroraPostgresServerlessProps"), ...Object.getOwnPropertyNames(AuroraPostgresServerless.prototype)]);
    const literals = new Set(["true", "false", "null"]);
    const named = rows.flatMap((row) => [...row[1]!.matchAll(/`([a-z][A-Za-z0-9]*)`/g)].map(([, name]) => name!)).filter((name) => !literals.has(name));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((name) => !known.has(name))).toEqual([]);
  });

  it("keeps a row for each feature it compares", () => {
    const constructColumn = rows.map((row) => row[1]).join("\n");
    const features = [
      "customEndpoints",
      "localWriteForwarding",
      "databaseInsightsMode",
      "logExports",
      "logClass",
      "logRetentionDays",
      "logEncryptionKey",
      "storageType",
      "caCertificateIdentifier",
      "subnetGroupName",
      "securityGroupIds",
      "instanceParameters",
      "s3Import",
      "s3Export",
      "clusterMetric",
      "instanceMetric",
      "instanceMetrics",
      "deleteAutomatedBackups",
    ];
    for (const feature of features) expect(constructColumn).toContain(`\`${feature}\``);
  });

  it("defines every reference link it cites", () => {
    const cited = new Set([...section.matchAll(/\]\[([\w-]+)\]/g)].map(([, label]) => label!));
    expect(cited.size).toBeGreaterThan(0);
    for (const label of cited) expect(section, label).toMatch(new RegExp(`^\\[${label}\\]: https://\\S+$`, "m"));
  });
});

describe("props TSDoc", () => {
  it("documents every prop, and every optional prop with its @default", () => {
    const docs = declaredPropDocs("AuroraPostgresServerlessProps");
    expect(docs.length).toBeGreaterThan(30);
    for (const { name, optional, comment, defaultTag } of docs) {
      expect(comment, `${name} has TSDoc`).not.toBe("");
      if (optional) expect(defaultTag, `${name} has @default`).toBeTruthy();
    }
  });
});
