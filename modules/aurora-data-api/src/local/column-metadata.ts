/**
 * `columnMetadata` as the Data API reports it for PostgreSQL. Its `type` is a `java.sql.Types`
 * code, and AWS documents no PostgreSQL example, so every field follows what the PostgreSQL
 * JDBC driver's ResultSetMetaData answers (pgjdbc TypeInfoCache and PgResultSetMetaData, read at
 * commit 3a699d57d957ca0c2b86e619d001a8763a130027): precision and scale from the type and its
 * modifier, nullable 0 for a NOT NULL table column and 1 otherwise, `serial` for an
 * auto-incrementing int4, the table's name and an empty schema name. Recorded real responses
 * (`serial`: precision 10, nullable 0; `text`: precision 2147483647) agree.
 */
import type { ColumnMetadata } from "@aws-sdk/client-rds-data";
import type { ResultColumn, TypeLookup } from "./results.js";
import { BUILTIN_ARRAYS, BUILTIN_TYPES, JDBC_ARRAY, JDBC_OTHER, OID } from "./types.js";

/** What the catalog says of a result column that comes straight from a table column. */
export interface TableColumn {
  readonly tableName: string;
  readonly notNull: boolean;
  readonly autoIncrement: boolean;
}

/** The catalog query for `TableColumn`s: one row per (table id, column number) asked for. */
export const TABLE_COLUMNS_SQL = `SELECT a.attrelid::int8 AS table_id, a.attnum::int4 AS column_id, c.relname,
  a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS not_null,
  a.attidentity <> '' OR coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') LIKE '%nextval(%' AS auto_increment
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE (a.attrelid, a.attnum) IN (SELECT * FROM unnest($1::oid[], $2::int2[]))`;

/** The key of a table column in the map `TABLE_COLUMNS_SQL` fills. */
export const tableColumnKey = (tableID: number, columnID: number) => `${tableID}:${columnID}`;

/** `Integer.MAX_VALUE`: pgjdbc's length of types without one (text, bytea, unbounded varchar). */
const UNKNOWN_LENGTH = 2_147_483_647;

function secondDigits(typmod: number): number {
  if (typmod === -1) return 7;
  if (typmod === 0) return 0;
  return typmod === 1 ? 3 : typmod + 1;
}

/** pgjdbc's getPrecision: digits for numbers, characters for strings and date-times. */
function precision(oid: number, typmod: number): number {
  switch (oid) {
    case OID.int2:
      return 5;
    case OID.int4:
    case OID.oid:
      return 10;
    case OID.int8:
      return 19;
    case OID.float4:
      return 8;
    case OID.float8:
      return 17;
    case OID.numeric:
      return typmod === -1 ? 0 : ((typmod - 4) >> 16) & 0xffff;
    case OID.bool:
    case OID.char:
      return 1;
    case OID.bpchar:
    case OID.varchar:
      return typmod === -1 ? UNKNOWN_LENGTH : typmod - 4;
    case OID.date:
      return 13;
    case OID.time:
      return 8 + secondDigits(typmod);
    case OID.timetz:
      return 14 + secondDigits(typmod);
    case OID.timestamp:
      return 22 + secondDigits(typmod);
    case OID.timestamptz:
      return 28 + secondDigits(typmod);
    case OID.interval:
      return 49;
    default:
      return UNKNOWN_LENGTH;
  }
}

/** pgjdbc's getScale. */
function scale(oid: number, typmod: number): number {
  switch (oid) {
    case OID.float4:
      return 8;
    case OID.float8:
      return 17;
    case OID.numeric:
      return typmod === -1 ? 0 : (typmod - 4) & 0xffff;
    case OID.time:
    case OID.timetz:
    case OID.timestamp:
    case OID.timestamptz:
      return typmod === -1 ? 6 : typmod;
    case OID.interval:
      return typmod === -1 ? 6 : typmod & 0xffff;
    default:
      return 0;
  }
}

const CASE_INSENSITIVE: ReadonlySet<number> = new Set([
  OID.oid,
  OID.int2,
  OID.int4,
  OID.int8,
  OID.float4,
  OID.float8,
  OID.numeric,
  OID.bool,
  OID.date,
  OID.time,
  OID.timetz,
  OID.timestamp,
  OID.timestamptz,
  OID.interval,
]);
const SIGNED: ReadonlySet<number> = new Set([OID.int2, OID.int4, OID.int8, OID.float4, OID.float8, OID.numeric]);
const SERIAL_NAMES: Readonly<Record<number, string>> = { [OID.int2]: "smallserial", [OID.int4]: "serial", [OID.int8]: "bigserial" };

/** The column metadata of a result, from its RowDescription and what the catalog says of its table columns. */
export function columnMetadata(columns: readonly ResultColumn[], tableColumns: ReadonlyMap<string, TableColumn>, lookup: TypeLookup): ColumnMetadata[] {
  return columns.map((column) => {
    const oid = column.dataTypeID;
    const element = BUILTIN_ARRAYS.get(oid) ?? lookup(oid)?.element ?? 0;
    const base = element === 0 ? oid : element;
    const table = column.tableID === 0 ? undefined : tableColumns.get(tableColumnKey(column.tableID, column.columnID));
    const autoIncrement = table?.autoIncrement ?? false;
    const typeName =
      BUILTIN_TYPES.get(oid)?.name ??
      (element === 0 ? undefined : `_${BUILTIN_TYPES.get(element)?.name ?? lookup(element)?.name}`) ??
      lookup(oid)?.name ??
      "unknown";
    return {
      name: column.name,
      label: column.name,
      type: element === 0 ? (BUILTIN_TYPES.get(oid)?.jdbc ?? JDBC_OTHER) : JDBC_ARRAY,
      typeName: (autoIncrement ? SERIAL_NAMES[oid] : undefined) ?? typeName,
      precision: precision(base, column.dataTypeModifier),
      scale: scale(base, column.dataTypeModifier),
      nullable: table?.notNull === true ? 0 : 1,
      isSigned: SIGNED.has(base),
      isCurrency: base === OID.money,
      isCaseSensitive: !CASE_INSENSITIVE.has(base),
      isAutoIncrement: autoIncrement,
      schemaName: "",
      tableName: table?.tableName ?? "",
      arrayBaseColumnType: 0,
    };
  });
}
