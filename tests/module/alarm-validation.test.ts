/**
 * The `alarms` and `dashboard` props: every field's type and rule, each with a value it refuses
 * and one it accepts, and the documented defaults held equal to ALARM_DEFAULTS.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, type AlarmOptions, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { ALARM_DEFAULTS } from "../../modules/aurora-postgresql-serverless/src/private/resolved-props";
import { testApp } from "../support/app";
import { databaseStack, MINIMAL_PROPS, validationProblems } from "../support/synth";

const create = (props: Partial<AuroraPostgresServerlessProps> | Record<string, unknown>) =>
  new AuroraPostgresServerless(new TerraformStack(testApp(), "test"), "Database", { ...MINIMAL_PROPS, ...props } as AuroraPostgresServerlessProps);
const alarms = (options: unknown) => validationProblems(() => create({ alarms: options as AlarmOptions }));
const accepts = (options: AlarmOptions, props: Partial<AuroraPostgresServerlessProps> = {}) =>
  expect(() => databaseStack({ ...props, alarms: options })).not.toThrow();

describe("alarm thresholds", () => {
  it.each<[keyof AlarmOptions, number, string]>([
    ["acuUtilization", 0, "a percentage of maxCapacity greater than 0 and at most 100"],
    ["acuUtilization", 100.5, "a percentage of maxCapacity greater than 0 and at most 100"],
    ["cpuUtilization", -5, "a percentage of the CPU at maxCapacity greater than 0 and at most 100"],
    ["cpuUtilization", 101, "a percentage of the CPU at maxCapacity greater than 0 and at most 100"],
    ["freeableMemory", 0, "a percentage of the memory at maxCapacity greater than 0 and below 100"],
    ["freeableMemory", 100, "a percentage of the memory at maxCapacity greater than 0 and below 100"],
    ["databaseConnections", 0, "a percentage of max_connections greater than 0 and at most 100"],
    ["databaseConnections", 120, "a percentage of max_connections greater than 0 and at most 100"],
    ["replicaLag", 0, "a number of milliseconds greater than 0"],
    ["deadlocks", -0.1, "a number of deadlocks per second, 0 or more"],
  ])("refuse %s.threshold %d, naming the field and its range", (kind, threshold, allowed) => {
    expect(alarms({ [kind]: { threshold } })).toEqual([{ property: `alarms.${kind}.threshold`, received: threshold, allowed }]);
  });

  it.each<[keyof AlarmOptions, number]>([
    ["acuUtilization", 100],
    ["acuUtilization", 0.5],
    ["cpuUtilization", 100],
    ["freeableMemory", 99.5],
    ["databaseConnections", 100],
    ["replicaLag", 0.5],
    ["deadlocks", 0],
  ])("accept %s.threshold %d", (kind, threshold) => {
    accepts({ [kind]: { threshold } });
  });

  it.each([0, 1441, 2.5, -1])("refuse evaluationPeriods %d: an integer from 1 to 1440 one-minute periods", (evaluationPeriods) => {
    expect(alarms({ cpuUtilization: { evaluationPeriods } })).toEqual([
      {
        property: "alarms.cpuUtilization.evaluationPeriods",
        received: evaluationPeriods,
        allowed: "an integer from 1 to 1440 one-minute periods (CloudWatch evaluates at most a day)",
      },
    ]);
  });

  it.each([1, 1440])("accept evaluationPeriods %d", (evaluationPeriods) => {
    accepts({ replicaLag: { evaluationPeriods }, deadlocks: { evaluationPeriods } }, { readers: 1 });
  });

  it("report every broken field of every alarm together", () => {
    const problems = alarms({ acuUtilization: { threshold: 0, evaluationPeriods: 0 }, deadlocks: { threshold: -1 } });
    expect(problems.map((problem) => problem.property)).toEqual([
      "alarms.acuUtilization.threshold",
      "alarms.acuUtilization.evaluationPeriods",
      "alarms.deadlocks.threshold",
    ]);
  });
});

describe("alarm types, for JavaScript callers and JSON configs", () => {
  it.each<[unknown, string, unknown, string]>([
    ["all", "alarms", "all", expect.stringMatching(/^alarm options \{ topicArn\?, emailAddresses\?, acuUtilization\?/)],
    [[], "alarms", [], expect.stringMatching(/^alarm options/)],
    [{ cpuUtilisation: { threshold: 80 } }, "alarms.cpuUtilisation", { threshold: 80 }, "no such field; did you mean cpuUtilization?"],
    [{ cpuUtilization: { treshold: 80 } }, "alarms.cpuUtilization.treshold", 80, "no such field; did you mean threshold?"],
    [{ cpuUtilization: { threshold: "80" } }, "alarms.cpuUtilization.threshold", "80", 'a number (80, not the string "80")'],
    [{ cpuUtilization: 80 }, "alarms.cpuUtilization", 80, "{ threshold?, evaluationPeriods? }, numbers known at synth"],
    [{ replicaLag: null }, "alarms.replicaLag", null, expect.stringContaining("null is not a value")],
    [{ emailAddresses: "oncall@example.com" }, "alarms.emailAddresses", "oncall@example.com", "a list of email addresses, known at synth"],
    [{ emailAddresses: [42] }, "alarms.emailAddresses[0]", 42, "an email address (a string, known at synth: it keys its subscription)"],
    [{ topicArn: 42 }, "alarms.topicArn", 42, "a string"],
  ])("refuse %j, naming %s", (options, property, received, allowed) => {
    expect(alarms(options)).toEqual([{ property, received, allowed }]);
  });

  it("refuse thresholds and addresses that are tokens, which the alarms' descriptions and subscriptions need at synth", () => {
    const stack = new TerraformStack(testApp(), "test");
    const threshold = new TerraformVariable(stack, "threshold", { type: "number" }).numberValue;
    const address = new TerraformVariable(stack, "address", { type: "string" }).stringValue;
    const problems = validationProblems(
      () => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, alarms: { cpuUtilization: { threshold }, emailAddresses: [address] } }),
    );
    expect(problems.map((problem) => [problem.property, problem.allowed])).toEqual([
      ["alarms.emailAddresses[0]", "an email address (a string, known at synth: it keys its subscription)"],
      ["alarms.cpuUtilization.threshold", "a number, known at synth"],
    ]);
  });

  it("accept a topic ARN that is a token (another stack's topic)", () => {
    expect(() => databaseStack((stack) => ({ alarms: { topicArn: new TerraformVariable(stack, "topic", { type: "string" }).stringValue } }))).not.toThrow();
  });

  it("refuse a dashboard switch that is not a boolean", () => {
    expect(validationProblems(() => create({ dashboard: "true" }))).toEqual([
      { property: "dashboard", received: "true", allowed: 'a boolean (true, not the string "true")' },
    ]);
  });
});

describe("the alarm topic", () => {
  it.each([
    "team-alarms",
    "arn:aws:sns:us-east-1:123456789012",
    "arn:aws:sqs:us-east-1:123456789012:team-alarms",
    "arn:aws:sns:us-east-1:12345678901:team-alarms",
    "arn:aws:sns:useast1:123456789012:team-alarms",
    "arn:awsgov:sns:us-gov-west-1:123456789012:team-alarms",
    "arn:aws:sns:us-east-1:123456789012:team alarms",
    `arn:aws:sns:us-east-1:123456789012:${"t".repeat(257)}`,
  ])("refuses %s as topicArn", (topicArn) => {
    expect(alarms({ topicArn })).toEqual([
      {
        property: "alarms.topicArn",
        received: topicArn,
        allowed: 'an SNS topic ARN, "arn:<partition>:sns:<region>:<account>:<topic name>", such as "arn:aws:sns:us-east-1:123456789012:orders-alarms"',
      },
    ]);
  });

  it.each([
    "arn:aws:sns:us-east-1:123456789012:team-alarms",
    "arn:aws:sns:us-east-1:123456789012:Team_Alarms",
    "arn:aws:sns:us-east-1:123456789012:alarms.fifo",
  ])("accepts %s as topicArn", (topicArn) => {
    accepts({ topicArn });
  });
});

describe("email addresses", () => {
  const EMAIL = 'an email address such as "oncall@example.com"';

  it.each([
    "oncall",
    "oncall@",
    "@example.com",
    "on call@example.com",
    "oncall@example",
    ".oncall@example.com",
    "on..call@example.com",
    "oncall@-example.com",
    `${"a".repeat(65)}@example.com`,
  ])("refuse %s", (address) => {
    expect(alarms({ emailAddresses: ["ok@example.com", address] })).toEqual([{ property: "alarms.emailAddresses[1]", received: address, allowed: EMAIL }]);
  });

  it.each(["oncall@example.com", "dba+alarms@sub.example.org", "first.last@example.co.uk", "O'Brien@Example.com"])("accept %s", (address) => {
    accepts({ emailAddresses: [address] });
  });

  it("are listed once, case ignored: each is one subscription", () => {
    expect(alarms({ emailAddresses: ["oncall@example.com", "dba@example.com", "OnCall@Example.com"] })).toEqual([
      {
        property: "alarms.emailAddresses[2]",
        received: "OnCall@Example.com",
        allowed: "an address listed once (case ignored): each address is one subscription",
      },
    ]);
  });

  it("belong to the topic the construct creates: refused with topicArn", () => {
    expect(alarms({ topicArn: "arn:aws:sns:us-east-1:123456789012:team-alarms", emailAddresses: ["oncall@example.com"] })).toEqual([
      {
        property: "alarms.emailAddresses",
        received: ["oncall@example.com"],
        allowed: "no addresses with topicArn: the construct subscribes addresses only to the topic it creates; subscribe them to your own topic there",
      },
    ]);
    accepts({ topicArn: "arn:aws:sns:us-east-1:123456789012:team-alarms", emailAddresses: [] });
  });
});

describe("the capacity range", () => {
  it("must be known at synth for alarms and for a dashboard, which derive thresholds and annotations from it", () => {
    const stack = new TerraformStack(testApp(), "test");
    const maxCapacity = new TerraformVariable(stack, "max", { type: "number" }).numberValue;
    const problems = validationProblems(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, maxCapacity, alarms: {}, dashboard: true }));
    expect(problems).toEqual([
      {
        property: "alarms",
        received: {},
        allowed: "minCapacity and maxCapacity known at synth alongside: the memory and connection thresholds derive from them",
        related: ["minCapacity", "maxCapacity"],
      },
      {
        property: "dashboard",
        received: true,
        allowed: "false, or minCapacity and maxCapacity known at synth alongside: the capacity graph marks them",
        related: ["minCapacity", "maxCapacity"],
      },
    ]);
  });

  it("may stay a token without alarms or a dashboard", () => {
    expect(() =>
      databaseStack((stack) => ({ maxCapacity: new TerraformVariable(stack, "max", { type: "number" }).numberValue, dashboard: false })),
    ).not.toThrow();
  });
});

describe("the documented defaults of AlarmOptions", () => {
  const source = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/src/props.ts"), "utf8");
  const body = source.slice(source.indexOf("export interface AlarmOptions {"), source.indexOf("\n}", source.indexOf("export interface AlarmOptions {")));
  const documented = Object.fromEntries(
    [...body.matchAll(/@default ([^\n]+)\n(?:[^\n]*\n)*?\s*readonly (\w+)\?:/g)]
      .map(([, value, field]) => [field!, value!.trim()] as const)
      .filter(([, value]) => /^(?:[[{]|true$|false$)/.test(value))
      .map(([field, value]) => [field, JSON.parse(value.replace(/(\w+):/g, '"$1":')) as unknown]),
  );

  it("are ALARM_DEFAULTS, field for field", () => {
    expect(documented).toEqual(ALARM_DEFAULTS);
  });
});
