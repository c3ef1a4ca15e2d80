/**
 * The suite's tiers, the projects of vitest.config.ts: `npm test` runs in process; tests that
 * start programs are *.integration.test.ts files, which `npm run test:integration` runs; the
 * real npm installs of tests/install run with `npm run test:install`.
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createVitest } from "vitest/node";
import { INSTALL_TESTS, INTEGRATION_TESTS } from "../../vitest.config";
import { checkNoRefusals, REFUSAL, takeRefusals } from "../in-process";

const ROOT = resolve(import.meta.dirname, "../..");
const testFiles = () =>
  readdirSync(join(ROOT, "tests"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts") && !file.startsWith("install/"))
    .map((file) => `tests/${file}`);

describe("npm test", () => {
  it("refuses to start a program, naming where such a test belongs", () => {
    expect(() => execFileSync("true")).toThrow(REFUSAL);
    expect(() => execFile("true")).toThrow(REFUSAL);
    expect(() => spawn("true")).toThrow(REFUSAL);
    // Each attempt would also fail this test after it ends, caught or not.
    expect(takeRefusals()).toEqual(['child_process.execFileSync("true")', 'child_process.execFile("true")', 'child_process.spawn("true")']);
  });

  it("fails a test whose code swallows the refusal", () => {
    try {
      execFileSync("terraform", ["version"]);
    } catch {
      // What code under test may do: report "not installed" and go on.
    }
    // The check every test ends with (tests/in-process.ts's afterEach) fails it, and names the call.
    expect(checkNoRefusals).toThrow(`${REFUSAL}: child_process.execFileSync("terraform")`);
    expect(checkNoRefusals).not.toThrow();
  });

  it("holds no test file that imports child_process: those are integration tests", () => {
    // This file imports it only to prove the refusal above.
    const inProcess = testFiles().filter((file) => !file.endsWith(".integration.test.ts") && file !== "tests/repo/test-tiers.test.ts");
    expect(inProcess.length).toBeGreaterThan(50);
    expect(inProcess.filter((file) => /["']node:child_process["']/.test(readFileSync(join(ROOT, file), "utf8")))).toEqual([]);
  });
});

describe("the tiers", () => {
  /** Every test file, by the project vitest resolves it into: the config's globs, not a list. */
  const filesByProject = async () => {
    const vitest = await createVitest("test", { watch: false, config: join(ROOT, "vitest.config.ts") }, { logLevel: "silent" });
    try {
      const byProject = new Map<string, string[]>();
      for (const specification of await vitest.globTestSpecifications()) {
        const name = specification.project.name;
        byProject.set(name, [...(byProject.get(name) ?? []), relative(ROOT, specification.moduleId)].sort());
      }
      return byProject;
    } finally {
      await vitest.close();
    }
  };

  it("puts every test file in one project: *.integration.test.ts in integration, tests/install in install, the rest in unit", async () => {
    const byProject = await filesByProject();
    const all = testFiles().concat(
      readdirSync(join(ROOT, "tests/install"))
        .filter((file) => file.endsWith(".test.ts"))
        .map((file) => `tests/install/${file}`),
    );
    const tierOf = (file: string) => (file.startsWith("tests/install/") ? "install" : file.endsWith(".integration.test.ts") ? "integration" : "unit");
    expect(Object.fromEntries([...byProject].sort(([a], [b]) => a.localeCompare(b)))).toEqual({
      install: all.filter((file) => tierOf(file) === "install").sort(),
      integration: all.filter((file) => tierOf(file) === "integration").sort(),
      unit: all.filter((file) => tierOf(file) === "unit").sort(),
    });
    // Each tier holds files: a glob that matched nothing would pass the split above.
    for (const files of byProject.values()) expect(files.length).toBeGreaterThan(0);
    expect(INTEGRATION_TESTS).toBe("tests/**/*.integration.test.ts");
    expect(INSTALL_TESTS).toBe("tests/install/**/*.test.ts");
  });

  it("refuses programs only in unit, and checks every run's hygiene but the installs'", async () => {
    const vitest = await createVitest("test", { watch: false, config: join(ROOT, "vitest.config.ts") }, { logLevel: "silent" });
    try {
      const setup = Object.fromEntries(
        vitest.projects.map((project) => [
          project.name,
          {
            inProcess: project.config.setupFiles.some((file) => file.endsWith("tests/in-process.ts")),
            hygiene: [project.config.globalSetup].flat().some((file) => file.endsWith("tests/hygiene.global.ts")),
          },
        ]),
      );
      expect(setup).toEqual({
        unit: { inProcess: true, hygiene: true },
        integration: { inProcess: false, hygiene: true },
        install: { inProcess: false, hygiene: false },
      });
    } finally {
      await vitest.close();
    }
  });

  it("keeps only the tier TEST_TIER names, for tools that cannot pass --project", async () => {
    process.env.TEST_TIER = "unit";
    try {
      const vitest = await createVitest("test", { watch: false, config: join(ROOT, "vitest.config.ts") }, { logLevel: "silent" });
      try {
        expect(vitest.projects.map((project) => project.name)).toEqual(["unit"]);
      } finally {
        await vitest.close();
      }
    } finally {
      delete process.env.TEST_TIER;
    }
  });

  it("runs each tier by its npm script, with --project", () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(scripts.test).toMatch(/ && vitest run --project unit$/);
    expect(scripts["test:vitest"]).toBe("vitest run --project unit");
    expect(scripts["test:integration"]).toBe("vitest run --project integration");
    expect(scripts["test:install"]).toBe("vitest run --project install");
  });
});
