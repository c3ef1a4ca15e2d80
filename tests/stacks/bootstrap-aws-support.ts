/** Builds the bootstrap stack's AWS part in a test stack and reads its documents. */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { PolicyGate } from "cdktf-aurora-postgresql-serverless";
import type { CloudSettings } from "../../stacks/backend";
import { PipelineAwsAccess, type PipelineAwsAccessProps } from "../../stacks/bootstrap/aws/pipeline-aws-access";
import { testApp } from "../support/app";
import { type Block, dataRef, jsonDocument, onlyDataSource, resourcesOf, synthesize } from "../support/synth";

export const CLOUD: CloudSettings = {
  organization: "acme",
  workspacePrefix: "alex-database",
  project: "alex-database",
  previewProject: "alex-database-previews",
};
export const REPOSITORY = "acme/alex-data";

export const FULL_PROPS: PipelineAwsAccessProps = { terraformCloud: CLOUD, githubRepository: REPOSITORY, tags: { Project: "alex", Part: "bootstrap" } };

export interface BuiltAccess {
  readonly stack: TerraformStack;
  readonly access: PipelineAwsAccess;
  readonly json: Block;
}

/** A stack holding only the construct (id `Aws`), gated as the app's stacks are. */
export function buildAccess(props: PipelineAwsAccessProps = FULL_PROPS, gate = true): BuiltAccess {
  const stack = new TerraformStack(testApp(), "bootstrap");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const access = new PipelineAwsAccess(stack, "Aws", props);
  if (gate) PolicyGate.apply(stack, { exceptions: access.policyExceptions });
  return { stack, access, json: synthesize(stack).json };
}

/** The partition, region and account as the construct's documents reference them. */
export function contextRefs(json: Block): { partition: string; region: string; accountId: string } {
  return {
    partition: dataRef("aws_partition", onlyDataSource(json, "aws_partition").name, "partition"),
    region: dataRef("aws_region", onlyDataSource(json, "aws_region").name, "region"),
    accountId: dataRef("aws_caller_identity", onlyDataSource(json, "aws_caller_identity").name, "account_id"),
  };
}

export interface RoleDocuments {
  readonly body: Block;
  readonly trust: Block;
  /** Every statement of every managed policy attached to the role, in order. */
  readonly statements: Block[];
  /** The attached policies' resource names. */
  readonly policies: string[];
}

/** A role by its name, with its trust policy and the statements of its attached policies. */
export function roleDocuments(json: Block, name: string): RoleDocuments {
  const roles = Object.entries(resourcesOf(json, "aws_iam_role")).filter(([, body]) => body.name === name);
  if (roles.length !== 1) throw new Error(`expected one role named ${name}, found ${roles.length}`);
  const [roleName, body] = roles[0]!;
  const attachments = Object.values(resourcesOf(json, "aws_iam_role_policy_attachment")).filter((a) => a.role === `\${aws_iam_role.${roleName}.name}`);
  const policies = attachments.map((a) => /^\$\{aws_iam_policy\.([\w-]+)\.arn\}$/.exec(a.policy_arn as string)![1]!);
  const statements = policies.flatMap((policy) => (jsonDocument(resourcesOf(json, "aws_iam_policy")[policy]!.policy) as Block).Statement as Block[]);
  return { body, trust: jsonDocument(body.assume_role_policy) as Block, statements, policies };
}

/** The actions an Allow statement list holds. */
export const allowedActions = (statements: readonly Block[]): string[] =>
  [...new Set(statements.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action as string[]))].sort();

/** An IAM pattern (`*` any run of characters, `?` one) as a regular expression. */
export function iamPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/** A token as the stack's JSON writes it (`${aws_iam_role.X.arn}`). */
export function resolved(stack: TerraformStack, value: string): unknown {
  return Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
}
