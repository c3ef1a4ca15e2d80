/**
 * Each control's own reasoning, on the hand-written fixtures beside this file: one test per case
 * of cases.ts, which lists what each fixture holds and the findings the control reports on it.
 */
import { readdirSync } from "node:fs";
import { CONTROLS } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { CASES } from "./cases";
import { fileName, findingsOn } from "./evaluate";

describe.each(CONTROLS.map((control) => [control.id, control.title]))("%s: %s", (id) => {
  for (const { fixture, says, findings } of CASES[id] ?? []) {
    it(`${fixture}: ${says}`, () => {
      expect(findingsOn(id, fixture)).toEqual(findings);
    });
  }
});

describe("the cases", () => {
  it("cover every control and only those, each with a failing and a passing fixture, and every fixture beside them", () => {
    expect(Object.keys(CASES).sort()).toEqual(CONTROLS.map((control) => control.id).sort());
    const named = Object.entries(CASES).flatMap(([id, cases]) => cases.map((testCase) => `${fileName(id)}.${testCase.fixture}.json`));
    for (const { id } of CONTROLS) {
      const cases = CASES[id] ?? [];
      // A failing fixture must fail, and the passing one must pass, or they prove nothing.
      expect(cases.find((testCase) => testCase.fixture === "failing")?.findings.length, `${id} failing`).toBeGreaterThan(0);
      expect(cases.find((testCase) => testCase.fixture === "passing")?.findings, `${id} passing`).toEqual([]);
    }
    expect(new Set(named).size, "a fixture is named by one case").toBe(named.length);
    const files = readdirSync(import.meta.dirname).filter((file) => file.endsWith(".json"));
    expect(named.sort()).toEqual(files.sort());
  });

  it("name the control in every finding", () => {
    for (const [id, cases] of Object.entries(CASES)) {
      for (const { findings } of cases) for (const finding of findings) expect(finding.startsWith(`${id} `), finding).toBe(true);
    }
  });
});
