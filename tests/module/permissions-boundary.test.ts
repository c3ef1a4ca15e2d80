/**
 * `permissionsBoundary`: the boundary on every role the construct creates, references passed
 * through, and every refusal of a literal ARN, with its message.
 */
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { databaseStack, dataRef, MINIMAL_PROPS, resourcesOf, synthDatabase, validationProblems, type Block } from "../support/synth";
import { synthesizeReadmeExample } from "./readme-example";

const BOUNDARY = "arn:aws:iam::123456789012:policy/delivery/aurora-boundary";

/** Every role of a synthesized stack, by name, with its boundary (undefined when it has none). */
const boundaries = (json: Block): Record<string, unknown> =>
  Object.fromEntries(Object.values(resourcesOf(json, "aws_iam_role")).map((role) => [role.name, role.permissions_boundary]));

/** A database in a stack whose AWS provider is configured as given (no provider when undefined). */
function inRegion(region: string | undefined | ((stack: TerraformStack) => string), props: Partial<AuroraPostgresServerlessProps>) {
  const stack = new TerraformStack(testApp(), "regional");
  if (region !== undefined) new AwsProvider(stack, "aws", { region: typeof region === "function" ? region(stack) : region });
  new RandomProvider(stack, "random");
  return new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, ...props });
}

describe("permissionsBoundary", () => {
  it("is set on the Lambda and Enhanced Monitoring roles, every role of a database without a proxy", () => {
    expect(boundaries(synthDatabase({ permissionsBoundary: BOUNDARY }).json)).toEqual({
      "test-lambda-aurora-role": BOUNDARY,
      "test-rds-monitoring-role": BOUNDARY,
    });
  });

  it("is set on the proxy's role too, with a proxy", () => {
    expect(boundaries(synthDatabase({ permissionsBoundary: BOUNDARY, minCapacity: 0.5, proxy: {} }).json)).toEqual({
      "test-lambda-aurora-role": BOUNDARY,
      "test-rds-monitoring-role": BOUNDARY,
      "test-aurora-proxy-role": BOUNDARY,
    });
  });

  it("leaves every role without a boundary unless given", () => {
    expect(boundaries(synthDatabase({ minCapacity: 0.5, proxy: {} }).json)).toEqual({
      "test-lambda-aurora-role": undefined,
      "test-rds-monitoring-role": undefined,
      "test-aurora-proxy-role": undefined,
    });
  });

  it("accepts a reference, as built from the partition and account data sources, and writes it as given", () => {
    const { json } = synthDatabase((stack) => ({
      permissionsBoundary: `arn:${new DataAwsPartition(stack, "Partition", {}).partition}:iam::${new DataAwsCallerIdentity(stack, "Caller", {}).accountId}:policy/boundary`,
    }));
    const partition = Object.keys(json.data.aws_partition as Block).find((name) => name.startsWith("Partition"))!;
    const caller = Object.keys(json.data.aws_caller_identity as Block).find((name) => name.startsWith("Caller"))!;
    const expected = `arn:${dataRef("aws_partition", partition, "partition")}:iam::${dataRef("aws_caller_identity", caller, "account_id")}:policy/boundary`;
    expect(Object.values(boundaries(json))).toEqual([expected, expected]);
  });

  it.each([
    ["a customer managed policy", "arn:aws:iam::123456789012:policy/aurora-boundary"],
    ["an AWS managed policy", "arn:aws:iam::aws:policy/PowerUserAccess"],
    ["every character IAM allows in paths and names", "arn:aws:iam::123456789012:policy/a/b.c/d+e=f,g@h_i-j/Name_with+all=the,chars.@-"],
    ["a name of 128 characters", `arn:aws:iam::123456789012:policy/${"n".repeat(128)}`],
    ["a path of 512 characters", `arn:aws:iam::123456789012:policy/${"p/".repeat(254)}pp/boundary`],
  ])("accepts %s", (_case, arn) => {
    expect(() => databaseStack({ permissionsBoundary: arn })).not.toThrow();
  });

  const FORM = /^the ARN of an IAM managed policy, "arn:<partition>:iam::<12-digit account, or aws>:policy\/<optional path\/><name>", such as .*: /;

  it.each<[string, string, RegExp]>([
    ["a role", "arn:aws:iam::123456789012:role/delivery", /: it names a role, not a managed policy \(…:policy\/<name>\)$/],
    ["a user", "arn:aws:iam::123456789012:user/alex", /: it names a user, not a managed policy/],
    ["another service's ARN", "arn:aws:s3:::orders-boundary", /: it is an ARN of s3, not of iam$/],
    ["leading white space", " arn:aws:iam::123456789012:policy/boundary", /: it holds white space, which no ARN does/],
    ["a line break inside", "arn:aws:iam::123456789012:policy/\nboundary", /: it holds white space/],
    ["a policy name", "aurora-boundary", /: it is not an ARN \(arn:<partition>:<service>:<region>:<account>:<resource>\)$/],
    ["a region", "arn:aws:iam:us-east-1:123456789012:policy/boundary", /: its region is "us-east-1": IAM is global/],
    ["a short account", "arn:aws:iam::12345:policy/boundary", /: its account is "12345": 12 digits, or aws for an AWS managed policy$/],
    ["an unknown partition", "arn:amazon:iam::123456789012:policy/boundary", /: its partition "amazon" is none/],
    ["a character IAM refuses in the name", "arn:aws:iam::123456789012:policy/aurora*boundary", /: its policy name "aurora\*boundary" is not 1 to 128 letters/],
    ["a name of 129 characters", `arn:aws:iam::123456789012:policy/${"n".repeat(129)}`, /is not 1 to 128/],
    ["no name", "arn:aws:iam::123456789012:policy/", /: its policy name "" is not/],
    ["an empty path segment", "arn:aws:iam::123456789012:policy/team//boundary", /: its path "\/team\/\/" holds an empty segment or a character other than/],
    ["a path of 513 characters", `arn:aws:iam::123456789012:policy/${"p/".repeat(256)}boundary`, /: its path is 513 characters long, more than IAM's 512$/],
  ])("refuses %s, saying what is wrong", (_case, arn, reason) => {
    const problems = validationProblems(() => databaseStack({ permissionsBoundary: arn }));
    expect(problems).toEqual([{ property: "permissionsBoundary", received: arn, allowed: expect.stringMatching(FORM) }]);
    expect(problems[0]!.allowed).toMatch(reason);
  });

  it("refuses a type other than a string", () => {
    expect(validationProblems(() => databaseStack({ permissionsBoundary: 42 as unknown as string }))).toEqual([
      { property: "permissionsBoundary", received: 42, allowed: "a string" },
    ]);
  });
});

describe("permissionsBoundary and the stack's region", () => {
  const CHINA = "arn:aws-cn:iam::123456789012:policy/boundary";

  it("refuses a partition other than that of a literal region, naming both", () => {
    expect(validationProblems(() => inRegion("us-east-1", { permissionsBoundary: CHINA }))).toEqual([
      {
        property: "permissionsBoundary",
        received: CHINA,
        allowed: expect.stringMatching(
          /^a policy in the aws partition, that of us-east-1, the region of the stack's AWS provider: each partition has its own IAM/,
        ),
      },
    ]);
    expect(validationProblems(() => inRegion("cn-north-1", { permissionsBoundary: BOUNDARY }))).toEqual([
      expect.objectContaining({ property: "permissionsBoundary", allowed: expect.stringMatching(/^a policy in the aws-cn partition, that of cn-north-1/) }),
    ]);
    expect(validationProblems(() => inRegion("us-gov-west-1", { permissionsBoundary: BOUNDARY }))[0]!.allowed).toMatch(/aws-us-gov partition/);
  });

  it("accepts the partition of the region", () => {
    expect(() => inRegion("cn-northwest-1", { permissionsBoundary: CHINA })).not.toThrow();
    expect(() => inRegion("eu-west-1", { permissionsBoundary: BOUNDARY })).not.toThrow();
  });

  it("judges the form only while the region is not known at synth: from a variable, no provider, or a region no partition claims", () => {
    const fromVariable = (stack: TerraformStack) => new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    for (const region of [fromVariable, undefined, "xx-nowhere-1"]) {
      expect(() => inRegion(region, { permissionsBoundary: CHINA })).not.toThrow();
      expect(validationProblems(() => inRegion(region, { permissionsBoundary: "arn:aws-cn:iam::123456789012:role/x" }))).toEqual([
        expect.objectContaining({ property: "permissionsBoundary", allowed: expect.stringMatching(/it names a role/) }),
      ]);
    }
  });

  it("reads the region of the provider without an alias, which the construct's resources use", () => {
    const stack = new TerraformStack(testApp(), "aliased");
    new AwsProvider(stack, "aws", { region: "cn-north-1" });
    new AwsProvider(stack, "us", { region: "us-east-1", alias: "us" });
    new RandomProvider(stack, "random");
    expect(validationProblems(() => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, permissionsBoundary: BOUNDARY }))).toEqual([
      expect.objectContaining({ property: "permissionsBoundary", allowed: expect.stringMatching(/aws-cn partition, that of cn-north-1/) }),
    ]);
  });
});

describe("the module README's permissions boundary example", () => {
  it("synthesizes as written: the boundary built from the data sources on every role", () => {
    const { json } = synthesizeReadmeExample("## IAM roles and a permissions boundary", () => ({ DataAwsPartition, DataAwsCallerIdentity }));
    const caller = Object.keys(json.data.aws_caller_identity as Block).find((name) => name.startsWith("Caller"))!;
    const partition = Object.keys(json.data.aws_partition as Block).find((name) => name.startsWith("Partition"))!;
    const expected = `arn:${dataRef("aws_partition", partition, "partition")}:iam::${dataRef("aws_caller_identity", caller, "account_id")}:policy/delivery-boundary`;
    expect(boundaries(json)).toEqual({ "orders-prod-lambda-aurora-role": expected, "orders-prod-rds-monitoring-role": expected });
  });
});
