import { App } from "cdktf";
import { prepareSynth } from "./synth-gate";

// Validations run once, in prepareSynth, before anything is written; synth need not repeat them.
const app = new App({ skipValidation: true });
const failure = prepareSynth(app, process.env);
if (failure !== undefined) {
  console.error(failure);
  process.exit(1);
}
app.synth();
