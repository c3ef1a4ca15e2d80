/**
 * SQL parameters in, fields out, the way the Data API maps them: `:name` parameters become
 * positional ones cast to the type the Data API sends (varchar for strings without a type hint,
 * so PostgreSQL refuses the same implicit casts as on Aurora), and result columns become typed
 * fields.
 */
import type { ColumnMetadata, SqlParameter } from "@aws-sdk/client-rds-data";
import { replaceNamedParameters } from "../private/sql-lexer.js";
import { badRequest } from "./errors.js";

/** A wire-format parameter: as JSON carries it (blobValue in base64). */
export type WireParameter = Omit<SqlParameter, "value"> & { value?: Record<string, unknown> };

const HINT_TYPES: Readonly<Record<string, string>> = {
  DATE: "date",
  TIME: "time",
  TIMESTAMP: "timestamp",
  DECIMAL: "numeric",
  JSON: "json",
  UUID: "uuid",
};

function positional(parameter: WireParameter): { cast: string; value: unknown } {
  const field = parameter.value ?? {};
  if (field.isNull === true) return { cast: "", value: null };
  if (typeof field.stringValue === "string") {
    const hint = parameter.typeHint === undefined ? undefined : HINT_TYPES[parameter.typeHint];
    if (parameter.typeHint !== undefined && hint === undefined) throw badRequest(`Invalid type hint: ${parameter.typeHint}`);
    return { cast: `::${hint ?? "varchar"}`, value: field.stringValue };
  }
  if (typeof field.longValue === "number") return { cast: "::int8", value: String(field.longValue) };
  if (typeof field.doubleValue === "number") return { cast: "::float8", value: String(field.doubleValue) };
  if (typeof field.booleanValue === "boolean") return { cast: "::bool", value: field.booleanValue };
  if (typeof field.blobValue === "string") return { cast: "::bytea", value: Buffer.from(field.blobValue, "base64") };
  if (field.arrayValue !== undefined) throw badRequest("Array parameters are not supported.");
  throw badRequest(`Invalid value for parameter ${parameter.name}`);
}

/** The SQL with `$n` placeholders, and the values in their order. */
export function bindParameters(sql: string, parameters: readonly WireParameter[] = []): { text: string; values: unknown[] } {
  const byName = new Map(parameters.map((parameter) => [parameter.name ?? "", parameter]));
  const numbers = new Map<string, number>();
  const values: unknown[] = [];
  const text = replaceNamedParameters(sql, (name) => {
    const parameter = byName.get(name);
    if (parameter === undefined) throw badRequest(`No value specified for parameter: ${name}`);
    const { cast, value } = positional(parameter);
    let number = numbers.get(name);
    if (number === undefined) {
      values.push(value);
      number = values.length;
      numbers.set(name, number);
    }
    return `$${number}${cast}`;
  });
  return { text, values };
}

/** PostgreSQL type ids, with the name and JDBC type the Data API reports for them. */
const TYPES: Readonly<Record<number, { name: string; jdbc: number; field: "long" | "double" | "boolean" | "blob" | "string" }>> = {
  16: { name: "bool", jdbc: -7, field: "boolean" },
  17: { name: "bytea", jdbc: -2, field: "blob" },
  20: { name: "int8", jdbc: -5, field: "long" },
  21: { name: "int2", jdbc: 5, field: "long" },
  23: { name: "int4", jdbc: 4, field: "long" },
  26: { name: "oid", jdbc: -5, field: "long" },
  25: { name: "text", jdbc: 12, field: "string" },
  700: { name: "float4", jdbc: 7, field: "double" },
  701: { name: "float8", jdbc: 8, field: "double" },
  1043: { name: "varchar", jdbc: 12, field: "string" },
  1082: { name: "date", jdbc: 91, field: "string" },
  1114: { name: "timestamp", jdbc: 93, field: "string" },
  1184: { name: "timestamptz", jdbc: 93, field: "string" },
  1700: { name: "numeric", jdbc: 2, field: "string" },
  2950: { name: "uuid", jdbc: 1111, field: "string" },
  114: { name: "json", jdbc: 1111, field: "string" },
  3802: { name: "jsonb", jdbc: 1111, field: "string" },
};

/** Parsers that keep each scalar column's text, as PostgreSQL sent it; arrays keep PGlite's parsing. */
export const TEXT_PARSERS: Readonly<Record<number, (value: string) => string>> = Object.fromEntries(Object.keys(TYPES).map((oid) => [oid, (value: string) => value]));

type WireArray = Record<string, unknown[]>;

function arrayValue(values: unknown[]): WireArray {
  if (values.some(Array.isArray)) return { arrayValues: values.map((value) => arrayValue(value as unknown[])) };
  if (values.every((value) => typeof value === "boolean")) return { booleanValues: values };
  if (values.every((value) => typeof value === "number")) return values.every(Number.isInteger) ? { longValues: values } : { doubleValues: values };
  return { stringValues: values.map((value) => (value === null ? "" : String(value))) };
}

/** One result value as a wire field (blobValue in base64). */
export function toField(value: unknown, oid: number): Record<string, unknown> {
  if (value === null || value === undefined) return { isNull: true };
  if (Array.isArray(value)) return { arrayValue: arrayValue(value) };
  const kind = TYPES[oid]?.field ?? "string";
  const text = String(value);
  switch (kind) {
    case "long":
      return { longValue: Number(text) };
    case "double":
      return { doubleValue: Number(text) };
    case "boolean":
      return { booleanValue: text === "t" || text === "true" };
    case "blob":
      return { blobValue: Buffer.from(text.replace(/^\\x/, ""), "hex").toString("base64") };
    default:
      return { stringValue: text };
  }
}

/** The column metadata of a result. */
export function toColumnMetadata(fields: readonly { name: string; dataTypeID: number }[]): ColumnMetadata[] {
  return fields.map(({ name, dataTypeID }) => ({
    name,
    label: name,
    typeName: TYPES[dataTypeID]?.name ?? "unknown",
    type: TYPES[dataTypeID]?.jdbc ?? 1111,
    nullable: 2,
  }));
}

/** A wire field as the JSON value that `formatRecordsAs: "JSON"` puts in a row. */
export function jsonValue(field: Record<string, unknown>): unknown {
  if (field.isNull) return null;
  const arrayValue = field.arrayValue as Record<string, unknown[]> | undefined;
  if (arrayValue !== undefined) return Object.values(arrayValue)[0];
  return Object.values(field)[0];
}
