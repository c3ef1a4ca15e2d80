/**
 * Apps for tests that never write a synth to disk. Every cdktf App creates its output
 * directory, and Testing.app() makes a new temporary one each time; these share one scratch
 * directory per test file, removed after the file's tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, Testing } from "cdktf";
import { afterAll } from "vitest";

/** Call at the top level of a test file: returns a factory of apps in the file's scratch directory. */
export function scratchApps(): () => App {
  const outdir = mkdtempSync(join(tmpdir(), "policy-test-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  return () => Testing.app({ outdir });
}
