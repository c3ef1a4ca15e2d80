/**
 * The real app, run by the real CLI as `cdktf synth` runs it: every stack appears. With
 * invalid input, the app command the CLI runs (from cdktf.json) fails with a clear message and
 * writes no stack.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOOTSTRAP_STACK_NAME } from "../../stacks/delivery";
import { disasterRecoveryStackName } from "../../stacks/disaster-recovery-stack";
import { databaseResourceName, ENVIRONMENTS, hasDisasterRecoveryStack, type EnvironmentName } from "../../stacks/environments";
import { keyStackName } from "../../stacks/key-stack";
import { secondaryStackName } from "../../stacks/secondary-stack";
import { prepareSynth } from "../../stacks/synth-gate";
import { withoutAppInputs } from "../support/app-environment";
import { passwordReferences, plaintextSecretPaths } from "../support/secrets";
import { appStackNames, databaseStackNames } from "../support/synth";

const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
const CDKTF = join(PROJECT_ROOT, "node_modules/.bin/cdktf");
const DATABASE_STACKS = [...databaseStackNames()].sort();
const STACKS = appStackNames().sort();
/** What synth writes: the settings table's stacks and the bootstrap stack, which no workflow deploys. */
const WRITTEN = [...STACKS, BOOTSTRAP_STACK_NAME].sort();
const workDirectory = mkdtempSync(join(tmpdir(), "cdktf-synth-test-"));

interface SynthRun {
  readonly status: number | null;
  readonly output: string;
  readonly stdout: string;
  readonly stderr: string;
}

/** tsx would otherwise keep a compile cache in the temp folder, and tests leave nothing there. */
const TSX_WITHOUT_CACHE = { TSX_DISABLE_CACHE: "1" };

function execute(command: string, args: string[], env: Record<string, string>, cwd = PROJECT_ROOT): Promise<SynthRun> {
  return new Promise((resolveRun) => {
    execFile(
      command,
      args,
      { cwd, env: { ...withoutAppInputs(), CI: "true", CHECKPOINT_DISABLE: "1", ...TSX_WITHOUT_CACHE, ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolveRun({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}\n${stderr}`, stdout, stderr }),
    );
  });
}

/** `cdktf synth`, the CLI users run. */
const synth = (outdir: string, env: Record<string, string> = {}) => execute(CDKTF, ["synth", "--output", outdir], env);

/** `npm run synth`, the app run without the CLI. */
const npmSynth = (outdir: string, env: Record<string, string> = {}) => execute("npm", ["run", "--silent", "synth", "--", "--output", outdir], env);

/** The app command from cdktf.json, as the CLI starts it (it passes the output directory as CDKTF_OUTDIR). */
function runApp(outdir: string, env: Record<string, string>): Promise<SynthRun> {
  const [command, ...args] = (JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")).app as string).split(" ");
  return execute(command === "node" ? process.execPath : command!, args, { ...env, CDKTF_OUTDIR: outdir });
}

// Inside the project, as cdktf.out is (local state paths are relative to it, so they hold no
// machine path), but a directory of this test's own, removed afterwards like the others.
const VALID_OUTDIR = mkdtempSync(join(PROJECT_ROOT, ".synth-test-"));
/** `npm run synth`'s, beside the CLI's (at the same depth: the local state paths are relative). */
const NPM_OUTDIR = mkdtempSync(join(PROJECT_ROOT, ".synth-test-"));
/** A stack folder left by an earlier synth (a preview's), which no stack of this one makes. */
const STALE_STACK = "preview-stale";
const INVALID_OUTDIR = join(workDirectory, "invalid");
const UNVALIDATED_OUTDIR = join(workDirectory, "unvalidated");
const NOTICE_OUTDIR = join(workDirectory, "notice");
/** An administrator's first try: the bootstrap stack's settings and a tfe token, but no GitHub token. */
const BOOTSTRAP_WITHOUT_TOKEN = {
  TF_CLOUD_ORGANIZATION: "acme",
  TFE_TOKEN: "a-token-for-the-tfe-provider",
  BOOTSTRAP_GITHUB_REPOSITORY: "acme/alex-db",
  BOOTSTRAP_REVIEWERS: "octocat",
  GITHUB_TOKEN: "",
};
const NOTICE = "bootstrap stack: skips GitHub (set GITHUB_TOKEN); npx cdktf deploy bootstrap ends with its skipped_parts output, which says more";
let valid: SynthRun;
let invalid: SynthRun;
let unvalidated: SynthRun;
let noticed: SynthRun;
let noticedByCli: SynthRun;
let npmValid: SynthRun;
let npmInvalid: SynthRun;
beforeAll(async () => {
  mkdirSync(join(NPM_OUTDIR, "stacks", STALE_STACK), { recursive: true });
  writeFileSync(join(NPM_OUTDIR, "stacks", STALE_STACK, "cdk.tf.json"), "{}");
  [valid, invalid, unvalidated, noticed, noticedByCli, npmValid, npmInvalid] = await Promise.all([
    synth(VALID_OUTDIR),
    runApp(INVALID_OUTDIR, { AURORA_MIN_CAPACITY: "0.3", AURORA_PROD_MAX_CAPACITY: "300" }),
    // The cloud backend's validation runs `terraform version`; without terraform on PATH it fails.
    runApp(UNVALIDATED_OUTDIR, { TF_CLOUD_ORGANIZATION: "acme", PATH: "/nonexistent" }),
    runApp(NOTICE_OUTDIR, BOOTSTRAP_WITHOUT_TOKEN),
    synth(join(workDirectory, "notice-cli"), BOOTSTRAP_WITHOUT_TOKEN),
    npmSynth(NPM_OUTDIR),
    npmSynth(join(workDirectory, "npm-invalid"), { AURORA_MIN_CAPACITY: "0.3" }),
  ]);
});

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

afterAll(() => {
  rmSync(workDirectory, { recursive: true, force: true });
  rmSync(VALID_OUTDIR, { recursive: true, force: true });
  rmSync(NPM_OUTDIR, { recursive: true, force: true });
});

describe("cdktf synth", () => {
  const outdir = VALID_OUTDIR;

  it("succeeds and writes cdktf.out/stacks/<stack> for every stack of the settings table, key stacks included, and the bootstrap stack", () => {
    expect(valid.status, valid.output).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(WRITTEN);
    for (const stack of WRITTEN) expect(existsSync(join(outdir, "stacks", stack, "cdk.tf.json"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(WRITTEN);
  });

  it("prints no notice of the bootstrap stack for a fresh clone", () => {
    expect(valid.output).not.toContain("bootstrap stack:");
  });

  it("records in the manifest that each environment's key and disaster-recovery stacks are applied before its database stack, and its global secondary after both", () => {
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    const dependencies = Object.fromEntries(
      Object.entries(manifest.stacks as Record<string, { dependencies: string[] }>).map(([name, stack]) => [name, [...stack.dependencies].sort()]),
    );
    const expected = Object.fromEntries(
      (Object.keys(ENVIRONMENTS) as EnvironmentName[]).flatMap((name) => {
        const settings = ENVIRONMENTS[name];
        const first = [
          ...(settings.encryptionKey === "key-stack" ? [keyStackName(name)] : []),
          ...(hasDisasterRecoveryStack(settings) ? [disasterRecoveryStackName(name)] : []),
        ];
        return [
          ...first.map((stack) => [stack, []]),
          [name, [...first].sort()],
          ...(settings.globalSecondary ? [[secondaryStackName(name), [name, disasterRecoveryStackName(name)].sort()]] : []),
        ];
      }),
    );
    expect(expected).toMatchObject({ staging: ["staging-key"], prod: ["prod-dr", "prod-key"], "prod-dr": [] });
    expect(dependencies).toEqual({ ...expected, [BOOTSTRAP_STACK_NAME]: [] });
  });

  it("writes each database stack as valid JSON with its cluster, the pinned providers and the original outputs", () => {
    for (const stack of DATABASE_STACKS) {
      const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
      const clusters = Object.values(json.resource.aws_rds_cluster) as { cluster_identifier: string }[];
      expect(clusters.map((c) => c.cluster_identifier)).toEqual([`${databaseResourceName(stack)}-aurora-cluster`]);
      expect(json.terraform.required_providers).toMatchObject({ aws: { version: "6.25.0" }, random: { version: "3.7.2" } });
      // The original eight; a stack with backups adds its vault's name and ARN and its role, one
      // with disaster-recovery copies the region and the copies' vault, a primary its global cluster.
      const settings = ENVIRONMENTS[stack as EnvironmentName];
      const added =
        (settings.backups === "none" ? 0 : 3) +
        (hasDisasterRecoveryStack(settings) ? 1 : 0) +
        (settings.disasterRecoveryCopies ? 1 : 0) +
        (settings.globalSecondary ? 1 : 0);
      expect(Object.keys(json.output)).toHaveLength(8 + added);
      // Every environment's password is managed by RDS: nothing refers to one.
      expect(passwordReferences(json)).toEqual([]);
      expect(json.resource.aws_rds_cluster[Object.keys(json.resource.aws_rds_cluster)[0]!].manage_master_user_password).toBe(true);
    }
  });

  it("leaves no plaintext secret and no path of the building machine anywhere in the output", () => {
    for (const file of filesUnder(outdir)) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toContain(PROJECT_ROOT);
      if (file.endsWith(".json")) expect(plaintextSecretPaths(JSON.parse(text)), file).toEqual([]);
    }
  });
});

describe("the app with invalid input", () => {
  const outdir = INVALID_OUTDIR;

  it("fails, naming every invalid input of every stack, the value received and what is allowed", () => {
    expect(invalid.status).not.toBe(0);
    // AURORA_MIN_CAPACITY in every database stack, and prod's maximum.
    expect(invalid.output).toContain(`The app has ${DATABASE_STACKS.length + 1} invalid inputs:`);
    for (const stack of DATABASE_STACKS) {
      expect(invalid.output).toContain(
        `AuroraPostgresServerless "${stack}/Database": minCapacity (from AURORA_MIN_CAPACITY): received 0.3; allowed: 0 to 256 ACUs in steps of 0.5`,
      );
    }
    expect(invalid.output).toContain(
      'AuroraPostgresServerless "prod/Database": maxCapacity (from AURORA_PROD_MAX_CAPACITY): received 300; allowed: 1 to 256 ACUs in steps of 0.5',
    );
  });

  it("synthesizes no stack", () => {
    const stacks = join(outdir, "stacks");
    expect(existsSync(stacks) ? readdirSync(stacks) : []).toEqual([]);
    expect(existsSync(join(outdir, "manifest.json"))).toBe(false);
  });
});

describe("npm run synth", () => {
  it("writes the same cdktf.out tree as cdktf synth, byte for byte, and removes the folder of a stack it no longer makes", () => {
    expect(npmValid.status, npmValid.output).toBe(0);
    const tree = (root: string) => Object.fromEntries(filesUnder(root).map((file) => [file.slice(root.length), readFileSync(file, "utf8")]));
    const written = tree(NPM_OUTDIR);
    expect(Object.keys(written).sort()).toEqual(Object.keys(tree(VALID_OUTDIR)).sort());
    expect(written).toEqual(tree(VALID_OUTDIR));
    expect(existsSync(join(NPM_OUTDIR, "stacks", STALE_STACK))).toBe(false);
  });

  it("says which stacks it wrote where, and the commands that come next, with nothing on stderr", () => {
    expect(npmValid.stderr).toBe("");
    const lines = npmValid.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^Synthesized ${WRITTEN.length} stacks in \\d+\\.\\d s:$`));
    for (const stack of WRITTEN) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${stack} +\\S*${stack}/cdk\\.tf\\.json$`)));
    for (const next of ["npx cdktf diff <stack>", "npx cdktf deploy <stack>", "npx aurora-db cost"]) expect(npmValid.stdout).toContain(next);
    // The tests set CHECKPOINT_DISABLE, so the hint about it is left out.
    expect(npmValid.stdout).not.toContain("CHECKPOINT_DISABLE");
  });

  it("prints invalid input once, as the app says it, without the CLI's wrapper, and exits 1", () => {
    expect(npmInvalid.status).toBe(1);
    expect(npmInvalid.stdout).toBe("");
    const message = npmInvalid.stderr.trim();
    expect(message).toMatch(new RegExp(`^The app has ${DATABASE_STACKS.length} invalid inputs:\n`));
    expect(message).toContain(`AuroraPostgresServerless "${DATABASE_STACKS[0]}/Database": minCapacity (from AURORA_MIN_CAPACITY): received 0.3`);
    expect(npmInvalid.stderr.split(message)).toHaveLength(2);
    expect(npmInvalid.stderr).not.toContain("cdktf encountered an error");
  });
});

describe("the app when a stack's validation fails", () => {
  it("runs every stack's validations before writing any stack, and stops", () => {
    expect(unvalidated.status).not.toBe(0);
    expect(unvalidated.output).toContain("Synth stopped; nothing was written:");
    for (const stack of STACKS) expect(unvalidated.output).toContain(`[${stack}/backend] Could not determine version of terraform`);
    const stacks = join(UNVALIDATED_OUTDIR, "stacks");
    expect(existsSync(stacks) ? readdirSync(stacks) : []).toEqual([]);
    expect(existsSync(join(UNVALIDATED_OUTDIR, "manifest.json"))).toBe(false);
  });
});

describe("the app when a BOOTSTRAP_ variable is set and a part is skipped", () => {
  it("prints the bootstrap stack's one-line notice on stdout, nothing on stderr, and writes every stack", () => {
    expect(noticed.status, noticed.output).toBe(0);
    expect(noticed.stdout).toBe(`${NOTICE}\n`);
    expect(noticed.stderr).toBe("");
    expect(readdirSync(join(NOTICE_OUTDIR, "stacks")).sort()).toEqual(WRITTEN);
  });

  it("shows it through cdktf synth as a line of its own, not as an error", () => {
    expect(noticedByCli.status, noticedByCli.output).toBe(0);
    const lines = noticedByCli.output.split("\n").filter((line) => line.includes(NOTICE));
    expect(lines).toEqual([NOTICE]);
  });
});

describe("the bootstrap stack when its state holds a part the settings leave out", () => {
  it("lets the synth go on with a notice, and Terraform's plan of its guard stops with what to set", async () => {
    const notices: string[] = [];
    const app = new App({ outdir: join(workDirectory, "guarded"), skipValidation: true });
    expect(
      prepareSynth(app, {}, { notify: (notice) => notices.push(notice), bootstrapState: [{ type: "github_repository_environment", names: [] }] }),
    ).toBeUndefined();
    app.synth();
    expect(notices).toEqual([
      "bootstrap stack: its state holds parts these settings leave out (BOOTSTRAP_GITHUB_REPOSITORY unset); a deploy of it stops before deleting them",
    ]);
    // The guard alone (the stack's providers would be downloaded): what stops the plan, offline.
    const json = JSON.parse(readFileSync(join(workDirectory, "guarded/stacks", BOOTSTRAP_STACK_NAME, "cdk.tf.json"), "utf8"));
    const directory = join(workDirectory, "guard-plan");
    mkdirSync(directory);
    writeFileSync(join(directory, "main.tf.json"), JSON.stringify({ locals: json.locals, resource: { terraform_data: json.resource.terraform_data } }));
    const terraform = (args: string[]) => execute("terraform", [...args, "-input=false", "-no-color"], {}, directory);
    expect((await terraform(["init"])).status).toBe(0);
    const plan = await terraform(["plan"]);
    expect(plan.status).toBe(1);
    expect(plan.output).toContain("Resource precondition failed");
    expect(plan.output.replace(/\s+/g, " ")).toContain("holds parts these settings leave out. Set BOOTSTRAP_GITHUB_REPOSITORY: the repository");
  });
});
