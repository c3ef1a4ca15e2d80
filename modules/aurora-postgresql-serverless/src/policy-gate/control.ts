/**
 * What a security control is, and what it reports: the controls read the synthesized Terraform
 * JSON like a scanner would, since whatever created a resource, and whatever overrides changed
 * it, the JSON is what gets deployed.
 */

/** A block of Terraform JSON; untyped by nature, so controls read it like a document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Block = Record<string, any>;

/** The synthesized configuration of one stack, as `stack.toTerraform()` returns it. */
export interface TerraformDocument {
  /** Stack metadata; its `stackName` makes construct paths relative to the stack. */
  readonly "//"?: { readonly metadata?: { readonly stackName?: string } };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Block>>>>;
  /** Data sources, read where a resource refers to one (policy documents, KMS keys). */
  readonly data?: Readonly<Record<string, Readonly<Record<string, Block>>>>;
}

/** One failing resource of a control (or one failing rule or statement of it). */
export interface Finding {
  /** Id of the control that fails. */
  readonly control: string;
  /** Terraform address of the failing resource, `type.name`. */
  readonly address: string;
  /**
   * What an exception names to cover the resource: its construct path relative to the stack
   * (`Database/Cluster`), or its address when the document has no construct metadata for it.
   */
  readonly path: string;
  /** One line: control id, what is wrong, on which resource (`RDS.7 deletion protection is off on …`). */
  readonly message: string;
}

/** A security control: a Security Hub control, or a checkov check where Security Hub has none. */
export interface Control {
  /** Security Hub control id, or the checkov id where Security Hub has none. */
  readonly id: string;
  /** checkov ids that check the same thing. */
  readonly checkov: readonly string[];
  /** What the control requires, in a few words. */
  readonly title: string;
  /** What it reads in the Terraform JSON and what passes, in a sentence (the module README's table of controls). */
  readonly checks: string;
  /** The pages it follows: the Security Hub control's, the checkov check's source; none for this project's own. */
  readonly sources: readonly string[];
  /**
   * Whether the control holds only the stacks that opt in to it (`PolicyGateProps.optIn`): for
   * what a stack may deliberately not have yet, such as an AWS Backup plan, where a stack
   * without it has nothing to give up. Every other control holds every stack.
   * @default false
   */
  readonly optIn?: boolean;
  /**
   * The findings of the control on a document; none when it passes. An attribute the document
   * leaves out is judged by the AWS provider's default, as the deployed resource will have it.
   */
  readonly evaluate: (document: TerraformDocument) => readonly Finding[];
}
