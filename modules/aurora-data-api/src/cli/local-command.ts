/**
 * `aurora-db local`: a local Data API on 127.0.0.1 until stopped.
 */
import { resolve } from "node:path";
import { ENDPOINT_KEY } from "../env-keys.js";
import { redactPassword } from "../local/backend.js";
import { LOCAL_DEFAULTS, startLocalDataApi } from "../local/server.js";
import { freePort } from "../private/free-port.js";
import { defineCommand, type Command } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { CliError } from "./io.js";

/** `--database-url`, checked: a postgres:// URL (its password never printed). */
function databaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    // Reported below.
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new CliError(
      `--database-url must be a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/app: received "${redactPassword(value)}"`,
      EXIT.usage,
    );
  }
  return value;
}

export const local: Command = defineCommand({
  untilStopped: true,
  help: `Usage: aurora-db local [--port <port>] [--database-url <url> | --database <name> --data-dir <folder>]

Serves the Data API's ExecuteStatement, BatchExecuteStatement, BeginTransaction, CommitTransaction
and RollbackTransaction on 127.0.0.1:<port> (default ${LOCAL_DEFAULTS.port}; 0 takes a free port).
Prints the settings to use; stops on Ctrl-C, rolling back open transactions.

Behind it, one of:
  (default)             an embedded PostgreSQL (PGlite) with pgvector: nothing to install, one
                        connection, so while a transaction is open every other call is refused at
                        once; --database names the database it accepts (default ${LOCAL_DEFAULTS.database});
                        --data-dir keeps the data between runs (default: in memory)
  --database-url <url>  a PostgreSQL server (postgres://user:password@host:port/database): a
                        connection per open transaction, as on Aurora`,
  options: { port: { type: "string" }, database: { type: "string" }, "data-dir": { type: "string" }, "database-url": { type: "string" } },
  async run(values, io) {
    const port = values.port === undefined ? LOCAL_DEFAULTS.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new CliError(`--port must be a port number from 0 to 65535: received "${values.port}"`, EXIT.usage);
    const url = databaseUrl(values["database-url"]);
    if (url !== undefined && values["data-dir"] !== undefined)
      throw new CliError("--data-dir is for the embedded PGlite: a PostgreSQL server (--database-url) keeps its own data", EXIT.usage);
    const dataDir = values["data-dir"] === undefined ? undefined : resolve(io.cwd, values["data-dir"]);
    io.stderr(
      url === undefined
        ? "starting the local Data API on PGlite (its first start compiles PostgreSQL to WebAssembly: a few seconds)\n"
        : `starting the local Data API on ${redactPassword(url)}\n`,
    );
    const started = Date.now();
    let server;
    try {
      server = await startLocalDataApi({ port, database: values.database, dataDir, databaseUrl: url });
    } catch (error) {
      if ((error as { code?: string }).code === "EADDRINUSE") {
        throw new CliError(
          `port ${port} of 127.0.0.1 is in use (another aurora-db local?): stop that, or take another port, such as --port ${await freePort()} (or --port 0 for any free one)`,
          EXIT.usage,
        );
      }
      throw error;
    }
    io.stdout(
      [
        `local Data API on ${server.endpoint} (${server.backend}${url === undefined ? ", pgvector available: CREATE EXTENSION vector" : ""}), started in ${((Date.now() - started) / 1000).toFixed(1)} s`,
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
});
