/**
 * `aurora-db env` without an outputs file runs `terraform output -json` in the stack's synthesized
 * folder, as users run it after `cdktf deploy`: here against a stand-in `terraform` on PATH.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, scratchFolder } from "./support";

const CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:alex-dev-aurora-cluster";
const OUTPUTS = {
  aurora_cluster_arn: CLUSTER,
  aurora_secret_arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:alex-dev-aurora-credentials-AbCdEf",
  database_name: "alex",
};

describe("aurora-db env", () => {
  const folder = scratchFolder();

  it("runs terraform output -json in cdktf.out/stacks/<stack> when no outputs file is given", async () => {
    const bin = join(folder, "bin");
    mkdirSync(bin);
    mkdirSync(join(folder, "cdktf.out/stacks/dev"), { recursive: true });
    const json = JSON.stringify(Object.fromEntries(Object.entries(OUTPUTS).map(([name, value]) => [name, { value, sensitive: false }])));
    writeFileSync(
      join(bin, "terraform"),
      `#!/bin/sh\n[ "$1" = "-chdir=${join(folder, "cdktf.out/stacks/dev")}" ] && [ "$2 $3" = "output -json" ] || exit 1\necho '${json}'\n`,
    );
    chmodSync(join(bin, "terraform"), 0o755);
    const run = await cli(["env", "--stack", "dev", "--env-file", "tf.env"], { cwd: folder, env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(run.code).toBe(0);
    expect(readFileSync(join(folder, "tf.env"), "utf8")).toContain(`AURORA_CLUSTER_ARN=${CLUSTER}\n`);
    // Synthesized but not deployed: terraform output fails there.
    mkdirSync(join(folder, "cdktf.out/stacks/prod"));
    const missing = await cli(["env", "--stack", "prod"], { cwd: folder, env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("Deploy it first (npx cdktf deploy prod), or pass --outputs-file");
  });
});
