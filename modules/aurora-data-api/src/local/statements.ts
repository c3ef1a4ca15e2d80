/**
 * One statement on one connection: parameters bound, PostgreSQL's errors as the Data API's,
 * rows as fields, and the column metadata when asked for.
 */
import type { ColumnMetadata } from "@aws-sdk/client-rds-data";
import type { Session } from "./backend.js";
import { columnMetadata, TABLE_COLUMNS_SQL, tableColumnKey, type TableColumn } from "./column-metadata.js";
import { DataApiFault, databaseError } from "./errors.js";
import { bindParameters, type WireParameter } from "./parameters.js";
import { fieldConverter, jsonValue, type ResultColumn, type ResultSetOptions, type TypeLookup } from "./results.js";
import { BUILTIN_ARRAYS, BUILTIN_TYPES, type CatalogType } from "./types.js";

/** What a statement returned, ready for the response. */
export interface StatementOutcome {
  readonly columns: readonly ResultColumn[];
  readonly records: Record<string, unknown>[][];
  /** Rows inserted, updated, deleted or merged; 0 for anything else. */
  readonly numberOfRecordsUpdated: number;
  /** Present when asked for. */
  readonly metadata?: ColumnMetadata[];
  /** The rows as `formattedRecords`: a JSON array of objects keyed by column label. */
  json(): string;
}

const UPDATING_COMMANDS: ReadonlySet<string> = new Set(["INSERT", "UPDATE", "DELETE", "MERGE"]);

/** Types the server defined (an extension's `vector`, enums), read once per type id. */
const catalogTypes = new WeakMap<object, Map<number, CatalogType>>();

async function query(session: Session, text: string, values: readonly unknown[]) {
  try {
    return await session.query(text, values);
  } catch (error) {
    throw error instanceof DataApiFault ? error : databaseError(error);
  }
}

/** Reads from `pg_type` the types of `oids` that are not built in, and their element types. */
async function typeLookup(session: Session, cacheKey: object, oids: readonly number[]): Promise<TypeLookup> {
  let cache = catalogTypes.get(cacheKey);
  if (cache === undefined) catalogTypes.set(cacheKey, (cache = new Map()));
  const unknown = oids.filter((oid) => !BUILTIN_TYPES.has(oid) && !BUILTIN_ARRAYS.has(oid) && !cache.has(oid));
  if (unknown.length > 0) {
    const { rows } = await query(
      session,
      "SELECT t.oid::int8, t.typname, t.typelem::int8 FROM pg_catalog.pg_type t WHERE t.oid = ANY($1::oid[]) OR t.oid IN (SELECT typelem FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[]))",
      [`{${unknown.join(",")}}`],
    );
    for (const [oid, name, element] of rows) cache.set(Number(oid), { name: name!, element: Number(element) });
  }
  return (oid) => cache.get(oid);
}

async function tableColumns(session: Session, columns: readonly ResultColumn[]): Promise<Map<string, TableColumn>> {
  const fromTables = columns.filter((column) => column.tableID !== 0);
  const found = new Map<string, TableColumn>();
  if (fromTables.length === 0) return found;
  const { rows } = await query(session, TABLE_COLUMNS_SQL, [
    `{${fromTables.map((column) => column.tableID).join(",")}}`,
    `{${fromTables.map((column) => column.columnID).join(",")}}`,
  ]);
  for (const [tableId, columnId, tableName, notNull, autoIncrement] of rows) {
    found.set(tableColumnKey(Number(tableId), Number(columnId)), { tableName: tableName!, notNull: notNull === "t", autoIncrement: autoIncrement === "t" });
  }
  return found;
}

export interface StatementOptions {
  readonly resultSetOptions: ResultSetOptions;
  /** Whether to read the column metadata (`includeResultMetadata`). */
  readonly metadata: boolean;
  /** What the catalog type cache is kept for: one per database. */
  readonly cacheKey: object;
}

/** Runs `sql` with its `:name` parameters on the session. */
export async function executeStatement(
  session: Session,
  sql: string,
  parameters: readonly WireParameter[],
  options: StatementOptions,
): Promise<StatementOutcome> {
  const { text, values } = bindParameters(sql, parameters);
  const result = await query(session, text, values);
  const columns = result.fields;
  const lookup = await typeLookup(
    session,
    options.cacheKey,
    columns.map((column) => column.dataTypeID),
  );
  const converters = columns.map((column) => fieldConverter(column, options.resultSetOptions, lookup));
  const records = result.rows.map((row) => row.map((value, index) => converters[index]!(value)));
  const metadata = options.metadata ? columnMetadata(columns, await tableColumns(session, columns), lookup) : undefined;
  return {
    columns,
    records,
    numberOfRecordsUpdated: UPDATING_COMMANDS.has(result.command) ? (result.rowCount ?? 0) : 0,
    metadata,
    json: () => JSON.stringify(records.map((record) => Object.fromEntries(record.map((field, index) => [columns[index]!.name, jsonValue(field)])))),
  };
}
