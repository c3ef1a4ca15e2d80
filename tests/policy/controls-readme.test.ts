/**
 * The READMEs' tables of the policy gate's controls: the module README's is the block that
 * `npm run docs` writes from the controls' own metadata (scripts/policy-controls-table.ts), and
 * the repository README's table of how each stack fares lists the same controls. A README edited
 * by hand, or a control added or changed without `npm run docs`, fails here.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CONTROLS } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { CONTROLS_END, CONTROLS_START, renderControlsTable, withControlsTable } from "../../scripts/policy-controls-table";

const ROOT = resolve(import.meta.dirname, "../..");
const moduleReadme = readFileSync(resolve(ROOT, "modules/aurora-postgresql-serverless/README.md"), "utf8");
const repositoryReadme = readFileSync(resolve(ROOT, "README.md"), "utf8");

describe("the module README's table of controls", () => {
  it("is the block npm run docs writes, in the Policy gate section", () => {
    const start = moduleReadme.indexOf(CONTROLS_START);
    const end = moduleReadme.indexOf(CONTROLS_END);
    expect(start, `the README lacks ${CONTROLS_START}`).toBeGreaterThan(-1);
    expect(moduleReadme.slice(start, end + CONTROLS_END.length), "stale: run npm run docs and commit modules/aurora-postgresql-serverless/README.md").toBe(
      renderControlsTable(),
    );
    expect(withControlsTable(moduleReadme)).toBe(moduleReadme);
    expect(start).toBeGreaterThan(moduleReadme.indexOf("## Policy gate\n"));
    expect(start).toBeLessThan(moduleReadme.indexOf("## ", moduleReadme.indexOf("## Policy gate\n") + 3));
  });

  it("has a row per control, with its checkov ids, what it requires and checks, and its sources", () => {
    const rows = renderControlsTable()
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| control |"));
    expect(rows.map((line) => line.split(" | ")[0]!.slice(2))).toEqual(
      CONTROLS.map((control) => (control.optIn === true ? `${control.id} (opt-in)` : control.id)),
    );
    for (const [index, control] of CONTROLS.entries()) {
      const row = rows[index]!;
      for (const text of [control.checkov.join(", "), control.title, control.checks, ...control.sources]) expect(row, control.id).toContain(text);
    }
  });

  it("cites Security Hub for its controls and checkov for its checks; only this project's own control cites nothing", () => {
    for (const control of CONTROLS) {
      if (control.id === "PROXY.1") {
        expect(control.sources).toEqual([]);
      } else if (/^CKV2?_AWS_\d+$/.test(control.id)) {
        expect(control.sources[0], control.id).toMatch(/^https:\/\/github\.com\/bridgecrewio\/checkov\/blob\/main\/checkov\/terraform\/checks\/.+\.(py|yaml)$/);
      } else {
        expect(control.sources[0], control.id).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/securityhub\/latest\/userguide\/[a-z0-9]+-controls\.html$/);
      }
    }
  });
});

describe("the repository README's table of controls by stack", () => {
  it("lists every control, in the gate's order", () => {
    const section = repositoryReadme.slice(repositoryReadme.indexOf("### Security controls (the policy gate)"));
    const table = section.slice(section.indexOf("| control | checkov | what | dev | staging | prod |"));
    const lines = table.split("\n");
    const rows = lines.slice(
      2,
      lines.findIndex((line) => !line.startsWith("|")),
    );
    expect(rows.map((line) => line.split(" | ")[0]!.slice(2))).toEqual(CONTROLS.map((control) => control.id));
  });
});
