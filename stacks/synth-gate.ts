/**
 * What `cdktf synth` runs before writing anything: define every stack, then run every stack's
 * validations. Invalid input is the user's to fix, so the answer is the message to print, not a
 * stack trace.
 */
import { type App, TerraformStack } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { defineStacks, validationErrors } from "./app";
import type { Environment } from "./deployment-inputs";

/**
 * Defines the app's stacks; returns why synth must stop, or undefined when it may write them.
 * `notify` receives the bootstrap stack's notice when synth may go on and it has one (a part
 * skipped although a `BOOTSTRAP_…` variable is set): a fresh clone's synth prints nothing.
 */
export function prepareSynth(app: App, env: Environment, notify: (notice: string) => void = () => undefined): string | undefined {
  let notice: string | undefined;
  try {
    notice = defineStacks(app, env).bootstrap.notice;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.message;
  }
  resolveEachStackOnce(app);
  // Every stack's validations (the policy gate among them) before any stack is written.
  const errors = validationErrors(app);
  if (errors.length > 0) return `Synth stopped; nothing was written:\n  ${errors.join("\n  ")}`;
  if (notice !== undefined) notify(notice);
  return undefined;
}

/**
 * The policy gate reads each stack's resolved document and the synthesizer writes it: without
 * this, every stack is resolved twice, which is most of the synth's own time. Each stack is first
 * prepared, as `app.synth()` would prepare it (cross-stack references add their resources then),
 * and not prepared again; nothing changes a stack after that (the app has no aspects), so the
 * synthesizer writes the document the gate read.
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
