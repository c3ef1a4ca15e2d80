/**
 * The cluster's S3 features (`s3Import`, `s3Export`): a role created for given buckets (trust,
 * policy statement by statement, permissions boundary) or an existing role, each associated with
 * the cluster for its feature, and what validation refuses.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import {
  accountRefs,
  databaseProblems,
  databaseStack,
  jsonDocument,
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
import { synthesizeReadmeExample } from "./readme-example";

const BUCKET = "arn:aws:s3:::orders-imports";
const OTHER_BUCKET = "arn:aws:s3:::orders-archive";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ROLE = "arn:aws:iam::123456789012:role/service/orders-s3-import";
const BOUNDARY = "arn:aws:iam::123456789012:policy/delivery-boundary";

const associations = (json: Block) => Object.values(resourcesOf(json, "aws_rds_cluster_role_association"));
const clusterId = (json: Block) => ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "id");

/** The trust policy every created S3 role has: RDS, for this account and this cluster only. */
function expectTrustedByThisCluster(json: Block, role: Block) {
  const { partition, region, account } = accountRefs(json);
  expect(jsonDocument(role.assume_role_policy)).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "rds.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account, "aws:SourceArn": `arn:${partition}:rds:${region}:${account}:cluster:test-aurora-cluster` } },
      },
    ],
  });
}

describe("nothing by default", () => {
  it("creates no S3 role and no association", () => {
    const { json } = synthDatabase();
    expect(associations(json)).toEqual([]);
    expect(Object.values(resourcesOf(json, "aws_iam_role")).map((role) => role.name)).not.toContain("test-rds-s3-import-role");
  });
});

describe("s3Import with buckets", () => {
  const { json } = synthDatabase({ s3Import: { bucketArns: [BUCKET, OTHER_BUCKET] } });
  const role = resourceWhere(json, "aws_iam_role", "name", "test-rds-s3-import-role");
  const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-rds-s3-import-policy");

  it("creates a role trusted by RDS for this account and this cluster only", () => {
    expectTrustedByThisCluster(json, role.body);
    expect(role.body.permissions_boundary).toBeUndefined();
  });

  it("lets it list exactly the buckets and read exactly their objects, nothing else", () => {
    expect(policy.body.role).toBe(ref("aws_iam_role", role.name, "name"));
    expect(policyStatements(policy.body)).toEqual([
      { Sid: "ListTheBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [BUCKET, OTHER_BUCKET] },
      { Sid: "ReadTheObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${BUCKET}/*`, `${OTHER_BUCKET}/*`] },
    ]);
  });

  it("associates it with the cluster for s3Import once its policy exists", () => {
    expect(associations(json)).toEqual([
      {
        db_cluster_identifier: clusterId(json),
        feature_name: "s3Import",
        role_arn: ref("aws_iam_role", role.name, "arn"),
        depends_on: [`aws_iam_role_policy.${policy.name}`],
      },
    ]);
  });
});

describe("s3Export with buckets and keys", () => {
  const { json } = synthDatabase({ s3Export: { bucketArns: [BUCKET], kmsKeyArns: [KEY] } });
  const role = resourceWhere(json, "aws_iam_role", "name", "test-rds-s3-export-role");
  const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-rds-s3-export-policy");

  it("creates a role trusted by RDS for this cluster only", () => {
    expectTrustedByThisCluster(json, role.body);
  });

  it("lets it write and abort uploads of the buckets' objects, and use the keys through S3 in their region for these objects only", () => {
    const region = KEY.split(":")[3];
    expect(policyStatements(policy.body)).toEqual([
      { Sid: "WriteTheObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:AbortMultipartUpload"], Resource: [`${BUCKET}/*`] },
      {
        Sid: "UseTheBucketKeysThroughS3",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: [KEY],
        Condition: {
          StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
          ArnLike: { "kms:EncryptionContext:aws:s3:arn": [BUCKET, `${BUCKET}/*`] },
        },
      },
    ]);
  });

  it("associates it for s3Export", () => {
    expect(associations(json)).toEqual([expect.objectContaining({ feature_name: "s3Export", role_arn: ref("aws_iam_role", role.name, "arn") })]);
  });
});

describe("keys of buckets in other regions", () => {
  it("are used through S3 in each key's own region, a referenced key through the stack's", () => {
    const WEST_KEY = KEY.replace(":us-east-1:", ":eu-west-1:");
    const { json } = synthDatabase({ s3Import: { bucketArns: [BUCKET], kmsKeyArns: [KEY, WEST_KEY] } });
    const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-rds-s3-import-policy");
    const keys = policyStatements(policy.body).find((statement) => statement.Sid === "UseTheBucketKeysThroughS3")!;
    expect(keys.Condition.StringEquals).toEqual({ "kms:ViaService": ["s3.us-east-1.amazonaws.com", "s3.eu-west-1.amazonaws.com"] });
  });
});

describe("keys for import", () => {
  it("grant decryption only", () => {
    const { json } = synthDatabase({ s3Import: { bucketArns: [BUCKET], kmsKeyArns: [KEY] } });
    const statements = policyStatements(resourceWhere(json, "aws_iam_role_policy", "name", "test-rds-s3-import-policy").body);
    expect(statements.at(-1)).toMatchObject({ Sid: "UseTheBucketKeysThroughS3", Action: ["kms:Decrypt"], Resource: [KEY] });
  });
});

describe("both features", () => {
  it("get a role each, one association each", () => {
    const { json } = synthDatabase({ s3Import: { bucketArns: [BUCKET] }, s3Export: { bucketArns: [OTHER_BUCKET] } });
    expect(
      associations(json)
        .map((a) => a.feature_name)
        .sort(),
    ).toEqual(["s3Export", "s3Import"]);
    expect(new Set(associations(json).map((a) => a.role_arn)).size).toBe(2);
  });
});

describe("role names", () => {
  it("fit IAM's 64 characters for the longest name", () => {
    const name = `a${"b".repeat(43)}`;
    const { json } = synthDatabase({ name, s3Import: { bucketArns: [BUCKET] }, s3Export: { bucketArns: [BUCKET] } });
    for (const feature of ["import", "export"]) {
      const role = resourceWhere(json, "aws_iam_role", "name", `${name}-rds-s3-${feature}-role`).body;
      expect(role.name.length).toBeLessThanOrEqual(64);
    }
  });
});

describe("the permissions boundary", () => {
  it("bounds the created S3 roles as it bounds the construct's other roles", () => {
    const { json } = synthDatabase({ permissionsBoundary: BOUNDARY, s3Import: { bucketArns: [BUCKET] }, s3Export: { bucketArns: [BUCKET] } });
    for (const name of ["test-rds-s3-import-role", "test-rds-s3-export-role", "test-lambda-aurora-role"]) {
      expect(resourceWhere(json, "aws_iam_role", "name", name).body.permissions_boundary, name).toBe(BOUNDARY);
    }
  });
});

describe("an existing role", () => {
  it("is associated as given, and no role or policy is created for the feature", () => {
    const { json } = synthDatabase({ s3Import: { existingRoleArn: ROLE } });
    expect(associations(json)).toEqual([{ db_cluster_identifier: clusterId(json), feature_name: "s3Import", role_arn: ROLE }]);
    expect(Object.values(resourcesOf(json, "aws_iam_role")).map((role) => role.name)).not.toContain("test-rds-s3-import-role");
  });

  it("may be a reference", () => {
    const { json } = synthDatabase((stack) => ({ s3Export: { existingRoleArn: new TerraformVariable(stack, "role", { type: "string" }).stringValue } }));
    expect(associations(json)).toEqual([expect.objectContaining({ role_arn: "${var.role}" })]);
  });
});

describe("the exposed roles", () => {
  it("are the created roles and their ARNs, or the given ARN", () => {
    const { stack, database } = databaseStack({ s3Import: { bucketArns: [BUCKET] }, s3Export: { existingRoleArn: ROLE } });
    new TerraformOutput(stack, "importRole", { value: database.s3ImportRoleArn });
    new TerraformOutput(stack, "exportRole", { value: database.s3ExportRoleArn });
    const { json } = synthesize(stack);
    const role = resourceWhere(json, "aws_iam_role", "name", "test-rds-s3-import-role").name;
    expect(json.output.importRole.value).toBe(ref("aws_iam_role", role, "arn"));
    expect(json.output.exportRole.value).toBe(ROLE);
    expect(database.s3ImportRole).toBeDefined();
    expect(database.s3ExportRole).toBeUndefined();
  });

  it("are undefined without the features", () => {
    const { database } = databaseStack();
    expect([database.s3ImportRole, database.s3ExportRole, database.s3ImportRoleArn, database.s3ExportRoleArn]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("validation", () => {
  it("refuses a role created for no bucket", () => {
    expect(databaseProblems({ s3Import: { bucketArns: [] } })).toEqual([
      { property: "s3Import.bucketArns", received: [], allowed: expect.stringMatching(/^at least one bucket/) },
    ]);
  });

  it.each([
    ["orders-imports", /not an ARN/],
    ["arn:aws:s3:::orders-imports/incoming/*", /names objects or a prefix/],
    ["arn:aws:s3:us-east-1:123456789012:orders-imports", /has a region or an account/],
    ["arn:aws:s3:::Orders_Imports", /is not a bucket name/],
    ["arn:aws:s3:::ab", /is not a bucket name/],
    ["arn:aws:sqs:::orders-imports", /not of s3/],
  ])("refuses the bucket ARN %j", (arn, reason) => {
    expect(databaseProblems({ s3Export: { bucketArns: [arn] } })).toEqual([
      { property: "s3Export.bucketArns[0]", received: arn, allowed: expect.stringMatching(reason) },
    ]);
  });

  it("accepts bucket ARNs of other partitions' form and references", () => {
    expect(() => databaseStack({ s3Import: { bucketArns: ["arn:aws:s3:::a.b-c1", `arn:aws:s3:::${"b".repeat(63)}`] } })).not.toThrow();
    expect(() =>
      databaseStack((stack) => ({ s3Import: { bucketArns: [new TerraformVariable(stack, "bucket", { type: "string" }).stringValue] } })),
    ).not.toThrow();
  });

  it("refuses a repeated bucket and a repeated key", () => {
    expect(databaseProblems({ s3Import: { bucketArns: [BUCKET, BUCKET], kmsKeyArns: [KEY, KEY] } })).toEqual([
      { property: "s3Import.bucketArns[1]", received: BUCKET, allowed: "a bucket listed once" },
      { property: "s3Import.kmsKeyArns[1]", received: KEY, allowed: "a key listed once" },
    ]);
  });

  it("refuses a key that is not a KMS key ARN, such as an alias", () => {
    const alias = "arn:aws:kms:us-east-1:123456789012:alias/orders";
    expect(databaseProblems({ s3Import: { bucketArns: [BUCKET], kmsKeyArns: [alias] } })).toEqual([
      { property: "s3Import.kmsKeyArns[0]", received: alias, allowed: expect.stringMatching(/^a KMS key ARN/) },
    ]);
  });

  it.each([
    ["orders-s3-import", /not an ARN/],
    ["arn:aws:iam::123456789012:policy/orders", /does not name a role/],
    ["arn:aws:iam:us-east-1:123456789012:role/orders", /IAM is global/],
    ["arn:aws:iam::1234:role/orders", /not 12 digits/],
    ["arn:aws:sts::123456789012:assumed-role/orders/session", /not of iam/],
    [`arn:aws:iam::123456789012:role/${"r".repeat(65)}`, /does not name a role/],
  ])("refuses the role ARN %j", (arn, reason) => {
    expect(databaseProblems({ s3Import: { existingRoleArn: arn } })).toEqual([
      { property: "s3Import.existingRoleArn", received: arn, allowed: expect.stringMatching(reason) },
    ]);
  });

  it("refuses one existing role for both features: RDS associates a role once", () => {
    expect(databaseProblems({ s3Import: { existingRoleArn: ROLE }, s3Export: { existingRoleArn: ROLE } })).toEqual([
      { property: "s3Export.existingRoleArn", received: ROLE, allowed: expect.stringContaining("DBClusterRoleAlreadyExists"), related: ["s3Import"] },
    ]);
    expect(() => databaseStack({ s3Import: { existingRoleArn: ROLE }, s3Export: { existingRoleArn: `${ROLE}-export` } })).not.toThrow();
  });

  it("refuses neither shape, and both at once", () => {
    expect(databaseProblems({ s3Import: {} as never })).toEqual([expect.objectContaining({ property: "s3Import.bucketArns" })]);
    expect(databaseProblems({ s3Import: { bucketArns: [BUCKET], existingRoleArn: ROLE } as never })).toEqual([
      expect.objectContaining({ property: "s3Import.existingRoleArn", allowed: expect.stringMatching(/^no such field/) }),
    ]);
  });

  it("refuses a whole-list token for the buckets: each bucket is named in the policy", () => {
    const problems = validationProblems(() =>
      databaseStack((stack) => ({ s3Import: { bucketArns: new TerraformVariable(stack, "buckets", { type: "list(string)" }).listValue } })),
    );
    expect(problems).toEqual([expect.objectContaining({ property: "s3Import.bucketArns", allowed: expect.stringContaining("known at synth") })]);
  });
});

describe("the stack's partition", () => {
  function build(region: string, props: Partial<AuroraPostgresServerlessProps>) {
    const stack = new TerraformStack(testApp(), "test");
    new AwsProvider(stack, "aws", { region });
    new RandomProvider(stack, "random");
    return new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, ...props });
  }
  const inRegion = (region: string, props: Partial<AuroraPostgresServerlessProps>) =>
    validationProblems(() => build(region, props)).map(({ property, allowed }) => ({ property, allowed }));

  it("refuses buckets, keys and roles of another partition", () => {
    const props = { s3Import: { bucketArns: [BUCKET], kmsKeyArns: [KEY] }, s3Export: { existingRoleArn: "arn:aws:iam::123456789012:role/export" } };
    expect(inRegion("cn-north-1", props)).toEqual([
      { property: "s3Import.bucketArns[0]", allowed: expect.stringContaining("in the aws-cn partition") },
      { property: "s3Import.kmsKeyArns[0]", allowed: expect.stringContaining("in the aws-cn partition") },
      { property: "s3Export.existingRoleArn", allowed: expect.stringContaining("in the aws-cn partition") },
    ]);
  });

  it("accepts those of the stack's partition", () => {
    const props = {
      s3Import: {
        bucketArns: ["arn:aws-cn:s3:::orders-imports"],
        kmsKeyArns: ["arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
      },
      s3Export: { existingRoleArn: "arn:aws-cn:iam::123456789012:role/export" },
    };
    expect(build("cn-north-1", props).s3ImportRoleArn).toBeDefined();
  });
});

describe("the module README's example", () => {
  it("synthesizes a created import role and a created export role with its key", () => {
    const reportsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const { json } = synthesizeReadmeExample("### S3 import and export", () => ({
      imports: { arn: BUCKET },
      reports: { arn: OTHER_BUCKET },
      reportsKey: { arn: reportsKey },
    }));
    expect(
      associations(json)
        .map((a) => a.feature_name)
        .sort(),
    ).toEqual(["s3Export", "s3Import"]);
    const exportPolicy = resourceWhere(json, "aws_iam_role_policy", "name", "orders-prod-rds-s3-export-policy").body;
    expect(policyStatements(exportPolicy).map((statement) => statement.Resource)).toEqual([[`${OTHER_BUCKET}/*`], [reportsKey]]);
  });
});
