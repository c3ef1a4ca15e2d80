import { App } from "cdktf";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { defineStacks } from "./app";

const app = new App();
try {
  defineStacks(app, process.env);
} catch (error) {
  // Invalid input is the user's to fix: print what is wrong, not a stack trace, and synthesize nothing.
  if (!(error instanceof ValidationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
