/**
 * The commands of `aurora-db`: each with its options, help, and what it does.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { estimateStackCost, formatCostTable } from "../cost/estimate.js";
import { ENDPOINT_KEY, ENV_KEYS } from "../env-keys.js";
import { LOCAL_DEFAULTS, startLocalDataApi } from "../local/server.js";
import { applyMigrations, loadMigrations, planMigrations } from "../migrations.js";
import { CONNECTION_HELP, CONNECTION_OPTIONS, type ConnectionValues, connect } from "./connection.js";
import { updateDotEnv } from "./dotenv.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { CliError, type CliIo } from "./io.js";
import { loadOutputs } from "./outputs.js";

type OptionSpec = Readonly<Record<string, { readonly type: "string" | "boolean"; readonly multiple?: boolean }>>;
type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  readonly summary: string;
  readonly help: string;
  readonly options: OptionSpec;
  /** Runs until stopped: Ctrl-C (or SIGTERM) aborts its signal instead of ending the process. */
  readonly untilStopped?: boolean;
  run(values: Values, io: CliIo): Promise<ExitCode>;
}

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

const local: Command = {
  summary: "start a local Data API on 127.0.0.1, backed by PGlite with pgvector",
  untilStopped: true,
  help: `Usage: aurora-db local [--port <port>] [--database <name>] [--data-dir <folder>]

Serves the Data API's ExecuteStatement, BatchExecuteStatement, BeginTransaction, CommitTransaction
and RollbackTransaction on 127.0.0.1:<port> (default ${LOCAL_DEFAULTS.port}; 0 takes a free port),
backed by an embedded PostgreSQL (PGlite) with pgvector. Prints the settings to use; stops on Ctrl-C.
--database names the database it accepts (default ${LOCAL_DEFAULTS.database}); --data-dir keeps
the data between runs (default: in memory).`,
  options: { port: { type: "string" }, database: { type: "string" }, "data-dir": { type: "string" } },
  async run(values, io) {
    const port = values.port === undefined ? LOCAL_DEFAULTS.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port must be a port number from 0 to 65535: received "${String(values.port)}"`, EXIT.usage);
    const dataDir = values["data-dir"] === undefined ? undefined : resolve(io.cwd, values["data-dir"] as string);
    const server = await startLocalDataApi({ port, database: values.database as string | undefined, dataDir });
    io.stdout(
      [
        `local Data API on ${server.endpoint} (PGlite, pgvector available: CREATE EXTENSION vector)`,
        "settings (for .env, or the SDK's endpoint option):",
        `${ENDPOINT_KEY}=${server.endpoint}`,
        `AURORA_CLUSTER_ARN=${server.clusterArn}`,
        `AURORA_SECRET_ARN=${server.secretArn}`,
        `DATABASE_NAME=${server.database}`,
        "",
      ].join("\n"),
    );
    await new Promise<void>((done) => {
      if (io.signal?.aborted) return done();
      io.signal?.addEventListener("abort", () => done(), { once: true });
    });
    await server.close();
    return EXIT.ok;
  },
};

function requireString(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new CliError(`--${name} is required`, EXIT.usage);
  return value;
}

export const COMMANDS: Readonly<Record<string, Command>> = { env, check, migrate, cost, local };
