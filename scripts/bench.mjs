#!/usr/bin/env node
// Measures what users wait for: synthesizing every stack through the app (the command cdktf
// runs, from cdktf.json), the type-check, `npm test` (type-check and the in-process tests),
// for information, `npm run test:integration` (the tests that start programs; no target), and the
// toolkit's start-up: `aurora-db --help` and `aurora-db check` against a local Data API, from the
// package built as users install it (into the scratch directory) and from the repository's
// sources through tsx, and the local Data API's first start on PGlite. Prints
// median wall time and peak memory. Peak memory is the largest single process's peak RSS, as the kernel counted it;
// "tree" adds the peaks of all processes of one run (an upper bound for concurrent workers).
//
// These machines are shared and noisy, so each figure is also given as a ratio to a floor
// measured in the same run, interleaved with it: for synth, Node loading cdktf and doing nothing
// (`node -e "require('cdktf')"`); for the type-check, `tsc --version`; for the tests, vitest
// running one empty test; for the toolkit, Node doing nothing (`node -e 0`), Node loading the AWS
// SDK's Data API client, and Node sending one ExecuteStatement with it. A ratio moves when our code does, not when the machine does. The load
// average is printed before and after, so that two machines' results can be compared.
//
// The main job as users type it, `npm run synth` (the app run by scripts/synth.mjs) and `npx cdktf
// synth` (the same app under the cdktf CLI), is reported as a ratio to the same floor (no target).
//
//   npm run bench [-- --synth-runs 7 --test-runs 3 --integration-runs 1 --toolkit-runs 5 --cli-runs 3]
//   npm run bench -- --synth-runs 0 --test-runs 0 --integration-runs 0   (the toolkit alone)
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    "synth-runs": { type: "string", default: "7" },
    "test-runs": { type: "string", default: "3" },
    "integration-runs": { type: "string", default: "1" },
    "toolkit-runs": { type: "string", default: "5" },
    "cli-runs": { type: "string", default: "3" },
  },
});
// The targets: synth at most 1.5 times the time of loading cdktf (about 0.35 s idle) and 150 MB; the
// type-check 2 s; npm test 15 s on an idle 2-core machine, 25x vitest's empty run (0.6 s).
const TARGETS = { synthRatio: 1.5, synthMegabytes: 150, typecheckSeconds: 2, testSeconds: 15, testRatio: 25 };
// The built toolkit's start-up: --help within 1.5x Node doing nothing, check within 1.5x Node
// sending one statement with the AWS SDK (the SDK is most of it; the command adds little).
const TOOLKIT_TARGETS = { helpRatio: 1.5, checkRatio: 1.5 };
const scratch = mkdtempSync(join(tmpdir(), "bench-"));
// The tests' temp folders live under it; run as root, their PostgreSQL server's initdb runs as the
// postgres user, who must be able to enter it (tests/support/postgres-server.ts).
chmodSync(scratch, 0o755);
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

/** Runs each command `runs` times, all interleaved, so that every figure sees the same machine. */
async function measureInterleaved(runs, commands) {
  for (const entry of commands) await run(...entry); // untimed: tsx's cache, the disk cache
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) for (const [index, entry] of commands.entries()) results[index].push(await run(...entry));
  return commands.map((entry, index) => summarize(entry.label, results[index]));
}

/**
 * The toolkit's start-up: the package built into the scratch directory (dist/, the launcher and
 * the manifest, its peers found through a link to the repository's node_modules), a local Data
 * API started from that build in a process of its own, then `aurora-db --help` and `aurora-db
 * check` from the build and from the sources, and the local Data API's first start in a new
 * process each time. (Not in this process: a child's peak memory counts its parent's at the fork.)
 */
async function measureToolkit(runs) {
  if (runs < 1) return undefined;
  const toolkit = join(root, "modules/aurora-data-api");
  const built = join(scratch, "toolkit");
  mkdirSync(join(built, "bin"), { recursive: true });
  await run(process.execPath, [
    join(root, "node_modules/typescript-native/bin/tsc"),
    "-p",
    join(toolkit, "tsconfig.build.json"),
    "--outDir",
    join(built, "dist"),
  ]);
  copyFileSync(join(toolkit, "bin/aurora-db.mjs"), join(built, "bin/aurora-db.mjs"));
  copyFileSync(join(toolkit, "package.json"), join(built, "package.json"));
  symlinkSync(join(root, "node_modules"), join(built, "node_modules"), "dir");
  const serverModule = pathToFileURL(join(built, "dist/local/server.js")).href;
  const server = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const started = performance.now(); const { startLocalDataApi } = await import(${JSON.stringify(serverModule)}); const local = await startLocalDataApi({ port: 0 });` +
        ' console.log(JSON.stringify({ ...local, seconds: (performance.now() - started) / 1000 })); process.stdin.on("end", () => void local.close()); process.stdin.resume();',
    ],
    { cwd: root, env: { ...cleanEnvironment(), TMPDIR: scratch }, stdio: ["pipe", "pipe", "inherit"] },
  );
  const stopped = new Promise((resolveStop) => server.on("close", resolveStop));
  const local = await new Promise((resolveLocal, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("\n")) resolveLocal(JSON.parse(output.split("\n")[0]));
    });
    server.on("close", (code) => reject(new Error(`the local Data API exited with ${code} before it started`)));
  });
  console.log(`local Data API (PGlite) first start, startLocalDataApi alone: ${local.seconds.toFixed(2)} s\n`);
  try {
    const settings = {
      AURORA_DATA_API_ENDPOINT: local.endpoint,
      AURORA_CLUSTER_ARN: local.clusterArn,
      AURORA_SECRET_ARN: local.secretArn,
      DATABASE_NAME: local.database,
    };
    // Node sending what check sends, with the SDK and nothing of the toolkit.
    const sdkRequest = [
      'const { RDSDataClient, ExecuteStatementCommand } = await import("@aws-sdk/client-rds-data");',
      "const e = process.env;",
      'const client = new RDSDataClient({ region: "us-east-1", endpoint: e.AURORA_DATA_API_ENDPOINT, maxAttempts: 1, credentials: { accessKeyId: "local", secretAccessKey: "local" } });',
      'await client.send(new ExecuteStatementCommand({ resourceArn: e.AURORA_CLUSTER_ARN, secretArn: e.AURORA_SECRET_ARN, database: e.DATABASE_NAME, sql: "SELECT version()" }));',
    ].join(" ");
    const quiet = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
    const firstStart = `const { startLocalDataApi } = await import(${JSON.stringify(serverModule)}); const local = await startLocalDataApi({ port: 0 }); await local.close();`;
    const builtBin = join(built, "bin/aurora-db.mjs");
    const sourceBin = join(toolkit, "bin/aurora-db.mjs");
    const [nodeFloor, sdkFloor, requestFloor, helpBuilt, checkBuilt, helpSources, checkSources, pglite] = await measureInterleaved(runs, [
      command("node -e 0", process.execPath, ["-e", "0"]),
      command(`node -e "import('@aws-sdk/client-rds-data')"`, process.execPath, ["-e", "import('@aws-sdk/client-rds-data')"], quiet),
      command("node + SDK, one ExecuteStatement", process.execPath, ["--input-type=module", "-e", sdkRequest], { ...quiet, ...settings }),
      command("aurora-db --help (built)", process.execPath, [builtBin, "--help"]),
      command("aurora-db check (built, local)", process.execPath, [builtBin, "check"], settings),
      command("aurora-db --help (sources, tsx)", process.execPath, [sourceBin, "--help"]),
      command("aurora-db check (sources, tsx)", process.execPath, [sourceBin, "check"], settings),
      command("startLocalDataApi, new process", process.execPath, ["--input-type=module", "-e", firstStart]),
    ]);
    const ratio = (figure, floor) => `${(figure.medianSeconds / floor.medianSeconds).toFixed(2)}× ${floor.label.trim()}`;
    console.log("");
    for (const figure of [helpBuilt, checkBuilt, helpSources, checkSources]) {
      console.log(`${figure.label.padEnd(34)} ${ratio(figure, nodeFloor)}, ${ratio(figure, sdkFloor)}, ${ratio(figure, requestFloor)}`);
    }
    console.log(
      `${pglite.label.padEnd(34)} ${ratio(pglite, nodeFloor)}; ${(pglite.medianSeconds - nodeFloor.medianSeconds).toFixed(2)} s more than Node alone\n`,
    );
    return { helpRatio: helpBuilt.medianSeconds / nodeFloor.medianSeconds, checkRatio: checkBuilt.medianSeconds / requestFloor.medianSeconds };
  } finally {
    server.stdin.end();
    await stopped;
  }
}

const cdktfJson = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
const [appCommand, ...appArgs] = cdktfJson.app.split(" ");

// The test floor: vitest running one empty test, in the scratch directory.
writeFileSync(join(scratch, "floor.test.mjs"), 'import { it } from "vitest";\nit("does nothing", () => {});\n');

const { cpus, loadavg } = await import("node:os");
const load = () =>
  loadavg()
    .map((average) => average.toFixed(2))
    .join(", ");

try {
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${load()} (1, 5, 15 min)\n`);
  // One untimed run first: a bundle made stale by an edit is rebuilt outside the figures.
  if (Number(values["synth-runs"]) > 0) await run(appCommand, appArgs, { CDKTF_OUTDIR: join(scratch, "cdktf.out") });
  const synth = await measureAgainstFloor(
    "synth all stacks (app)",
    Number(values["synth-runs"]),
    command("synth", appCommand, appArgs, { CDKTF_OUTDIR: join(scratch, "cdktf.out") }),
    command(`node -e "require('cdktf')"`, process.execPath, ["-e", "require('cdktf')"]),
  );
  const cliRuns = Number(values["cli-runs"]);
  if (cliRuns > 0) {
    const [floor, npmSynth, cdktfSynth] = await measureInterleaved(cliRuns, [
      command(`node -e "require('cdktf')"`, process.execPath, ["-e", "require('cdktf')"]),
      command("npm run synth", "npm", ["run", "--silent", "synth", "--", "--output", join(scratch, "npm.out")]),
      command("npx cdktf synth", "npx", ["cdktf", "synth", "--output", join(scratch, "cli.out")]),
    ]);
    for (const figure of [npmSynth, cdktfSynth]) {
      console.log(`${figure.label.padEnd(34)} ${(figure.medianSeconds / floor.medianSeconds).toFixed(1)}× ${floor.label.trim()}`);
    }
    console.log("");
  }
  const tsc = join(root, "node_modules/typescript-native/bin/tsc");
  // The script's own command (incremental: its state lives in node_modules/.cache), run directly.
  const [, ...typecheckArgs] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.typecheck.split(" ");
  const typecheck = await measureAgainstFloor(
    "type-check (npm run typecheck)",
    Number(values["test-runs"]),
    command("typecheck", process.execPath, typecheckArgs),
    command("tsc --version", tsc, ["--version"]),
  );
  const vitestFloor = command("vitest, one empty test", process.execPath, [
    join(root, "node_modules/vitest/vitest.mjs"),
    "run",
    "--root",
    scratch,
    "--dir",
    scratch,
  ]);
  const tests = await measureAgainstFloor("test suite (npm test)", Number(values["test-runs"]), command("tests", "npm", ["test", "--silent"]), vitestFloor);
  await measureAgainstFloor(
    "integration tests (no target)",
    Number(values["integration-runs"]),
    command("integration", "npm", ["run", "test:integration", "--silent"]),
    vitestFloor,
  );
  const toolkit = await measureToolkit(Number(values["toolkit-runs"]));
  console.log(`load average ${load()} after the runs`);
  // Only the figures that were measured are judged.
  const checks = [
    ...(synth
      ? [
          [`synth ≤ ${TARGETS.synthRatio}× its floor`, synth.ratio <= TARGETS.synthRatio],
          [`synth ≤ ${TARGETS.synthMegabytes} MB`, synth.peakMb <= TARGETS.synthMegabytes],
        ]
      : []),
    ...(typecheck ? [[`type-check ≤ ${TARGETS.typecheckSeconds} s`, typecheck.medianSeconds <= TARGETS.typecheckSeconds]] : []),
    ...(tests
      ? [
          [`tests ≤ ${TARGETS.testSeconds} s`, tests.medianSeconds <= TARGETS.testSeconds],
          [`tests ≤ ${TARGETS.testRatio}× their floor`, tests.ratio <= TARGETS.testRatio],
        ]
      : []),
    ...(toolkit
      ? [
          [`aurora-db --help (built) ≤ ${TOOLKIT_TARGETS.helpRatio}× node -e 0`, toolkit.helpRatio <= TOOLKIT_TARGETS.helpRatio],
          [`aurora-db check (built) ≤ ${TOOLKIT_TARGETS.checkRatio}× Node + SDK sending one statement`, toolkit.checkRatio <= TOOLKIT_TARGETS.checkRatio],
        ]
      : []),
  ];
  console.log(`\n${checks.map(([name, ok]) => `${ok ? "ok  " : "MISS"} ${name}`).join("\n")}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
