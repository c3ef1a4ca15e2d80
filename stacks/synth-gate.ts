/**
 * What `cdktf synth` runs before writing anything: define every stack, then run every stack's
 * validations. Invalid input is the user's to fix, so the answer is the message to print, not a
 * stack trace.
 */
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization, type App } from "cdktf";
import { ValidationError, validationReport } from "cdktf-aurora-postgresql-serverless";
import type { IConstruct } from "constructs";
import { defineStacks, type DefineOptions } from "./app";
import type { Environment } from "./deployment-inputs";

export interface SynthOptions extends DefineOptions {
  /**
   * Receives the bootstrap stack's notice when synth may go on and it has one (a part skipped
   * although a `BOOTSTRAP_…` variable is set, or a part its state holds left out): a fresh clone's
   * synth prints nothing.
   */
  readonly notify?: (notice: string) => void;
}

/** Defines the app's stacks; returns why synth must stop, or undefined when it may write them. */
export function prepareSynth(app: App, env: Environment, options: SynthOptions = {}): string | undefined {
  let notice: string | undefined;
  try {
    notice = defineStacks(app, env, options).bootstrap.notice;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.message;
  }
  resolveEachStackOnce(app);
  // Every stack's validations (the policy gate among them) before any stack is written.
  const report = validationReport(app);
  if (report !== undefined) return report;
  if (notice !== undefined) options.notify?.(notice);
  return undefined;
}

/**
 * Every stack's document is resolved once. cdktf's `app.synth()` resolves each stack twice: once
 * to prepare it (cross-stack references add their outputs and remote state then) and once to write
 * it; the policy gate reads the written document. Here each element is resolved once, as cdktf's
 * `prepareStack` resolves it, and that fragment is what the stack's document is built from. The
 * document is built once, after every stack is prepared, and the gate and the synthesizer share it.
 *
 * Why a prepared fragment is the final one: preparing differs from writing only where a reference
 * crosses stacks, and there both resolve to the same remote-state expression (cdktf's
 * `Reference.resolve` keeps it per stack). Elements that preparation adds (those outputs and
 * remote-state sources) were not prepared and are resolved when the document is built; cdktf
 * itself resolves the built document once more, which leaves resolved values as they are.
 * tests/stacks/synth-gate.test.ts holds every stack byte-identical to cdktf's own synth. Only the
 * JSON document is kept: `cdktf synth --hcl` renders with `toHclTerraform`, which resolves again.
 */
export function resolveEachStackOnce(app: App): void {
  const stacks = app.node.findAll().filter((construct): construct is TerraformStack => TerraformStack.isStack(construct));
  const prepared = new Map<TerraformElement, unknown>();
  for (const stack of stacks) {
    // What cdktf's prepareStack does, keeping what it resolves.
    stack.ensureBackendExists();
    for (const element of elementsOf(stack))
      prepared.set(element, Tokenization.resolve(element.toTerraform(), { scope: stack, preparing: true, resolver: RESOLVER }));
  }
  for (const [element, fragment] of prepared) element.toTerraform = () => fragment;
  for (const stack of stacks) {
    stack.prepareStack = () => undefined;
    const build = stack.toTerraform.bind(stack);
    let document: ReturnType<TerraformStack["toTerraform"]> | undefined;
    stack.toTerraform = () => (document ??= build());
  }
}

/** The resolver cdktf's stacks resolve with (its `_tokens.resolve`). */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A stack's Terraform elements, as cdktf's stack collects them: not those of a stack inside it. */
function elementsOf(stack: TerraformStack): TerraformElement[] {
  const elements: TerraformElement[] = [];
  const visit = (construct: IConstruct) => {
    if (TerraformElement.isTerraformElement(construct)) elements.push(construct);
    for (const child of construct.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(stack);
  return elements;
}
