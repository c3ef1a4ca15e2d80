import type { TerraformStack } from "cdktf";
import type { Control, Finding, TerraformDocument } from "./control";
import { CONTROLS } from "./controls/index";
import { allResources } from "./private/document";

/**
 * A control a stack accepts failing on some of its resources, with the reason (like cdk-nag's
 * resource suppressions). Example: `{ control: "RDS.7", resources: ["Database/Cluster"],
 * reason: "disposable database" }`.
 */
export interface PolicyException {
  /** Id of the control, as in `CONTROLS` (e.g. `RDS.7`, `CKV_AWS_327`). */
  readonly control: string;
  /**
   * The resources the exception covers, by construct path relative to the stack
   * (`Database/Cluster`), so stacks built alike share one list. A path covers that construct
   * and everything under it (`Database` covers `Database/Cluster`). A resource without
   * construct metadata (hand-written Terraform JSON) is named by its address, `type.name`.
   */
  readonly resources: readonly string[];
  /** Why the stack accepts the failure. */
  readonly reason: string;
}

export interface PolicyGateProps {
  /**
   * Failing controls this stack accepts, each on named resources with the reason. A failure on
   * any other resource still fails the synth, and an exception that names no resource of the
   * stack, or covers no failure of its control, is an error too: the list never outgrows what
   * the stack gives up.
   * @default [] (every control must pass on every resource)
   */
  readonly exceptions?: readonly PolicyException[];
  /**
   * The opt-in controls this stack is held to, by id (e.g. `CKV2_AWS_8`, clusters in an AWS
   * Backup plan). An opt-in control (`Control.optIn`) is for what a stack may deliberately not
   * have yet, such as a backup plan in development: it holds only the stacks that name it here.
   * Naming an id that is no control, or a control that holds every stack anyway, is an error.
   * @default [] (no opt-in control holds the stack)
   */
  readonly optIn?: readonly string[];
}

/** The controls that hold a stack: every control but the opt-in ones it does not name. */
const controlsFor = (optIn: readonly string[]): Control[] => CONTROLS.filter((control) => control.optIn !== true || optIn.includes(control.id));

/**
 * The findings of every failing control, by control id: of every control but the opt-in ones,
 * and of the opt-in controls named in `optIn`.
 */
export function evaluateControls(document: TerraformDocument, optIn: readonly string[] = []): Map<string, readonly Finding[]> {
  const failures = new Map<string, readonly Finding[]>();
  for (const control of controlsFor(optIn)) {
    const findings = control.evaluate(document);
    if (findings.length > 0) failures.set(control.id, findings);
  }
  return failures;
}

/** Whether an exception's path names the resource at `path` or a construct above it. */
const covers = (exceptionPath: string, path: string) => path === exceptionPath || path.startsWith(`${exceptionPath}/`);

/**
 * The errors of the gate: failing findings no exception covers, exceptions that do not hold
 * (unknown control, an opt-in control the stack does not opt in to, a path matching no
 * resource, a path with no failure of its control to cover, no reason), and opt-in ids that
 * name no opt-in control.
 */
export function policyGateErrors(document: TerraformDocument, exceptions: readonly PolicyException[] = [], optIn: readonly string[] = []): string[] {
  const failures = evaluateControls(document, optIn);
  const active = controlsFor(optIn);
  const errors: string[] = [];
  const optInIds = CONTROLS.filter((control) => control.optIn === true).map((control) => control.id);
  for (const id of optIn) {
    const control = CONTROLS.find((candidate) => candidate.id === id);
    if (!control) errors.push(`opt-in names ${id}, which is no control; opt-in controls: ${optInIds.join(", ")}`);
    else if (control.optIn !== true) errors.push(`opt-in names ${id}, which holds every stack without it; remove it`);
  }
  for (const control of active) {
    const accepted = exceptions.filter((exception) => exception.control === control.id).flatMap((exception) => exception.resources);
    const aliases = control.checkov.filter((id) => id !== control.id);
    for (const finding of failures.get(control.id) ?? []) {
      if (accepted.some((path) => covers(path, finding.path))) continue;
      errors.push(aliases.length > 0 ? `${finding.message} [checkov ${aliases.join(", ")}]` : finding.message);
    }
  }

  const paths = allResources(document).map((resource) => resource.path);
  for (const { control, resources, reason } of exceptions) {
    const known = CONTROLS.some((candidate) => candidate.id === control);
    const holds = active.some((candidate) => candidate.id === control);
    if (!known) errors.push(`exception for ${control} names no control; known controls: ${CONTROLS.map((c) => c.id).join(", ")}`);
    else if (!holds) errors.push(`exception for ${control} is not needed: ${control} is an opt-in control and this stack does not opt in to it; remove it`);
    if (resources.length === 0) errors.push(`exception for ${control} names no resources`);
    for (const path of resources) {
      if (!paths.some((resourcePath) => covers(path, resourcePath))) {
        errors.push(`exception for ${control} names ${path}, which matches no resource of the stack`);
      } else if (holds && !(failures.get(control) ?? []).some((finding) => covers(path, finding.path))) {
        errors.push(`exception for ${control} on ${path} is not needed: the control passes there; remove it`);
      }
    }
    if (typeof reason !== "string" || reason.trim().length === 0) errors.push(`exception for ${control} gives no reason`);
  }
  return errors;
}

/**
 * Holds a stack to the security controls at synth (and to the opt-in controls it names): each
 * failing control is reported by id and resource and fails the synth, unless the stack accepts
 * it on that resource with a reason.
 */
export class PolicyGate {
  /** Adds the gate to a stack as a validation, which `cdktf synth` runs before writing it. */
  public static apply(stack: TerraformStack, props: PolicyGateProps = {}): void {
    stack.node.addValidation({ validate: () => policyGateErrors(stack.toTerraform() as TerraformDocument, props.exceptions, props.optIn) });
  }
}
