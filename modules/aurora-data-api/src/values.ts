/**
 * JavaScript values to Data API parameters, and Data API fields back to JavaScript values.
 */
import type { ColumnMetadata, Field, SqlParameter, TypeHint } from "@aws-sdk/client-rds-data";

/** A value with the type PostgreSQL should read it as (`:id` of a uuid column, say). */
export interface TypedValue {
  readonly value: string;
  readonly typeHint: TypeHint;
}

/** What a named parameter may hold. */
export type ParameterValue = string | number | bigint | boolean | null | undefined | Date | Uint8Array | TypedValue | { readonly json: unknown };

/** Named parameters: `{ id: 1 }` for `WHERE id = :id`. */
export type Parameters = Readonly<Record<string, ParameterValue>>;

/** `:name` is read as a uuid. */
export const uuid = (value: string): TypedValue => ({ value, typeHint: "UUID" });
/** `:name` is read as an exact numeric; pass it as a string to keep every digit. */
export const decimal = (value: string): TypedValue => ({ value, typeHint: "DECIMAL" });
/** `:name` is read as a date, `YYYY-MM-DD`. */
export const date = (value: string): TypedValue => ({ value, typeHint: "DATE" });
/** `:name` is read as JSON (for json and jsonb columns). */
export const json = (value: unknown): { readonly json: unknown } => ({ json: value });

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `2026-12-02 09:01:00.000`, in UTC, as the Data API's TIMESTAMP hint reads it. */
function timestamp(value: Date): string {
  return value.toISOString().replace("T", " ").replace("Z", "");
}

function field(name: string, value: ParameterValue): Pick<SqlParameter, "value" | "typeHint"> {
  if (value === null || value === undefined) return { value: { isNull: true } };
  if (typeof value === "string") return { value: { stringValue: value } };
  if (typeof value === "boolean") return { value: { booleanValue: value } };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`parameter ${name}: ${value} is not a finite number`);
    // Beyond 2^53 a number is no longer an exact integer: it goes as a double, as it is.
    return Number.isSafeInteger(value) ? { value: { longValue: value } } : { value: { doubleValue: value } };
  }
  if (typeof value === "bigint") {
    // The wire carries longValue as a JSON number: beyond 2^53 digits would be lost silently.
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      return { value: { stringValue: value.toString() }, typeHint: "DECIMAL" };
    }
    return { value: { longValue: Number(value) } };
  }
  if (value instanceof Date) return { value: { stringValue: timestamp(value) }, typeHint: "TIMESTAMP" };
  if (value instanceof Uint8Array) return { value: { blobValue: value } };
  if ("json" in value) return { value: { stringValue: JSON.stringify(value.json) }, typeHint: "JSON" };
  if ("typeHint" in value && typeof value.value === "string") return { value: { stringValue: value.value }, typeHint: value.typeHint };
  throw new TypeError(
    `parameter ${name}: ${Array.isArray(value) ? "an array" : "an object"} is not a Data API value; pass a string, number, bigint, boolean, null, Date, Uint8Array, json(value) or a typed value such as uuid(value)`,
  );
}

/** The Data API parameters for named values; refuses names that SQL could not reference. */
export function toSqlParameters(parameters: Parameters = {}): SqlParameter[] {
  return Object.entries(parameters).map(([name, value]) => {
    if (!NAME.test(name)) throw new TypeError(`parameter name "${name}" is not valid: use letters, digits and _, not starting with a digit`);
    return { name, ...field(name, value) };
  });
}

/** A result value as JavaScript: numbers, strings, booleans, null, bytes, or arrays of them. */
export type ResultValue = string | number | boolean | null | Uint8Array | ResultValue[];

function arrayValues(array: Field["arrayValue"] | null): ResultValue[] {
  if (array === null || array === undefined) return [];
  return array.booleanValues ?? array.longValues ?? array.doubleValues ?? array.stringValues ?? array.arrayValues?.map(arrayValues) ?? [];
}

/** One Data API field as a JavaScript value. */
export function fromField(value: Field): ResultValue {
  if (value.isNull) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.longValue !== undefined) return value.longValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.booleanValue !== undefined) return value.booleanValue;
  if (value.blobValue !== undefined) return value.blobValue;
  if (value.arrayValue !== undefined) return arrayValues(value.arrayValue);
  return null;
}

/** Rows as objects keyed by column label (the name, or its `AS` alias). */
export function toRows<Row>(records: Field[][] = [], columns: ColumnMetadata[] = []): Row[] {
  const names = columns.map((column, index) => column.label ?? column.name ?? `column${index + 1}`);
  return records.map((record) => Object.fromEntries(record.map((value, index) => [names[index], fromField(value)])) as Row);
}
