/**
 * The suite leaves nothing behind: after every test file has run, the temp folder holds no entry
 * it did not hold before, and `git status` is what it was. A test that forgets to clean up fails
 * the run here, by name of what it left. (Another program writing to the temp folder while the
 * suite runs would be reported too.)
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
/** vitest's own scratch entry (a 21-character id), which it removes after this check runs. */
const RUNNER_ENTRY = /^[A-Za-z0-9_-]{21}$/;
const temporaryEntries = () => new Set(readdirSync(tmpdir()).filter((entry) => !RUNNER_ENTRY.test(entry)));
const gitStatus = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: ROOT, encoding: "utf8" });

export default function setup(): () => void {
  const before = temporaryEntries();
  const statusBefore = gitStatus();
  return () => {
    const left = [...temporaryEntries()].filter((entry) => !before.has(entry));
    const statusAfter = gitStatus();
    const problems = [
      ...(left.length > 0 ? [`the tests left ${left.length} entries in ${tmpdir()}: ${left.slice(0, 10).join(", ")}`] : []),
      ...(statusAfter !== statusBefore ? [`the tests changed the working tree (git status):\n${statusAfter}`] : []),
    ];
    if (problems.length === 0) return;
    // vitest reports an error thrown here but keeps the exit code of the tests: set it too.
    process.exitCode = 1;
    throw new Error(problems.join("\n"));
  };
}
