import type { IConstruct } from "constructs";

/**
 * The errors of every validation under `scope` (each stack's policy gate among them), as
 * `[construct path] message`, in construct order: [] when every validation passes.
 */
export function validationErrors(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((construct) => construct.node.validate().map((error) => `[${construct.node.path}] ${error}`));
}

/**
 * The validations' errors as a readable list to print before `app.synth()`, or undefined when
 * they all pass. `app.synth()` runs the same validations but throws their errors as one stack
 * trace that suggests turning validation off; call this first, print what it returns and exit:
 *
 * ```ts
 * const report = validationReport(app);
 * if (report !== undefined) {
 *   console.error(report);
 *   process.exit(1);
 * }
 * app.synth();
 * ```
 */
export function validationReport(scope: IConstruct): string | undefined {
  const errors = validationErrors(scope);
  return errors.length === 0 ? undefined : `Synth stopped; nothing was written:\n  ${errors.join("\n  ")}`;
}
