/**
 * Props as plain JavaScript and JSON configs give them: every prop's runtime type is checked
 * before its rules, and every refusal is a ValidationError naming the prop, the value received
 * and what is allowed; a prop that fails its type is judged no further.
 */
import { TerraformStack, TerraformVariable } from "cdktf";
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
import { MINIMAL_PROPS, validationProblems } from "../support/synth";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const NOT_PLAIN = "(a plain object, not an array, a Map or a class instance)";

/** The construct created as a JavaScript caller or a JSON config would: with any value at all. */
function create(props: unknown): AuroraPostgresServerless {
  const stack = new TerraformStack(testApp(), "test");
  return new AuroraPostgresServerless(stack, "Database", props as AuroraPostgresServerlessProps);
}
const withProp = (prop: string, value: unknown) => ({ ...MINIMAL_PROPS, [prop]: value });

class TagSet {
  public readonly Team = "data";
}

describe("a value of the wrong type", () => {
  it.each<[string, unknown, string]>([
    ["minCapacity", "4", 'a number (4, not the string "4")'],
    ["maxCapacity", " 8 ", 'a number (8, not the string " 8 ")'],
    ["readers", "1", 'a number (1, not the string "1")'],
    ["backupRetentionDays", "seven", "a number"],
    ["minCapacity", Number.NaN, "a finite number"],
    ["maxCapacity", Number.POSITIVE_INFINITY, "a finite number"],
    ["skipFinalSnapshot", "false", 'a boolean (false, not the string "false")'],
    ["deletionProtection", "TRUE", 'a boolean (true, not the string "TRUE")'],
    ["iamAuthentication", 1, "true or false"],
    ["name", 42, "a string"],
    ["engineVersion", 17, "a string"],
    ["allowedCidrBlocks", "10.0.0.0/8", "a list of strings"],
    ["subnetIds", "subnet-0123456789abcdef0,subnet-0fedcba9876543210", "a list of strings"],
    ["credentials", "Managed", '"generated", "write-only" or "managed"'],
    ["encryptionKey", { existingKeyArn: KEY_ARN, region: "us-east-1" }, '"aws-managed", "create" or { existingKeyArn: "<KMS key ARN>" }'],
    ["rotationSchedule", true, "a number, or a string"],
    ["dataApi", "true", 'a boolean (true, not the string "true")'],
    ["ssmParameters", 42, "a string"],
    ["proxy", "on", "an object of proxy options ({} takes every default)"],
    ["readers", { count: 1 }, "a number of readers, or a list of reader options ({ scaleWithWriter?, promotionTier? })"],
    ["dashboard", "false", 'a boolean (false, not the string "false")'],
  ])("is refused: %s = %j, naming what is allowed", (prop, value, allowed) => {
    expect(validationProblems(() => create(withProp(prop, value)))).toEqual([{ property: prop, received: value, allowed }]);
  });

  it.each<[string, unknown, string, unknown, string]>([
    ["allowedCidrBlocks", ["10.0.0.0/8", 5], "allowedCidrBlocks[1]", 5, "a string"],
    ["tags", { Team: 5 }, 'tags["Team"]', 5, "a string"],
    ["encryptionKey", { existingKeyArn: 5 }, "encryptionKey.existingKeyArn", 5, "a string"],
    ["encryptionKey", { existingKeyArn: null }, "encryptionKey.existingKeyArn", null, "a string"],
    ["clusterParameters", { work_mem: 64 }, 'clusterParameters["work_mem"]', 64, 'a string value, or { value, applyMethod: "immediate" | "pending-reboot" }'],
    ["clusterParameters", { work_mem: { value: 64, applyMethod: "immediate" } }, 'clusterParameters["work_mem"].value', 64, "a string"],
    ["readers", [{}, { promotionTier: "1" }], "readers[1].promotionTier", "1", 'a number (1, not the string "1")'],
    ["alarms", { deadlocks: { threshold: "0" } }, "alarms.deadlocks.threshold", "0", 'a number (0, not the string "0")'],
    [
      "alarms",
      { emailAddresses: ["oncall@example.com", null] },
      "alarms.emailAddresses[1]",
      null,
      "an email address (a string, known at synth: it keys its subscription)",
    ],
  ])("is refused inside %s = %j, naming the entry", (prop, value, property, received, allowed) => {
    expect(validationProblems(() => create(withProp(prop, value)))).toEqual([{ property, received, allowed }]);
  });

  it("is judged no further: a mistyped minCapacity is not compared with maxCapacity", () => {
    expect(validationProblems(() => create(withProp("minCapacity", "8")))).toEqual([
      { property: "minCapacity", received: "8", allowed: 'a number (8, not the string "8")' },
    ]);
  });

  it("is reported together with every other problem", () => {
    const problems = validationProblems(() => create({ ...MINIMAL_PROPS, name: "Bad", minCapacity: "4", tags: [], minCapcity: 1 }));
    expect(problems.map((problem) => problem.property).sort()).toEqual(["minCapacity", "minCapcity", "name", "tags"]);
  });
});

describe("null", () => {
  it.each(declaredProps("AuroraPostgresServerlessProps"))("is refused for %s, as for every prop", (prop) => {
    const required = prop === "name" || prop === "databaseName";
    expect(validationProblems(() => create(withProp(prop, null)))).toEqual([
      {
        property: prop,
        received: null,
        allowed: expect.stringMatching(required ? / \(required\)$/ : / \(leave the prop out for its default; null is not a value\)$/),
      },
    ]);
  });
});

describe("records", () => {
  it.each<[string, unknown]>([
    ["tags", [["Team", "data"]]],
    ["tags", new Map([["Team", "data"]])],
    ["tags", new TagSet()],
    ["clusterParameters", [["work_mem", "64MB"]]],
    ["clusterParameters", new Map([["work_mem", "64MB"]])],
    ["clusterParameters", new Date(0)],
  ])("must be plain objects: %s = %o is refused", (prop, value) => {
    expect(validationProblems(() => create(withProp(prop, value)))).toEqual([{ property: prop, received: value, allowed: expect.stringContaining(NOT_PLAIN) }]);
  });

  it.each(["tags", "clusterParameters"])("refuse a __proto__ key in %s, which synth would drop without a word", (prop) => {
    const record = JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>;
    expect(validationProblems(() => create(withProp(prop, record)))).toContainEqual({
      property: `${prop}["__proto__"]`,
      received: "__proto__",
      allowed: 'a key other than "__proto__", which cannot be carried into the Terraform configuration',
    });
  });

  it("may come from JSON, null-prototype objects included", () => {
    const tags = Object.assign(Object.create(null) as Record<string, string>, { Team: "data" });
    expect(() => create(withProp("tags", tags))).not.toThrow();
    expect(() => create(JSON.parse('{"name":"json","databaseName":"app","tags":{"Team":"data"},"minCapacity":0}'))).not.toThrow();
  });

  it("must be known at synth as a whole where each entry becomes its own resource argument", () => {
    const stack = new TerraformStack(testApp(), "test");
    const tags = new TerraformVariable(stack, "tags", { type: "map(string)" }).value as Record<string, string>;
    const problems = validationProblems(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, tags }));
    expect(problems).toEqual([{ property: "tags", received: tags, allowed: "an object of tag keys to string values, known at synth" }]);
  });
});

describe("props", () => {
  it.each<unknown>([undefined, null, "alex", 42, [], [MINIMAL_PROPS], new Map(Object.entries(MINIMAL_PROPS)), () => MINIMAL_PROPS])(
    "that are not an object (%o) are refused as a whole",
    (props) => {
      expect(validationProblems(() => create(props))).toEqual([
        { property: "props", received: props, allowed: `an object of props ${NOT_PLAIN}, with at least name and databaseName` },
      ]);
    },
  );

  it("that the construct does not know are refused, naming the nearest known prop", () => {
    expect(validationProblems(() => create({ ...MINIMAL_PROPS, minCapcity: 4 }))).toEqual([
      { property: "minCapcity", received: 4, allowed: "no such prop; did you mean minCapacity?" },
    ]);
  });

  it.each([
    ["iamAuth", "iamAuthentication"],
    ["monitoring", "monitoringIntervalSeconds"],
    ["secretRecovery", "secretRecoveryWindowDays"],
  ])("cut short (%s) are refused naming the known prop they begin, not a shorter one a few edits away", (given, meant) => {
    expect(validationProblems(() => create({ ...MINIMAL_PROPS, [given]: 1 }))).toEqual([
      { property: given, received: 1, allowed: `no such prop; did you mean ${meant}?` },
    ]);
  });

  it.each([
    ["PerformanceInsights", "performanceInsights"],
    ["MINCAPACITY", "minCapacity"],
  ])("written in another case (%s) are refused naming that prop, not a longer one it begins", (given, meant) => {
    expect(validationProblems(() => create({ ...MINIMAL_PROPS, [given]: 1 }))).toEqual([
      { property: given, received: 1, allowed: `no such prop; did you mean ${meant}?` },
    ]);
  });

  it("that a JSON config gives as __proto__ or constructor are refused as unknown, and pollute nothing", () => {
    const json = '{"name":"json","databaseName":"app","__proto__":{"minCapacity":"4"},"constructor":{"name":"x"},"skipFinalSnapshot":"false"}';
    const problems = validationProblems(() => create(JSON.parse(json)));
    expect(problems.map((problem) => problem.property)).toEqual(["__proto__", "constructor", "skipFinalSnapshot"]);
    expect(problems[0]!.allowed).toMatch(/^no such prop; did you mean \w+\?$/);
    expect(({} as Record<string, unknown>).minCapacity).toBeUndefined();
  });
});

describe("AuroraEncryptionKey props", () => {
  const createKey = (props: unknown) => new AuroraEncryptionKey(new TerraformStack(testApp(), "keys"), "Key", props as AuroraEncryptionKeyProps);

  it.each<[unknown, string, unknown, RegExp]>([
    [{ name: "Orders" }, "name", "Orders", /lowercase letters, digits and single hyphens/],
    [{ name: "sg-orders" }, "name", "sg-orders", /AWS refuses group names starting with "sg-"/],
    [{}, "name", undefined, /^a string \(required\)$/],
    [{ name: "orders", deletionWindowDays: 6 }, "deletionWindowDays", 6, /^an integer from 7 to 30$/],
    [{ name: "orders", deletionWindowDays: 31 }, "deletionWindowDays", 31, /^an integer from 7 to 30$/],
    [{ name: "orders", deletionWindowDays: 7.5 }, "deletionWindowDays", 7.5, /^an integer from 7 to 30$/],
    [{ name: "orders", deletionWindowDays: "30" }, "deletionWindowDays", "30", /not the string "30"/],
    [{ name: "orders", deletionWindow: 30 }, "deletionWindow", 30, /did you mean deletionWindowDays\?/],
    [{ name: "orders", tags: { "aws:team": "x" } }, 'tags["aws:team"]', "aws:team", /does not start with "aws:" or "rds:"/],
    [{ name: "orders", tags: { Team: "a", TEAM: "b" } }, 'tags["TEAM"]', "TEAM", /regardless of case/],
    [{ name: "orders", tags: new Map() }, "tags", new Map(), /a plain object/],
    ["orders", "props", "orders", /with at least name$/],
  ])("refuses %j, naming %s", (props, property, received, allowed) => {
    expect(validationProblems(() => createKey(props))).toContainEqual({ property, received, allowed: expect.stringMatching(allowed) });
  });

  it.each<AuroraEncryptionKeyProps>([
    { name: "orders" },
    { name: "orders", deletionWindowDays: 7, tags: { Team: "data" } },
    { name: "orders", deletionWindowDays: 30 },
  ])("accepts %j", (props) => {
    expect(() => createKey(props)).not.toThrow();
  });

  it("allows 50 tags on the key, which gets no tag of the construct's own", () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "x"]));
    expect(() => createKey({ name: "orders", tags })).not.toThrow();
    expect(validationProblems(() => createKey({ name: "orders", tags: { ...tags, t50: "x" } }))).toEqual([
      { property: "tags", received: { ...tags, t50: "x" }, allowed: "at most 50 tags: AWS allows 50 on a resource" },
    ]);
  });

  it("creates nothing when its props are invalid", () => {
    const stack = new TerraformStack(testApp(), "keys");
    expect(() => new AuroraEncryptionKey(stack, "Key", { name: "Orders" })).toThrow(ValidationError);
    expect(stack.node.children).toEqual([]);
  });
});

describe("received values in messages", () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const stack = new TerraformStack(testApp(), "tokens");
  const token = new TerraformVariable(stack, "token", { type: "string" }).stringValue;

  it.each<[unknown, string]>([
    [undefined, "nothing"],
    [null, "null"],
    [Number.NaN, "NaN"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
    [-0, "-0"],
    [10n, "10n"],
    [Symbol("odd"), "Symbol(odd)"],
    [() => 1, "a function"],
    ['say "hi"', '"say \\"hi\\""'],
    [["a", 1n, undefined], '["a","1n","nothing"]'],
    [{ a: 10n, b: Symbol("s") }, '{"a":"10n","b":"Symbol(s)"}'],
    [new Map([["a", 1]]), "an instance of Map"],
    [new TagSet(), "an instance of TagSet"],
    [cyclic, "an object"],
    ["x".repeat(300), `"${"x".repeat(199)}… (302 characters)`],
    [token, "an unresolved token"],
  ])("render %o as %s, and never fail", (received, rendered) => {
    const error = new ValidationError("Subject", [{ property: "prop", received, allowed: "something" }]);
    expect(error.message).toBe(`Subject has 1 invalid input:\n  - prop: received ${rendered}; allowed: something`);
  });
});
