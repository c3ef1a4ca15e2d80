/**
 * The suite's two tiers: `npm test` runs in process; tests that start programs are
 * *.integration.test.ts files, which `npm run test:integration` runs (vitest.shared.ts).
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REFUSAL, checkNoRefusals, takeRefusals } from "../in-process";
import unitTier from "../../vitest.config";
import integrationTier from "../../vitest.integration.config";
import { INTEGRATION_TESTS } from "../../vitest.shared";

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

describe("npm run test:integration", () => {
  it("runs the tests that start programs, and only those: the packages, the cdktf CLI, Terraform, the workflow scripts, PGlite, a PostgreSQL server", () => {
    expect(testFiles().filter((file) => file.endsWith(".integration.test.ts")).sort()).toEqual([
      "tests/data-api/conformance.integration.test.ts",
      "tests/data-api/local-endpoint.integration.test.ts",
      "tests/data-api/terraform-output.integration.test.ts",
      "tests/package/api-reference.integration.test.ts",
      "tests/package/consumer.integration.test.ts",
      "tests/package/data-api-package.integration.test.ts",
      "tests/repo/adoption.integration.test.ts",
      "tests/repo/app-launcher.integration.test.ts",
      "tests/repo/deep-imports.integration.test.ts",
      "tests/stacks/cdktf-synth.integration.test.ts",
      "tests/stacks/hcl-synthesis.integration.test.ts",
      "tests/workflows/run-lines.integration.test.ts",
      "tests/workflows/scripts.integration.test.ts",
    ]);
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["test:integration"]).toBe("vitest run --config vitest.integration.config.ts");
    // The two configs split the files by that name, and only npm test refuses programs.
    expect(integrationTier.test?.include).toEqual([INTEGRATION_TESTS]);
    expect(unitTier.test?.exclude).toContain(INTEGRATION_TESTS);
    expect(unitTier.test?.setupFiles).toContain("tests/in-process.ts");
    expect(integrationTier.test?.setupFiles).not.toContain("tests/in-process.ts");
  });
});
