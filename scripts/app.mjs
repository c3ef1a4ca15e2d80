#!/usr/bin/env node
// The app command of cdktf.json: runs stacks/main.ts from a JavaScript bundle, rebuilt with
// esbuild only when a file it bundled or a build setting changed. Loading the app through tsx's loader hooks cost more than
// the synthesis itself (2.0 s against 0.75 s for all stacks, measured). The bundle holds cdktf,
// constructs and the provider classes too: resolving and loading some 500 CommonJS files one by
// one cost about a fifth of a synth (0.95 s against 0.73 s, floor 0.43 s, measured together),
// some 600 files bundled.
// One consequence: cdktf archives a TerraformAsset by running its own file as a script, which
// inside a bundle is the app; the app declares no asset (tests/repo/app-launcher.integration.test.ts).
//
// The bundle lives in node_modules/.cache (outside the tree, like other tools' caches). Each
// source's `import.meta.url` is replaced by that source's own URL, so paths relative to a source
// file (stacks/terraform-version.ts reads ../.terraform-version) still resolve from the bundle.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";

const root = resolve(import.meta.dirname, "..");
/** node_modules/.cache/aurora-app, or the folder APP_BUNDLE_CACHE names (tests give each run its own). */
const cache = process.env.APP_BUNDLE_CACHE ? resolve(process.env.APP_BUNDLE_CACHE) : join(root, "node_modules/.cache/aurora-app");
const bundle = join(cache, "app.cjs");
/** The checkout the bundle was built in and the stamp of every file it was built from. */
const recordFile = join(cache, "app.inputs.json");
/**
 * What shapes the build besides its inputs. node_modules/.package-lock.json: npm rewrites it on
 * every install, `npm install --no-save` too (CDK Terrain's aliases in the ci workflow); the
 * installed tree, not the lockfile, is what the bundle holds.
 */
const SETTINGS = ["tsconfig.json", "node_modules/.package-lock.json", "scripts/app.mjs", "scripts/lazy-stack-capture.mjs"];

/**
 * A file's size and modification time, or null when it is gone. Stats, not contents: some 600
 * files take some 30 ms to stat on a loaded machine, five to ten times that to hash. Whole
 * milliseconds: a time set back with utimes (which takes milliseconds) reads the same.
 */
function stampOf(file) {
  const stats = statSync(join(root, file), { throwIfNoEntry: false });
  return stats ? `${stats.size} ${Math.trunc(stats.mtimeMs)}` : null;
}

/** The bundle is fresh while the checkout and every recorded stamp match; a torn record is not. */
function isFresh() {
  try {
    const record = JSON.parse(readFileSync(recordFile, "utf8"));
    return record.root === root && existsSync(bundle) && Object.entries(record.stamps).every(([file, stamp]) => stampOf(file) === stamp);
  } catch {
    return false;
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

/**
 * Bundles scripts/lazy-stack-capture.mjs as cdktf's token stack capture (why: there). cdktf looks
 * the function up on its module's exports at each call (tests/setup.ts drops the stacks
 * altogether). A cdktf that moved the file is bundled unchanged, only slower.
 */
const lazyStackCapture = {
  name: "lazy-stack-capture",
  setup(build) {
    build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, async ({ path }) => {
      const { captureStackTraceLazily } = await import("./lazy-stack-capture.mjs");
      return { contents: `${readFileSync(path, "utf8")}\nexports.captureStackTrace = ${captureStackTraceLazily};\n`, loader: "js" };
    });
  },
};

/**
 * Leaves out archiver (some 700 kB with its dependencies, a fifth of the bundle, loaded at every
 * start): cdktf requires it only in the script it runs to zip a TerraformAsset, its own file,
 * which in the bundle is the app (see the top of this file), so it could not run from here
 * anyway. Reached all the same, the stand-in says why it is missing.
 */
const withoutArchiver = {
  name: "without-archiver",
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, () => ({ path: "archiver", namespace: "without-archiver" }));
    build.onLoad({ filter: /.*/, namespace: "without-archiver" }, () => ({
      contents: `module.exports = () => { throw new Error("scripts/app.mjs bundles the app without archiver: a TerraformAsset cannot be zipped by it"); };`,
      loader: "js",
    }));
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
    plugins: [sourceUrls, lazyStackCapture, withoutArchiver],
    metafile: true,
    // Linked, not inline: Node reads it only with --enable-source-maps (which slows every token).
    sourcemap: "linked",
    // A third smaller to read and compile at every start; names stay (errors read as in the sources).
    minifyWhitespace: true,
    minifySyntax: true,
    // Names this build: its compiled code is cached under that name (see run below).
    banner: { js: `// build ${randomUUID()}` },
  });
  for (const file of readdirSync(cache)) if (file.endsWith(".v8-cache")) rmSync(join(cache, file), { force: true });
  // The map first: the bundle that names it never appears without it.
  for (const output of [...outputFiles].sort((a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")))) {
    writeAtomically(output.path, output.contents);
  }
  // The stand-in for archiver is no file (its input is named by the plugin's namespace).
  const files = Object.keys(metafile.inputs).filter((input) => !input.startsWith(`${withoutArchiver.name}:`));
  const stamps = Object.fromEntries([...SETTINGS, ...files].map((file) => [file, stampOf(file)]));
  // A file saved while esbuild read it may be newer than what the bundle holds: record nothing
  // then, so that the next synth builds again.
  if (Object.values(stamps).some((stamp) => stamp === null || Number(stamp.split(" ")[1]) >= started)) return;
  writeAtomically(recordFile, JSON.stringify({ root, stamps }));
}

/**
 * Runs the bundle as Node runs a CommonJS file, with V8's code cache: the bytecode of every
 * function the last synth compiled, taken after it ran (Node's own compile cache, from 22.1 on,
 * takes it before, when little is compiled yet). Named by the build in the bundle's first line,
 * this Node and this architecture; V8 itself refuses a cache of another V8 or other flags, and
 * then it is written again. Under --enable-source-maps Node maps only what it loads itself.
 */
function run() {
  const require = createRequire(bundle);
  if (process.sourceMapsEnabled) return void require(bundle);
  const source = readFileSync(bundle, "utf8");
  const build = /^\/\/ build ([\w-]+)\n/.exec(source)?.[1];
  if (build === undefined) return void require(bundle);
  const codeCache = join(cache, `app.${build}.${process.version}-${process.arch}.v8-cache`);
  const cachedData = existsSync(codeCache) ? readFileSync(codeCache) : undefined;
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  const module = { exports: {}, filename: bundle, id: bundle };
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
  if (cachedData === undefined || script.cachedDataRejected) writeAtomically(codeCache, script.createCachedData());
}

if (!isFresh()) await rebuild();
run();
