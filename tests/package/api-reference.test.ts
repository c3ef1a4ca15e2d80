/**
 * The module README's API reference is generated from the TSDoc (TypeDoc); the committed copy
 * must be what the sources produce now.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { END, README, START, renderApiReference, withReference } from "../../scripts/api-reference";

// TypeDoc compiles the module once for the whole file.
const rendered = renderApiReference();

describe("the API reference in the module README", () => {
  it("is up to date with the TSDoc (run `npm run docs` after changing a prop or attribute)", async () => {
    const committed = readFileSync(README, "utf8");
    const reference = await rendered;
    expect(withReference(committed, reference)).toBe(committed);
  });

  it("documents every prop with its type and default, and every attribute and method", async () => {
    const reference = await rendered;
    expect(reference.startsWith(START) && reference.endsWith(END)).toBe(true);
    const rows = reference.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      const cells = row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
      for (const cell of cells) expect(cell, row).not.toBe("");
    }
    for (const method of ["grantDataApiAccess", "grantConnect"]) expect(reference).toContain(`#### \`${method}(`);
  });

  it("would notice a stale reference", () => {
    const committed = readFileSync(README, "utf8");
    expect(withReference(committed, `${START}\nstale\n${END}`)).not.toBe(committed);
  });
});
