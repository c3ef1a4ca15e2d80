/**
 * `npm test` runs in process: starting a program (npm, the cdktf CLI, bash, Terraform, Node
 * itself) costs more than most test files, so such a test belongs in a *.integration.test.ts file,
 * which `npm run test:integration` runs. Here any attempt throws at once, naming the rule, and
 * fails its test even when the code under test catches that error.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import { afterEach } from "vitest";

const STARTERS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;

export const REFUSAL = "npm test runs in process and starts no program: move this test to a *.integration.test.ts file";

const refused: string[] = [];

/** The attempts refused since the last call, which no longer fail the test. */
export function takeRefusals(): string[] {
  return refused.splice(0);
}

for (const name of STARTERS) {
  (childProcess as unknown as Record<string, unknown>)[name] = (file: unknown) => {
    refused.push(`child_process.${name}(${JSON.stringify(file)})`);
    throw new Error(`${REFUSAL} (child_process.${name})`);
  };
}
// Named imports (`import { execFile } from "node:child_process"`) see the replacements too.
syncBuiltinESMExports();

/** Fails when a program was refused since the last check, caught or not; every test ends with it. */
export function checkNoRefusals(): void {
  const attempts = takeRefusals();
  if (attempts.length > 0) throw new Error(`${REFUSAL}: ${attempts.join(", ")}`);
}

afterEach(checkNoRefusals);
