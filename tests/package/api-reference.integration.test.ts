/**
 * The API reference in the module README is generated from the TSDoc (TypeDoc); the committed
 * copy must be what the sources produce now. The repository README links it instead of a copy.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../modules/aurora-postgresql-serverless/src/private/resolved-props";
import { END, MODULE_README, renderApiReference, START, withReference } from "../../scripts/api-reference";

// TypeDoc compiles the module once for the whole file.
const rendered = renderApiReference();

describe("the API reference in the module README", () => {
  it("is up to date with the TSDoc (run `npm run docs` after changing a prop or attribute)", async () => {
    const committed = readFileSync(MODULE_README, "utf8");
    const reference = await rendered;
    expect(withReference(committed, reference)).toBe(committed);
  });

  it("documents every prop with its type and default, and every attribute and method", async () => {
    const reference = await rendered;
    expect(reference.startsWith(START) && reference.endsWith(END)).toBe(true);
    const rows = reference.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      const cells = row
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim());
      for (const cell of cells) expect(cell, row).not.toBe("");
    }
    for (const method of ["grantDataApiAccess", "grantConnect"]) expect(reference).toContain(`#### \`${method}(`);
  });

  it("states every default the module applies, the value the module applies", async () => {
    const documented = literalDefaults(await rendered);
    expect(Object.keys(documented).length).toBeGreaterThan(30);
    expect(documented).toEqual(DEFAULTS);
  });

  it("reads literal defaults from the reference, and only those", () => {
    const reference = [
      "| `a` | `number` | `32` | x |",
      "| `b` | `string[]` | `[] (no egress)` | x |",
      "| `c` | `number` | 300 when `minCapacity` is 0, otherwise unset | x |",
      '| `d` | `string` | `"sun:04:00-sun:05:00"` | x |',
      "| `e` | `string` | the account's default VPC | x |",
      "| `f` | `string` | required | x |",
    ].join("\n");
    expect(literalDefaults(reference)).toEqual({ a: 32, b: [], c: 300, d: "sun:04:00-sun:05:00" });
  });

  it("would notice a stale reference", () => {
    const committed = readFileSync(MODULE_README, "utf8");
    expect(withReference(committed, `${START}\nstale\n${END}`)).not.toBe(committed);
  });
});

/** The props whose documented default starts with a literal (`32`, `"dbadmin"`, `[]`, 300 when …), with that literal. */
function literalDefaults(reference: string): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const row of reference.split("\n").filter((line) => line.startsWith("| `"))) {
    const [prop, , documented] = row
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    // A string, a number, a boolean, {} or an array of strings (["postgresql"]).
    const literal = /^`?("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*"(?:, ?"(?:[^"\\]|\\.)*")*)?\]|\{\}|-?\d+(?:\.\d+)?|true|false)(?=[`\s]|$)/.exec(
      documented ?? "",
    );
    if (literal) defaults[prop!.replace(/`/g, "")] = JSON.parse(literal[1]!);
  }
  return defaults;
}
