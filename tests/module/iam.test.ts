/**
 * Least privilege, proven statement by statement on the synthesized policies.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Testing } from "cdktf";
import { DATA_API_ACTIONS } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import {
  type Block,
  dataRef,
  databaseStack,
  onlyDataSource,
  onlyResource,
  ref,
  resourcesOf,
  synthDatabase,
  synthEnvironments,
  synthesize,
} from "../support/synth";

const FIVE_DATA_API_ACTIONS = [
  "rds-data:BatchExecuteStatement",
  "rds-data:BeginTransaction",
  "rds-data:CommitTransaction",
  "rds-data:ExecuteStatement",
  "rds-data:RollbackTransaction",
];

function statementsOf(policy: Block): Block[] {
  const document = JSON.parse(policy.policy as string) as Block;
  expect(document.Version).toBe("2012-10-17");
  return document.Statement as Block[];
}

/** Every statement allows, names actions without wildcards, and never targets "*". */
function expectNoWildcards(statements: Block[]): void {
  for (const statement of statements) {
    expect(statement.Effect).toBe("Allow");
    for (const action of statement.Action as string[]) expect(action).not.toContain("*");
    for (const resource of statement.Resource as string[]) {
      expect(resource).not.toBe("*");
      expect(resource).toMatch(/^(\$\{aws_|arn:\$\{data\.aws_partition\.)/);
    }
    expect(statement.NotAction).toBeUndefined();
    expect(statement.NotResource).toBeUndefined();
  }
}

describe.each(Object.entries(synthEnvironments()))("the %s stack's Lambda role", (stackName, { json }) => {
  const cluster = onlyResource(json, "aws_rds_cluster");
  const secret = onlyResource(json, "aws_secretsmanager_secret");
  const role = onlyResource(json, "aws_iam_role");
  const policy = onlyResource(json, "aws_iam_role_policy");
  const statements = statementsOf(policy.body);

  it("is named after the stack and trusted by Lambda only", () => {
    expect(role.body.name).toBe(`alex-${stackName}-lambda-aurora-role`);
    expect(JSON.parse(role.body.assume_role_policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("has one inline policy on that role and no managed policy", () => {
    expect(policy.body.role).toBe(ref("aws_iam_role", role.name, "name"));
    expect(policy.body.name).toBe(`alex-${stackName}-lambda-aurora-policy`);
    expect(resourcesOf(json, "aws_iam_role_policy_attachment")).toEqual({});
    expect(resourcesOf(json, "aws_iam_policy")).toEqual({});
  });

  it("has exactly four statements", () => {
    expect(statements.map((s) => s.Sid)).toEqual([
      "DataApiOnThisCluster",
      "ReadThisClusterSecret",
      "CreateLambdaLogGroups",
      "WriteLambdaLogStreams",
    ]);
  });

  it("statement 1: the five Data API actions on this stack's cluster ARN only", () => {
    expect(statements[0]).toEqual({
      Sid: "DataApiOnThisCluster",
      Effect: "Allow",
      Action: FIVE_DATA_API_ACTIONS,
      Resource: [ref("aws_rds_cluster", cluster.name, "arn")],
    });
  });

  it("statement 2: GetSecretValue on this stack's secret ARN only", () => {
    expect(statements[1]).toEqual({
      Sid: "ReadThisClusterSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [ref("aws_secretsmanager_secret", secret.name, "arn")],
    });
  });

  it("statements 3 and 4: log writes to Lambda log groups of this account and region, ARNs built with the partition", () => {
    const partition = dataRef("aws_partition", onlyDataSource(json, "aws_partition").name, "partition");
    const region = dataRef("aws_region", onlyDataSource(json, "aws_region").name, "region");
    const account = dataRef("aws_caller_identity", onlyDataSource(json, "aws_caller_identity").name, "account_id");
    const logGroups = `arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/*`;
    expect(statements[2]).toEqual({
      Sid: "CreateLambdaLogGroups",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup"],
      Resource: [logGroups],
    });
    expect(statements[3]).toEqual({
      Sid: "WriteLambdaLogStreams",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`${logGroups}:log-stream:*`],
    });
  });

  it("has no wildcard action, no Resource \"*\", no NotAction or NotResource", () => {
    expectNoWildcards(statements);
  });
});

describe("the exported action list", () => {
  it("is exactly the five Data API actions, without the deprecated ExecuteSql", () => {
    expect([...DATA_API_ACTIONS]).toEqual(FIVE_DATA_API_ACTIONS);
  });
});

describe("grantDataApiAccess", () => {
  it("attaches the Data API and secret statements, and nothing else, to an existing role", () => {
    const { stack, database } = databaseStack();
    const appRole = new IamRole(stack, "AppRole", { name: "app-role", assumeRolePolicy: "{}" });
    database.grantDataApiAccess("AppRoleDataApi", appRole);
    database.grantDataApiAccess("ImportedRoleDataApi", { name: "imported-role" });
    const { json } = synthesize(stack);

    const cluster = onlyResource(json, "aws_rds_cluster");
    const secret = onlyResource(json, "aws_secretsmanager_secret");
    const appRoleName = Object.entries(resourcesOf(json, "aws_iam_role")).find(([, r]) => r.name === "app-role")![0];
    const grants = Object.values(resourcesOf(json, "aws_iam_role_policy")).filter((p) => p.name === "test-aurora-data-api");
    expect(grants.map((g) => g.role).sort()).toEqual([ref("aws_iam_role", appRoleName, "name"), "imported-role"].sort());

    for (const grant of grants) {
      const statements = statementsOf(grant);
      expect(statements).toEqual([
        { Sid: "DataApiOnThisCluster", Effect: "Allow", Action: FIVE_DATA_API_ACTIONS, Resource: [ref("aws_rds_cluster", cluster.name, "arn")] },
        {
          Sid: "ReadThisClusterSecret",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: [ref("aws_secretsmanager_secret", secret.name, "arn")],
        },
      ]);
      expectNoWildcards(statements);
    }
  });

  it("works when the module creates no Lambda role", () => {
    const { stack, database } = databaseStack({ createLambdaRole: false });
    database.grantDataApiAccess("Grant", { name: "worker-role" });
    const { json } = synthesize(stack);
    expect(onlyResource(json, "aws_iam_role_policy").body.role).toBe("worker-role");
  });
});

describe("createLambdaRole: false", () => {
  it("creates no role, no policy and no lookups for log ARNs", () => {
    const { json } = synthDatabase({ createLambdaRole: false });
    expect(resourcesOf(json, "aws_iam_role")).toEqual({});
    expect(resourcesOf(json, "aws_iam_role_policy")).toEqual({});
    expect(json.data.aws_caller_identity).toBeUndefined();
  });

  it("makes lambdaRoleArn throw a clear error instead of returning undefined", () => {
    const { database } = databaseStack({ createLambdaRole: false }, Testing.app());
    expect(() => database.lambdaRoleArn).toThrow(/createLambdaRole is false/);
    expect(database.lambdaRole).toBeUndefined();
  });
});
