/**
 * Result rows out, as the Data API maps them (data-api-operations.html, data-api-json.html):
 * every value arrives as PostgreSQL's text and becomes a typed field; `timestamptz` in UTC;
 * arrays as `arrayValue` with null entries kept; types the API cannot map refused with
 * `UnsupportedResultException`.
 */
import { unsupportedResult, validationError } from "./errors.js";
import { BUILTIN_ARRAYS, BUILTIN_TYPES, OID, type CatalogType, type FieldKind } from "./types.js";

/** A result column as the server described it (PostgreSQL's RowDescription). */
export interface ResultColumn {
  readonly name: string;
  readonly tableID: number;
  readonly columnID: number;
  readonly dataTypeID: number;
  readonly dataTypeModifier: number;
}

/** `resultSetOptions` of ExecuteStatement (API_ResultSetOptions). */
export interface ResultSetOptions {
  /** `STRING` (default) or `DOUBLE_OR_LONG`. */
  readonly decimalReturnType?: string;
  /** `LONG` (default) or `STRING`. */
  readonly longReturnType?: string;
}

const RESULT_SET_OPTIONS = { decimalReturnType: ["STRING", "DOUBLE_OR_LONG"], longReturnType: ["STRING", "LONG"] } as const;

/** Refuses `resultSetOptions` values outside the API's enums. */
export function checkResultSetOptions(options: ResultSetOptions | undefined): void {
  for (const [member, allowed] of Object.entries(RESULT_SET_OPTIONS)) {
    const value = options?.[member as keyof ResultSetOptions];
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
      throw validationError(
        `1 validation error detected: Value '${value}' at 'resultSetOptions.${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
      );
    }
  }
}

/** Array element types the Data API refuses though it maps the scalar ("doesn't support arrays of UUIDs", data-api-operations.html). */
const UNSUPPORTED_ELEMENTS: ReadonlySet<number> = new Set([OID.uuid]);

type WireField = Record<string, unknown>;
type WireArray = Record<string, unknown[]>;

/** Reads catalog types the built-in table does not know (extensions' types, enums). */
export type TypeLookup = (oid: number) => CatalogType | undefined;

function unsupported(typeName: string): never {
  throw unsupportedResult(`The result contains the unsupported data type ${typeName.toUpperCase()}.`);
}

/**
 * `2026-12-07 09:04:56.739+01` (the session's zone) as `2026-12-07 08:04:56.739`: the Data API
 * "always returns … TIMESTAMPTZ in UTC time zone" (data-api-operations.html), with no offset.
 */
function timestamptzToUtc(text: string): string {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(text);
  if (match === null) return text; // infinity, BC dates: as PostgreSQL wrote them
  const [, year, month, day, hour, minute, second, fraction = "", sign, offsetHours, offsetMinutes = "0", offsetSeconds = "0"] = match;
  const offsetMs = (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60 + Number(offsetSeconds)) * 1000 * (sign === "-" ? -1 : 1);
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const utc = new Date(local - offsetMs).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)}${fraction}`;
}

/** The kind of field a column's values become, with its name for messages. */
function columnKind(oid: number, lookup: TypeLookup): { kind: FieldKind | "array"; name: string; element?: number } {
  const builtin = BUILTIN_TYPES.get(oid);
  if (builtin !== undefined) return builtin;
  const element = BUILTIN_ARRAYS.get(oid);
  if (element !== undefined) return { kind: "array", name: `${BUILTIN_TYPES.get(element)?.name ?? "unknown"}[]`, element };
  const catalog = lookup(oid);
  if (catalog !== undefined && catalog.element !== 0) return { kind: "array", name: `${catalog.name.replace(/^_/, "")}[]`, element: catalog.element };
  // Extension types (vector) and enums come back as their text, as the API's type list shows.
  return { kind: "string", name: catalog?.name ?? String(oid) };
}

/** The elements of a one-dimensional PostgreSQL array literal (`{1,NULL,"a b"}`), or undefined for several dimensions. */
function parseArrayLiteral(text: string): (string | null)[] | undefined {
  // `[0:1]={…}`: bounds other than 1 are written before the braces.
  const body = text.startsWith("[") ? text.slice(text.indexOf("=") + 1) : text;
  const values: (string | null)[] = [];
  let index = 1;
  if (body[1] === "{") return undefined;
  if (body === "{}") return values;
  while (index < body.length) {
    if (body[index] === '"') {
      let value = "";
      index++;
      while (body[index] !== '"') {
        if (body[index] === "\\") index++;
        value += body[index];
        index++;
      }
      values.push(value);
      index++;
    } else {
      let end = index;
      while (body[end] !== "," && body[end] !== "}") end++;
      const raw = body.slice(index, end);
      values.push(raw === "NULL" ? null : raw);
      index = end;
    }
    index++; // the delimiter or the closing brace
  }
  return values;
}

function scalarValue(text: string, kind: FieldKind, options: ResultSetOptions): unknown {
  switch (kind) {
    case "long":
      return options.longReturnType === "STRING" ? text : Number(text);
    case "double":
      return Number(text);
    case "boolean":
      return text === "t";
    case "decimal":
      return options.decimalReturnType === "DOUBLE_OR_LONG" ? Number(text) : text;
    case "timestamptz":
      return timestamptzToUtc(text);
    default:
      return text;
  }
}

function wireKey(kind: FieldKind, options: ResultSetOptions, text: string): "longValue" | "doubleValue" | "booleanValue" | "stringValue" {
  if (kind === "long") return options.longReturnType === "STRING" ? "stringValue" : "longValue";
  if (kind === "double") return "doubleValue";
  if (kind === "boolean") return "booleanValue";
  if (kind === "decimal" && options.decimalReturnType === "DOUBLE_OR_LONG") return /[.eE]/.test(text) ? "doubleValue" : "longValue";
  return "stringValue";
}

function arrayField(text: string, element: number, name: string, options: ResultSetOptions, lookup: TypeLookup): WireArray {
  const elements = parseArrayLiteral(text);
  if (elements === undefined) throw unsupportedResult("The result contains a multidimensional array, which the Data API does not support.");
  const { kind } = columnKind(element, lookup);
  if (kind === "unsupported" || kind === "array" || kind === "blob" || UNSUPPORTED_ELEMENTS.has(element)) unsupported(name);
  const present = elements.find((value) => value !== null);
  const key = present === undefined ? "stringValue" : wireKey(kind, options, present);
  const values = elements.map((value) => (value === null ? null : scalarValue(value, kind, options)));
  return { [`${key}s`]: values };
}

/** A result column's values, as a converter from PostgreSQL's text to wire fields. */
export function fieldConverter(column: ResultColumn, options: ResultSetOptions, lookup: TypeLookup): (text: string | null) => WireField {
  const { kind, name, element } = columnKind(column.dataTypeID, lookup);
  if (kind === "unsupported") unsupported(name);
  return (text) => {
    if (text === null) return { isNull: true };
    if (kind === "array") return { arrayValue: arrayField(text, element!, name, options, lookup) };
    if (kind === "blob") return { blobValue: Buffer.from(text.slice(2), "hex").toString("base64") };
    return { [wireKey(kind, options, text)]: scalarValue(text, kind, options) };
  };
}

/** A wire field as the JSON value `formatRecordsAs: "JSON"` puts in a row (data-api-json.html). */
export function jsonValue(field: WireField): unknown {
  if (field.isNull === true) return null;
  const array = field.arrayValue as WireArray | undefined;
  if (array !== undefined) return Object.values(array)[0];
  return Object.values(field)[0];
}
