#!/usr/bin/env node
// The app command of cdktf.json: runs stacks/main.ts from a JavaScript bundle, rebuilt with
// esbuild only when a source or a bundled package changed. Loading the app through tsx's loader hooks cost more than
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
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const cache = join(root, "node_modules/.cache/aurora-app");
const bundle = join(cache, "app.cjs");
const stampFile = join(cache, "app.stamp");
/** The package files (cdktf, constructs, providers) the last build bundled, from esbuild's metafile. */
const packageInputsFile = join(cache, "app.inputs.json");
/** What the app is built from: every TypeScript file it may import, and the build settings. */
const SOURCES = ["stacks", "modules/aurora-postgresql-serverless/src", "modules/aurora-data-api/src"];
const SETTINGS = ["tsconfig.json", "package-lock.json", "scripts/app.mjs"];

function files(directory) {
  return readdirSync(join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Paths, sizes and modification times of the inputs: the bundle is fresh while they match. The
 * bundled package files count too, not only the lockfile: `npm install --no-save` (CDK Terrain's
 * aliases in the ci workflow) replaces cdktf's files and leaves the lockfile as it was.
 */
function stamp(packageInputs) {
  const hash = createHash("sha256");
  for (const file of [...SOURCES.flatMap(files), ...SETTINGS, ...packageInputs].sort()) {
    const { size, mtimeMs } = statSync(join(root, file), { throwIfNoEntry: false }) ?? { size: -1, mtimeMs: -1 };
    hash.update(`${file} ${size} ${mtimeMs}\n`);
  }
  return hash.digest("hex");
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
  // Written aside, then renamed: two synths started together never run half a bundle.
  const partial = `${bundle}.${process.pid}`;
  const { metafile } = await build({
    // Input paths in the metafile are relative to this folder, wherever the app is started from.
    absWorkingDir: root,
    entryPoints: [join(root, "stacks/main.ts")],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    tsconfig: join(root, "tsconfig.json"),
    // The workspace packages are sources here (tsconfig paths); esbuild resolves those paths.
    // package-lock.json is part of the stamp, so an upgraded dependency rebuilds the bundle.
    logLevel: "warning",
    plugins: [sourceUrls],
    metafile: true,
  });
  const packageInputs = Object.keys(metafile.inputs).filter((input) => input.startsWith("node_modules/"));
  renameSync(partial, bundle);
  writeFileSync(packageInputsFile, JSON.stringify(packageInputs));
  writeFileSync(stampFile, stamp(packageInputs));
}

const recorded = existsSync(packageInputsFile) ? JSON.parse(readFileSync(packageInputsFile, "utf8")) : undefined;
const fresh = existsSync(bundle) && recorded !== undefined && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp(recorded);
if (!fresh) await rebuild();
createRequire(import.meta.url)(bundle);
