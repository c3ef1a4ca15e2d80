/**
 * What `cdktf synth` runs before writing anything: define every stack, then run every stack's
 * validations. Invalid input is the user's to fix, so the answer is the message to print, not a
 * stack trace.
 */
import { TerraformStack, type App } from "cdktf";
import { ValidationError, validationReport } from "cdktf-aurora-postgresql-serverless";
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
 * The policy gate reads each stack's resolved document and the synthesizer writes it: without
 * this, every stack is resolved twice, which is most of the synth's own time. Each stack is first
 * prepared, as `app.synth()` would prepare it (cross-stack references add their resources then),
 * and not prepared again; nothing changes a stack after that (the app has no aspects), so the
 * synthesizer writes the document the gate read. Only the JSON document is kept: `cdktf synth
 * --hcl` renders with `toHclTerraform`, which resolves each stack a second time.
 */
function resolveEachStackOnce(app: App): void {
  const stacks = app.node.findAll().filter((construct): construct is TerraformStack => TerraformStack.isStack(construct));
  for (const stack of stacks) stack.prepareStack();
  for (const stack of stacks) {
    stack.prepareStack = () => undefined;
    const resolve = stack.toTerraform.bind(stack);
    let resolved: ReturnType<TerraformStack["toTerraform"]> | undefined;
    stack.toTerraform = () => (resolved ??= resolve());
  }
}
