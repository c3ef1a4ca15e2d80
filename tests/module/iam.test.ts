/**
 * Least privilege, proven statement by statement on the synthesized policies.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { DATA_API_ACTIONS, type TerraformDocument } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { databaseResourceName, parameterPath, type EnvironmentName } from "../../stacks/environments";
import { control } from "../policy/controls/evaluate";
import { testApp } from "../support/app";
import {
  accountRefs,
  databaseStack,
  databaseStackNames,
  inHook,
  jsonDocument,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  resourceWhere,
  synthDatabase,
  synthEnvironments,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";
import { decryptSecretStatement } from "./secret-statements";

const FIVE_DATA_API_ACTIONS = [
  "rds-data:BatchExecuteStatement",
  "rds-data:BeginTransaction",
  "rds-data:CommitTransaction",
  "rds-data:ExecuteStatement",
  "rds-data:RollbackTransaction",
];

/** What the policy gate's IAM.21 (no wildcards in identity policies) finds on these policies of a stack. */
function iam21Findings(json: Block, policyNames: readonly string[]): string[] {
  const addresses = policyNames.map((name) => `aws_iam_role_policy.${name}`);
  return control("IAM.21")
    .evaluate(json as TerraformDocument)
    .filter((finding) => addresses.includes(finding.address))
    .map((finding) => finding.message);
}

/** The credentials secret's ARN as the stack references it: ours, or the one RDS manages. */
function secretArnOf(json: Block): string {
  const cluster = onlyResource(json, "aws_rds_cluster");
  const secrets = Object.keys(resourcesOf(json, "aws_secretsmanager_secret"));
  return secrets.length > 0 ? ref("aws_secretsmanager_secret", secrets[0]!, "arn") : ref("aws_rds_cluster", cluster.name, "master_user_secret[0].secret_arn");
}

/**
 * The stack's customer-managed key, as the cluster references it: a key of the stack, or one
 * looked up by an alias that is not an AWS managed one.
 */
function customerKeyArn(json: Block): string | undefined {
  const keyId = String(onlyResource(json, "aws_rds_cluster").body.kms_key_id);
  const lookup = /^\$\{data\.aws_kms_key\.(\w+)\.arn\}$/.exec(keyId);
  if (!lookup) return keyId.startsWith("${aws_kms_key.") ? keyId : undefined;
  return String(json.data.aws_kms_key[lookup[1]!].key_id).startsWith("alias/aws/") ? undefined : keyId;
}

/** The statement that lets a caller decrypt the secret with the stack's customer-managed key. */
function decryptStatement(json: Block): Block {
  // The database's own lookup: a stack with a backup plan has the plan's beside it.
  const { region } = accountRefs(json);
  return decryptSecretStatement({ key: customerKeyArn(json), secret: secretArnOf(json), region });
}

describe.each(databaseStackNames())("the %s stack's Lambda role", (stackName) => {
  const stack = inHook(() => {
    const json = synthEnvironments()[stackName].json;
    const role = resourceWhere(json, "aws_iam_role", "name", `${databaseResourceName(stackName)}-lambda-aurora-role`);
    const policy = resourceWhere(json, "aws_iam_role_policy", "role", ref("aws_iam_role", role.name, "name"));
    return {
      json,
      cluster: onlyResource(json, "aws_rds_cluster"),
      role,
      policy,
      statements: policyStatements(policy.body),
      usesCustomerKey: customerKeyArn(json) !== undefined,
    };
  });

  it("is trusted by Lambda only", () => {
    expect(jsonDocument(stack().role.body.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("has one inline policy and no managed policy", () => {
    expect(stack().policy.body.name).toBe(`${databaseResourceName(stackName)}-lambda-aurora-policy`);
    const attachments = Object.values(resourcesOf(stack().json, "aws_iam_role_policy_attachment"));
    expect(attachments.filter((a) => a.role === ref("aws_iam_role", stack().role.name, "name"))).toEqual([]);
    expect(resourcesOf(stack().json, "aws_iam_policy")).toEqual({});
  });

  it("has exactly the Data API, secret, (key), parameter and log statements", () => {
    expect(stack().statements.map((s) => s.Sid)).toEqual([
      "DataApiOnThisCluster",
      "ReadThisClusterSecret",
      ...(stack().usesCustomerKey ? ["DecryptThisSecretOnly"] : []),
      "ReadThisDatabaseParameters",
      "CreateLambdaLogGroups",
      "WriteLambdaLogStreams",
    ]);
  });

  it("statement 1: the five Data API actions on this stack's cluster ARN only", () => {
    expect(stack().statements[0]).toEqual({
      Sid: "DataApiOnThisCluster",
      Effect: "Allow",
      Action: FIVE_DATA_API_ACTIONS,
      Resource: [ref("aws_rds_cluster", stack().cluster.name, "arn")],
    });
  });

  it("statement 2: GetSecretValue on this stack's credentials secret only", () => {
    expect(stack().statements[1]).toEqual({
      Sid: "ReadThisClusterSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [secretArnOf(stack().json)],
    });
  });

  it("decrypts with the customer-managed key only through Secrets Manager and for this secret, when there is one", () => {
    const decrypt = stack().statements.find((s) => s.Sid === "DecryptThisSecretOnly");
    if (stack().usesCustomerKey) expect(decrypt).toEqual(decryptStatement(stack().json));
    else expect(decrypt).toBeUndefined();
  });

  it("reads this stack's six SSM parameters under /<project>/<stack> only, by their exact ARNs", () => {
    const { partition, region, account } = accountRefs(stack().json);
    const leaves = ["cluster-arn", "secret-arn", "writer-endpoint", "reader-endpoint", "port", "database-name"];
    expect(stack().statements.find((s) => s.Sid === "ReadThisDatabaseParameters")).toEqual({
      Sid: "ReadThisDatabaseParameters",
      Effect: "Allow",
      Action: ["ssm:GetParameter", "ssm:GetParameters"],
      Resource: leaves.map((leaf) => `arn:${partition}:ssm:${region}:${account}:parameter${parameterPath(stackName)}/${leaf}`),
    });
    const names = Object.values(resourcesOf(stack().json, "aws_ssm_parameter")).map((parameter) => parameter.name);
    expect(names.sort()).toEqual(leaves.map((leaf) => `${parameterPath(stackName)}/${leaf}`).sort());
  });

  it("writes logs to Lambda log groups of this account and region only, ARNs built with the partition", () => {
    const { partition, region, account } = accountRefs(stack().json);
    const logGroups = `arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/*`;
    expect(stack().statements.slice(-2)).toEqual([
      { Sid: "CreateLambdaLogGroups", Effect: "Allow", Action: ["logs:CreateLogGroup"], Resource: [logGroups] },
      {
        Sid: "WriteLambdaLogStreams",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [`${logGroups}:log-stream:*`],
      },
    ]);
  });

  it('passes IAM.21: no wildcard action, no Resource "*", no NotAction or NotResource', () => {
    expect(iam21Findings(stack().json, [stack().policy.name])).toEqual([]);
    // The control does find what it looks for in this stack's JSON, as the stack writes it
    // (jsonencode): a copy with one action widened to a wildcard fails.
    const widened = JSON.parse(JSON.stringify(stack().json)) as Block;
    const written = widened.resource.aws_iam_role_policy[stack().policy.name].policy as string;
    expect(written).toMatch(/^\$\{jsonencode\(/);
    widened.resource.aws_iam_role_policy[stack().policy.name].policy = written.replace('"rds-data:ExecuteStatement"', '"rds-data:*"');
    expect(iam21Findings(widened, [stack().policy.name])).not.toEqual([]);
  });
});

it("uses a customer-managed key, and grants decryption with it, in staging and prod but not dev", () => {
  const usesKey = (name: EnvironmentName) => customerKeyArn(synthEnvironments()[name].json) !== undefined;
  expect([usesKey("dev"), usesKey("staging"), usesKey("prod")]).toEqual([false, true, true]);
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
    const appRoleName = resourceWhere(json, "aws_iam_role", "name", "app-role").name;
    const grants = Object.values(resourcesOf(json, "aws_iam_role_policy")).filter((p) => String(p.name).startsWith("test-aurora-data-api-"));
    expect(grants.map((g) => [g.name, g.role])).toEqual(
      expect.arrayContaining([
        ["test-aurora-data-api-AppRoleDataApi", ref("aws_iam_role", appRoleName, "name")],
        ["test-aurora-data-api-ImportedRoleDataApi", "imported-role"],
      ]),
    );
    expect(grants).toHaveLength(2);

    for (const grant of grants) {
      const statements = policyStatements(grant);
      expect(statements).toEqual([
        { Sid: "DataApiOnThisCluster", Effect: "Allow", Action: FIVE_DATA_API_ACTIONS, Resource: [ref("aws_rds_cluster", cluster.name, "arn")] },
        {
          Sid: "ReadThisClusterSecret",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: [ref("aws_secretsmanager_secret", secret.name, "arn")],
        },
      ]);
    }
    expect(iam21Findings(json, Object.keys(resourcesOf(json, "aws_iam_role_policy")))).toEqual([]);
  });

  it("works when the module creates no Lambda role", () => {
    const { stack, database } = databaseStack({ createLambdaRole: false });
    database.grantDataApiAccess("Grant", { name: "worker-role" });
    const { json } = synthesize(stack);
    expect(resourceWhere(json, "aws_iam_role_policy", "role", "worker-role").body.name).toBe("test-aurora-data-api-Grant");
  });

  it("gives two grants onto one role two policy names, so neither overwrites the other in a permanent diff", () => {
    const { stack, database } = databaseStack();
    database.grantDataApiAccess("Reports", { name: "worker-role" });
    database.grantConnect("ReportsConnect", { name: "worker-role" }, "reports");
    database.grantDataApiAccess("Jobs", { name: "worker-role" });
    const names = Object.values(resourcesOf(synthesize(stack).json, "aws_iam_role_policy"))
      .filter((policy) => policy.role === "worker-role")
      .map((policy) => policy.name);
    expect(names.sort()).toEqual(["test-aurora-connect-ReportsConnect", "test-aurora-data-api-Jobs", "test-aurora-data-api-Reports"]);
  });

  it("refuses a second grant with the same id, and ids that cannot be part of a policy name, with a clear error", () => {
    const { database } = databaseStack();
    database.grantDataApiAccess("Reports", { name: "worker-role" });
    const allowedId = expect.stringContaining("an id no other grant or part of this database uses");
    expect(validationProblems(() => database.grantDataApiAccess("Reports", { name: "other-role" }))).toEqual([
      { property: "id", received: "Reports", allowed: allowedId },
    ]);
    expect(validationProblems(() => database.grantDataApiAccess("Cluster", { name: "other-role" }))).toEqual([
      { property: "id", received: "Cluster", allowed: allowedId },
    ]);
    const charset = expect.stringMatching(/^letters, digits and '\+=,\.@_-', .*"test-aurora-data-api-<id>" stays within 128 characters$/);
    expect(validationProblems(() => database.grantDataApiAccess("has space", { name: "r" }))).toEqual([
      { property: "id", received: "has space", allowed: charset },
    ]);
    expect(validationProblems(() => database.grantDataApiAccess("x".repeat(108), { name: "r" }))).toEqual([
      { property: "id", received: "x".repeat(108), allowed: charset },
    ]);
    expect(() => database.grantDataApiAccess("x".repeat(107), { name: "r" })).not.toThrow();
  });

  it("refuses a role without a name, from JavaScript, with a clear error instead of a TypeError", () => {
    const { database } = databaseStack();
    for (const role of [undefined, null, "worker-role", { arn: "arn:aws:iam::123456789012:role/x" }]) {
      expect(validationProblems(() => database.grantDataApiAccess("Grant", role as never))).toEqual([
        { property: "role", received: role, allowed: "an IamRole, or an object with the role's name" },
      ]);
    }
  });
});

describe("lambdaFunctionNamePrefix", () => {
  const logResources = (json: Block) =>
    policyStatements(resourceWhere(json, "aws_iam_role_policy", "name", "test-lambda-aurora-policy").body)
      .filter((statement) => String(statement.Action[0]).startsWith("logs:"))
      .flatMap((statement) => statement.Resource as string[]);

  it("keeps the Lambda role's log writes on every Lambda log group of the account and region by default", () => {
    expect(logResources(synthDatabase().json).every((arn) => arn.includes(":log-group:/aws/lambda/*"))).toBe(true);
  });

  it("limits them to the log groups of functions whose names start with the prefix", () => {
    const resources = logResources(synthDatabase({ lambdaFunctionNamePrefix: "orders-" }).json);
    expect(resources).toHaveLength(2);
    expect(resources[0]).toMatch(/:log-group:\/aws\/lambda\/orders-\*$/);
    expect(resources[1]).toMatch(/:log-group:\/aws\/lambda\/orders-\*:log-stream:\*$/);
  });
});

describe("createLambdaRole: false", () => {
  it("creates no Lambda role, no policy and no lookups for log ARNs", () => {
    const { json } = synthDatabase({ createLambdaRole: false, monitoringIntervalSeconds: 0 });
    expect(resourcesOf(json, "aws_iam_role")).toEqual({});
    expect(resourcesOf(json, "aws_iam_role_policy")).toEqual({});
    expect(json.data.aws_caller_identity).toBeUndefined();
  });

  it("makes lambdaRoleArn throw a clear error instead of returning undefined", () => {
    const { database } = databaseStack({ createLambdaRole: false }, testApp());
    expect(() => database.lambdaRoleArn).toThrow(/createLambdaRole is false/);
    expect(database.lambdaRole).toBeUndefined();
  });
});
