/**
 * A table of one prop rule's cases: props it refuses (with the property and value the single
 * problem names) and props it accepts, run the same way by every feature's rule tests.
 */
import type { AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { validationProblems } from "./synth";

type Props = Partial<AuroraPostgresServerlessProps>;

export interface RuleCases {
  readonly rule: string;
  /** Props the rule refuses, each with the property and the value its one problem names. */
  readonly failing: readonly [Props, string, unknown][];
  readonly passing: readonly Props[];
  /** What the problem's `allowed` says. */
  readonly allowed: RegExp;
}

/** One describe per rule: each failing case gives exactly one problem, naming the property and value; each passing case creates. */
export function describeRules(rules: readonly RuleCases[], create: (props: Props) => unknown): void {
  describe.each(rules)("rule: $rule", ({ failing, passing, allowed }) => {
    it.each(failing)("refuses %j, naming %s and the value", (props, property, received) => {
      const problems = validationProblems(() => create(props));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ property, received });
      expect(problems[0]!.allowed).toMatch(allowed);
    });

    it.each(passing)("accepts %j", (props) => {
      expect(() => create(props)).not.toThrow();
    });
  });
}
