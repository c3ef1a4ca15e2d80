/**
 * `npm test` runs in process: starting a program (npm, the cdktf CLI, bash, Terraform, Node
 * itself) costs more than most test files, so such a test belongs in a *.integration.test.ts file,
 * which `npm run test:integration` runs. Here any attempt fails at once, naming the rule.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";

const STARTERS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;

export const REFUSAL = "npm test runs in process and starts no program: move this test to a *.integration.test.ts file";

for (const name of STARTERS) {
  (childProcess as unknown as Record<string, unknown>)[name] = () => {
    throw new Error(`${REFUSAL} (child_process.${name})`);
  };
}
// Named imports (`import { execFile } from "node:child_process"`) see the replacements too.
syncBuiltinESMExports();
