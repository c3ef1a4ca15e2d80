/**
 * Apps for tests. Every cdktf App creates its output directory, and `Testing.app()` makes a new
 * one in the temp folder each time; these share one scratch directory, which tests/setup.ts
 * removes after each test file, so the suite leaves nothing behind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing, type App } from "cdktf";

let scratch: string | undefined;

/** A test app (as `Testing.app()`), with its output directory in the shared scratch directory. */
export function testApp(context?: Record<string, unknown>): App {
  scratch ??= mkdtempSync(join(tmpdir(), "aurora-test-apps-"));
  return Testing.app({ outdir: scratch, context });
}

/** Removes the scratch directory; the next app makes a new one. */
export function removeTestApps(): void {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}
