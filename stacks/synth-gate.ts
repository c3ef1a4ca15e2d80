/**
 * What `cdktf synth` runs before writing anything: define every stack, then run every stack's
 * validations. Invalid input is the user's to fix, so the answer is the message to print, not a
 * stack trace.
 */
import { type App, TerraformStack } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { defineStacks, validationErrors } from "./app";
import type { Environment } from "./deployment-inputs";

/** Defines the app's stacks; returns why synth must stop, or undefined when it may write them. */
export function prepareSynth(app: App, env: Environment): string | undefined {
  try {
    defineStacks(app, env);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.message;
  }
  resolveEachStackOnce(app);
  // Every stack's validations (the policy gate among them) before any stack is written.
  const errors = validationErrors(app);
  return errors.length > 0 ? `Synth stopped; nothing was written:\n  ${errors.join("\n  ")}` : undefined;
}

/**
 * The policy gate reads each stack's resolved document and the synthesizer writes it: without
 * this, every stack is resolved twice, which is most of the synth's own time. Nothing changes a
 * stack between the two (the app has no aspects), so the second reading gets the first's result.
 */
function resolveEachStackOnce(app: App): void {
  for (const construct of app.node.findAll()) {
    if (!TerraformStack.isStack(construct)) continue;
    const stack = construct;
    const resolve = stack.toTerraform.bind(stack);
    let resolved: ReturnType<TerraformStack["toTerraform"]> | undefined;
    stack.toTerraform = () => (resolved ??= resolve());
  }
}
