/**
 * The PostgreSQL behind the local Data API, reached through node-postgres (`pg`) in both cases:
 * a real server by its URL, with a pool of connections (each open transaction holds one, as on
 * Aurora), or embedded PGlite through its node-postgres adapter, which is one connection. Every
 * value comes back as PostgreSQL's text, so one converter serves both.
 */
import type { Pool, PoolClient, PoolConfig } from "pg";
import { DataApiFault } from "./errors.js";
import type { ResultColumn } from "./results.js";

/** What a statement returned, as PostgreSQL's text. */
export interface RawResult {
  readonly command: string;
  readonly rowCount: number | null;
  readonly fields: readonly ResultColumn[];
  readonly rows: readonly (readonly (string | null)[])[];
}

/** One connection, held from `acquire` to `release`. */
export interface Session {
  query(text: string, values?: readonly unknown[]): Promise<RawResult>;
  /** Gives the connection back; a broken one (`destroy`) is closed instead. */
  release(destroy?: boolean): void;
}

export interface Backend {
  /** `PGlite` or `PostgreSQL server`, for messages and the start-up line. */
  readonly label: string;
  /** How many connections it has. */
  readonly connections: number;
  /** The database it serves. */
  readonly database: string;
  /** A connection of its own; fails with `busy()`'s error when none frees up within the backend's wait. */
  acquire(busy: () => DataApiFault): Promise<Session>;
  close(): Promise<void>;
}

/** Values as PostgreSQL's text: one converter for both backends, nothing parsed twice. */
const TEXT_TYPES = { getTypeParser: () => (value: string) => value };

/** The settings each connection starts with: the Data API answers timestamptz in UTC, and so does the session. */
const SESSION_SETTINGS: Readonly<Record<string, string>> = { TimeZone: "UTC", DateStyle: "ISO, MDY" };

async function loadPg(): Promise<{ Pool: typeof Pool }> {
  try {
    return (await import("pg")).default;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") {
      throw new Error("the local Data API needs pg (node-postgres) 8: install it as a dev dependency (npm install --save-dev pg)", { cause: error });
    }
    throw error;
  }
}

function session(client: PoolClient): Session {
  return {
    async query(text, values = []) {
      const result = await client.query<string[]>({ text, values: [...values], rowMode: "array" });
      return { command: result.command, rowCount: result.rowCount, fields: result.fields, rows: result.rows };
    },
    release: (destroy) => client.release(destroy === true),
  };
}

function poolBackend(pool: Pool, props: { label: string; connections: number; database: string; onClose?: () => Promise<void> }): Backend {
  // A connection that breaks while idle must not end the process.
  pool.on("error", () => undefined);
  return {
    ...props,
    async acquire(busy) {
      try {
        return session(await pool.connect());
      } catch (error) {
        if (/timeout exceeded when trying to connect/.test((error as Error).message)) throw busy();
        throw error;
      }
    },
    async close() {
      await pool.end();
      await props.onClose?.();
    },
  };
}

export interface PostgresBackendOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly databaseUrl: string;
  /** Connections in the pool: open transactions plus statements running at once. */
  readonly connections: number;
  /** How long a call waits for a free connection. */
  readonly waitMs: number;
}

/** A PostgreSQL server; checks that it answers before the endpoint starts. */
export async function postgresBackend(options: PostgresBackendOptions): Promise<Backend> {
  const pg = await loadPg();
  const config: PoolConfig = {
    connectionString: options.databaseUrl,
    max: options.connections,
    connectionTimeoutMillis: options.waitMs,
    options: Object.entries(SESSION_SETTINGS)
      .map(([name, value]) => `-c ${name}=${value.replace(" ", "\\ ")}`)
      .join(" "),
    application_name: "aurora-db local",
    types: TEXT_TYPES,
  };
  const pool = new pg.Pool(config);
  let database: string;
  try {
    const client = await pool.connect();
    try {
      database = (await client.query<{ name: string }>("SELECT current_database() AS name")).rows[0]!.name;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(`cannot connect to the PostgreSQL server of --database-url ${redactPassword(options.databaseUrl)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return poolBackend(pool, { label: "PostgreSQL server", connections: options.connections, database });
}

/** The URL with its password replaced, for messages. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

export interface PgliteBackendOptions {
  /** A folder that keeps the data between runs; none keeps it in memory. */
  readonly dataDir?: string;
  /** How long a call waits for the one connection while another call (not a transaction) uses it. */
  readonly waitMs: number;
}

/** Embedded PGlite with pgvector: one connection, held by an open transaction until it ends. */
export async function pgliteBackend(options: PgliteBackendOptions): Promise<Backend> {
  let modules;
  try {
    modules = await Promise.all([
      import("@electric-sql/pglite"),
      import("@electric-sql/pglite-pgvector"),
      import("@electric-sql/pglite/node-postgres"),
      loadPg(),
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") {
      throw new Error(
        "the local Data API needs @electric-sql/pglite 0.5.14, @electric-sql/pglite-pgvector 0.0.15 and pg 8: install them as dev dependencies (or give --database-url of a PostgreSQL server)",
        { cause: error },
      );
    }
    throw error;
  }
  const [{ PGlite }, { vector }, { createPgConfig }, pg] = modules;
  const lite = await PGlite.create(options.dataDir, { extensions: { vector } });
  await lite.exec(
    Object.entries(SESSION_SETTINGS)
      .map(([name, value]) => `SET ${name} = '${value}';`)
      .join("\n"),
  );
  const adapter = createPgConfig(lite);
  const pool = new pg.Pool({ ...adapter, max: 1, connectionTimeoutMillis: options.waitMs, types: TEXT_TYPES } as PoolConfig);
  return poolBackend(pool, { label: "PGlite", connections: 1, database: adapter.database, onClose: () => lite.close() });
}
