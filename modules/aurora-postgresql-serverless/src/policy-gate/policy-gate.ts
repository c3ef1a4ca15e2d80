import type { TerraformStack } from "cdktf";
import type { Finding, TerraformDocument } from "./control";
import { CONTROLS } from "./controls/index";

export interface PolicyGateProps {
  /**
   * Controls this stack accepts failing, each with the reason. An exception for a control
   * that passes is an error too, so the list never outgrows what the stack gives up.
   * @default {} (every control must pass)
   */
  readonly exceptions?: Readonly<Record<string, string>>;
}

/** The findings of every failing control, by control id. */
export function evaluateControls(document: TerraformDocument): Map<string, readonly Finding[]> {
  const failures = new Map<string, readonly Finding[]>();
  for (const control of CONTROLS) {
    const findings = control.evaluate(document);
    if (findings.length > 0) failures.set(control.id, findings);
  }
  return failures;
}

/** The errors of the gate: failing controls without exception, and exceptions that do not hold. */
export function policyGateErrors(document: TerraformDocument, exceptions: Readonly<Record<string, string>> = {}): string[] {
  const failures = evaluateControls(document);
  const errors: string[] = [];
  for (const control of CONTROLS) {
    const findings = failures.get(control.id) ?? [];
    if (findings.length > 0 && !(control.id in exceptions)) {
      const aliases = control.checkov.filter((id) => id !== control.id);
      errors.push(...findings.map(({ message }) => (aliases.length ? `${message} [checkov ${aliases.join(", ")}]` : message)));
    }
  }
  for (const [id, reason] of Object.entries(exceptions)) {
    if (!CONTROLS.some((control) => control.id === id)) {
      errors.push(`exception for ${id} names no control; known controls: ${CONTROLS.map((c) => c.id).join(", ")}`);
    } else if (!failures.has(id)) {
      errors.push(`exception for ${id} is not needed: the control passes; remove it`);
    }
    if (typeof reason !== "string" || reason.trim().length === 0) errors.push(`exception for ${id} gives no reason`);
  }
  return errors;
}

/**
 * Holds a stack to the security controls at synth: each failing control is reported by id
 * and fails the synth, unless the stack lists it as an accepted exception with a reason.
 */
export class PolicyGate {
  /** Adds the gate to a stack as a validation, which `cdktf synth` runs before writing it. */
  public static apply(stack: TerraformStack, props: PolicyGateProps = {}): void {
    stack.node.addValidation({ validate: () => policyGateErrors(stack.toTerraform() as TerraformDocument, props.exceptions) });
  }
}
