/**
 * Run lines of the workflows that hold logic, run as GitHub runs them (bash --noprofile --norc
 * -eo pipefail, the shell of `defaults.run.shell: bash`): the synth jobs' stack lists and cloud
 * block checks over the real app synthesized with the repository variables, and the release
 * job's tag and repository checks.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BOOTSTRAP_STACK_NAME } from "../../stacks/delivery";
import { pullRequestPlans, stacksOfTable } from "../../stacks/deploy-matrix";
import { previewStackName } from "../../stacks/preview";
import {
  CLOUD_VARIABLES,
  parseOutputs,
  resolveExpressions,
  ROOT,
  runStep,
  stepEnv,
  steps,
  tableManifest,
  temporaryDirectory,
  UNLISTED_STACK,
  VARS,
  withSynthesizedApp,
  type Node,
} from "./support";

const synthStep = (file: string, pattern: RegExp) => steps(file, "synth").find((step) => pattern.test(String(step.run ?? "")));
/**
 * Runs a synth job's step as GitHub runs it: with the workflow's, the job's and the step's env,
 * their expressions evaluated with the repository variables and `values` (the outputs of the
 * steps before it).
 */
const runSynthStep = (file: string, step: Node, outdir: string, values: Record<string, string> = {}) =>
  runStep(step, outdir, resolveExpressions(stepEnv(file, "synth", step), { ...VARS, ...values }));
const workspaceLine = (stack: string) =>
  `Stack ${stack}: workspace ${CLOUD_VARIABLES.TF_CLOUD_WORKSPACE_PREFIX}-${stack} of project ${CLOUD_VARIABLES.TF_CLOUD_PROJECT}`;

describe("the synth jobs' checks, over the real app synthesized with the repository variables", () => {
  it("deploy: the synthesized stacks are the generated jobs, each with its cloud block", async () => {
    await withSynthesizedApp({ ...CLOUD_VARIABLES }, async (outdir) => {
      const matrix = runSynthStep("deploy.yml", synthStep("deploy.yml", /scripts\/deploy-matrix\.ts/), outdir);
      expect(matrix.stdout).toBe("");
      expect(matrix.code).toBe(0);
      const cloud = runSynthStep("deploy.yml", synthStep("deploy.yml", /stack-workspace\.sh/), outdir);
      expect(cloud.code).toBe(0);
      for (const { stack } of stacksOfTable()) expect(cloud.stdout).toContain(workspaceLine(stack));
    });
  });

  it("deploy: refuses every stack of an app synthesized without TF_CLOUD_ORGANIZATION", async () => {
    await withSynthesizedApp({}, async (outdir) => {
      const cloud = runSynthStep("deploy.yml", synthStep("deploy.yml", /stack-workspace\.sh/), outdir);
      expect(cloud.code).toBe(1);
      expect(cloud.stdout.match(/^::error /gm)).toHaveLength(stacksOfTable().length);
    });
  });

  it.each(["deploy.yml", "plan.yml"])(
    "%s: a synthesized stack the table does not make fails the step, with an error GitHub shows naming only that stack",
    (file) => {
      const outdir = temporaryDirectory("manifest");
      try {
        // Previews and the bootstrap stack beside the table's stacks are not the table's to make.
        writeFileSync(
          join(outdir.path, "manifest.json"),
          JSON.stringify(tableManifest({ [UNLISTED_STACK]: {}, [BOOTSTRAP_STACK_NAME]: {}, [previewStackName("42")]: {} })),
        );
        const result = runSynthStep(file, synthStep(file, /scripts\/deploy-matrix\.ts/), outdir.path);
        expect(result.code).toBe(1);
        // GitHub reads ::error:: from what the step prints, stdout or stderr, never from a file it redirects to.
        expect(`${result.stdout}${result.stderr}`.trim().split("\n")).toEqual([
          `::error title=Stacks and settings table disagree::stack ${UNLISTED_STACK} belongs to no environment of stacks/environments.ts, which makes ${stacksOfTable()
            .map((entry) => entry.stack)
            .join(", ")}`,
        ]);
        expect(result.outputs).toBe("");
      } finally {
        outdir.remove();
      }
    },
  );

  it("plan: the stacks to plan and the stacks planned by the deploy only, from the settings table, each planned stack with its cloud block", async () => {
    await withSynthesizedApp({ ...CLOUD_VARIABLES }, async (outdir) => {
      const stacks = runSynthStep("plan.yml", synthStep("plan.yml", /scripts\/deploy-matrix\.ts/), outdir);
      expect(stacks.code).toBe(0);
      const { planned, deployOnly } = pullRequestPlans();
      expect(stacks.outputs).toBe(`planned=${JSON.stringify(planned)}\ndeploy-only=${JSON.stringify(deployOnly)}\n`);
      const values = Object.fromEntries(Object.entries(parseOutputs(stacks.outputs)).map(([name, value]) => [`steps.stacks.outputs.${name}`, value]));
      const cloud = runSynthStep("plan.yml", synthStep("plan.yml", /stack-workspace\.sh/), outdir, values);
      expect(cloud.code).toBe(0);
      for (const stack of planned) expect(cloud.stdout).toContain(workspaceLine(stack));
      for (const stack of deployOnly) expect(cloud.stdout).not.toContain(`Stack ${stack}:`);
    });
  });
});

describe("release: the package a tag publishes", () => {
  it("maps each tag to its package: v<version> to the construct, aurora-data-api-toolkit@<version> to the toolkit", () => {
    const script = steps("release.yml", "publish").find((step) => step.id === "package").run as string;
    const folder = mkdtempSync(join(tmpdir(), "release-tag-"));
    try {
      for (const [directory, version] of [
        ["modules/aurora-postgresql-serverless", "1.2.3"],
        ["modules/aurora-data-api", "0.4.0"],
      ] as const) {
        mkdirSync(join(folder, directory), { recursive: true });
        writeFileSync(join(folder, directory, "package.json"), JSON.stringify({ version }));
      }
      const run = (tag: string) => {
        const output = join(folder, "output");
        writeFileSync(output, "");
        try {
          execFileSync("bash", ["-e", "-c", script], { cwd: folder, env: { ...process.env, GITHUB_REF_NAME: tag, GITHUB_OUTPUT: output }, stdio: "pipe" });
          return readFileSync(output, "utf8").trim();
        } catch (error) {
          return `failed: ${String((error as { stdout?: Buffer }).stdout).trim()}`;
        }
      };
      expect(run("v1.2.3")).toBe("workspace=cdktf-aurora-postgresql-serverless\ndirectory=modules/aurora-postgresql-serverless");
      expect(run("aurora-data-api-toolkit@0.4.0")).toBe("workspace=aurora-data-api-toolkit\ndirectory=modules/aurora-data-api");
      expect(run("v0.4.0")).toBe("failed: ::error::tag v0.4.0 does not match cdktf-aurora-postgresql-serverless version 1.2.3");
      expect(run("aurora-data-api-toolkit@1.2.3")).toBe(
        "failed: ::error::tag aurora-data-api-toolkit@1.2.3 does not match aurora-data-api-toolkit version 0.4.0",
      );
      const repository = steps("release.yml", "publish").find((step) => step.name === "The package names this repository");
      const check = (url: string | undefined, repositoryName: string) => {
        writeFileSync(
          join(folder, "modules/aurora-data-api/package.json"),
          JSON.stringify({ version: "0.4.0", ...(url === undefined ? {} : { repository: { url } }) }),
        );
        try {
          execFileSync("bash", ["-e", "-c", repository.run], {
            cwd: folder,
            env: { ...process.env, DIRECTORY: "modules/aurora-data-api", GITHUB_REPOSITORY: repositoryName },
            stdio: "pipe",
          });
          return "ok";
        } catch (error) {
          return String((error as { stdout?: Buffer }).stdout).trim();
        }
      };
      expect(repository.env).toEqual({ DIRECTORY: "${{ steps.package.outputs.directory }}" });
      expect(check("git+https://github.com/alex-infra/aurora-data-api-infrastructure.git", "alex-infra/aurora-data-api-infrastructure")).toBe("ok");
      expect(check("git+https://github.com/alex-infra/aurora-data-api-infrastructure.git", "someone/fork")).toBe(
        "::error::repository.url in modules/aurora-data-api/package.json is 'git+https://github.com/alex-infra/aurora-data-api-infrastructure.git', not this repository (git+https://github.com/someone/fork.git): set it before publishing",
      );
      expect(check(undefined, "someone/fork")).toContain("repository.url in modules/aurora-data-api/package.json is '', not this repository");
      // Both packages name the same repository.
      for (const directory of ["modules/aurora-postgresql-serverless", "modules/aurora-data-api"]) {
        expect(JSON.parse(readFileSync(join(ROOT, directory, "package.json"), "utf8")).repository.url, directory).toBe(
          "git+https://github.com/alex-infra/aurora-data-api-infrastructure.git",
        );
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
