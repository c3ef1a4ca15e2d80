/**
 * `aurora-db local`: a local Data API on 127.0.0.1 until stopped.
 */
import { resolve } from "node:path";
import { ENDPOINT_KEY } from "../env-keys.js";
import { LOCAL_DEFAULTS, startLocalDataApi } from "../local/server.js";
import type { Command } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { CliError } from "./io.js";

export const local: Command = {
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
