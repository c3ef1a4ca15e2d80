/** Builds controls whose findings name the control, the problem and the resource alike. */
import type { Control, Finding, TerraformDocument } from "../control";
import { setting } from "./defaults";
import { describe, resources, type Resource } from "./document";

/** Makes the finding of one failing resource: `<id> <problem> on <resource>`. */
export type Fail = (resource: Resource, problem: string) => Finding;

export interface ControlDefinition {
  readonly id: string;
  readonly checkov: readonly string[];
  readonly title: string;
  readonly checks: string;
  readonly sources: readonly string[];
  /** Holds only the stacks that opt in to it (`Control.optIn`). */
  readonly optIn?: boolean;
  readonly findings: (document: TerraformDocument, fail: Fail) => readonly Finding[];
}

export function defineControl({ id, checkov, title, checks, sources, optIn, findings }: ControlDefinition): Control {
  const fail: Fail = (resource, problem) => ({
    control: id,
    address: resource.address,
    path: resource.path,
    message: `${id} ${problem} on ${describe(resource)}`,
  });
  return { id, checkov, title, checks, sources, ...(optIn === true ? { optIn } : {}), evaluate: (document) => findings(document, fail) };
}

export interface SettingControlDefinition extends Omit<ControlDefinition, "findings"> {
  /** The resources the control judges. */
  readonly resourceType: string;
  /** The attribute, judged by the provider's default where the configuration leaves it out. */
  readonly attribute: string;
  /** The value it must have. */
  readonly required: unknown;
  /** What is wrong when it has another. */
  readonly problem: string;
}

/** A control that requires one attribute of every resource of a type to have one value. */
export function settingControl({ resourceType, attribute, required, problem, ...control }: SettingControlDefinition): Control {
  return defineControl({
    ...control,
    findings: (document, fail) =>
      resources(document, resourceType)
        .filter((resource) => setting(resource, attribute) !== required)
        .map((resource) => fail(resource, problem)),
  });
}
