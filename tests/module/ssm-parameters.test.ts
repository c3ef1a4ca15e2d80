/**
 * SSM parameters: the connection settings as six `String` parameters under a validated path,
 * readable by the Lambda role and by grantReadParameters on exactly their ARNs.
 */
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, ValidationError, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { plaintextSecretPaths } from "../support/secrets";
import {
  accountRefs,
  databaseStack,
  inHook,
  MINIMAL_PROPS,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  resourceWhere,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";

const PATH = "/orders/dev";
const LEAVES = ["cluster-arn", "secret-arn", "writer-endpoint", "reader-endpoint", "port", "database-name"];

/** `arn:<partition>:ssm:<region>:<account>:parameter/<name without its leading slash>`, as the stack references them. */
function parameterArns(json: Block, path: string): string[] {
  const { partition, region, account } = accountRefs(json);
  return LEAVES.map((leaf) => `arn:${partition}:ssm:${region}:${account}:parameter${path}/${leaf}`);
}

const readStatement = (json: Block, path = PATH) => ({
  Sid: "ReadThisDatabaseParameters",
  Effect: "Allow",
  Action: ["ssm:GetParameter", "ssm:GetParameters"],
  Resource: parameterArns(json, path),
});

describe("without ssmParameters", () => {
  const plain = inHook(() => {
    const { stack, database } = databaseStack();
    const { json } = synthesize(stack);
    return { stack, database, json };
  });

  it("creates no parameter and grants no SSM access", () => {
    expect(resourcesOf(plain().json, "aws_ssm_parameter")).toEqual({});
    expect(plain().database.parameterPath).toBeUndefined();
    expect(plain().database.parameterNames).toBeUndefined();
    const lambdaPolicy = resourceWhere(plain().json, "aws_iam_role_policy", "name", "test-lambda-aurora-policy").body;
    expect(policyStatements(lambdaPolicy).map((statement) => statement.Sid)).toEqual([
      "DataApiOnThisCluster",
      "ReadThisClusterSecret",
      "CreateLambdaLogGroups",
      "WriteLambdaLogStreams",
    ]);
  });

  it("refuses grantReadParameters with a clear error, and adds nothing", () => {
    let error: unknown;
    try {
      plain().database.grantReadParameters("Reader", { name: "reader-role" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).subject).toBe('grantReadParameters on "test/Database"');
    expect((error as ValidationError).problems).toEqual([
      { property: "ssmParameters", received: undefined, allowed: 'a parameter path such as "/orders/prod", so that there are parameters to read' },
    ]);
    expect(plain().database.node.tryFindChild("Reader")).toBeUndefined();
  });
});

describe("ssmParameters", () => {
  const published = inHook(() => {
    const tags = { Team: "orders" };
    const { stack, database } = databaseStack({ ssmParameters: PATH, tags, readers: 1 });
    const { json } = synthesize(stack);
    const cluster = onlyResource(json, "aws_rds_cluster").name;
    const secret = onlyResource(json, "aws_secretsmanager_secret").name;
    const parameters = resourcesOf(json, "aws_ssm_parameter");
    return { tags, stack, database, json, cluster, secret, parameters };
  });

  it("creates six String parameters in the Standard tier, each keyed by its name, with the cluster's and secret's values", () => {
    const expected: [string, string, string, string][] = [
      [
        "ClusterArn",
        "cluster-arn",
        ref("aws_rds_cluster", published().cluster, "arn"),
        "ARN of the Aurora cluster test-aurora-cluster, the Data API's resourceArn",
      ],
      [
        "SecretArn",
        "secret-arn",
        ref("aws_secretsmanager_secret", published().secret, "arn"),
        "ARN of the credentials secret of test-aurora-cluster, the Data API's secretArn (not its value)",
      ],
      ["WriterEndpoint", "writer-endpoint", ref("aws_rds_cluster", published().cluster, "endpoint"), "Writer endpoint of test-aurora-cluster"],
      [
        "ReaderEndpoint",
        "reader-endpoint",
        ref("aws_rds_cluster", published().cluster, "reader_endpoint"),
        "Reader endpoint of test-aurora-cluster (the writer when there are no readers)",
      ],
      ["Port", "port", ref("aws_rds_cluster", published().cluster, "port"), "PostgreSQL port of test-aurora-cluster"],
      ["DatabaseName", "database-name", ref("aws_rds_cluster", published().cluster, "database_name"), "Name of the database in test-aurora-cluster"],
    ];
    expect(Object.keys(published().parameters)).toHaveLength(6);
    for (const [id, leaf, value, description] of expected) {
      const [address, body] = Object.entries(published().parameters).find(([, b]) => b.name === `${PATH}/${leaf}`)!;
      expect(address).toMatch(new RegExp(`^Database_Parameters_${id}_[0-9A-F]{8}$`));
      expect(body).toEqual({
        name: `${PATH}/${leaf}`,
        type: "String",
        tier: "Standard",
        insecure_value: value,
        description,
        tags: published().tags,
      });
    }
  });

  it("holds no secret: no sensitive value argument, no password, no secret string", () => {
    for (const body of Object.values(published().parameters)) {
      expect(body.value).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(/random_password|secret_string|master_password|master_user_secret\[0\]\.(?!secret_arn)/);
    }
    expect(plaintextSecretPaths(published().parameters)).toEqual([]);
  });

  it("exposes the path and every parameter's full name, for outputs", () => {
    expect(published().database.parameterPath).toBe(PATH);
    expect(published().database.parameterNames).toEqual({
      clusterArn: "/orders/dev/cluster-arn",
      secretArn: "/orders/dev/secret-arn",
      writerEndpoint: "/orders/dev/writer-endpoint",
      readerEndpoint: "/orders/dev/reader-endpoint",
      port: "/orders/dev/port",
      databaseName: "/orders/dev/database-name",
    });
    const outputs = databaseStack({ ssmParameters: PATH });
    new TerraformOutput(outputs.stack, "path", { value: outputs.database.parameterPath });
    new TerraformOutput(outputs.stack, "clusterArnName", { value: outputs.database.parameterNames!.clusterArn });
    expect(synthesize(outputs.stack).json.output).toEqual({ path: { value: PATH }, clusterArnName: { value: "/orders/dev/cluster-arn" } });
  });

  it("lets the Lambda role read exactly these parameters, between its Data API and log statements", () => {
    const policy = resourceWhere(published().json, "aws_iam_role_policy", "name", "test-lambda-aurora-policy").body;
    const statements = policyStatements(policy);
    const { partition, region, account } = accountRefs(published().json);
    const logGroups = `arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/*`;
    expect(statements).toEqual([
      {
        Sid: "DataApiOnThisCluster",
        Effect: "Allow",
        Action: [
          "rds-data:BatchExecuteStatement",
          "rds-data:BeginTransaction",
          "rds-data:CommitTransaction",
          "rds-data:ExecuteStatement",
          "rds-data:RollbackTransaction",
        ],
        Resource: [ref("aws_rds_cluster", published().cluster, "arn")],
      },
      {
        Sid: "ReadThisClusterSecret",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: [ref("aws_secretsmanager_secret", published().secret, "arn")],
      },
      readStatement(published().json),
      { Sid: "CreateLambdaLogGroups", Effect: "Allow", Action: ["logs:CreateLogGroup"], Resource: [logGroups] },
      { Sid: "WriteLambdaLogStreams", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${logGroups}:log-stream:*`] },
    ]);
  });

  it("names the ARNs exactly: the name without its leading slash after parameter/, no wildcard, no path-wide read", () => {
    const [first] = parameterArns(published().json, PATH);
    expect(first).toMatch(
      /^arn:\$\{data\.aws_partition\.\w+\.partition\}:ssm:\$\{data\.aws_region\.\w+\.region\}:\$\{data\.aws_caller_identity\.\w+\.account_id\}:parameter\/orders\/dev\/cluster-arn$/,
    );
    for (const arn of readStatement(published().json).Resource) expect(arn).not.toContain("*");
    expect(JSON.stringify(published().json)).not.toContain("GetParametersByPath");
  });

  it("keeps the same addresses under another path, so a new path replaces each parameter in place of the old one", () => {
    const other = resourcesOf(synthDatabase({ ssmParameters: "/billing/prod" }).json, "aws_ssm_parameter");
    expect(Object.keys(other)).toEqual(Object.keys(published().parameters));
    expect(
      Object.values(other)
        .map((body) => body.name)
        .sort(),
    ).toEqual(LEAVES.map((leaf) => `/billing/prod/${leaf}`).sort());
  });

  it("point at the secret RDS manages, with managed credentials", () => {
    const managed = synthDatabase({ ssmParameters: PATH, credentials: "managed" }).json;
    const managedCluster = onlyResource(managed, "aws_rds_cluster").name;
    expect(resourceWhere(managed, "aws_ssm_parameter", "name", `${PATH}/secret-arn`).body.insecure_value).toBe(
      ref("aws_rds_cluster", managedCluster, "master_user_secret[0].secret_arn"),
    );
  });
});

describe("grantReadParameters", () => {
  it("attaches exactly the read statement to an existing role, with or without the Data API and the Lambda role", () => {
    for (const props of [{}, { dataApi: false, createLambdaRole: false }] satisfies Partial<AuroraPostgresServerlessProps>[]) {
      const { stack, database } = databaseStack({ ssmParameters: PATH, ...props });
      database.grantReadParameters("Reader", { name: "reader-role" });
      const { json } = synthesize(stack);
      const grant = resourceWhere(json, "aws_iam_role_policy", "role", "reader-role").body;
      expect(grant.name).toBe("test-aurora-read-parameters-Reader");
      expect(policyStatements(grant)).toEqual([readStatement(json)]);
    }
  });

  it("refuses a bad id and a missing role like every grant", () => {
    const { database } = databaseStack({ ssmParameters: PATH });
    expect(validationProblems(() => database.grantReadParameters("has space", null as never)).map((problem) => problem.property)).toEqual(["id", "role"]);
  });
});

interface PathRule {
  readonly rule: string;
  readonly failing: readonly string[];
  readonly passing: readonly string[];
  readonly allowed: RegExp;
}

const PATH_RULES: readonly PathRule[] = [
  {
    rule: "only letters, digits, _ . - and /",
    failing: ["/orders dev", "/orders/dév", "/orders/*", "/orders@x", "/orders/dev\n"],
    passing: ["/Orders_1/dev.v2-x", "/a"],
    allowed: /^a path of letters, digits and _ \. - between slashes/,
  },
  {
    rule: "starts with /, no empty level, no trailing /",
    failing: ["orders/dev", "/orders//dev", "/orders/dev/", "/", ""],
    passing: ["/orders", "/a/b/c"],
    allowed: /^a path that starts with "\/" and has no empty level: no "\/\/" and no trailing "\/"/,
  },
  {
    rule: "no first level starting with aws or ssm, in any case",
    failing: ["/aws/orders", "/AWS-team", "/ssm", "/SsmParams/x", "/awsome"],
    passing: ["/my-aws/x", "/orders/aws", "/a/ssm", "/was/ssm"],
    allowed: /first level does not start with "aws" or "ssm", in any case/,
  },
  {
    rule: "at most 14 levels, leaving the 15th for the parameter's name",
    failing: [Array.from({ length: 15 }, (_, i) => `/l${i + 1}`).join("")],
    passing: [Array.from({ length: 14 }, (_, i) => `/l${i + 1}`).join("")],
    allowed: /^a path of at most 14 levels: SSM allows 15 levels counting the parameter's own name$/,
  },
  {
    rule: "at most 931 characters, so that the longest name with its ARN fits 1011",
    failing: [`/${"a".repeat(931)}`],
    passing: [`/${"a".repeat(930)}`],
    allowed: /^a path of at most 931 characters: SSM allows 1011 characters for a name, counting the ARN before it/,
  },
];

/** Each path with a readable label for the test's title. */
const labelled = (paths: readonly string[]) =>
  paths.map((path) => [path.length > 40 ? `${JSON.stringify(path.slice(0, 24))}… (${path.length} characters)` : JSON.stringify(path), path] as const);

describe.each(PATH_RULES)("the path rule: $rule", ({ failing, passing, allowed }) => {
  it.each(labelled(failing))("refuses %s, naming ssmParameters and the value", (_, path) => {
    expect(validationProblems(() => databaseStack({ ssmParameters: path }))).toContainEqual({
      property: "ssmParameters",
      received: path,
      allowed: expect.stringMatching(allowed),
    });
  });

  it.each(labelled(passing))("accepts %s", (_, path) => {
    expect(() => databaseStack({ ssmParameters: path })).not.toThrow();
  });
});

describe("the path's type", () => {
  it("is a string known at synth: it names the parameters and their ARNs in IAM policies", () => {
    const stack = new TerraformStack(testApp(), "test");
    const path = new TerraformVariable(stack, "path", { type: "string" }).stringValue;
    expect(validationProblems(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, ssmParameters: path }))).toEqual([
      { property: "ssmParameters", received: path, allowed: "a string, known at synth" },
    ]);
    expect(validationProblems(() => databaseStack({ ssmParameters: ["/orders"] as never }))).toEqual([
      { property: "ssmParameters", received: ["/orders"], allowed: "a string" },
    ]);
  });
});
