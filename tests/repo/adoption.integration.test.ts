/**
 * Adopting the project needs no test edit: a copy of the repository whose settings rename the
 * project and add an environment row passes the type-check and the in-process suite once the
 * generated files are written again with the README's commands (npm run fixtures, workflows and
 * docs). A test that pins a value of the shipped settings instead of reading it from
 * stacks/environments.ts fails here.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENVIRONMENTS, PROJECT, type EnvironmentSettings } from "../../stacks/environments";
import { withoutAppInputs } from "../support/app-environment";

const ROOT = resolve(import.meta.dirname, "../..");
const SETTINGS = "stacks/environments.ts";
const RENAMED = "zeta";
const ADDED_ROW = "qa";
/** The commands the README's "Renaming the project or adding an environment" runs after the edit. */
const REGENERATE = ["fixtures", "workflows", "docs"];

const copy = mkdtempSync(join(tmpdir(), "adoption-"));

/** The settings with every value that starts with the project's name renamed, and one row more (a copy of a row with a key stack). */
function adoptedSettings(source: string): string {
  const start = source.indexOf("export const PROJECT = {");
  const end = source.indexOf("} as const;", start);
  const project = source.slice(start, end).replaceAll(`"${PROJECT.name}`, `"${RENAMED}`);
  const template: EnvironmentSettings = Object.values(ENVIRONMENTS).find((row) => row.encryptionKey === "key-stack") ?? Object.values(ENVIRONMENTS)[0]!;
  const row = `  ${ADDED_ROW}: ${JSON.stringify({ ...template, githubEnvironment: ADDED_ROW })},\n`;
  const tableEnd = "} as const satisfies Record<string, EnvironmentSettings>;";
  return (source.slice(0, start) + project + source.slice(end)).replace(tableEnd, row + tableEnd);
}

/** Runs a program in the copy, as a developer's shell would, without this run's vitest and app settings. */
function inCopy(command: string, args: string[]): { status: number; output: string } {
  const env = Object.fromEntries(Object.entries(withoutAppInputs()).filter(([name]) => !name.startsWith("VITEST") && name !== "NODE_OPTIONS"));
  try {
    const output = execFileSync(command, args, {
      cwd: copy,
      env: { ...env, NO_COLOR: "1", TSX_DISABLE_CACHE: "1" },
      encoding: "utf8",
      stdio: "pipe",
      maxBuffer: 64 << 20,
    });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return { status: failed.status ?? 1, output: `${failed.stdout ?? ""}\n${failed.stderr ?? ""}` };
  }
}

beforeAll(() => {
  // The checkout's files as they are (committed or not, ignored ones left out), the installed
  // packages shared, and a repository of its own for the suite's check that it changes nothing.
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  execFileSync("git", ["init", "-q"], { cwd: copy });
  writeFileSync(join(copy, SETTINGS), adoptedSettings(readFileSync(join(ROOT, SETTINGS), "utf8")));
}, 120_000);

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("a project renamed, with an environment row added", () => {
  it("renames the project and adds the row in the copy's settings", () => {
    const settings = readFileSync(join(copy, SETTINGS), "utf8");
    expect(settings).toContain(`name: "${RENAMED}",`);
    expect(settings).not.toContain(`"${PROJECT.name}"`);
    expect(settings).toContain(`  ${ADDED_ROW}: {`);
  });

  it("regenerates the fixtures, the deploy workflow and the docs from the settings", () => {
    for (const script of REGENERATE) {
      const run = inCopy("npm", ["run", "--silent", script]);
      expect(run.status, `npm run ${script}:\n${run.output}`).toBe(0);
    }
    expect(Object.keys(JSON.parse(readFileSync(join(copy, "tests/fixtures/stateful-addresses.json"), "utf8")))).toContain(ADDED_ROW);
    expect(readFileSync(join(copy, ".github/workflows/deploy.yml"), "utf8")).toContain(`deploy-${ADDED_ROW}:`);
  }, 300_000);

  it("passes the type-check and every in-process test without a test edit", () => {
    const typecheck = inCopy(process.execPath, ["node_modules/typescript-native/bin/tsc", "--noEmit", "-p", "tsconfig.json"]);
    expect(typecheck.status, typecheck.output).toBe(0);
    const suite = inCopy(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--project", "unit"]);
    const failures = suite.output
      .split("\n")
      .filter((line) => /FAIL|Error/.test(line))
      .slice(0, 40)
      .join("\n");
    expect(suite.status, `${failures}\n${suite.output.slice(-3000)}`).toBe(0);
    expect(suite.output).toMatch(/Tests\s+\d+ passed/);
  }, 900_000);
});
