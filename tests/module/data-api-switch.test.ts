/**
 * The Data API switch: on by default; off only together with the Lambda role, which exists for
 * Data API access alone; grants refuse a Data API that is off; the engine's Data API minimum
 * applies only while it is on.
 */
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, ValidationError } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { databaseStack, MINIMAL_PROPS, onlyResource, resourcesOf, synthDatabase, synthesize, validationProblems, type Block } from "../support/synth";

const OFF = { dataApi: false, createLambdaRole: false } as const;
const cluster = (json: Block) => onlyResource(json, "aws_rds_cluster").body;
const LAMBDA_ROLE_REFUSED = {
  property: "createLambdaRole",
  received: true,
  allowed:
    "false while dataApi is false: the Lambda role exists only for Data API access, " +
    "so set createLambdaRole: false when turning the Data API off (or keep dataApi: true)",
  related: ["dataApi"],
};

describe("dataApi", () => {
  it("is on by default, stated explicitly on the cluster", () => {
    expect(cluster(synthDatabase().json).enable_http_endpoint).toBe(true);
  });

  it("turns the cluster's HTTP endpoint off, and leaves no Lambda role or policy behind", () => {
    const { json } = synthDatabase(OFF);
    expect(cluster(json).enable_http_endpoint).toBe(false);
    expect(Object.values(resourcesOf(json, "aws_iam_role")).map((role) => role.name)).toEqual(["test-rds-monitoring-role"]);
    expect(resourcesOf(json, "aws_iam_role_policy")).toEqual({});
  });

  it("changes the cluster in place: no argument that replaces the cluster (the lifetime's keepers) moves", () => {
    const keepers = (json: Block) =>
      Object.values(resourcesOf(json, "random_id"))
        .map((id) => id.keepers)
        .filter(Boolean);
    const on = synthDatabase().json;
    const off = synthDatabase(OFF).json;
    expect(keepers(off)).toEqual(keepers(on));
    expect(keepers(on)).toHaveLength(1);
    const { enable_http_endpoint: before, ...restOn } = cluster(on);
    const { enable_http_endpoint: after, ...restOff } = cluster(off);
    expect([before, after]).toEqual([true, false]);
    expect(restOff).toEqual(restOn);
  });

  it("refuses the default Lambda role when off, saying to set createLambdaRole: false", () => {
    expect(validationProblems(() => databaseStack({ dataApi: false }))).toEqual([LAMBDA_ROLE_REFUSED]);
    expect(validationProblems(() => databaseStack({ dataApi: false, createLambdaRole: true }))).toEqual([LAMBDA_ROLE_REFUSED]);
  });

  it("keeps the Lambda role optional while on", () => {
    expect(() => databaseStack({ dataApi: true, createLambdaRole: false })).not.toThrow();
    expect(() => databaseStack({ dataApi: true, createLambdaRole: true })).not.toThrow();
  });

  it("leaves lambdaFunctionNamePrefix coherent: it still needs the Lambda role, and one conflict is reported once", () => {
    expect(validationProblems(() => databaseStack({ ...OFF, lambdaFunctionNamePrefix: "orders-" }))).toEqual([
      {
        property: "lambdaFunctionNamePrefix",
        received: "orders-",
        allowed: "unset unless createLambdaRole is true: it limits the Lambda role's log writes",
        related: ["createLambdaRole"],
      },
    ]);
    expect(validationProblems(() => databaseStack({ dataApi: false, lambdaFunctionNamePrefix: "orders-" }))).toEqual([LAMBDA_ROLE_REFUSED]);
  });

  it("is a boolean known at synth", () => {
    const stack = new TerraformStack(testApp(), "test");
    const token = new TerraformVariable(stack, "dataApi", { type: "bool" }).booleanValue as unknown as boolean;
    expect(validationProblems(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, dataApi: token }))).toEqual([
      { property: "dataApi", received: token, allowed: "true or false, known at synth" },
    ]);
    expect(validationProblems(() => databaseStack({ dataApi: "false" as never }))).toEqual([
      { property: "dataApi", received: "false", allowed: 'a boolean (false, not the string "false")' },
    ]);
  });
});

describe("the engine's Data API minimum", () => {
  const pinned = { engineVersion: "15.2", autoMinorVersionUpgrade: false } as const;

  it("applies while the Data API is on", () => {
    expect(validationProblems(() => databaseStack(pinned))).toEqual([
      {
        property: "engineVersion",
        received: "15.2",
        allowed: '15.3 or later for major 15: earlier versions have no RDS Data API (or "15" for the current default minor, or dataApi: false)',
        related: ["dataApi"],
      },
    ]);
  });

  it("does not apply while it is off: a minor without the Data API is accepted and synthesized", () => {
    const { json } = synthDatabase({ ...OFF, ...pinned });
    expect(cluster(json)).toMatchObject({ engine_version: "15.2", enable_http_endpoint: false });
  });

  it("leaves the other engine rules in force while it is off", () => {
    expect(validationProblems(() => databaseStack({ ...OFF, engineVersion: "15.4", autoMinorVersionUpgrade: false }))).toEqual([
      expect.objectContaining({ property: "engineVersion", allowed: expect.stringMatching(/retired on 2025-09-30/) }),
    ]);
    expect(validationProblems(() => databaseStack({ ...OFF, engineVersion: "16.0", minCapacity: 0 }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ property: "minCapacity", allowed: expect.stringMatching(/needs 16\.3 or later/) })]),
    );
  });
});

describe("grantDataApiAccess", () => {
  it("refuses to grant a Data API that is off, naming dataApi, and adds nothing", () => {
    const { stack, database } = databaseStack(OFF);
    let error: unknown;
    try {
      database.grantDataApiAccess("Worker", { name: "worker-role" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).subject).toBe('grantDataApiAccess on "test/Database"');
    expect((error as ValidationError).problems).toEqual([
      { property: "dataApi", received: false, allowed: "true, so that there is a Data API to grant (enable_http_endpoint)" },
    ]);
    expect(database.node.tryFindChild("Worker")).toBeUndefined();
    expect(resourcesOf(synthesize(stack).json, "aws_iam_role_policy")).toEqual({});
  });

  it("reports a bad id together with the Data API being off", () => {
    const { database } = databaseStack(OFF);
    expect(validationProblems(() => database.grantDataApiAccess("has space", { name: "worker-role" })).map((p) => p.property)).toEqual(["dataApi", "id"]);
  });

  it("grants while the Data API is on", () => {
    const { database } = databaseStack();
    expect(database.grantDataApiAccess("Worker", { name: "worker-role" })).toBeInstanceOf(IamRolePolicy);
  });
});
