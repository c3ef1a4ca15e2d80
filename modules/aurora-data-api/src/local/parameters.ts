/**
 * SQL parameters in, the way the Data API binds them: `:name` parameters become positional ones
 * cast to the type the Data API sends (varchar for strings without a type hint, so PostgreSQL
 * refuses the same implicit casts as on Aurora).
 */
import type { SqlParameter } from "@aws-sdk/client-rds-data";
import { replaceNamedParameters } from "../private/sql-lexer.js";
import { validationError } from "./errors.js";

/** A wire-format parameter: as JSON carries it (blobValue in base64). */
export type WireParameter = Omit<SqlParameter, "value"> & { value?: Record<string, unknown> };

/** The SqlParameter typeHint values and the PostgreSQL type each reads a string as (API_SqlParameter). */
const TYPE_HINTS: Readonly<Record<string, string>> = {
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
    const hint = parameter.typeHint === undefined ? undefined : TYPE_HINTS[parameter.typeHint];
    return { cast: `::${hint ?? "varchar"}`, value: field.stringValue };
  }
  if (typeof field.longValue === "number") return { cast: "::int8", value: String(field.longValue) };
  if (typeof field.doubleValue === "number") return { cast: "::float8", value: String(field.doubleValue) };
  if (typeof field.booleanValue === "boolean") return { cast: "::bool", value: field.booleanValue };
  if (typeof field.blobValue === "string") return { cast: "::bytea", value: Buffer.from(field.blobValue, "base64") };
  if (field.arrayValue !== undefined) throw validationError("Array parameters are not supported.");
  throw validationError(`Invalid value for parameter ${String(parameter.name)}`);
}

/** Refuses what the API refuses in the parameters themselves, before anything runs. */
export function checkParameters(parameters: readonly WireParameter[] | undefined, member: string): void {
  for (const [index, parameter] of (parameters ?? []).entries()) {
    if (parameter.typeHint !== undefined && TYPE_HINTS[parameter.typeHint] === undefined) {
      throw validationError(
        `1 validation error detected: Value '${parameter.typeHint}' at '${member}.${index + 1}.member.typeHint' failed to satisfy constraint: Member must satisfy enum value set: [${Object.keys(TYPE_HINTS).join(", ")}]`,
      );
    }
  }
}

/** The SQL with `$n` placeholders, and the values in their order. */
export function bindParameters(sql: string, parameters: readonly WireParameter[] = []): { text: string; values: unknown[] } {
  const byName = new Map(parameters.map((parameter) => [parameter.name ?? "", parameter]));
  const numbers = new Map<string, number>();
  const values: unknown[] = [];
  const text = replaceNamedParameters(sql, (name) => {
    const parameter = byName.get(name);
    if (parameter === undefined) throw validationError(`No value specified for parameter: ${name}`);
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
