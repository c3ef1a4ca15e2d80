/**
 * The machinery behind every props validation: runtime types first, then a table of rules.
 * Props arrive from TypeScript, plain JavaScript and JSON alike, so nothing about their shape is
 * assumed until a runtime type has accepted it; a prop that fails its type is judged no further.
 */
import { Token } from "cdktf";
import { isPlainObject, ValidationError, type ValidationProblem } from "../../validation-error";
import { nearestName } from "../nearest-name";

/** True for tokens, and for lists or maps that hold one (known only at apply time). */
export function isUnresolved(value: unknown): boolean {
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  if (isPlainObject(value)) return Token.isUnresolved(value) || Object.values(value).some(isUnresolved);
  return Token.isUnresolved(value);
}

/** Where a value departs from its type: the path below the prop ("" for the value itself). */
export interface Mismatch {
  readonly path: string;
  readonly received: unknown;
  readonly allowed: string;
}

/**
 * A runtime type: what it allows, in words, and where a value departs from it. `T` ties the
 * check to the prop's declared type, so a table that pairs a prop with the wrong type does not
 * compile.
 */
export interface RuntimeType<T> {
  readonly allowed: string;
  readonly mismatches: (value: unknown) => readonly Mismatch[];
  /** Only for the compiler: never set. */
  readonly type?: T;
}

function runtimeType<T>(allowed: string, conforms: (value: unknown) => boolean, hint?: (value: unknown) => string | undefined): RuntimeType<T> {
  return {
    allowed,
    mismatches: (value) => (conforms(value) ? [] : [{ path: "", received: value, allowed: hint?.(value) ?? allowed }]),
  };
}

/** "4" for a number, "false" for a boolean: say which literal was meant. */
function literalHint(kind: string, parse: (text: string) => unknown) {
  return (value: unknown) => {
    if (typeof value !== "string") return undefined;
    const parsed = parse(value.trim());
    return parsed === undefined ? undefined : `${kind} (${String(parsed)}, not the string ${JSON.stringify(value)})`;
  };
}

export const STRING = runtimeType<string>("a string", (v) => typeof v === "string" || Token.isUnresolved(v));

export const NUMBER = runtimeType<number>(
  "a number",
  (v) => (typeof v === "number" && Number.isFinite(v)) || Token.isUnresolved(v),
  (value) =>
    typeof value === "number"
      ? "a finite number"
      : literalHint("a number", (text) => (text !== "" && Number.isFinite(Number(text)) ? Number(text) : undefined))(value),
);

export const BOOLEAN = runtimeType<boolean>(
  "true or false",
  (v) => typeof v === "boolean" || Token.isUnresolved(v),
  literalHint("a boolean", (text) => ({ true: true, false: false })[text.toLowerCase()]),
);

export function oneOf<const T extends string>(...values: readonly T[]): RuntimeType<T> {
  const words = values.map((v) => JSON.stringify(v));
  const allowed = values.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
  return runtimeType<T>(allowed, (v) => typeof v === "string" && (values as readonly string[]).includes(v));
}

export function either<A, B>(first: RuntimeType<A>, second: RuntimeType<B>, allowed = `${first.allowed}, or ${second.allowed}`): RuntimeType<A | B> {
  return {
    allowed,
    mismatches: (value) => {
      const [a, b] = [first.mismatches(value), second.mismatches(value)];
      if (a.length === 0 || b.length === 0) return [];
      // Point at the deeper mismatch: the alternative the value came closer to.
      return a.some((m) => m.path !== "") ? a : b.some((m) => m.path !== "") ? b : [{ path: "", received: value, allowed }];
    },
  };
}

/** A list whose every entry has the given type, or a whole-list token; an entry's mismatches are reported at its index. */
export function listOf<T>(entries: RuntimeType<T>, allowed: string): RuntimeType<readonly T[]> {
  return {
    allowed,
    mismatches: (value) => {
      if (Token.isUnresolved(value)) return [];
      if (!Array.isArray(value)) return [{ path: "", received: value, allowed }];
      return value.flatMap((entry, i) => entries.mismatches(entry).map((m) => ({ ...m, path: `[${i}]${m.path}` })));
    },
  };
}

/** A list of strings (each may be a token), or a whole-list token. */
export const STRING_LIST: RuntimeType<readonly string[]> = listOf(STRING, "a list of strings");

const NOT_PLAIN = "(a plain object, not an array, a Map or a class instance)";
/** JSON can hold the key, but assigning it to an object sets the prototype instead: synth would drop the entry. */
const UNCARRIED_KEY = 'a key other than "__proto__", which cannot be carried into the Terraform configuration';

/** An object whose every value has the given type; keys are judged by rules. */
export function recordOf<T>(values: RuntimeType<T>, allowed: string): RuntimeType<Readonly<Record<string, T>>> {
  return {
    allowed,
    mismatches: (value) => {
      if (Token.isUnresolved(value) && !isPlainObject(value)) return [];
      if (!isPlainObject(value)) return [{ path: "", received: value, allowed: `${allowed} ${NOT_PLAIN}` }];
      return Object.entries(value).flatMap(([key, entry]) =>
        key === "__proto__"
          ? [{ path: `[${JSON.stringify(key)}]`, received: key, allowed: UNCARRIED_KEY }]
          : values.mismatches(entry).map((m) => ({ ...m, path: `[${JSON.stringify(key)}]${m.path}` })),
      );
    },
  };
}

/** The runtime type of each field of `T`. */
export type Fields<T> = { readonly [K in keyof T]-?: RuntimeType<NonNullable<T[K]>> };

/** A plain object with exactly these fields, all required. */
export function objectOf<T extends object>(fields: Fields<T>, allowed: string): RuntimeType<T> {
  const names = Object.keys(fields) as (keyof T & string)[];
  return {
    allowed,
    mismatches: (value) => {
      if (!isPlainObject(value)) return [{ path: "", received: value, allowed }];
      const unknown = Object.keys(value).filter((key) => !(names as string[]).includes(key));
      if (unknown.length > 0) return [{ path: "", received: value, allowed }];
      return names.flatMap((name) =>
        value[name] === undefined || value[name] === null
          ? [{ path: `.${name}`, received: value[name], allowed: fields[name].allowed }]
          : fields[name].mismatches(value[name]).map((m) => ({ ...m, path: `.${name}${m.path}` })),
      );
    },
  };
}

const NOT_NULL = "(leave the field out; null is not a value)";

/**
 * A plain object of optional fields, each of its own type, and nothing else: an unknown field is
 * named with the nearest known one, a field's own mismatches are reported at its path.
 */
export function fieldsOf<T>(fields: Readonly<Record<string, RuntimeType<unknown>>>, required: readonly string[], allowed: string): RuntimeType<T> {
  const names = Object.keys(fields);
  return {
    allowed,
    mismatches: (value) => {
      if (!isPlainObject(value)) return [{ path: "", received: value, allowed }];
      const found: Mismatch[] = [];
      for (const key of Object.keys(value)) {
        if (!names.includes(key)) found.push({ path: `.${key}`, received: value[key], allowed: `no such field; did you mean ${nearestName(key, names)}?` });
      }
      for (const name of names) {
        const field = value[name];
        if (field === undefined) {
          if (required.includes(name)) found.push({ path: `.${name}`, received: field, allowed: `${fields[name]!.allowed} (required)` });
        } else if (field === null) {
          found.push({ path: `.${name}`, received: field, allowed: `${fields[name]!.allowed} ${NOT_NULL}` });
        } else {
          found.push(...fields[name]!.mismatches(field).map((m) => ({ ...m, path: `.${name}${m.path}` })));
        }
      }
      return found;
    },
  };
}

/** The same type, refusing an unresolved token: for a value that decides at synth what is built. */
export function knownAtSynthOf<T>(type: RuntimeType<T>): RuntimeType<T> {
  const allowed = `${type.allowed}, known at synth`;
  return { allowed, mismatches: (value) => (Token.isUnresolved(value) ? [{ path: "", received: value, allowed }] : type.mismatches(value)) };
}

/** How one prop is typed: its runtime type, whether it is required, whether a token may stand for it. */
export interface PropType<T> {
  readonly type: RuntimeType<T>;
  readonly required: boolean;
  /**
   * The construct decides at synth which resources to create from it, so an unresolved token
   * cannot stand for it (or, for lists and maps, for the whole of it).
   */
  readonly knownAtSynth: boolean;
}

/** Every prop of `P` with its type; a required prop must be marked required, and only those. */
export type PropTypes<P> = {
  readonly [K in keyof P]-?: PropType<NonNullable<P[K]>> & { readonly required: object extends Pick<P, K> ? false : true };
};

export function optional<T>(type: RuntimeType<T>, options: { knownAtSynth?: boolean } = {}): PropType<T> & { readonly required: false } {
  return { type, required: false, knownAtSynth: options.knownAtSynth ?? false };
}

export function required<T>(type: RuntimeType<T>): PropType<T> & { readonly required: true } {
  return { type, required: true, knownAtSynth: false };
}

/** A problem as a rule reports it, before the subject's props are named on it: a mismatch with a rule. */
type Finding = Mismatch;

/**
 * One rule of a props table: the prop it judges, the other props it reads, and what it
 * allows. The engine judges it only when all of those props passed their types, and (unless it
 * judges tokens) only on concrete values.
 */
export interface Rule<P> {
  readonly prop: keyof P & string;
  readonly involves: readonly (keyof P & string)[];
  readonly judgesTokens: boolean;
  readonly findings: (props: P, given: ReadonlySet<string>) => readonly Finding[];
}

type Defined<T> = Exclude<T, undefined>;
type Text<Part, View> = string | ((part: Part, props: View) => string);

export interface RuleSpec<P, K extends keyof P & string, I extends keyof P & string, Part> {
  /** Other props the rule reads; problems name them as `related`. */
  readonly involves?: readonly I[];
  /** Judge only a value the caller gave, never a default. */
  readonly onlyWhenGiven?: boolean;
  /** Judge unresolved tokens too (for values that must be known at synth). */
  readonly judgesTokens?: boolean;
  /** The parts of the value to judge, each with its path below the prop; the whole value by default. */
  readonly parts?: (value: Defined<P[K]>) => Iterable<readonly [path: string, part: Part]>;
  readonly check: (part: Part, props: Pick<P, K | I>) => boolean;
  readonly allowed: Text<Part, Pick<P, K | I>>;
}

/** Builds rules for props of type `P`; a check sees only the props it declares. */
export function rulesFor<P>() {
  return function rule<K extends keyof P & string, I extends keyof P & string = never, Part = Defined<P[K]>>(prop: K, spec: RuleSpec<P, K, I, Part>): Rule<P> {
    const judgesTokens = spec.judgesTokens ?? false;
    return {
      prop,
      involves: spec.involves ?? [],
      judgesTokens,
      findings: (props, given) => {
        const value = props[prop];
        if (value === undefined || (spec.onlyWhenGiven === true && !given.has(prop))) return [];
        // A whole-list or whole-map token has no parts to judge.
        if (!judgesTokens && Token.isUnresolved(value)) return [];
        const parts = spec.parts ? spec.parts(value as Defined<P[K]>) : [["", value as unknown as Part] as const];
        const findings: Finding[] = [];
        for (const [path, part] of parts) {
          if (!judgesTokens && isUnresolved(part)) continue;
          if (spec.check(part, props)) continue;
          const allowed = typeof spec.allowed === "string" ? spec.allowed : spec.allowed(part, props);
          findings.push({ path, received: part, allowed });
        }
        return findings;
      },
    };
  };
}

/** A check of one list entry, and what it allows. */
export interface EntryCheck {
  readonly check: (entry: string) => boolean;
  readonly allowed: string;
}

/** Parts helpers: each entry of a list, each key or each value of a record. */
export const entries = (list: readonly string[]) => list.map((entry, i) => [`[${i}]`, entry] as const);
export const keys = (record: Readonly<Record<string, unknown>>) => Object.keys(record).map((key) => [`[${JSON.stringify(key)}]`, key] as const);
export const values = (record: Readonly<Record<string, string>>) => Object.entries(record).map(([key, value]) => [`[${JSON.stringify(key)}]`, value] as const);

/** Entries equal to an earlier one under `key` (tokens compare by identity), with their paths. */
export function repeats<T>(list: readonly T[], key: (entry: T) => unknown): (readonly [string, T])[] {
  const seen = new Set<unknown>();
  return list
    .map((entry, i) => [`[${i}]`, entry] as const)
    .filter(([, entry]) => {
      const repeat = seen.has(key(entry));
      seen.add(key(entry));
      return repeat;
    });
}

/** What a props table says about its props: their types, rules and defaults. */
export interface PropsSpec<Props, Resolved> {
  readonly types: PropTypes<Props>;
  readonly rules: readonly Rule<Resolved>[];
  /** Applies defaults (and derived values) to props that passed their types. */
  readonly resolve: (given: Partial<Props>) => Resolved;
}

/**
 * Checks `input` against `spec` and returns the resolved props, or throws one ValidationError
 * that lists every problem: unknown props, props of the wrong type, then broken rules.
 */
export function validate<Props, Resolved>(input: unknown, spec: PropsSpec<Props, Resolved>, subject: string): Resolved {
  const names = Object.keys(spec.types) as (keyof Props & string)[];
  const problems: ValidationProblem[] = [];
  if (!isPlainObject(input)) {
    const required = names.filter((name) => spec.types[name].required);
    throw new ValidationError(subject, [
      { property: "props", received: input, allowed: `an object of props ${NOT_PLAIN}, with at least ${required.join(" and ")}` },
    ]);
  }

  for (const key of Object.keys(input)) {
    if ((names as string[]).includes(key)) continue;
    problems.push({ property: key, received: input[key], allowed: `no such prop; did you mean ${nearestName(key, names)}?` });
  }

  const given: Partial<Record<keyof Props, unknown>> = {};
  const mistyped = new Set<string>();
  for (const name of names) {
    const { type, required, knownAtSynth } = spec.types[name];
    const value = Object.hasOwn(input, name) ? input[name] : undefined;
    const found = typeMismatches(value, type, required, knownAtSynth);
    if (found.length > 0) {
      mistyped.add(name);
      problems.push(...found.map((m) => ({ property: `${name}${m.path}`, received: m.received, allowed: m.allowed })));
    } else if (value !== undefined) {
      given[name] = value;
    }
  }

  const resolved = spec.resolve(given as Partial<Props>);
  const givenNames = new Set(Object.keys(given));
  for (const rule of spec.rules) {
    const read = [rule.prop, ...rule.involves];
    if (read.some((name) => mistyped.has(name))) continue;
    if (!rule.judgesTokens && rule.involves.some((name) => isUnresolved(resolved[name]))) continue;
    for (const finding of rule.findings(resolved, givenNames)) {
      const related = rule.involves.length > 0 ? { related: rule.involves } : {};
      problems.push({ property: `${rule.prop}${finding.path}`, received: finding.received, allowed: finding.allowed, ...related });
    }
  }
  if (problems.length > 0) throw new ValidationError(subject, problems);
  return resolved;
}

function typeMismatches<T>(value: unknown, type: RuntimeType<T>, required: boolean, knownAtSynth: boolean): readonly Mismatch[] {
  if (value === undefined) return required ? [{ path: "", received: value, allowed: `${type.allowed} (required)` }] : [];
  if (value === null) {
    const instead = required ? "(required)" : "(leave the prop out for its default; null is not a value)";
    return [{ path: "", received: value, allowed: `${type.allowed} ${instead}` }];
  }
  return (knownAtSynth ? knownAtSynthOf(type) : type).mismatches(value);
}
