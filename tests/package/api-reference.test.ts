/**
 * The API reference in the READMEs is generated from the TSDoc (TypeDoc); the committed copies
 * must be what the sources produce now.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { END, READMES, START, renderApiReference, withReference } from "../../scripts/api-reference";

// TypeDoc compiles the module once for the whole file.
const rendered = renderApiReference();

describe("the API reference in the module and repository READMEs", () => {
  it.each(READMES)("is up to date with the TSDoc in %s (run `npm run docs` after changing a prop or attribute)", async (readme) => {
    const committed = readFileSync(readme, "utf8");
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
    const committed = readFileSync(READMES[0]!, "utf8");
    expect(withReference(committed, `${START}\nstale\n${END}`)).not.toBe(committed);
  });
});
