/**
 * Mutation testing (stryker.config.mjs): every group names files that exist and in-process tests
 * that `npm test` runs, the scheduled workflow runs each group, and the sandbox and reports stay
 * out of git.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");
type Groups = Record<string, { mutate: string[]; testFiles: string[] }>;
const configModule = join(ROOT, "stryker.config.mjs");
const load = async (): Promise<{ groups: Groups; config: Record<string, unknown> }> => {
  const loaded = (await import(pathToFileURL(configModule).href)) as { MUTATION_GROUPS: Groups; default: Record<string, unknown> };
  return { groups: loaded.MUTATION_GROUPS, config: loaded.default };
};

describe("mutation testing", () => {
  it("mutates files that exist, with tests that exist and run in process", async () => {
    const { groups } = await load();
    expect(Object.keys(groups)).toEqual(["module-policies", "module-restore-proxy", "policy-gate", "toolkit"]);
    for (const [name, { mutate, testFiles }] of Object.entries(groups)) {
      for (const pattern of mutate.map((entry) => entry.replace(/^!/, ""))) {
        expect(existsSync(join(ROOT, pattern.includes("*") ? dirname(pattern) : pattern)), `${name}: ${pattern}`).toBe(true);
      }
      for (const pattern of testFiles) {
        expect(pattern, `${name}: ${pattern}`).toMatch(/^tests\/.*\.test\.ts$/);
        expect(pattern).not.toMatch(/\.integration\.test\.ts$/);
        if (!pattern.includes("*")) expect(existsSync(join(ROOT, pattern)), `${name}: ${pattern}`).toBe(true);
      }
    }
  });

  it("runs every group's files and tests together when no group is chosen, with per-test coverage and a break threshold", async () => {
    const { groups, config } = await load();
    expect(config.mutate).toEqual(Object.values(groups).flatMap(({ mutate }) => mutate));
    expect(config).toMatchObject({
      testRunner: "vitest",
      coverageAnalysis: "perTest",
      vitest: { related: true },
      ignoreStatic: true,
      thresholds: { break: 85 },
      tempDirName: ".stryker-tmp",
      cleanTempDir: "always",
    });
  });

  it("runs the in-process tier with every test file's modules loaded anew and no synthesis shared between tests", async () => {
    const { config } = await load();
    expect(config.vitest).toMatchObject({ configFile: "vitest.mutation.config.ts" });
    const mutationTier = (await import("../../vitest.mutation.config")).default as { test: Record<string, unknown> };
    const unitTier = (await import("../../vitest.config")).default as { test: Record<string, unknown> };
    const env = { ...(unitTier.test.env as Record<string, string> | undefined), TEST_SHARE_SYNTHESES: "off" };
    expect(mutationTier.test).toEqual({ ...unitTier.test, isolate: true, env });
  });

  it("runs each group weekly and by hand, in a workflow of its own", async () => {
    const { groups } = await load();
    const workflow = parse(readFileSync(join(ROOT, ".github/workflows/mutation.yml"), "utf8"));
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.jobs.mutation.strategy.matrix.group).toEqual(Object.keys(groups));
    const run = workflow.jobs.mutation.steps.find((step: { run?: string }) => step.run === "npm run test:mutation");
    expect(run.env).toEqual({ MUTATION_GROUP: "${{ matrix.group }}" });
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["test:mutation"]).toBe("TEST_TIER=unit stryker run stryker.config.mjs");
  });

  it("keeps Stryker's sandbox and reports out of git", () => {
    const ignored = readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining([".stryker-tmp/", "reports/"]));
  });
});
