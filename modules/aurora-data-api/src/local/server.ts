/**
 * A local Data API: the REST protocol of ExecuteStatement, BatchExecuteStatement,
 * BeginTransaction, CommitTransaction and RollbackTransaction on 127.0.0.1, so that
 * `@aws-sdk/client-rds-data` talks to it through its `endpoint` option. Behind it, embedded
 * PGlite (one connection) or a PostgreSQL server (a connection per open transaction, as on
 * Aurora). It checks the cluster ARN, secret ARN, database and transaction ids it is given and
 * answers what it refuses with the Data API's error types. It does not check request signatures
 * or IAM.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pgliteBackend, postgresBackend, redactPassword, type Backend, type Session } from "./backend.js";
import { DataApiFault, databaseError, unsupportedResult, validationError } from "./errors.js";
import type { WireParameter } from "./parameters.js";
import { checkBatch, checkBegin, checkEnd, checkExecute, type LocalTarget, type RequestBody } from "./requests.js";
import { executeStatement, type StatementOutcome } from "./statements.js";
import { Transactions } from "./transactions.js";

export interface LocalDataApiOptions {
  /**
   * The port on 127.0.0.1; 0 takes a free one.
   * @default LOCAL_DEFAULTS.port (8432)
   */
  readonly port?: number;
  /**
   * A PostgreSQL server to use instead of embedded PGlite (`postgres://user:password@host:port/database`):
   * each open transaction gets a connection of its own, so statements outside it run at once and
   * see what PostgreSQL's read committed shows them, as on Aurora.
   * @default none: embedded PGlite, one connection
   */
  readonly databaseUrl?: string;
  /**
   * With PGlite, the database name it accepts; with a server, the URL's database (a different name is an error).
   * @default "postgres" (PGlite), the URL's database (server)
   */
  readonly database?: string;
  /**
   * With PGlite, a folder that keeps the data between runs.
   * @default none: the data lives in memory and is gone when it stops
   */
  readonly dataDir?: string;
  /**
   * Idle seconds after which an open transaction is rolled back, as the Data API does.
   * @default 180
   */
  readonly transactionTimeoutSeconds?: number;
  /**
   * With a server, how many connections it opens at most (open transactions plus running statements).
   * @default 10
   */
  readonly connections?: number;
}

/** A running local Data API and the settings to reach it. */
export interface LocalDataApi {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`. */
  readonly endpoint: string;
  /** The only cluster ARN it accepts. */
  readonly clusterArn: string;
  /** The only secret ARN it accepts. */
  readonly secretArn: string;
  readonly database: string;
  readonly region: string;
  /** `PGlite` or `PostgreSQL server`. */
  readonly backend: string;
  /** Stops the server, rolls back open transactions and closes the database. */
  close(): Promise<void>;
}

export const LOCAL_DEFAULTS = {
  port: 8432,
  region: "us-east-1",
  clusterArn: "arn:aws:rds:us-east-1:000000000000:cluster:aurora-local",
  secretArn: "arn:aws:secretsmanager:us-east-1:000000000000:secret:aurora-local-credentials-LOCAL0",
  database: "postgres",
  transactionTimeoutSeconds: 180,
  connections: 10,
} as const;

/** A transaction older than this is ended, whatever its calls (API_BeginTransaction). */
const TRANSACTION_MAX_MS = 24 * 60 * 60 * 1000;
/** How long a call waits for a connection another call (not a transaction) holds. */
const CONNECTION_WAIT_MS = 10_000;

async function openBackend(options: LocalDataApiOptions): Promise<Backend> {
  if (options.databaseUrl === undefined) return pgliteBackend({ dataDir: options.dataDir, waitMs: CONNECTION_WAIT_MS });
  if (options.dataDir !== undefined) throw new TypeError("dataDir is for the embedded PGlite: a PostgreSQL server (databaseUrl) keeps its own data");
  const backend = await postgresBackend({
    databaseUrl: options.databaseUrl,
    connections: options.connections ?? LOCAL_DEFAULTS.connections,
    waitMs: CONNECTION_WAIT_MS,
  });
  if (options.database !== undefined && options.database !== backend.database) {
    await backend.close();
    throw new TypeError(
      `database "${options.database}" is not the database of databaseUrl ${redactPassword(options.databaseUrl)} ("${backend.database}"): name the database in the URL`,
    );
  }
  return backend;
}

/** Starts a local Data API; `close()` it when done. */
export async function startLocalDataApi(options: LocalDataApiOptions = {}): Promise<LocalDataApi> {
  // The port first: a port in use fails at once, before the database takes seconds to start.
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? LOCAL_DEFAULTS.port, "127.0.0.1", () => resolve());
  });
  let backend: Backend;
  try {
    backend = await openBackend(options);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  const database = options.databaseUrl === undefined ? (options.database ?? LOCAL_DEFAULTS.database) : backend.database;
  const target: LocalTarget = { clusterArn: LOCAL_DEFAULTS.clusterArn, secretArn: LOCAL_DEFAULTS.secretArn };
  const transactions = new Transactions({
    idleMs: (options.transactionTimeoutSeconds ?? LOCAL_DEFAULTS.transactionTimeoutSeconds) * 1000,
    maxMs: TRANSACTION_MAX_MS,
  });

  /** The error for a call that finds every connection taken. */
  function busy(): DataApiFault {
    if (backend.connections === 1) {
      return new DataApiFault(
        "DatabaseUnavailableException",
        `the local Data API's embedded PGlite has one connection${transactions.size > 0 ? ", which an open transaction holds" : ""}, and this call needs another (on Aurora each transaction has its own). End the transaction first, or start aurora-db local --database-url postgres://… (startLocalDataApi({ databaseUrl })) for a PostgreSQL server with a connection per transaction`,
        504,
      );
    }
    return new DataApiFault(
      "DatabaseUnavailableException",
      `all ${backend.connections} connections of the local Data API are in use by open transactions and running statements: end some, or raise connections`,
      504,
    );
  }

  /** A connection for a call outside any transaction; with PGlite, none while a transaction holds the only one. */
  async function acquire(): Promise<Session> {
    if (backend.connections === 1 && transactions.size > 0) throw busy();
    return backend.acquire(busy);
  }

  function checkDatabase(name: string | undefined): void {
    if (name !== undefined && name !== "" && name !== database) {
      throw new DataApiFault("DatabaseErrorException", `FATAL: database "${name}" does not exist; SQLState: 3D000`);
    }
  }

  /** Runs `work` in the caller's transaction, or alone on a connection of its own. */
  async function onSession<T>(transactionId: string | undefined, work: (session: Session) => Promise<T>): Promise<T> {
    if (transactionId !== undefined) return transactions.run(transactionId, work);
    const session = await acquire();
    try {
      return await work(session);
    } finally {
      session.release();
    }
  }

  const operations: Readonly<Record<string, (body: RequestBody) => Promise<RequestBody>>> = {
    "/Execute": async (body) => {
      const request = checkExecute(body, target);
      checkDatabase(request.database);
      const outcome: StatementOutcome = await onSession(request.transactionId, (session) =>
        executeStatement(session, request.sql, request.parameters, {
          resultSetOptions: request.resultSetOptions,
          metadata: body.includeResultMetadata === true,
          cacheKey: backend,
        }),
      );
      const answer: RequestBody = { numberOfRecordsUpdated: outcome.numberOfRecordsUpdated, generatedFields: [] };
      if (body.formatRecordsAs === "JSON") {
        // JSON rows have one key per column label, so two columns with one label cannot be told apart (data-api-json.html).
        const labels = outcome.columns.map((column) => column.name);
        const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
        if (repeated !== undefined)
          throw unsupportedResult(`The result has more than one column named "${repeated}": give each column its own label (AS) for formatRecordsAs JSON.`);
        answer.formattedRecords = outcome.json();
        return answer;
      }
      if (outcome.columns.length > 0) answer.records = outcome.records;
      if (outcome.metadata !== undefined) answer.columnMetadata = outcome.metadata;
      return answer;
    },
    "/BatchExecute": async (body) => {
      const request = checkBatch(body, target);
      checkDatabase(request.database);
      const runAll = async (session: Session) => {
        for (const set of request.parameterSets)
          await executeStatement(session, request.sql, set as WireParameter[], { resultSetOptions: {}, metadata: false, cacheKey: backend });
      };
      if (request.transactionId !== undefined) await transactions.run(request.transactionId, runAll);
      else {
        // Without a transaction the sets apply all or nothing: one transaction of their own.
        await onSession(undefined, async (session) => {
          await session.query("BEGIN");
          try {
            await runAll(session);
            await session.query("COMMIT");
          } catch (error) {
            await session.query("ROLLBACK");
            throw error;
          }
        });
      }
      return { updateResults: request.parameterSets.map(() => ({ generatedFields: [] })) };
    },
    "/BeginTransaction": async (body) => {
      checkDatabase(checkBegin(body, target).database);
      const session = await acquire();
      try {
        await session.query("BEGIN");
      } catch (error) {
        session.release(true);
        throw databaseError(error);
      }
      return { transactionId: transactions.add(session) };
    },
    "/CommitTransaction": async (body) => {
      const { transactionId } = checkEnd(body, target);
      try {
        await transactions.end(transactionId, "COMMIT");
      } catch (error) {
        throw error instanceof DataApiFault ? error : databaseError(error);
      }
      return { transactionStatus: "Transaction Committed" };
    },
    "/RollbackTransaction": async (body) => {
      await transactions.end(checkEnd(body, target).transactionId, "ROLLBACK");
      return { transactionStatus: "Rollback Complete" };
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body: RequestBody, type?: string) => {
      response.writeHead(status, { "content-type": "application/json", ...(type === undefined ? {} : { "x-amzn-errortype": type }) });
      response.end(JSON.stringify(body));
    };
    try {
      const operation = request.method === "POST" ? operations[request.url ?? ""] : undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (operation === undefined)
        throw new DataApiFault("UnknownOperationException", `${request.method} ${request.url} is not an operation of the local Data API`, 404);
      let body: RequestBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as RequestBody;
      } catch {
        throw validationError("The request body is not JSON");
      }
      reply(200, await operation(body));
    } catch (error) {
      const fault = error instanceof DataApiFault ? error : new DataApiFault("InternalServerErrorException", (error as Error).message, 500);
      reply(fault.status, { message: fault.message }, fault.type);
    }
  }

  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    clusterArn: target.clusterArn,
    secretArn: target.secretArn,
    database,
    region: LOCAL_DEFAULTS.region,
    backend: backend.label,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await transactions.closeAll();
      await backend.close();
    },
  };
}
