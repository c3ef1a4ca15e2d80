/**
 * What deep imports buy: importing the stacks and the module from source, in a Node process of
 * its own (so that nothing else has loaded provider files), loads a few dozen provider files.
 */
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

it("loads a few dozen provider files, not thousands, when the stacks are imported", () => {
  const probe = join(ROOT, "tests/support/loaded-provider-modules.ts");
  const output = execFileSync(process.execPath, ["--import", "tsx", probe, join(ROOT, "stacks/app.ts")], {
    cwd: ROOT,
    encoding: "utf8",
    // Without it tsx keeps a compile cache in the temp folder, and tests leave nothing there.
    env: { ...process.env, TSX_DISABLE_CACHE: "1" },
  });
  const loaded = JSON.parse(output) as number;
  expect(loaded).toBeGreaterThan(0);
  expect(loaded).toBeLessThan(100);
});
