/**
 * Ordered SQL migrations from a folder, applied through the Data API: each in its own
 * transaction, recorded with its SHA-256 in a table, and refused when a file changed after it
 * was applied.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DataApiClient, Queryable } from "./client.js";
import { DataApiError } from "./errors.js";
import { locateStatements, type SqlStatement } from "./private/sql-lexer.js";

/** `0001_create_documents.sql`: a number that orders it, a name, `.sql`. */
const FILE_NAME = /^(\d+)_([A-Za-z0-9_-]+)\.sql$/;

/** The table that records applied migrations. */
export const MIGRATIONS_TABLE = "aurora_db_migrations";

/** A lock key shared by every `aurora-db migrate`, so that two runs never apply the same file. */
const ADVISORY_LOCK = 72_410_001;

export interface Migration {
  /** The file name, which identifies it. */
  readonly id: string;
  readonly checksum: string;
  /** Its statements, each with the line it starts on, sent one by one. */
  readonly statements: readonly SqlStatement[];
}

/** Thrown when migrations cannot be applied as asked; nothing was applied. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    message: string,
    /** `edited`: an applied migration's file changed; `invalid`: a file or folder is wrong. */
    readonly reason: "edited" | "invalid" | "failed",
  ) {
    super(message);
  }
}

/** The migrations in a folder, in order. */
export function loadMigrations(directory: string): Migration[] {
  let files: string[];
  try {
    files = readdirSync(directory).filter((file) => file.endsWith(".sql"));
  } catch (error) {
    throw new MigrationError(`cannot read the migrations folder ${directory}: ${(error as Error).message}`, "invalid");
  }
  const named = files.map((file) => ({ file, match: FILE_NAME.exec(file) }));
  const bad = named.filter(({ match }) => match === null).map(({ file }) => file);
  if (bad.length > 0) throw new MigrationError(`migration file names must look like 0001_create_table.sql: ${bad.join(", ")}`, "invalid");
  const ordered = named.sort((a, b) => Number(a.match![1]) - Number(b.match![1]) || a.file.localeCompare(b.file));
  const numbers = ordered.map(({ match }) => Number(match![1]));
  const repeated = numbers.filter((number, index) => numbers.indexOf(number) !== index);
  if (repeated.length > 0) throw new MigrationError(`two migrations share the number ${repeated[0]}: number each file once`, "invalid");
  return ordered.map(({ file }) => {
    const text = readFileSync(join(directory, file), "utf8");
    const statements = locateStatements(text);
    if (statements.length === 0) throw new MigrationError(`${file} holds no statement`, "invalid");
    return { id: file, checksum: createHash("sha256").update(text).digest("hex"), statements };
  });
}

/** What `migrate` found: which migrations ran before, which are pending. */
export interface MigrationPlan {
  readonly applied: readonly string[];
  readonly pending: readonly Migration[];
}

async function ensureTable(client: Queryable): Promise<void> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
}

async function appliedChecksums(client: Queryable): Promise<Map<string, string>> {
  const exists = await client.query<{ found: boolean }>(`SELECT to_regclass(:table) IS NOT NULL AS found`, { table: MIGRATIONS_TABLE });
  if (!exists.rows[0]?.found) return new Map();
  const { rows } = await client.query<{ id: string; checksum: string }>(`SELECT id, checksum FROM ${MIGRATIONS_TABLE} ORDER BY id`);
  return new Map(rows.map((row) => [row.id, row.checksum]));
}

function plan(migrations: readonly Migration[], applied: Map<string, string>): MigrationPlan {
  const edited = migrations.filter((migration) => applied.has(migration.id) && applied.get(migration.id) !== migration.checksum);
  if (edited.length > 0) {
    throw new MigrationError(
      `${edited.map((migration) => migration.id).join(", ")} changed after it was applied (checksum differs): restore the applied file and add a new migration for the change`,
      "edited",
    );
  }
  return { applied: [...applied.keys()], pending: migrations.filter((migration) => !applied.has(migration.id)) };
}

/** What would run, without changing the database (the table is not created). */
export async function planMigrations(client: DataApiClient, migrations: readonly Migration[]): Promise<MigrationPlan> {
  return plan(migrations, await appliedChecksums(client));
}

/**
 * Failures of a migration's own statements, which fail the migration; the others (access
 * denied, a resume that outlasts the deadline, a disabled Data API, an endpoint not reached)
 * are the connection's, and keep their own exit codes.
 */
const STATEMENT_FAILURES: ReadonlySet<DataApiError["kind"]> = new Set([
  "database-error",
  "invalid-request",
  "unsupported-result",
  "transaction-ended",
  "other",
]);

/** A statement's first line, shortened, to recognize it by. */
function firstLine(sql: string): string {
  const line =
    sql
      .split("\n")
      .find((text) => text.trim() !== "" && !text.trim().startsWith("--"))
      ?.trim() ?? sql.trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** What `applyMigrations` did: the migrations applied before it ran, and the ones it applied. */
export interface MigrationResult {
  readonly before: readonly string[];
  readonly ran: readonly string[];
}

/**
 * Applies the pending migrations in order, each in a transaction with its record, under an
 * advisory lock (the table is created under it too); checks every checksum first. Calls
 * `onApplied` after each. A failing statement is named by its number and line in the file.
 * Failures the caller acts on differently (access denied, a resume that outlasts the deadline, a
 * disabled Data API) are rethrown as they are.
 */
export async function applyMigrations(
  client: DataApiClient,
  migrations: readonly Migration[],
  onApplied?: (id: string, ms: number) => void,
): Promise<MigrationResult> {
  const { pending, applied } = await planMigrations(client, migrations);
  const ran: string[] = [];
  for (const migration of pending) {
    const start = Date.now();
    // The statement running when the transaction failed, for the message.
    let running: { statement: SqlStatement; index: number } | undefined;
    try {
      const applies = await client.transaction(async (transaction) => {
        await transaction.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK})`);
        await ensureTable(transaction);
        // Another run may have applied it while this one waited for the lock.
        const current = await appliedChecksums(transaction);
        if (current.has(migration.id)) {
          plan([migration], current);
          return false;
        }
        for (const [index, statement] of migration.statements.entries()) {
          running = { statement, index };
          await transaction.query(statement.sql);
        }
        running = undefined;
        await transaction.query(`INSERT INTO ${MIGRATIONS_TABLE} (id, checksum) VALUES (:id, :checksum)`, { id: migration.id, checksum: migration.checksum });
        return true;
      });
      if (applies) {
        ran.push(migration.id);
        onApplied?.(migration.id, Date.now() - start);
      }
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      if (error instanceof DataApiError && error.operation === "CommitTransaction") {
        if (error.kind === "transaction-ended") {
          throw new MigrationError(
            `${migration.id} failed and was rolled back: its transaction had ended before the commit, so none of it was applied (${error.message})`,
            "failed",
          );
        }
        throw new MigrationError(
          `${migration.id}: its commit failed, so it may have been applied or not: look for it in ${MIGRATIONS_TABLE} before running again (${error.message})`,
          "failed",
        );
      }
      if (error instanceof DataApiError && !STATEMENT_FAILURES.has(error.kind)) throw error;
      const at =
        running === undefined
          ? ""
          : ` at statement ${running.index + 1} of ${migration.statements.length} (line ${running.statement.line}: ${firstLine(running.statement.sql)})`;
      throw new MigrationError(`${migration.id} failed and was rolled back${at}: ${(error as Error).message}`, "failed");
    }
  }
  return { before: applied, ran };
}
