/**
 * Settings AWS derives from each other, and engine floors that hold whatever else is chosen: the
 * proxy's idle share follows RDS's own default (half of maxConnectionsPercent) instead of a fixed
 * 50, and every engineVersion must be one that runs Serverless v2, the Data API on or off.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformVariable } from "cdktf";
import { AuroraGlobalSecondary } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { databaseStack, onlyResource, synthDatabase, synthesize, validationProblems } from "../support/synth";

const poolOf = (proxy: Record<string, unknown>) =>
  onlyResource(synthDatabase({ minCapacity: 0.5, proxy }).json, "aws_db_proxy_default_target_group").body.connection_pool_config;

describe("proxy.maxIdleConnectionsPercent's default", () => {
  it("is half of a given maxConnectionsPercent, never above it, as RDS derives it", () => {
    expect(poolOf({ maxConnectionsPercent: 30 })).toMatchObject({ max_connections_percent: 30, max_idle_connections_percent: 15 });
    expect(poolOf({ maxConnectionsPercent: 35 })).toMatchObject({ max_connections_percent: 35, max_idle_connections_percent: 17 });
    expect(poolOf({ maxConnectionsPercent: 1 })).toMatchObject({ max_connections_percent: 1, max_idle_connections_percent: 0 });
  });

  it("is 50 with maxConnectionsPercent's default of 100", () => {
    expect(poolOf({})).toMatchObject({ max_connections_percent: 100, max_idle_connections_percent: 50 });
  });

  it("is what the user gives, when given", () => {
    expect(poolOf({ maxConnectionsPercent: 30, maxIdleConnectionsPercent: 30 })).toMatchObject({ max_idle_connections_percent: 30 });
  });

  it("is halved by Terraform when maxConnectionsPercent is a reference", () => {
    const { stack } = databaseStack((scope) => ({
      minCapacity: 0.5,
      proxy: { maxConnectionsPercent: new TerraformVariable(scope, "share", { type: "number" }).numberValue },
    }));
    const pool = onlyResource(synthesize(stack).json, "aws_db_proxy_default_target_group").body.connection_pool_config;
    expect(pool.max_idle_connections_percent).toBe("${floor((var.share / 2))}");
  });
});

describe("engineVersion below the first minor with Serverless v2", () => {
  it.each([
    ["13.5", "13.6"],
    ["14.2", "14.3"],
    ["15.1", "15.2"],
    ["16.0", "16.1"],
    ["17.3", "17.4"],
  ])("refuses %s, naming %s as the floor, with the Data API off", (engineVersion, floor) => {
    expect(validationProblems(() => databaseStack({ engineVersion, dataApi: false, createLambdaRole: false, autoMinorVersionUpgrade: false }))).toEqual([
      {
        property: "engineVersion",
        received: engineVersion,
        allowed: expect.stringMatching(
          new RegExp(
            `^${floor.replace(".", "\\.")} or later for major ${floor.split(".")[0]}: earlier minors have no Serverless v2 \\(db\\.serverless\\) instances`,
          ),
        ),
      },
    ]);
  });

  it.each(["13.6", "14.3", "15.2", "16.1", "17.4", "16"])("accepts %s with the Data API off", (engineVersion) => {
    const autoMinorVersionUpgrade = !engineVersion.includes(".");
    expect(() => databaseStack({ engineVersion, dataApi: false, createLambdaRole: false, autoMinorVersionUpgrade })).not.toThrow();
  });

  it("holds for a global database's secondary too", () => {
    const { stack } = databaseStack({});
    const provider = new AwsProvider(stack, "west", { region: "us-west-2", alias: "west" });
    const secondary = (engineVersion: string) => () =>
      new AuroraGlobalSecondary(stack, `Secondary${engineVersion.replace(".", "")}`, {
        name: "test",
        globalClusterIdentifier: "test-aurora-global",
        engineVersion,
        autoMinorVersionUpgrade: false,
        dataApi: false,
        provider,
      });
    expect(validationProblems(secondary("14.2"))).toEqual([
      expect.objectContaining({ property: "engineVersion", received: "14.2", allowed: expect.stringMatching(/^14\.3 or later/) }),
    ]);
    expect(secondary("14.3")).not.toThrow();
  });
});
