import { Token } from "cdktf";

/** One invalid input: which property, what it received, what it allows. */
export interface ValidationProblem {
  readonly property: string;
  readonly received: unknown;
  readonly allowed: string;
  /**
   * Other properties the rule weighed `property` against (e.g. `minCapacity` for "maxCapacity is
   * at least minCapacity"): changing any of them may be the fix, so whoever set them is named too.
   */
  readonly related?: readonly string[];
}

/**
 * Thrown when a construct or an app is given invalid input. Construction stops, so nothing is
 * synthesized; every problem found is listed, not only the first.
 */
export class ValidationError extends Error {
  /** What was being validated, e.g. `AuroraPostgresServerless "dev/Database"`. */
  public readonly subject: string;
  public readonly problems: readonly ValidationProblem[];

  constructor(subject: string, problems: readonly ValidationProblem[]) {
    const lines = problems.map((p) => `  - ${p.property}: received ${formatValue(p.received)}; allowed: ${p.allowed}`);
    const count = problems.length === 1 ? "1 invalid input" : `${problems.length} invalid inputs`;
    super(`${subject} has ${count}:\n${lines.join("\n")}`);
    this.name = "ValidationError";
    this.subject = subject;
    this.problems = problems;
  }
}

/** What a construct's ValidationError is about: `AuroraPostgresServerless "dev/Database"`. */
export function constructSubject(kind: string, scope: { readonly node: { readonly path: string } }, id: string): string {
  return `${kind} "${[scope.node.path, id].filter(Boolean).join("/")}"`;
}

const MAX_RENDERED_LENGTH = 200;

/**
 * Renders a received value the way it was written (strings quoted, arrays and plain objects as
 * JSON), whatever it is: no value, however odd, may make the error itself fail.
 */
function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Token.isUnresolved(value)) return "an unresolved token";
  switch (typeof value) {
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return String(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "function":
      return "a function";
    case "string":
      return shortened(JSON.stringify(value));
  }
  if (!Array.isArray(value) && !isPlainObject(value)) return describeInstance(value as object);
  try {
    return shortened(JSON.stringify(value, jsonSafe));
  } catch {
    // Cycles, or a toJSON that throws.
    return Array.isArray(value) ? `an array of ${value.length} entries` : "an object";
  }
}

/** Keeps JSON.stringify from throwing on bigint and from dropping what JSON cannot hold. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return "a function";
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !isPlainObject(value)) return describeInstance(value);
  return value;
}

function describeInstance(value: object): string {
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === "string" && name !== "" ? `an instance of ${name}` : "an object with an unusual prototype";
}

function shortened(text: string): string {
  return text.length <= MAX_RENDERED_LENGTH ? text : `${text.slice(0, MAX_RENDERED_LENGTH)}… (${text.length} characters)`;
}

/** An object literal or JSON object: not an array, a Map, a Date or a class instance. */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
