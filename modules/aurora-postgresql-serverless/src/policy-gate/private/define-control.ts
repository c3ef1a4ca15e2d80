/** Builds controls whose findings name the control, the problem and the resource alike. */
import type { Control, Finding, TerraformDocument } from "../control";
import { type Resource, describe } from "./document";

/** Makes the finding of one failing resource: `<id> <problem> on <resource>`. */
export type Fail = (resource: Resource, problem: string) => Finding;

export interface ControlDefinition {
  readonly id: string;
  readonly checkov: readonly string[];
  readonly title: string;
  readonly findings: (document: TerraformDocument, fail: Fail) => readonly Finding[];
}

export function defineControl({ id, checkov, title, findings }: ControlDefinition): Control {
  const fail: Fail = (resource, problem) => ({
    control: id,
    address: resource.address,
    path: resource.path,
    message: `${id} ${problem} on ${describe(resource)}`,
  });
  return { id, checkov, title, evaluate: (document) => findings(document, fail) };
}
