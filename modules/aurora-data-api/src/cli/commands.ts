/**
 * The commands of `aurora-db`: each with its options, help, and what it does.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { estimateStackCost, formatCostTable } from "../cost/estimate.js";
import { ENV_KEYS } from "../env-keys.js";
import { applyMigrations, loadMigrations, planMigrations } from "../migrations.js";
import { CONNECTION_HELP, CONNECTION_OPTIONS, type ConnectionValues, connect } from "./connection.js";
import { updateDotEnv } from "./dotenv.js";
import type { Command, Values } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { CliError } from "./io.js";
import { local } from "./local-command.js";
import { loadOutputs } from "./outputs.js";

const env: Command = {
  summary: "write a deployed stack's settings into .env",
  help: `Usage: aurora-db env --stack <name> [--outputs-file <file>] [--out-dir <dir>] [--env-file <file>]

Reads the stack's outputs and writes ${ENV_KEYS.map(({ key }) => key).join(", ")} into the .env file
(default .env): keys already there are updated where they stand, the other lines are kept. Sensitive
outputs are never read, and no password is ever written: the Data API reads it from the secret.`,
  options: { stack: { type: "string" }, "outputs-file": { type: "string" }, "out-dir": { type: "string" }, "env-file": { type: "string" } },
  async run(values, io) {
    const stack = requireString(values, "stack");
    const outputs = await loadOutputs({ stack, outputsFile: values["outputs-file"] as string | undefined, outDir: values["out-dir"] as string | undefined }, io);
    const found = new Map<string, string>();
    for (const { key, output } of ENV_KEYS) if (outputs[output] !== undefined) found.set(key, outputs[output]);
    const required = ENV_KEYS.filter(({ key }) => ["AURORA_CLUSTER_ARN", "AURORA_SECRET_ARN", "DATABASE_NAME"].includes(key));
    const missing = required.filter(({ key }) => !found.has(key)).map(({ output }) => output);
    if (missing.length > 0) throw new CliError(`stack ${stack} has no output ${missing.join(", ")}: is it a database stack?`, EXIT.config);
    const file = resolve(io.cwd, (values["env-file"] as string | undefined) ?? ".env");
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      // A new file.
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, updateDotEnv(text, found, `written by aurora-db env --stack ${stack}`));
    io.stdout(`wrote ${[...found.keys()].join(", ")} to ${(values["env-file"] as string | undefined) ?? ".env"}\n`);
    return EXIT.ok;
  },
};

const check: Command = {
  summary: "run SELECT version() through the Data API, waiting for a paused cluster to resume",
  help: `Usage: aurora-db check [connection options] [--json]

Runs SELECT version(), current_database() through the Data API and reports the engine version,
the database and how long a resume from auto-pause took. While the cluster resumes it prints
progress on stderr.

${CONNECTION_HELP}`,
  options: { ...CONNECTION_OPTIONS, json: { type: "boolean" } },
  async run(values, io) {
    const client = await connect(values as ConnectionValues, io);
    const start = Date.now();
    const result = await client.query<{ version: string; database: string }>("SELECT version() AS version, current_database() AS database");
    const report = {
      clusterArn: client.config.resourceArn,
      database: result.rows[0]!.database,
      version: result.rows[0]!.version,
      resumeSeconds: Number((result.resumeMs / 1000).toFixed(1)),
      totalSeconds: Number(((Date.now() - start) / 1000).toFixed(3)),
    };
    if (values.json) io.stdout(`${JSON.stringify(report)}\n`);
    else {
      const resumed = report.resumeSeconds > 0 ? `resumed from auto-pause in ${report.resumeSeconds} s` : "no resume needed";
      io.stdout(`Data API OK: ${report.version.split(" on ")[0]}, database ${report.database}, cluster ${report.clusterArn}\n${resumed}; ${report.totalSeconds} s in all\n`);
    }
    return EXIT.ok;
  },
};

const migrate: Command = {
  summary: "apply ordered SQL migrations, each in a transaction, refusing edited ones",
  help: `Usage: aurora-db migrate [--dir <folder>] [--dry-run] [connection options]

Applies the files <number>_<name>.sql of --dir (default migrations) in order, each in its own
transaction with its record (file name and SHA-256) in the table aurora_db_migrations. A file
changed after it was applied stops the run before anything is applied (exit 9). --dry-run lists
what would run and changes nothing.

${CONNECTION_HELP}`,
  options: { ...CONNECTION_OPTIONS, dir: { type: "string" }, "dry-run": { type: "boolean" } },
  async run(values, io) {
    const migrations = loadMigrations(resolve(io.cwd, (values.dir as string | undefined) ?? "migrations"));
    const client = await connect(values as ConnectionValues, io);
    if (values["dry-run"]) {
      const { pending, applied } = await planMigrations(client, migrations);
      io.stdout(`${applied.length} applied; ${pending.length} would run${pending.map(({ id }) => `\n  ${id}`).join("")}\n`);
      return EXIT.ok;
    }
    const { before, ran } = await applyMigrations(client, migrations, (id, ms) => io.stdout(`applied ${id} (${ms} ms)\n`));
    io.stdout(ran.length === 0 ? `up to date: ${before.length + ran.length} applied, none pending\n` : `${ran.length} applied now, ${before.length} before\n`);
    return EXIT.ok;
  },
};

const cost: Command = {
  summary: "estimate each stack's monthly cost from its synthesized cdk.tf.json",
  help: `Usage: aurora-db cost [--stack <name>]... [--out-dir <dir>] [--json]

Estimates the monthly cost of each synthesized stack (default: every stack in <out-dir>/stacks
that creates something billed, out-dir default cdktf.out) from its cdk.tf.json alone, without
calling AWS: compute at the minimum (idle) and maximum capacity for the writer and each reader,
storage and I/O rates, Performance Insights, KMS keys, secrets, proxy, alarms and dashboards.
Run npm run synth first.`,
  options: { stack: { type: "string", multiple: true }, "out-dir": { type: "string" }, json: { type: "boolean" } },
  async run(values, io) {
    const stacksDir = resolve(io.cwd, (values["out-dir"] as string | undefined) ?? "cdktf.out", "stacks");
    const named = values.stack as string[] | undefined;
    let stacks = named;
    if (stacks === undefined) {
      try {
        stacks = readdirSync(stacksDir).sort();
      } catch {
        throw new CliError(`no synthesized stacks in ${stacksDir}: run npm run synth (cdktf synth) first`, EXIT.config);
      }
    }
    const estimates = stacks.map((stack) => {
      let text: string;
      try {
        text = readFileSync(resolve(stacksDir, stack, "cdk.tf.json"), "utf8");
      } catch {
        throw new CliError(`stack ${stack} is not synthesized: no ${stack}/cdk.tf.json in ${stacksDir}`, EXIT.config);
      }
      return estimateStackCost(stack, JSON.parse(text));
    });
    // Listed by default, a stack that creates nothing billed (the pipeline's bootstrap stack:
    // IAM roles and policies) would be a block of zeros; named, it is shown as asked.
    const shown = named === undefined ? estimates.filter((estimate) => estimate.lines.length > 0) : estimates;
    io.stdout(values.json ? `${JSON.stringify(shown, null, 2)}\n` : formatCostTable(shown));
    return EXIT.ok;
  },
};

function requireString(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new CliError(`--${name} is required`, EXIT.usage);
  return value;
}

export const COMMANDS: Readonly<Record<string, Command>> = { env, check, migrate, cost, local };
