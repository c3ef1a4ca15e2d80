/**
 * The suite leaves nothing behind: after every test file has run, the temp folder holds no entry
 * it did not hold before, and `git status` is what it was. A test that forgets to clean up fails
 * the run here, by name of what it left. (Another program writing to the temp folder while the
 * suite runs would be reported too.)
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, resolve } from "node:path";
import type { TestProject } from "vitest/node";

const ROOT = resolve(import.meta.dirname, "..");
/** The temp folder's entries, but for vitest's own scratch folder (the project's tmpDir), which it removes after this check. */
const temporaryEntries = (runnerEntry: string) => new Set(readdirSync(tmpdir()).filter((entry) => entry !== runnerEntry));
const gitStatus = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: ROOT, encoding: "utf8" });

export default function setup(project: TestProject): () => void {
  const runnerEntry = basename(project.tmpDir);
  const before = temporaryEntries(runnerEntry);
  const statusBefore = gitStatus();
  return () => {
    const left = [...temporaryEntries(runnerEntry)].filter((entry) => !before.has(entry));
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
