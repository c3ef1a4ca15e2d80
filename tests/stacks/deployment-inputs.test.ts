/**
 * The original inputs (aws_region, min_capacity, max_capacity) as environment variables,
 * validated like props, without editing code.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../modules/aurora-postgresql-serverless/src/private/resolved-props";
import { defineStacks } from "../../stacks/app";
import { knownVariableNames, type Environment } from "../../stacks/deployment-inputs";
import { ENVIRONMENTS, type EnvironmentName } from "../../stacks/environments";
import { prepareSynth } from "../../stacks/synth-gate";
import { testApp } from "../support/app";
import { onlyResource, resourcesOf, synthEnvironments, validationProblems } from "../support/synth";

/** Each environment row's stack, scaled as its row says, or as `override` says for that row. */
function expectedScaling(override: (name: EnvironmentName) => { min?: number; max?: number } = () => ({})) {
  return Object.fromEntries(
    (Object.keys(ENVIRONMENTS) as EnvironmentName[]).map((name) => {
      const min = override(name).min ?? ENVIRONMENTS[name].minCapacity;
      const max = override(name).max ?? ENVIRONMENTS[name].maxCapacity;
      // The module pauses a cluster at 0 ACU after its default idle time.
      return [name, { min_capacity: min, max_capacity: max, ...(min === 0 ? { seconds_until_auto_pause: DEFAULTS.secondsUntilAutoPause } : {}) }];
    }),
  );
}

/** Each environment row's alarm subscriptions: `address(name)` for a row with alarms, none otherwise. */
function expectedSubscriptions(address: (name: EnvironmentName) => string | undefined) {
  return Object.fromEntries(
    (Object.keys(ENVIRONMENTS) as EnvironmentName[]).map((name) => {
      const endpoint = ENVIRONMENTS[name].alarms ? address(name) : undefined;
      return [name, endpoint === undefined ? [] : [["email", endpoint]]];
    }),
  );
}

/** The table's rows with alarms, and one without (the pins of the shipped table live in settings-table.test.ts). */
const ALARM_ROWS = (Object.keys(ENVIRONMENTS) as EnvironmentName[]).filter((name) => ENVIRONMENTS[name].alarms);
const QUIET_ROW = (Object.keys(ENVIRONMENTS) as EnvironmentName[]).find((name) => !ENVIRONMENTS[name].alarms)!;

const scaling = (env: Environment) => {
  const stacks = synthEnvironments(env);
  return Object.fromEntries(
    Object.entries(stacks).map(([name, { json }]) => [name, onlyResource(json, "aws_rds_cluster").body.serverlessv2_scaling_configuration]),
  );
};

describe("aws_region", () => {
  it("defaults to us-east-1", () => {
    for (const { text } of Object.values(synthEnvironments())) {
      expect(text).toHaveProviderWithProperties(AwsProvider, { region: "us-east-1" });
    }
  });

  it("is set for every stack by AURORA_AWS_REGION, and for one by AURORA_<STACK>_AWS_REGION", () => {
    const stacks = synthEnvironments({ AURORA_AWS_REGION: "eu-west-2", AURORA_PROD_AWS_REGION: "eu-central-1" });
    expect(stacks.dev.text).toHaveProviderWithProperties(AwsProvider, { region: "eu-west-2" });
    expect(stacks.staging.text).toHaveProviderWithProperties(AwsProvider, { region: "eu-west-2" });
    expect(stacks.prod.text).toHaveProviderWithProperties(AwsProvider, { region: "eu-central-1" });
    expect(stacks.prod.json.output.setup_instructions.value).toContain("--region eu-central-1");
  });

  it("refuses a value that is not a region code, naming the variable", () => {
    const problems = validationProblems(() => defineStacks(testApp(), { AURORA_AWS_REGION: "Mars" }));
    expect(problems).toEqual([{ property: "AURORA_AWS_REGION", received: "Mars", allowed: 'an AWS region code such as "us-east-1" or "eu-west-2"' }]);
  });
});

describe("min_capacity and max_capacity", () => {
  it("default to each environment's table", () => {
    expect(scaling({})).toEqual(expectedScaling());
  });

  it("are overridden for every stack by AURORA_MIN_CAPACITY and AURORA_MAX_CAPACITY", () => {
    expect(scaling({ AURORA_MIN_CAPACITY: "1", AURORA_MAX_CAPACITY: "8" })).toEqual(expectedScaling(() => ({ min: 1, max: 8 })));
  });

  it("let a stack-scoped variable win over the shared one", () => {
    // One row paused at 0, every other row at least 1 ACU (the shared minimum), below its own maximum.
    const scoped = ALARM_ROWS[0]!;
    const env = { AURORA_MIN_CAPACITY: "1", [`AURORA_${scoped.toUpperCase()}_MIN_CAPACITY`]: "0" };
    expect(scaling(env)).toEqual(expectedScaling((name) => ({ min: name === scoped ? 0 : 1 })));
  });

  it("update the cost note of setup_instructions", () => {
    const stacks = synthEnvironments({ AURORA_DEV_MIN_CAPACITY: "0.5", AURORA_DEV_MAX_CAPACITY: "2" });
    const text = stacks.dev.json.output.setup_instructions.value as string;
    expect(text).toContain("Capacity: 0.5-2 ACU.");
    expect(text).toContain("~$43.80/month minimum at 0.5 ACU, up to ~$175.20/month at 2 ACU");
  });

  it("refuse text that is not a number, naming the variable and the value", () => {
    const problems = validationProblems(() => defineStacks(testApp(), { AURORA_MIN_CAPACITY: "half", AURORA_DEV_MAX_CAPACITY: "-1" }));
    expect(problems).toEqual([
      { property: "AURORA_MIN_CAPACITY", received: "half", allowed: "a number of ACUs such as 0, 0.5 or 4" },
      { property: "AURORA_DEV_MAX_CAPACITY", received: "-1", allowed: "a number of ACUs such as 0, 0.5 or 4" },
    ]);
  });

  it("are held to the module's rules, and the error names the variable they came from", () => {
    let error: unknown;
    try {
      defineStacks(testApp(), { AURORA_PROD_MAX_CAPACITY: "300", AURORA_PROD_MIN_CAPACITY: "0.3" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const { message, problems } = error as ValidationError;
    expect(problems).toContainEqual({
      property: "maxCapacity (from AURORA_PROD_MAX_CAPACITY)",
      received: 300,
      allowed: "1 to 256 ACUs in steps of 0.5",
    });
    expect(problems).toContainEqual({
      property: "minCapacity (from AURORA_PROD_MIN_CAPACITY)",
      received: 0.3,
      allowed: "0 to 256 ACUs in steps of 0.5",
    });
    expect(message).toContain('AuroraPostgresServerless "prod/Database"');
  });

  it("accept valid values at the edges", () => {
    expect(() => defineStacks(testApp(), { AURORA_MIN_CAPACITY: "0", AURORA_MAX_CAPACITY: "256" })).not.toThrow();
  });
});

describe("a value that breaks a rule together with another", () => {
  it("names the variable the user set, not only the prop it fed", () => {
    const problems = validationProblems(() => defineStacks(testApp(), { AURORA_DEV_MIN_CAPACITY: "8" }));
    expect(problems).toEqual([
      {
        property: "maxCapacity (minCapacity from AURORA_DEV_MIN_CAPACITY)",
        received: 1,
        allowed: "at least minCapacity (8)",
        related: ["minCapacity"],
      },
    ]);
  });

  it("names every variable involved when both were set", () => {
    const problems = validationProblems(() => defineStacks(testApp(), { AURORA_MIN_CAPACITY: "8", AURORA_STAGING_MAX_CAPACITY: "4" }));
    expect(problems.map((problem) => problem.property)).toContain(
      'AuroraPostgresServerless "staging/Database": maxCapacity (from AURORA_STAGING_MAX_CAPACITY; minCapacity from AURORA_MIN_CAPACITY)',
    );
  });
});

describe("AURORA_ variables", () => {
  it("are refused when the app does not know them, naming the nearest known variable", () => {
    const problems = validationProblems(() =>
      defineStacks(testApp(), { AURORA_STAGNG_MAX_CAPACITY: "8", AURORA_REGION: "eu-west-2", AURORA_PREVIEW_7_MIN_CAPACITY: "0" }),
    );
    expect(problems).toEqual([
      { property: "AURORA_STAGNG_MAX_CAPACITY", received: "8", allowed: "a variable the app reads; did you mean AURORA_STAGING_MAX_CAPACITY?" },
      { property: "AURORA_REGION", received: "eu-west-2", allowed: "a variable the app reads; did you mean AURORA_AWS_REGION?" },
      { property: "AURORA_PREVIEW_7_MIN_CAPACITY", received: "0", allowed: "a variable the app reads; did you mean AURORA_DEV_MIN_CAPACITY?" },
    ]);
  });

  it("are known for every database stack the app defines, the preview stack when PREVIEW_ID is set", () => {
    expect(() => defineStacks(testApp(), { PREVIEW_ID: "7", AURORA_PREVIEW_7_MIN_CAPACITY: "0" })).not.toThrow();
    expect(knownVariableNames(["dev", "preview-7"])).toEqual([
      "AURORA_AWS_REGION",
      "AURORA_DEV_AWS_REGION",
      "AURORA_PREVIEW_7_AWS_REGION",
      "AURORA_MIN_CAPACITY",
      "AURORA_DEV_MIN_CAPACITY",
      "AURORA_PREVIEW_7_MIN_CAPACITY",
      "AURORA_MAX_CAPACITY",
      "AURORA_DEV_MAX_CAPACITY",
      "AURORA_PREVIEW_7_MAX_CAPACITY",
      "AURORA_DEV_RESTORE_SNAPSHOT",
      "AURORA_PREVIEW_7_RESTORE_SNAPSHOT",
      "AURORA_ALARM_EMAIL",
      "AURORA_CLUSTER_ARN",
      "AURORA_SECRET_ARN",
      "AURORA_ENDPOINT",
      "AURORA_SSM_PARAMETER_PATH",
      "AURORA_DATA_API_ENDPOINT",
    ]);
  });

  it("include every name setup_instructions tells users to put into .env, so a sourced .env passes", () => {
    const stacks = synthEnvironments();
    const env: Record<string, string> = {};
    for (const { json } of Object.values(stacks)) {
      for (const [, name, value] of (json.output.setup_instructions.value as string).matchAll(/^(AURORA_\w+)=(.*)$/gm)) env[name!] = value!;
    }
    expect(Object.keys(env).sort()).toEqual(["AURORA_CLUSTER_ARN", "AURORA_ENDPOINT", "AURORA_SECRET_ARN", "AURORA_SSM_PARAMETER_PATH"]);
    // aurora-db local prints this one for the same .env.
    env.AURORA_DATA_API_ENDPOINT = "http://127.0.0.1:8432";
    expect(() => defineStacks(testApp(), env)).not.toThrow();
  });
});

describe("AURORA_ALARM_EMAIL", () => {
  const subscribed = (env: Environment) =>
    Object.fromEntries(
      Object.entries(synthEnvironments(env)).map(([name, { json }]) => [
        name,
        Object.values(resourcesOf(json, "aws_sns_topic_subscription")).map((subscription) => [subscription.protocol, subscription.endpoint]),
      ]),
    );

  it("subscribes the address to the alarm topic of every stack with alarms, never one without", () => {
    expect(ALARM_ROWS.length).toBeGreaterThan(0);
    expect(QUIET_ROW).toBeDefined();
    expect(subscribed({ AURORA_ALARM_EMAIL: "oncall@example.com" })).toEqual(expectedSubscriptions(() => "oncall@example.com"));
  });

  it("takes a stack-scoped form that wins for that stack", () => {
    const [first, last] = [ALARM_ROWS[0]!, ALARM_ROWS.at(-1)!];
    const scoped = (name: string) => `AURORA_${name.toUpperCase()}_ALARM_EMAIL`;
    expect(subscribed({ AURORA_ALARM_EMAIL: "oncall@example.com", [scoped(last)]: "scoped-oncall@example.com" })).toEqual(
      expectedSubscriptions((name) => (name === last ? "scoped-oncall@example.com" : "oncall@example.com")),
    );
    expect(subscribed({ [scoped(first)]: "qa@example.com" })).toEqual(expectedSubscriptions((name) => (name === first ? "qa@example.com" : undefined)));
  });

  it("is refused, naming the variable, for dev and previews, which have no alarms", () => {
    const problems = validationProblems(() =>
      defineStacks(testApp(), { PREVIEW_ID: "7", AURORA_DEV_ALARM_EMAIL: "me@example.com", AURORA_PREVIEW_7_ALARM_EMAIL: "me@example.com" }),
    );
    expect(problems.map((problem) => [problem.property, problem.allowed])).toEqual([
      ["AURORA_DEV_ALARM_EMAIL", expect.stringMatching(/^a variable the app reads; did you mean AURORA_\w+\?$/)],
      ["AURORA_PREVIEW_7_ALARM_EMAIL", expect.stringMatching(/^a variable the app reads; did you mean AURORA_\w+\?$/)],
    ]);
    expect(knownVariableNames(["dev", "staging", "prod"], ["staging", "prod"], ["staging", "prod"]).filter((name) => name.endsWith("ALARM_EMAIL"))).toEqual([
      "AURORA_ALARM_EMAIL",
      "AURORA_STAGING_ALARM_EMAIL",
      "AURORA_PROD_ALARM_EMAIL",
    ]);
  });

  it("is held to the module's rule for addresses, and the error names the variable the user set", () => {
    const allowed = 'an email address such as "oncall@example.com"';
    expect(validationProblems(() => defineStacks(testApp(), { AURORA_PROD_ALARM_EMAIL: "oncall at example.com" }))).toEqual([
      { property: "alarms.emailAddresses[0] (from AURORA_PROD_ALARM_EMAIL)", received: "oncall at example.com", allowed },
    ]);
    // The shared address reaches every row with alarms: each stack reports it.
    expect(validationProblems(() => defineStacks(testApp(), { AURORA_ALARM_EMAIL: "oncall@" }))).toEqual(
      ALARM_ROWS.map((name) => ({
        property: `AuroraPostgresServerless "${name}/Database": alarms.emailAddresses[0] (from AURORA_ALARM_EMAIL)`,
        received: "oncall@",
        allowed,
      })),
    );
  });
});

describe("the README's example of a refused input", () => {
  const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Deployment inputs"), readme.indexOf("### Outputs"));
  const example = /```sh\n((?:[A-Z_0-9]+=\S+ )+)npm run synth\n```\s*```text\n([\s\S]*?)\n```/.exec(section);

  it("is what the app prints for the example's variables, verbatim", () => {
    expect(example, "a sh block with variables, followed by a text block").not.toBeNull();
    const env = Object.fromEntries(
      example![1]!
        .trim()
        .split(" ")
        .map((assignment) => assignment.split("=") as [string, string]),
    );
    expect(prepareSynth(testApp(), env)).toBe(example![2]);
  });
});
