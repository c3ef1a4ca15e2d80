/** Builds the bootstrap stack's AWS part in a test stack and reads its documents. */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { PolicyGate } from "cdktf-aurora-postgresql-serverless";
import { defineStacks } from "../../stacks/app";
import type { TypePermissions } from "../../stacks/bootstrap/aws/permission-table";
import { PipelineAwsAccess, type PipelineAwsAccessProps } from "../../stacks/bootstrap/aws/pipeline-aws-access";
import type { ScopeDisasterRecoveryTypes, ScopeResourceTypes } from "../../stacks/bootstrap/aws/resource-types";
import { RDS_SECRET_CLUSTER_TAG, type AccountContext } from "../../stacks/bootstrap/aws/statements";
import { databaseResourceName, parameterPath, PROJECT } from "../../stacks/environments";
import { testApp } from "../support/app";
import { CLOUD, referenced } from "../support/bootstrap";
import { accountRefs, jsonDocument, policyStatements, ref, resourcesOf, synthesize, type Block } from "../support/synth";

export const REPOSITORY = "acme/alex-data";

const DEFINED = defineStacks(testApp(), {}).bootstrap;

/** Each scope's Terraform types, as the app hands them to the bootstrap stack (defined once per worker). */
export const RESOURCE_TYPES: ScopeResourceTypes = DEFINED.resourceTypes;

/** Each environment's disaster-recovery region and the types of its stacks there, as the app hands them to the bootstrap stack. */
export const DISASTER_RECOVERY: ScopeDisasterRecoveryTypes = DEFINED.disasterRecovery;

export const FULL_PROPS: PipelineAwsAccessProps = {
  resourceTypes: RESOURCE_TYPES,
  disasterRecovery: DISASTER_RECOVERY,
  terraformCloud: CLOUD,
  githubRepository: REPOSITORY,
  tags: { Project: "alex", Part: "bootstrap" },
};

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
export function contextRefs(json: Block): AccountContext {
  const { partition, region, account } = accountRefs(json, "Aws");
  return { partition, region, accountId: account };
}

export interface RoleDocuments {
  readonly body: Block;
  readonly trust: Block;
  /** Every statement of every managed policy attached to the role, in order. */
  readonly statements: Block[];
  /** The attached managed policies, in order. */
  readonly policies: Block[];
}

/** A role by its name, with its trust policy and the statements of its attached policies. */
export function roleDocuments(json: Block, name: string): RoleDocuments {
  const roles = Object.entries(resourcesOf(json, "aws_iam_role")).filter(([, body]) => body.name === name);
  if (roles.length !== 1) throw new Error(`expected one role named ${name}, found ${roles.length}`);
  const [roleName, body] = roles[0]!;
  const attachments = Object.values(resourcesOf(json, "aws_iam_role_policy_attachment")).filter((a) => a.role === ref("aws_iam_role", roleName, "name"));
  const policies = attachments.map((a) => {
    if (!/^\$\{aws_iam_policy\.[\w-]+\.arn\}$/.test(String(a.policy_arn)))
      throw new Error(`${name}: an attachment of ${String(a.policy_arn)}, not of a policy of the stack`);
    return referenced(json, a.policy_arn);
  });
  return { body, trust: jsonDocument(body.assume_role_policy) as Block, statements: policies.flatMap(policyStatements), policies };
}

/** Every action a permission table row names: its reads, or its reads and writes. */
export function tableActions(row: TypePermissions, kind: "read" | "both" = "both"): string[] {
  const grants = kind === "read" ? row.read : [...row.read, ...row.write];
  return [...new Set(grants.flatMap((g) => g.actions))];
}

/** The actions an Allow statement list holds. */
export const allowedActions = (statements: readonly Block[]): string[] =>
  [...new Set(statements.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action as string[]))].sort();

/** The Terraform types of synthesized documents, each once, sorted: resources by type, data sources as `data.<type>`, as the permission table keys them. */
export const documentTypes = (...documents: Block[]): string[] =>
  [...new Set(documents.flatMap((json) => [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {}).map((type) => `data.${type}`)]))].sort();

/** A token as the stack's JSON writes it (`${aws_iam_role.X.arn}`). */
export function resolved(stack: TerraformStack, value: string): unknown {
  return Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
}

/** A resource of a scope as the isolation tests try it: its ARN, and what it decides of the conditions. */
export interface Sample {
  readonly what: string;
  readonly arn: string;
  readonly facts: Readonly<Record<string, string>>;
}

/**
 * A scope's resources, one of each kind its stacks create or RDS creates for them, named and
 * tagged as the stacks do: `stack` is an environment's stack, or a preview's (`preview-<slug>`);
 * `environment` its Environment tag and scope, `boundary` the ARN of the scope's boundary that its
 * roles carry.
 */
export function scopeSamples(stack: string, environment: string, boundary: string, ctx: { partition: string; region: string; accountId: string }): Sample[] {
  const name = databaseResourceName(stack);
  const regional = (service: string, resource: string) => `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
  const elsewhere = (service: string, resource: string) => `arn:${ctx.partition}:${service}:${DISASTER_RECOVERY_SAMPLE_REGION}:${ctx.accountId}:${resource}`;
  const tag = { "aws:ResourceTag/Environment": environment };
  const cluster = regional("rds", `cluster:${name}-aurora-cluster`);
  const id = `${environment}0a1b2c3d`;
  const sample = (what: string, arn: string, facts: Record<string, string> = tag): Sample => ({ what, arn, facts });
  return [
    sample("cluster", cluster),
    sample("instance", regional("rds", `db:${name}-aurora-instance-1`)),
    sample("subnet group", regional("rds", `subgrp:${name}-aurora-subnet-group`)),
    sample("cluster parameter group", regional("rds", `cluster-pg:${name}-aurora-cluster-params`)),
    sample("final snapshot", regional("rds", `cluster-snapshot:${name}-aurora-cluster-final-0a1b2c3d`)),
    sample("automated snapshot", regional("rds", `cluster-snapshot:rds:${name}-aurora-cluster-2026-01-01-03-00`)),
    sample("proxy", regional("rds", `db-proxy:prx-${id}`)),
    sample("proxy endpoint", regional("rds", `db-proxy-endpoint:prx-endpoint-${id}`)),
    sample("proxy target group", regional("rds", `target-group:prx-tg-${id}`)),
    sample("role", `arn:${ctx.partition}:iam::${ctx.accountId}:role/${name}-lambda-aurora-role`, { ...tag, "iam:PermissionsBoundary": boundary }),
    sample("parameter", regional("ssm", `parameter${parameterPath(stack)}/cluster-arn`)),
    sample("log group", regional("logs", `log-group:/aws/rds/cluster/${name}-aurora-cluster/postgresql`)),
    sample("alarm topic", regional("sns", `${name}-aurora-alarms`)),
    sample("alarm subscription", regional("sns", `${name}-aurora-alarms:0a1b2c3d-0a1b-4c2d-8e3f-0a1b2c3d4e5f`)),
    sample("alarm", regional("cloudwatch", `alarm:${name}-aurora-cpu`)),
    sample("dashboard", `arn:${ctx.partition}:cloudwatch::${ctx.accountId}:dashboard/${name}-aurora`),
    sample("key", regional("kms", `key/${id}-0a1b-4c2d-8e3f-0a1b2c3d4e5f`)),
    sample("alias", regional("kms", `alias/${name}-aurora`)),
    sample("security group", regional("ec2", `security-group/sg-${id}`)),
    sample("security group rule", regional("ec2", `security-group-rule/sgr-${id}`)),
    sample("credentials secret", regional("secretsmanager", `secret:${name}-aurora-credentials-AbCdEf`)),
    sample("RDS-managed secret", regional("secretsmanager", `secret:rds!cluster-${id}-AbCdEf`), {
      ...tag,
      [`secretsmanager:ResourceTag/${RDS_SECRET_CLUSTER_TAG}`]: cluster,
      [`aws:ResourceTag/${RDS_SECRET_CLUSTER_TAG}`]: cluster,
    }),
    sample("Performance Insights", regional("pi", `metrics/rds/db-${id.toUpperCase()}`)),
    sample("database user", regional("rds-db", `dbuser:cluster-${id.toUpperCase()}/alexadmin`)),
    sample("backup vault", regional("backup", `backup-vault:${name}-aurora-backup`)),
    sample("backup plan", regional("backup", `backup-plan:${id}-0a1b-4c2d-8e3f-0a1b2c3d4e5f`)),
    sample("recovery point snapshot", regional("rds", `cluster-snapshot:awsbackup:job-${id}-0a1b-4c2d-8e3f-0a1b2c3d4e5f`)),
    sample("copies vault", elsewhere("backup", `backup-vault:${name}-aurora-backup-dr`)),
    sample("disaster-recovery key", elsewhere("kms", `key/${id}-1a1b-4c2d-8e3f-0a1b2c3d4e5f`)),
    sample("secondary cluster", elsewhere("rds", `cluster:${name}-aurora-cluster`)),
    sample("global cluster", `arn:${ctx.partition}:rds::${ctx.accountId}:global-cluster:${name}-aurora-global`),
  ];
}

/** The region of the samples of a scope's disaster-recovery stacks: the app's default disaster-recovery region. */
export const DISASTER_RECOVERY_SAMPLE_REGION = PROJECT.defaultDisasterRecoveryRegion;
