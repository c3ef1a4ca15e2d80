/**
 * Run lines of the workflows that hold logic, run as GitHub runs them: the deploy matrix (bash
 * and Node over the real app's manifest) and the release job's tag and repository checks (bash).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, appStacks, steps, withAppManifest } from "./support";

describe("deploy: the stack matrix", () => {
  it("builds that matrix from the real app: every stack once, environment by environment, after the stacks it depends on, each behind its GitHub environment", async () => {
    // The synth job's step itself, under the shell GitHub gives run lines (bash -eo pipefail),
    // pointed at a manifest synthesized here instead of the workspace's cdktf.out.
    const step = steps("deploy.yml", "synth").find((candidate) => candidate.id === "stacks").run as string;
    const matrix = await withAppManifest(async (manifest) => {
      const folder = mkdtempSync(join(tmpdir(), "deploy-matrix-"));
      try {
        const output = join(folder, "output");
        writeFileSync(output, "");
        execFileSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.replace("cdktf.out/manifest.json", manifest)], {
          cwd: ROOT,
          env: { ...process.env, GITHUB_OUTPUT: output, TSX_DISABLE_CACHE: "1" },
          stdio: "pipe",
        });
        return JSON.parse(readFileSync(output, "utf8").replace(/^matrix=/, "")) as { include: { stack: string; environment: string }[] };
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
    const order = matrix.include.map((entry) => entry.stack);
    // Environment by environment, as the settings table lists them: a staging failure stops prod.
    expect(order).toEqual(["dev", "staging-key", "staging", "prod-key", "prod"]);
    expect([...order].sort()).toEqual(appStacks().map((stack) => stack.name).sort());
    for (const stack of appStacks()) {
      for (const dependency of stack.dependencies) expect(order.indexOf(dependency), `${dependency} before ${stack.name}`).toBeLessThan(order.indexOf(stack.name));
    }
    expect(Object.fromEntries(matrix.include.map(({ stack, environment }) => [stack, environment]))).toEqual({
      dev: "dev",
      "staging-key": "staging",
      staging: "staging",
      "prod-key": "production",
      prod: "production",
    });
  });
});

describe("release: the package a tag publishes", () => {
  it("maps each tag to its package: v<version> to the construct, aurora-data-api-toolkit@<version> to the toolkit", () => {
    const script = steps("release.yml", "publish").find((step) => step.id === "package").run as string;
    const folder = mkdtempSync(join(tmpdir(), "release-tag-"));
    try {
      for (const [directory, version] of [["modules/aurora-postgresql-serverless", "1.2.3"], ["modules/aurora-data-api", "0.4.0"]] as const) {
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
      expect(run("aurora-data-api-toolkit@1.2.3")).toBe("failed: ::error::tag aurora-data-api-toolkit@1.2.3 does not match aurora-data-api-toolkit version 0.4.0");
      const repository = steps("release.yml", "publish").find((step) => step.name === "The package names this repository");
      const check = (url: string | undefined, repositoryName: string) => {
        writeFileSync(join(folder, "modules/aurora-data-api/package.json"), JSON.stringify({ version: "0.4.0", ...(url === undefined ? {} : { repository: { url } }) }));
        try {
          execFileSync("bash", ["-e", "-c", repository.run], { cwd: folder, env: { ...process.env, DIRECTORY: "modules/aurora-data-api", GITHUB_REPOSITORY: repositoryName }, stdio: "pipe" });
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
        expect(JSON.parse(readFileSync(join(ROOT, directory, "package.json"), "utf8")).repository.url, directory).toBe("git+https://github.com/alex-infra/aurora-data-api-infrastructure.git");
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
