/**
 * The app command (cdktf.json → scripts/app.mjs): the bundle it runs synthesizes exactly what the
 * sources synthesize, and it is rebuilt when a source changes, not otherwise; its compiled code is
 * cached per build.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { withoutAppInputs } from "../support/app-environment";
import { appStackNames, synthStacksByName } from "../support/synth";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "app-launcher-test-"));
// A bundle of its own: other test files run the app at the same time, with the shared cache.
const CACHE = join(work, "cache");
const BUNDLE = join(CACHE, "app.cjs");
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The code caches in the cache folder: one per build, Node.js version and architecture. */
const codeCaches = () => readdirSync(CACHE).filter((file) => file.endsWith(".v8-cache"));

/** The environment of a synth that depends on nothing of the caller's shell. */
const env = () => ({
  ...withoutAppInputs(),
  CDKTF_OUTDIR: join(work, "out"),
  APP_BUNDLE_CACHE: CACHE,
});

/**
 * A synthesized stack without its local state path, which depends on the output folder, and
 * without cdktf's construct metadata ("//"), which test apps leave out.
 */
function comparable(json: Record<string, Record<string, unknown>>) {
  const copy = JSON.parse(JSON.stringify(json), (key, value) => (key === "//" ? undefined : value));
  delete copy.terraform.backend;
  return copy;
}

describe("scripts/app.mjs, the app command of cdktf.json", () => {
  it("is what cdktf runs", () => {
    expect(JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).app).toBe("node scripts/app.mjs");
  });

  it("runs an app that declares no TerraformAsset: the bundled cdktf would archive one by running the bundle itself", () => {
    const sources = ["stacks", "modules/aurora-postgresql-serverless/src", "modules/aurora-data-api/src"].flatMap((directory) =>
      readdirSync(join(ROOT, directory), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"))
        .map((file) => join(directory, file)),
    );
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.filter((file) => readFileSync(join(ROOT, file), "utf8").includes("TerraformAsset"))).toEqual([]);
  });

  it("synthesizes from its bundle exactly what the sources synthesize; rebuilds it when a bundled file or a build setting changes or its record is torn, and only then", async () => {
    await run(process.execPath, ["scripts/app.mjs"], { cwd: ROOT, env: env() });
    const synthesized = synthStacksByName();
    expect(Object.keys(synthesized).sort()).toEqual(appStackNames().sort());
    const expectSourcesSynthesized = () => {
      for (const [stack, { json }] of Object.entries(synthesized)) {
        const bundled = JSON.parse(readFileSync(join(work, "out/stacks", stack, "cdk.tf.json"), "utf8"));
        expect(comparable(bundled), stack).toEqual(comparable(json as Record<string, Record<string, unknown>>));
      }
    };
    expectSourcesSynthesized();
    const bundle = readFileSync(BUNDLE, "utf8");
    // cdktf's token stack capture, formatted when read (scripts/lazy-stack-capture.mjs).
    expect(bundle).toMatch(/exports\d*\.captureStackTrace\s*=\s*function captureStackTraceLazily\(below\)\s*\{/);
    // archiver and what it needs are left out; what stands in for it says why.
    expect(bundle).not.toMatch(/node_modules\/archiver|\/archiver\/index\.js/);
    expect(bundle).toContain("bundles the app without archiver: a TerraformAsset cannot be zipped by it");

    const built = statSync(BUNDLE).mtimeMs;
    // The first run left V8's code cache of this build; the next one uses it and writes nothing.
    const [codeCache] = codeCaches();
    expect(codeCaches()).toEqual([expect.stringContaining(`.${process.version}-${process.arch}.v8-cache`)]);
    const cached = statSync(join(CACHE, codeCache)).mtimeMs;
    await run(process.execPath, ["scripts/app.mjs"], { cwd: ROOT, env: env() });
    expect(statSync(BUNDLE).mtimeMs).toBe(built);
    expect(statSync(join(CACHE, codeCache)).mtimeMs, "the code cache is read, not written again").toBe(cached);
    // A cache V8 refuses is written again, and the synth is unchanged.
    writeFileSync(join(CACHE, codeCache), "not a code cache");
    rmSync(join(work, "out"), { recursive: true });
    await run(process.execPath, ["scripts/app.mjs"], { cwd: ROOT, env: env() });
    expect(readFileSync(join(CACHE, codeCache)).length).toBeGreaterThan(100_000);
    expectSourcesSynthesized();
    // A newer modification time stands for an edit; the content stays as it is. A bundled
    // package's file counts as much as a source: `npm install --no-save` changes no lockfile.
    let previous = built;
    for (const edited of ["stacks/environments.ts", "node_modules/cdktf/lib/app.js", "node_modules/.package-lock.json"]) {
      const file = join(ROOT, edited);
      const { atime, mtime } = statSync(file);
      utimesSync(file, atime, new Date(mtime.getTime() + 1000));
      try {
        await run(process.execPath, ["scripts/app.mjs"], { cwd: ROOT, env: env() });
        expect(statSync(BUNDLE).mtimeMs, edited).toBeGreaterThan(previous);
        previous = statSync(BUNDLE).mtimeMs;
      } finally {
        utimesSync(file, atime, mtime);
      }
    }
    // Restoring the times above is an edit too: one build more, then a record that cannot be read.
    await run(process.execPath, ["scripts/app.mjs"], { cwd: ROOT, env: env() });
    previous = statSync(BUNDLE).mtimeMs;
    writeFileSync(join(CACHE, "app.inputs.json"), "{");
    await run(process.execPath, ["scripts/app.mjs"], { cwd: ROOT, env: env() });
    expect(statSync(BUNDLE).mtimeMs, "after a torn record").toBeGreaterThan(previous);
    // Each build has a code cache of its own; a rebuild removes the others.
    expect(codeCaches()).toHaveLength(1);
    expect(codeCaches()).not.toContain(codeCache);
    expect(existsSync(`${BUNDLE}.map`)).toBe(true);
    expect(readFileSync(BUNDLE, "utf8").trimEnd().endsWith("//# sourceMappingURL=app.cjs.map")).toBe(true);
    // Eight runs of the app, six of them building: slow on a loaded machine.
  }, 180_000);
});
