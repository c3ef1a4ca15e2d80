/**
 * The toolkit README's account of the local Data API is the conformance table's: the block that
 * `npm run docs` writes from tests/data-api/conformance/table.ts, whose rows the conformance test
 * runs against both backends. A README edited by hand, or a table changed without `npm run docs`,
 * fails here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFORMANCE_END, CONFORMANCE_START, renderConformance, TOOLKIT_README, withConformance } from "../../scripts/conformance-table";
import { CONFORMANCE, NOT_EMULATED } from "./conformance/table";

const readme = readFileSync(TOOLKIT_README, "utf8");

describe("the toolkit README's local Data API section", () => {
  it("carries the conformance table and the not-emulated list that npm run docs writes", () => {
    const start = readme.indexOf(CONFORMANCE_START);
    const end = readme.indexOf(CONFORMANCE_END);
    expect(start, `the README lacks ${CONFORMANCE_START}`).toBeGreaterThan(-1);
    expect(readme.slice(start, end + CONFORMANCE_END.length), "stale: run npm run docs and commit modules/aurora-data-api/README.md").toBe(renderConformance());
    expect(withConformance(readme)).toBe(readme);
    expect(readme.indexOf(CONFORMANCE_START)).toBeGreaterThan(readme.indexOf("## A local Data API"));
  });

  it("renders every row once, with its page or why AWS documents none, and PGlite's difference where it has one", () => {
    const block = renderConformance();
    const lines = block.split("\n");
    expect(lines.filter((text) => text.startsWith("| ") && !text.startsWith("| Behaviour,"))).toHaveLength(CONFORMANCE.length);
    for (const row of CONFORMANCE) {
      const matching = lines.filter((text) => text.startsWith(`| ${row.behaviour} |`));
      expect(matching, row.id).toHaveLength(1);
      const line = matching[0]!;
      expect(line, row.id).toContain(row.source ?? `not documented: ${row.undocumented}`);
      expect(line.endsWith(row.pglite === undefined ? "| yes | yes |" : `| no: ${row.pglite} | yes |`), row.id).toBe(true);
    }
  });

  it("cites a page for every documented row, says why for the others, and claims nothing twice", () => {
    for (const row of CONFORMANCE)
      expect((row.source === undefined) !== (row.undocumented === undefined), `${row.id}: a source or an undocumented note, not both`).toBe(true);
    const behaviours = CONFORMANCE.map((row) => row.behaviour.toLowerCase());
    expect(new Set(behaviours).size, "no behaviour is claimed by two rows").toBe(behaviours.length);
    const subjects = NOT_EMULATED.map(({ subject }) => subject.toLowerCase());
    expect(new Set(subjects).size, "no subject is listed twice as not emulated").toBe(subjects.length);
    // A subject of the not-emulated list must not also be a row the endpoint claims to match.
    for (const { subject } of NOT_EMULATED) {
      for (const row of CONFORMANCE) expect(row.behaviour.toLowerCase().startsWith(subject.toLowerCase()), `${row.id} vs ${subject}`).toBe(false);
    }
  });
});
