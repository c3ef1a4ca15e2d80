/**
 * A local Data API: the REST protocol of ExecuteStatement, BatchExecuteStatement,
 * BeginTransaction, CommitTransaction and RollbackTransaction on 127.0.0.1, backed by PGlite
 * (PostgreSQL in WebAssembly) with pgvector, so that `@aws-sdk/client-rds-data` talks to it
 * through its `endpoint` option. It checks the cluster ARN, secret ARN, database and transaction
 * ids it is given, and answers what it refuses with the Data API's error types. It does not
 * check request signatures or IAM.
 */
import { randomBytes } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bindParameters, jsonValue, TEXT_PARSERS, toColumnMetadata, toField, type WireParameter } from "./convert.js";
import { CLUSTER_ARN } from "../private/arn.js";
import { badRequest, DataApiFault, databaseError, notFound } from "./errors.js";

/** The part of PGlite the local Data API uses. */
interface Engine {
  query(sql: string, params: unknown[], options: object): Promise<{ rows: unknown[][]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface LocalDataApiOptions {
  /**
   * The port on 127.0.0.1; 0 takes a free one.
   * @default LOCAL_DEFAULTS.port (8432)
   */
  readonly port?: number;
  /**
   * The database name it accepts.
   * @default "postgres"
   */
  readonly database?: string;
  /**
   * A folder that keeps the data between runs.
   * @default none: the data lives in memory and is gone when it stops
   */
  readonly dataDir?: string;
  /**
   * Idle seconds after which an open transaction is rolled back, as the Data API does.
   * @default 180
   */
  readonly transactionTimeoutSeconds?: number;
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
  /** Stops the server and the database. */
  close(): Promise<void>;
}

export const LOCAL_DEFAULTS = {
  port: 8432,
  region: "us-east-1",
  clusterArn: "arn:aws:rds:us-east-1:000000000000:cluster:aurora-local",
  secretArn: "arn:aws:secretsmanager:us-east-1:000000000000:secret:aurora-local-credentials-LOCAL0",
  database: "postgres",
  transactionTimeoutSeconds: 180,
} as const;

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;

/** One lock over the single PGlite connection: a transaction holds it from begin to end. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the connection; resolves with the function that releases it. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
}

interface OpenTransaction {
  readonly release: () => void;
  timer: NodeJS.Timeout;
}

type Body = Record<string, unknown>;

async function loadEngine(dataDir: string | undefined): Promise<Engine> {
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { vector } = await import("@electric-sql/pglite-pgvector");
    return (await PGlite.create(dataDir, { extensions: { vector } })) as unknown as Engine;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") {
      throw new Error("the local Data API needs @electric-sql/pglite 0.5.14 and @electric-sql/pglite-pgvector 0.0.15: install them as dev dependencies", { cause: error });
    }
    throw error;
  }
}

/** Starts a local Data API; `close()` it when done. */
export async function startLocalDataApi(options: LocalDataApiOptions = {}): Promise<LocalDataApi> {
  const database = options.database ?? LOCAL_DEFAULTS.database;
  const timeoutMs = (options.transactionTimeoutSeconds ?? LOCAL_DEFAULTS.transactionTimeoutSeconds) * 1000;
  const engine = await loadEngine(options.dataDir);
  const lock = new ConnectionLock();
  const transactions = new Map<string, OpenTransaction>();

  function checkTarget(body: Body, needsDatabase: boolean): void {
    const { resourceArn, secretArn } = body;
    if (typeof resourceArn !== "string" || !CLUSTER_ARN.test(resourceArn)) throw badRequest(`Invalid resourceArn: ${String(resourceArn)}`);
    if (resourceArn !== LOCAL_DEFAULTS.clusterArn) throw notFound(`DB cluster ${resourceArn} not found`);
    if (typeof secretArn !== "string" || !SECRET_ARN.test(secretArn)) throw badRequest(`Invalid secretArn: ${String(secretArn)}`);
    if (secretArn !== LOCAL_DEFAULTS.secretArn) throw notFound(`Secret ${secretArn} not found`);
    if (needsDatabase && body.database !== undefined && body.database !== database) {
      throw new DataApiFault("DatabaseErrorException", `FATAL: database "${String(body.database)}" does not exist; SQLState: 3D000`);
    }
  }

  function openTransaction(id: unknown): OpenTransaction {
    const transaction = typeof id === "string" ? transactions.get(id) : undefined;
    if (transaction === undefined) throw new DataApiFault("TransactionNotFoundException", `Transaction ${String(id)} is not found`, 404);
    transaction.timer.refresh();
    return transaction;
  }

  async function endTransaction(id: string, sql: "COMMIT" | "ROLLBACK"): Promise<void> {
    const transaction = openTransaction(id);
    transactions.delete(id);
    clearTimeout(transaction.timer);
    try {
      await engine.exec(sql);
    } finally {
      transaction.release();
    }
  }

  /** Runs `work` on the connection: inside the caller's transaction, or alone. */
  async function onConnection<T>(transactionId: unknown, work: () => Promise<T>): Promise<T> {
    if (transactionId !== undefined) {
      openTransaction(transactionId);
      return work();
    }
    const release = await lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  async function run(sql: string, parameters: readonly WireParameter[] | undefined) {
    const { text, values } = bindParameters(sql, parameters);
    try {
      return await engine.query(text, values, { rowMode: "array", parsers: TEXT_PARSERS });
    } catch (error) {
      throw databaseError(error);
    }
  }

  const operations: Record<string, (body: Body) => Promise<Body>> = {
    "/Execute": async (body) => {
      checkTarget(body, true);
      if (typeof body.sql !== "string" || body.sql.trim() === "") throw badRequest("sql is required");
      const result = await onConnection(body.transactionId, () => run(body.sql as string, body.parameters as WireParameter[] | undefined));
      const records = result.rows.map((row) => row.map((value, index) => toField(value, result.fields[index]!.dataTypeID)));
      const answer: Body = { numberOfRecordsUpdated: result.fields.length > 0 ? 0 : (result.affectedRows ?? 0), generatedFields: [] };
      if (body.formatRecordsAs === "JSON") {
        answer.formattedRecords = JSON.stringify(records.map((record) => Object.fromEntries(record.map((field, index) => [result.fields[index]!.name, jsonValue(field)]))));
      } else if (result.fields.length > 0) {
        answer.records = records;
      }
      if (body.includeResultMetadata === true) answer.columnMetadata = toColumnMetadata(result.fields);
      return answer;
    },
    "/BatchExecute": async (body) => {
      checkTarget(body, true);
      if (typeof body.sql !== "string" || body.sql.trim() === "") throw badRequest("sql is required");
      const sets = (body.parameterSets as WireParameter[][] | undefined) ?? [[]];
      const runAll = async () => {
        for (const set of sets) await run(body.sql as string, set);
      };
      if (body.transactionId !== undefined) await onConnection(body.transactionId, runAll);
      else {
        // Without a transaction the sets still apply all or nothing.
        await onConnection(undefined, async () => {
          await engine.exec("BEGIN");
          try {
            await runAll();
            await engine.exec("COMMIT");
          } catch (error) {
            await engine.exec("ROLLBACK");
            throw error;
          }
        });
      }
      return { updateResults: sets.map(() => ({ generatedFields: [] })) };
    },
    "/BeginTransaction": async (body) => {
      checkTarget(body, true);
      const release = await lock.acquire();
      try {
        await engine.exec("BEGIN");
      } catch (error) {
        release();
        throw databaseError(error);
      }
      const id = randomBytes(24).toString("base64");
      const timer = setTimeout(() => void endTransaction(id, "ROLLBACK").catch(() => undefined), timeoutMs);
      timer.unref();
      transactions.set(id, { release, timer });
      return { transactionId: id };
    },
    "/CommitTransaction": async (body) => {
      checkTarget(body, false);
      await endTransaction(body.transactionId as string, "COMMIT");
      return { transactionStatus: "Transaction Committed" };
    },
    "/RollbackTransaction": async (body) => {
      checkTarget(body, false);
      await endTransaction(body.transactionId as string, "ROLLBACK");
      return { transactionStatus: "Rollback Complete" };
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body: Body, type?: string) => {
      response.writeHead(status, { "content-type": "application/json", ...(type === undefined ? {} : { "x-amzn-errortype": type }) });
      response.end(JSON.stringify(body));
    };
    try {
      const operation = request.method === "POST" ? operations[request.url ?? ""] : undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (operation === undefined) throw new DataApiFault("UnknownOperationException", `${request.method} ${request.url} is not an operation of the local Data API`, 404);
      let body: Body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Body;
      } catch {
        throw badRequest("The request body is not JSON");
      }
      reply(200, await operation(body));
    } catch (error) {
      const fault = error instanceof DataApiFault ? error : new DataApiFault("InternalServerErrorException", (error as Error).message, 500);
      reply(fault.status, { message: fault.message }, fault.type);
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? LOCAL_DEFAULTS.port, "127.0.0.1", () => resolve());
    });
  } catch (error) {
    // A port in use, say: the database started for this server stops with it.
    await engine.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    clusterArn: LOCAL_DEFAULTS.clusterArn,
    secretArn: LOCAL_DEFAULTS.secretArn,
    database,
    region: LOCAL_DEFAULTS.region,
    async close() {
      for (const [id, transaction] of transactions) {
        clearTimeout(transaction.timer);
        transactions.delete(id);
        transaction.release();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
  };
}
