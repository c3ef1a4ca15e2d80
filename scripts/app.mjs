#!/usr/bin/env node
// The app command of cdktf.json: runs stacks/main.ts from a JavaScript bundle, rebuilt with
// esbuild only when a file it bundled or a build setting changed. Loading the app through tsx's loader hooks cost more than
// the synthesis itself (2.0 s against 0.75 s for all stacks, measured). The bundle holds cdktf,
// constructs and the provider classes too: resolving and loading some 500 CommonJS files one by
// one cost about a fifth of a synth (0.95 s against 0.73 s, floor 0.43 s, measured together),
// some 420 files bundled.
// One consequence: cdktf archives a TerraformAsset by running its own file as a script, which
// inside a bundle is the app; the app declares no asset (tests/repo/app-launcher.integration.test.ts).
//
// The bundle lives in node_modules/.cache (outside the tree, like other tools' caches). Each
// source's `import.meta.url` is replaced by that source's own URL, so paths relative to a source
// file (stacks/terraform-version.ts reads ../.terraform-version) still resolve from the bundle.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
/** node_modules/.cache/aurora-app, or the folder APP_BUNDLE_CACHE names (tests give each run its own). */
const cache = process.env.APP_BUNDLE_CACHE ? resolve(process.env.APP_BUNDLE_CACHE) : join(root, "node_modules/.cache/aurora-app");
const bundle = join(cache, "app.cjs");
/** What the bundle was built from (every input of esbuild's metafile) and their stamp. */
const recordFile = join(cache, "app.inputs.json");
/**
 * What shapes the build besides its inputs. node_modules/.package-lock.json: npm rewrites it on
 * every install, `npm install --no-save` too (CDK Terrain's aliases in the ci workflow); the
 * installed tree, not the lockfile, is what the bundle holds.
 */
const SETTINGS = ["tsconfig.json", "node_modules/.package-lock.json", "scripts/app.mjs"];

const statOf = (file) => statSync(join(root, file), { throwIfNoEntry: false }) ?? { size: -1, mtimeMs: -1 };

/**
 * The checkout's path (the bundle holds absolute URLs of its sources), and paths, sizes and
 * modification times of the settings and of every file bundled, sources and package files alike:
 * the bundle is fresh while they match.
 */
function stamp(inputs) {
  const hash = createHash("sha256").update(`${root}\n`);
  for (const file of [...new Set([...SETTINGS, ...inputs])].sort()) {
    const { size, mtimeMs } = statOf(file);
    // Whole milliseconds: a time set back with utimes (which takes milliseconds) reads the same.
    hash.update(`${file} ${size} ${Math.trunc(mtimeMs)}\n`);
  }
  return hash.digest("hex");
}

/** The last build's record, or undefined when there is none or it cannot be read. */
function readRecord() {
  try {
    const record = JSON.parse(readFileSync(recordFile, "utf8"));
    return Array.isArray(record.inputs) && typeof record.stamp === "string" ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Written aside, then renamed: a synth started meanwhile reads the old file or the new one, never half. */
function writeAtomically(file, contents) {
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

/** Gives each of our sources its own `import.meta.url`, which a CommonJS bundle has not. */
const sourceUrls = {
  name: "source-urls",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, ({ path }) => {
      if (path.includes("/node_modules/")) return undefined;
      const contents = readFileSync(path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href));
      return { contents, loader: "ts" };
    });
  },
};

async function rebuild() {
  const { build } = await import("esbuild");
  mkdirSync(cache, { recursive: true });
  const started = Date.now();
  const { metafile, outputFiles } = await build({
    // Input paths in the metafile are relative to this folder, wherever the app is started from.
    absWorkingDir: root,
    entryPoints: [join(root, "stacks/main.ts")],
    outfile: bundle,
    write: false,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    tsconfig: join(root, "tsconfig.json"),
    // The workspace packages are sources here (tsconfig paths); esbuild resolves those paths.
    logLevel: "warning",
    plugins: [sourceUrls],
    metafile: true,
    // Linked, not inline: Node reads it only with --enable-source-maps (which slows every token).
    sourcemap: "linked",
  });
  // The map first: the bundle that names it never appears without it.
  for (const output of [...outputFiles].sort((a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")))) {
    writeAtomically(output.path, output.contents);
  }
  const inputs = Object.keys(metafile.inputs);
  // A file saved while esbuild read it may be newer than what the bundle holds: record nothing
  // then, so that the next synth builds again.
  if ([...SETTINGS, ...inputs].some((file) => statOf(file).mtimeMs >= started)) return;
  writeAtomically(recordFile, JSON.stringify({ inputs, stamp: stamp(inputs) }));
}

const record = readRecord();
if (!existsSync(bundle) || record === undefined || record.stamp !== stamp(record.inputs)) await rebuild();
createRequire(import.meta.url)(bundle);
