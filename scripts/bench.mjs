#!/usr/bin/env node
// Measures what users wait for: synthesizing every stack through the app (the command cdktf
// runs, from cdktf.json) and the full test suite (`npm test`). Prints median wall time and peak
// memory. Peak memory is the largest single process's peak RSS, as the kernel counted it;
// "tree" adds the peaks of all processes of one run (an upper bound for concurrent workers).
//
//   npm run bench [-- --synth-runs 7 --test-runs 3]
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
  },
});
const TARGETS = { synthSeconds: 1.5, synthMegabytes: 250, testSeconds: 30 };
const scratch = mkdtempSync(join(tmpdir(), "bench-"));
const hook = join(root, "scripts/peak-memory-hook.mjs");

/** The caller's environment without this project's inputs, so every run synthesizes the same. */
function cleanEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AURORA_|TF_CLOUD_)/.test(name)));
}

function run(command, args, extraEnv) {
  const peakFile = join(scratch, `peak-${process.hrtime.bigint()}.txt`);
  writeFileSync(peakFile, "");
  const env = {
    ...cleanEnvironment(),
    ...extraEnv,
    CI: "true",
    CHECKPOINT_DISABLE: "1",
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

async function measure(label, runs, command, args, extraEnv = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await run(command, args, extraEnv));
  const summary = {
    label,
    runs,
    medianSeconds: median(results.map((r) => r.seconds)),
    peakMb: Math.max(...results.map((r) => r.peakMb)),
    treeMb: Math.max(...results.map((r) => r.treeMb)),
    processes: results[0].processes,
  };
  console.log(
    `${label.padEnd(34)} median ${summary.medianSeconds.toFixed(2)} s over ${runs} runs; ` +
      `peak ${summary.peakMb.toFixed(0)} MB (largest process), ${summary.treeMb.toFixed(0)} MB (all ${summary.processes} processes)`,
  );
  return summary;
}

const cdktfJson = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
const [appCommand, ...appArgs] = cdktfJson.app.split(" ");

try {
  console.log(`node ${process.version}, ${(await import("node:os")).cpus().length} CPUs\n`);
  const synth = await measure("synth all stacks (app)", Number(values["synth-runs"]), appCommand, appArgs, {
    CDKTF_OUTDIR: join(scratch, "cdktf.out"),
  });
  const tests = await measure("test suite (npm test)", Number(values["test-runs"]), "npm", ["test", "--silent"]);
  const checks = [
    [`synth ≤ ${TARGETS.synthSeconds} s`, synth.medianSeconds <= TARGETS.synthSeconds],
    [`synth ≤ ${TARGETS.synthMegabytes} MB`, synth.peakMb <= TARGETS.synthMegabytes],
    [`tests ≤ ${TARGETS.testSeconds} s`, tests.medianSeconds <= TARGETS.testSeconds],
  ];
  console.log(`\n${checks.map(([name, ok]) => `${ok ? "ok  " : "MISS"} ${name}`).join("\n")}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
