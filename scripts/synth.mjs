#!/usr/bin/env node
// `npm run synth`: runs the app of cdktf.json in this process, as `cdktf synth` runs it (the same
// environment, the same output directory, stack folders of stacks no longer made removed), then
// says what it wrote and what comes next. The cdktf CLI adds some 2 s of its own start-up, an
// update check that prints an error offline, and its own wrapper around the app's errors; this
// runs the app alone. The cdktf.out tree is byte-identical to `npx cdktf synth`'s
// (tests/stacks/cdktf-synth.integration.test.ts), which deploy, diff and --hcl still use.
//
//   npm run synth [-- --output <dir>]
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");
const config = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
const { values } = parseArgs({ options: { output: { type: "string", default: config.output ?? "cdktf.out" } } });
const outdir = resolve(values.output);
const stacksFolder = join(outdir, "stacks");
const folders = () =>
  existsSync(stacksFolder)
    ? readdirSync(stacksFolder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : [];

// The command must be the one this process can stand in for: this folder's app launcher.
if (config.app !== "node scripts/app.mjs") {
  console.error(`cdktf.json's app is ${JSON.stringify(config.app)}, and npm run synth runs only node scripts/app.mjs: run npx cdktf synth`);
  process.exit(1);
}

const before = folders();
const started = performance.now();
// What the CLI gives the app (@cdktf/cli-core's SynthStack.synth): the output directory, the
// context of cdktf.json with the relative Terraform modules (none here), JSON rather than HCL.
Object.assign(process.env, {
  CDKTF_OUTDIR: outdir,
  CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
  CDKTF_CONTEXT_JSON: JSON.stringify({ ...(config.context ?? {}), cdktfRelativeModules: [] }),
  SYNTH_HCL_OUTPUT: "false",
});
// Runs the app: on invalid input it prints why and exits 1 before writing anything.
await import("./app.mjs");
const seconds = (performance.now() - started) / 1000;

const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
const stacks = Object.values(manifest.stacks);
// As the CLI does: a stack the app no longer makes (a preview synthesized before) loses its folder.
for (const folder of before) if (!stacks.some((stack) => stack.name === folder)) rmSync(join(stacksFolder, folder), { recursive: true, force: true });

/** A path as the user would type it: relative inside the current folder, absolute outside it. */
const shown = (path) => {
  const absolute = join(outdir, path);
  const fromHere = relative(process.cwd(), absolute);
  return fromHere.startsWith("..") ? absolute : fromHere || ".";
};
const width = Math.max(...stacks.map((stack) => stack.name.length));
console.log(`Synthesized ${stacks.length} stacks in ${seconds.toFixed(1)} s:`);
for (const stack of stacks) console.log(`  ${stack.name.padEnd(width)}  ${shown(stack.synthesizedStackPath)}`);
// An example of a stack deployed after the stacks it depends on, from the manifest.
const dependent = stacks.find((stack) => stack.dependencies.length > 0);
const deployExample = dependent ? ` (its dependencies first: npx cdktf deploy ${[...dependent.dependencies, dependent.name].join(" ")})` : "";
console.log(`
Next:
  npx cdktf diff <stack>     plan a stack against its state
  npx cdktf deploy <stack>   apply it${deployExample}
  npx aurora-db cost         each stack's monthly cost, from ${shown("stacks")}`);
if (process.env.CHECKPOINT_DISABLE === undefined) {
  console.log("Set CHECKPOINT_DISABLE=1 for cdktf's commands: each asks checkpoint-api.hashicorp.com for updates (0.21.0 is final), an error offline.");
}
