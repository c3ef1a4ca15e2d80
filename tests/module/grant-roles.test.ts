/**
 * The role every grant method takes: a literal that is not an IAM role's name (empty, an ARN, a
 * path, too long, other characters) and a role of another CDKTF app are refused, naming the
 * method and the role; a role of this app, from any of its stacks, and a valid name pass.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, TerraformVariable } from "cdktf";
import type { AuroraPostgresServerless, RoleReference } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { databaseStack, validationProblems } from "../support/synth";

const ROLE_NAME_RULE = "an IAM role's name: 1 to 64 letters, digits and + = , . @ _ - (no path, no ARN)";
const OTHER_APP = "a role of this construct's app: Terraform cannot resolve a reference to a resource of another CDKTF app";

/** Every grant method, with what each needs on the database to be made. */
const GRANTS: readonly [string, (database: AuroraPostgresServerless, role: RoleReference) => unknown][] = [
  ["grantDataApiAccess", (database, role) => database.grantDataApiAccess("Grant", role)],
  ["grantReadParameters", (database, role) => database.grantReadParameters("Grant", role)],
  ["grantConnect", (database, role) => database.grantConnect("Grant", role, "app_user")],
  ["grantProxyConnect", (database, role) => database.grantProxyConnect("Grant", role, "app_user")],
  ["grantPerformanceInsightsRead", (database, role) => database.grantPerformanceInsightsRead("Grant", role)],
];

const grantable = () =>
  databaseStack({
    ssmParameters: "/orders/dev",
    minCapacity: 0.5,
    proxy: { iamAuthentication: true, users: [{ username: "app_user", secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/app-AbC123" }] },
  });

const roleOfAnotherApp = () => {
  const stack = new TerraformStack(testApp(), "other");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return new IamRole(stack, "Worker", { name: "worker", assumeRolePolicy: "{}" });
};

describe.each(GRANTS)("%s", (method, grant) => {
  it.each([
    ["", ROLE_NAME_RULE],
    ["worker role", ROLE_NAME_RULE],
    ["team/worker", ROLE_NAME_RULE],
    ["w".repeat(65), ROLE_NAME_RULE],
    ["arn:aws:iam::123456789012:role/service/worker", `the role's name, not its ARN (here "worker"): ${ROLE_NAME_RULE}`],
  ])("refuses the role name %j, naming the method", (name, allowed) => {
    const { database } = grantable();
    expect(() => grant(database, { name })).toThrow(new RegExp(`^${method} on "test/Database"`));
    expect(validationProblems(() => grant(database, { name }))).toEqual([{ property: "role.name", received: name, allowed }]);
  });

  it("refuses a role of another CDKTF app, as a construct and as its name", () => {
    const { database } = grantable();
    const role = roleOfAnotherApp();
    expect(validationProblems(() => grant(database, role))).toEqual([{ property: "role", received: "other/Worker", allowed: OTHER_APP }]);
    const name = role.name; // each read of an attribute is a new token
    expect(validationProblems(() => grant(database, { name }))).toEqual([{ property: "role.name", received: name, allowed: OTHER_APP }]);
  });

  it("accepts a role name of 64 characters", () => {
    const { database } = grantable();
    expect(() => grant(database, { name: `w${"x".repeat(63)}` })).not.toThrow();
  });
});

describe("roles of this app", () => {
  it("pass from the database's stack, from another stack of the app, and as a variable", () => {
    const { stack, database } = grantable();
    const app = stack.node.root as never;
    const here = new IamRole(stack, "Worker", { name: "worker", assumeRolePolicy: "{}" });
    const elsewhere = new TerraformStack(app, "roles");
    new AwsProvider(elsewhere, "aws", { region: "us-east-1" });
    const there = new IamRole(elsewhere, "Reporter", { name: "reporter", assumeRolePolicy: "{}" });
    expect(() => database.grantDataApiAccess("Here", here)).not.toThrow();
    expect(() => database.grantDataApiAccess("There", there)).not.toThrow();
    expect(() => database.grantDataApiAccess("ThereByName", { name: there.name })).not.toThrow();
    expect(() => database.grantDataApiAccess("Variable", { name: new TerraformVariable(stack, "role", { type: "string" }).stringValue })).not.toThrow();
  });
});
