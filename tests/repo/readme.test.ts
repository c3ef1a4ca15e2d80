/**
 * The README keeps its promises: the two-command quick start, and a row for every prop.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TerraformStack } from "cdktf";
import { AuroraPostgresServerless, ValidationError } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { declaredProps } from "../support/declared-props";

const ROOT = resolve(import.meta.dirname, "../..");
const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");
const props = readFileSync(resolve(ROOT, "modules/aurora-postgresql-serverless/src/props.ts"), "utf8");
const ciRun = readFileSync(resolve(ROOT, ".ci/run"), "utf8");

describe("README", () => {
  it("starts quickly with exactly two commands: install and synthesize, then test", () => {
    const quickStart = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("## Architecture"));
    const commands = quickStart
      .slice(quickStart.indexOf("```sh"), quickStart.lastIndexOf("```"))
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "")
      .map((line) => line.replace(/#.*$/, "").trim());
    expect(commands).toEqual(["npm ci && npm run synth", "npm test"]);
  });

  it("documents every prop of the construct with its default", () => {
    const names = declaredProps("AuroraPostgresServerlessProps");
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\` \\|`, "m"));
  });

  it("is what CI runs: .ci/run installs from the lockfile and runs the README's test command", () => {
    expect(ciRun).toContain("npm ci");
    expect(ciRun).toMatch(/^npm test$/m);
  });
});

describe("the module README's error example", () => {
  it("is exactly what the construct throws for the props it shows", () => {
    const moduleReadme = readFileSync(resolve(ROOT, "modules/aurora-postgresql-serverless/README.md"), "utf8");
    const section = moduleReadme.slice(moduleReadme.indexOf("## Errors"), moduleReadme.indexOf("## Policy gate"));
    const shown = /```text\n([\s\S]*?)\n```/.exec(section)![1];
    const props = { name: "orders", databaseName: "orders", minCapacity: 0.3, engineVersion: "15.4", autoMinorVersionUpgrade: false };
    for (const [key, value] of Object.entries(props)) expect(section).toContain(`${key}: ${JSON.stringify(value)},`);
    let thrown: unknown;
    try {
      new AuroraPostgresServerless(new TerraformStack(testApp(), "orders"), "Database", props);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(`${(thrown as Error).name}: ${(thrown as Error).message}`).toBe(shown);
  });
});

describe("props TSDoc", () => {
  it("documents every prop, and every optional prop with its @default", () => {
    const body = props.slice(props.indexOf("export interface AuroraPostgresServerlessProps"), props.indexOf("type WithoutDefault"));
    const blocks = [...body.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly (\w+)(\??):/g)];
    const documented = new Set(blocks.map((block) => block[2]));
    const declared = declaredProps("AuroraPostgresServerlessProps");
    expect(declared.length).toBeGreaterThan(30);
    for (const name of declared) expect(documented.has(name), `${name} has TSDoc`).toBe(true);
    for (const [, doc, name, optional] of blocks) {
      if (optional === "?") expect(doc, `${name} has @default`).toContain("@default");
    }
  });
});
