import { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { defineStacks, validationErrors } from "./app";

/** Invalid input is the user's to fix: print what is wrong, not a stack trace, and synthesize nothing. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// Validations run once, below, before anything is written; synth need not repeat them.
const app = new App({ skipValidation: true });
try {
  defineStacks(app, process.env);
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  fail(error.message);
}
// Every stack's validations (the policy gate among them) before any stack is written.
const errors = validationErrors(app);
if (errors.length > 0) fail(`Synth stopped; nothing was written:\n  ${errors.join("\n  ")}`);
app.synth();
