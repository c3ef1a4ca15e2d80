import { App } from "cdktf";
import { readBootstrapState } from "./bootstrap/state";
import { prepareSynth } from "./synth-gate";

// Validations run once, in prepareSynth, before anything is written; synth need not repeat them.
const app = new App({ skipValidation: true });
// The cdktf CLI shows the app's stdout as it is, and its stderr as "[ERROR]" lines, even when synth
// succeeds: a notice goes to stdout.
const failure = prepareSynth(app, process.env, { notify: (notice) => console.log(notice), bootstrapState: readBootstrapState() });
if (failure !== undefined) {
  console.error(failure);
  process.exit(1);
}
app.synth();
