/**
 * Hostile input, by class rather than by list: every prop gets every value of a catalogue of
 * odd values (each JavaScript type, edge numbers, look-alike strings, exotic objects,
 * prototype-polluting keys), and seeded random mixes of several props at once. Each attempt must
 * either build the construct (which then synthesizes) or throw a ValidationError whose problems
 * name a prop and the value received; never any other error.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack, Testing, type App } from "cdktf";
import {
  AuroraEncryptionKey,
  AuroraPostgresServerless,
  ValidationError,
  type AuroraEncryptionKeyProps,
  type AuroraPostgresServerlessProps,
} from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { declaredProps } from "../support/declared-props";
import { MINIMAL_PROPS } from "../support/synth";

const DATABASE_PROPS = declaredProps("AuroraPostgresServerlessProps");
const KEY_PROPS = declaredProps("AuroraEncryptionKeyProps");

class Plain {
  public readonly value = "x";
}
const cyclic: Record<string, unknown> = { name: "cyclic" };
cyclic.self = cyclic;
const polluting = (json: string) => JSON.parse(json) as unknown;

/** One of each kind of value a caller, a JSON config or a bug can produce. */
const HOSTILE: readonly unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  -1,
  0.5,
  0.1 + 0.2,
  7,
  300,
  2 ** 31,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  "",
  " ",
  "4",
  "0.5",
  "false",
  "true",
  "null",
  "undefined",
  "NaN",
  "sg-",
  "aws:x",
  "__proto__",
  "${var.x}",
  "\u0000",
  "line\nbreak",
  "💥",
  "x".repeat(100_000),
  true,
  false,
  10n,
  Symbol("hostile"),
  () => "x",
  class Hostile {},
  [],
  [null],
  [undefined],
  [1, 2],
  ["a", "a"],
  ["10.0.0.0/8", "10.0.0.0/8"],
  [[]],
  [{}],
  {},
  Object.create(null),
  { existingKeyArn: 7 },
  { value: "x", applyMethod: "never" },
  { Team: "x", team: "y" },
  { "aws:team": "x" },
  polluting('{"__proto__": {"polluted": "yes"}}'),
  polluting('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  polluting('{"prototype": "x", "toString": "x", "valueOf": "x", "hasOwnProperty": "x"}'),
  new Map([["Team", "x"]]),
  new Set(["x"]),
  new Date(0),
  /regex/,
  new Error("hostile"),
  new Plain(),
  cyclic,
  new Proxy({}, {}),
  Promise.resolve("x"),
  new Uint8Array(2),
];

/** A deterministic generator (mulberry32), so a failure is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === "bigint" || typeof value === "symbol" || typeof value === "function") return String(value).slice(0, 40);
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Builds the construct; returns what went wrong if the outcome is neither a construct that
 * synthesizes nor a ValidationError that names a prop and a received value for each problem.
 */
function attempt(app: App, index: number, build: (stack: TerraformStack) => unknown): string | undefined {
  const stack = new TerraformStack(app, `attempt${index}`);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new RandomProvider(stack, "random");
  try {
    build(stack);
    Testing.synth(stack);
    return undefined;
  } catch (error) {
    if (!(error instanceof ValidationError)) return `threw ${String(error).slice(0, 200)}`;
    const unnamed = error.problems.filter((p) => typeof p.property !== "string" || p.property === "" || !("received" in p) || p.allowed === "");
    if (error.problems.length === 0 || unnamed.length > 0) return `ValidationError without prop or received value: ${error.message}`;
    if (!error.message.includes("received ")) return `message names no received value: ${error.message}`;
    return undefined;
  }
}

function runAll(cases: readonly (readonly [label: string, build: (stack: TerraformStack) => unknown])[]): string[] {
  const app = testApp();
  return cases.flatMap(([label, build], i) => {
    const failure = attempt(app, i, build);
    return failure === undefined ? [] : [`${label}: ${failure}`];
  });
}

const database = (props: unknown) => (stack: TerraformStack) => new AuroraPostgresServerless(stack, "Database", props as AuroraPostgresServerlessProps);
const key = (props: unknown) => (stack: TerraformStack) => new AuroraEncryptionKey(stack, "Key", props as AuroraEncryptionKeyProps);

describe("hostile values", () => {
  it.each(DATABASE_PROPS)("for %s give a construct or a ValidationError, never another error", (prop) => {
    const failures = runAll(HOSTILE.map((value) => [`${prop} = ${describeValue(value)}`, database({ ...MINIMAL_PROPS, [prop]: value })]));
    expect(failures).toEqual([]);
  });

  it.each(KEY_PROPS)("for AuroraEncryptionKey's %s give a construct or a ValidationError", (prop) => {
    const failures = runAll(HOSTILE.map((value) => [`${prop} = ${describeValue(value)}`, key({ name: "orders", [prop]: value })]));
    expect(failures).toEqual([]);
  });

  it("as the props themselves give a ValidationError", () => {
    const failures = runAll(
      HOSTILE.flatMap((value) => [[`props = ${describeValue(value)}`, database(value)] as const, [`key props = ${describeValue(value)}`, key(value)] as const]),
    );
    expect(failures).toEqual([]);
  });

  it("mixed over several props at once, from 200 seeds, give a construct or a ValidationError", () => {
    const cases = Array.from({ length: 200 }, (_, seed) => {
      const next = random(seed);
      const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
      const props: Record<string, unknown> = { ...MINIMAL_PROPS };
      for (let i = 0; i < 1 + Math.floor(next() * 5); i++) props[pick(DATABASE_PROPS)] = pick(HOSTILE);
      return [`seed ${seed}: ${Object.keys(props).join(", ")}`, database(props)] as const;
    });
    expect(runAll(cases)).toEqual([]);
  });

  it("pollute no prototype", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
