#!/usr/bin/env node
// Measures what users wait for: synthesizing every stack through the app (the command cdktf
// runs, from cdktf.json), the type-check, `npm test` (type-check and the in-process tests) and,
// for information, `npm run test:integration` (the tests that start programs; no target). Prints
// median wall time and peak memory. Peak memory is the largest single process's peak RSS, as the kernel counted it;
// "tree" adds the peaks of all processes of one run (an upper bound for concurrent workers).
//
// These machines are shared and noisy, so each figure is also given as a ratio to a floor
// measured in the same run, interleaved with it: for synth, Node loading cdktf and doing nothing
// (`node -e "require('cdktf')"`); for the type-check, `tsc --version`; for the tests, vitest
// running one empty test. A ratio moves when our code does, not when the machine does. The load
// average is printed before and after, so that two machines' results can be compared.
//
//   npm run bench [-- --synth-runs 7 --test-runs 3 --integration-runs 1]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    "synth-runs": { type: "string", default: "7" },
    "test-runs": { type: "string", default: "3" },
    "integration-runs": { type: "string", default: "1" },
  },
});
// The targets: synth at most twice the time of loading cdktf (about 0.35 s idle) and 150 MB; the
// type-check 2 s; npm test 15 s on an idle 2-core machine, 25x vitest's empty run (0.6 s).
const TARGETS = { synthRatio: 2, synthMegabytes: 150, typecheckSeconds: 2, testSeconds: 15, testRatio: 25 };
const scratch = mkdtempSync(join(tmpdir(), "bench-"));
const hook = join(root, "scripts/peak-memory-hook.mjs");

/** The caller's environment without this project's inputs, so every run synthesizes the same. */
function cleanEnvironment() {
  // The app's inputs, as tests/support/app-environment.ts lists them.
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AURORA_|TF_CLOUD_|BOOTSTRAP_|PREVIEW_ID$)/.test(name)));
}

function run(command, args, extraEnv) {
  const peakFile = join(scratch, `peak-${process.hrtime.bigint()}.txt`);
  writeFileSync(peakFile, "");
  const env = {
    ...cleanEnvironment(),
    ...extraEnv,
    CI: "true",
    CHECKPOINT_DISABLE: "1",
    // tsx keeps its compile cache under the temp folder: keep it in the scratch directory, removed at the end.
    TMPDIR: scratch,
    BENCH_PEAK_FILE: peakFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${hook}`.trim(),
  };
  const started = process.hrtime.bigint();
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited with ${code}\n${stderr}`));
      const peaks = readFileSync(peakFile, "utf8").trim().split("\n").filter(Boolean).map(Number);
      resolveRun({ seconds, peakMb: Math.max(...peaks) / 1024, treeMb: peaks.reduce((a, b) => a + b, 0) / 1024, processes: peaks.length });
    });
  });
}

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function summarize(label, results) {
  const summary = {
    label,
    runs: results.length,
    medianSeconds: median(results.map((r) => r.seconds)),
    peakMb: Math.max(...results.map((r) => r.peakMb)),
    treeMb: Math.max(...results.map((r) => r.treeMb)),
    processes: results[0].processes,
  };
  console.log(
    `${label.padEnd(34)} median ${summary.medianSeconds.toFixed(2)} s over ${summary.runs} runs; ` +
      `peak ${summary.peakMb.toFixed(0)} MB (largest process), ${summary.treeMb.toFixed(0)} MB (all ${summary.processes} processes)`,
  );
  return summary;
}

/** Runs the workload and its floor alternately, so both see the same machine. */
async function measureAgainstFloor(label, runs, workload, floor) {
  // `--test-runs 0` measures synth alone: nothing to summarize or judge.
  if (runs < 1) return undefined;
  const measured = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    floors.push(await run(...floor));
    measured.push(await run(...workload));
  }
  const floorSummary = summarize(`  floor: ${floor.label}`, floors);
  const summary = summarize(label, measured);
  const ratio = summary.medianSeconds / floorSummary.medianSeconds;
  const memoryRatio = summary.peakMb / floorSummary.peakMb;
  console.log(`${"".padEnd(34)} ${ratio.toFixed(1)}× the floor's time, ${memoryRatio.toFixed(1)}× its memory\n`);
  return { ...summary, ratio, memoryRatio };
}

/** A command with its arguments and environment, named for the report. */
function command(label, program, args, extraEnv = {}) {
  const entry = [program, args, extraEnv];
  entry.label = label;
  return entry;
}

const cdktfJson = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
const [appCommand, ...appArgs] = cdktfJson.app.split(" ");

// The test floor: vitest running one empty test, in the scratch directory.
writeFileSync(join(scratch, "floor.test.mjs"), 'import { it } from "vitest";\nit("does nothing", () => {});\n');

const { cpus, loadavg } = await import("node:os");
const load = () => loadavg().map((average) => average.toFixed(2)).join(", ");

try {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${load()} (1, 5, 15 min)\n`);
  // One untimed run first: a bundle made stale by an edit is rebuilt outside the figures.
  await run(appCommand, appArgs, { CDKTF_OUTDIR: join(scratch, "cdktf.out") });
  const synth = await measureAgainstFloor(
    "synth all stacks (app)",
    Number(values["synth-runs"]),
    command("synth", appCommand, appArgs, { CDKTF_OUTDIR: join(scratch, "cdktf.out") }),
    command(`node -e "require('cdktf')"`, process.execPath, ["-e", "require('cdktf')"]),
  );
  const tsc = join(root, "node_modules/typescript-native/bin/tsc");
  // The script's own command (incremental: its state lives in node_modules/.cache), run directly.
  const [, ...typecheckArgs] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.typecheck.split(" ");
  const typecheck = await measureAgainstFloor(
    "type-check (npm run typecheck)",
    Number(values["test-runs"]),
    command("typecheck", process.execPath, typecheckArgs),
    command("tsc --version", tsc, ["--version"]),
  );
  const vitestFloor = command("vitest, one empty test", process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--root", scratch, "--dir", scratch]);
  const tests = await measureAgainstFloor("test suite (npm test)", Number(values["test-runs"]), command("tests", "npm", ["test", "--silent"]), vitestFloor);
  await measureAgainstFloor(
    "integration tests (no target)",
    Number(values["integration-runs"]),
    command("integration", "npm", ["run", "test:integration", "--silent"]),
    vitestFloor,
  );
  console.log(`load average ${load()} after the runs`);
  // Only the figures that were measured are judged.
  const checks = [
    ...(synth ? [[`synth ≤ ${TARGETS.synthRatio}× its floor`, synth.ratio <= TARGETS.synthRatio], [`synth ≤ ${TARGETS.synthMegabytes} MB`, synth.peakMb <= TARGETS.synthMegabytes]] : []),
    ...(typecheck ? [[`type-check ≤ ${TARGETS.typecheckSeconds} s`, typecheck.medianSeconds <= TARGETS.typecheckSeconds]] : []),
    ...(tests ? [[`tests ≤ ${TARGETS.testSeconds} s`, tests.medianSeconds <= TARGETS.testSeconds], [`tests ≤ ${TARGETS.testRatio}× their floor`, tests.ratio <= TARGETS.testRatio]] : []),
  ];
  console.log(`\n${checks.map(([name, ok]) => `${ok ? "ok  " : "MISS"} ${name}`).join("\n")}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
