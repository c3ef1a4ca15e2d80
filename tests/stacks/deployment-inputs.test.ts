/**
 * The original inputs (aws_region, min_capacity, max_capacity) as environment variables,
 * validated like props, without editing code.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ValidationError } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { defineStacks } from "../../stacks/app";
import type { Environment } from "../../stacks/deployment-inputs";
import { onlyResource, synthEnvironments, validationProblems } from "../support/synth";
import { testApp } from "../support/app";

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
    expect(problems).toEqual([
      { property: "AURORA_AWS_REGION", received: "Mars", allowed: 'an AWS region code such as "us-east-1" or "eu-west-2"' },
    ]);
  });
});

describe("min_capacity and max_capacity", () => {
  it("default to each environment's table", () => {
    expect(scaling({})).toEqual({
      dev: { min_capacity: 0, max_capacity: 1, seconds_until_auto_pause: 300 },
      staging: { min_capacity: 0.5, max_capacity: 4 },
      prod: { min_capacity: 2, max_capacity: 16 },
    });
  });

  it("are overridden for every stack by AURORA_MIN_CAPACITY and AURORA_MAX_CAPACITY", () => {
    expect(scaling({ AURORA_MIN_CAPACITY: "1", AURORA_MAX_CAPACITY: "8" })).toEqual({
      dev: { min_capacity: 1, max_capacity: 8 },
      staging: { min_capacity: 1, max_capacity: 8 },
      prod: { min_capacity: 1, max_capacity: 8 },
    });
  });

  it("let a stack-scoped variable win over the shared one", () => {
    expect(scaling({ AURORA_MIN_CAPACITY: "1", AURORA_STAGING_MIN_CAPACITY: "0" })).toEqual({
      dev: { min_capacity: 1, max_capacity: 1 },
      staging: { min_capacity: 0, max_capacity: 4, seconds_until_auto_pause: 300 },
      prod: { min_capacity: 1, max_capacity: 16 },
    });
  });

  it("update the cost note of setup_instructions", () => {
    const stacks = synthEnvironments({ AURORA_DEV_MIN_CAPACITY: "0.5", AURORA_DEV_MAX_CAPACITY: "2" });
    const text = stacks.dev.json.output.setup_instructions.value as string;
    expect(text).toContain("Capacity: 0.5-2 ACU.");
    expect(text).toContain("~$43.80/month minimum at 0.5 ACU, up to ~$175.20/month at 2 ACU");
  });

  it("refuse text that is not a number, naming the variable and the value", () => {
    const problems = validationProblems(() =>
      defineStacks(testApp(), { AURORA_MIN_CAPACITY: "half", AURORA_DEV_MAX_CAPACITY: "-1" }),
    );
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
