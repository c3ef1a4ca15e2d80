/**
 * The AWS part of the bootstrap stack: the permissions boundaries of the roles the database stacks
 * create (one per scope: each environment, and the previews), the OIDC providers of Terraform Cloud and GitHub Actions, Terraform Cloud's plan and
 * apply roles per environment and for the previews, and the previews' Data API role for pull
 * request jobs. Every name comes from stacks/delivery.ts, PROJECT and ENVIRONMENTS; each scope's
 * roles hold the actions of the resource and data source types its stacks contain (the
 * `resourceTypes` prop), so a change that adds a type needs this stack applied before its deploy.
 *
 * Roles are regional: their ARNs name the region of this stack's AWS provider, where the
 * environments deploy unless AURORA_<ENV>_AWS_REGION moves one elsewhere (which then needs this
 * stack applied with that region's provider too), and, for the types of an environment's stacks
 * in its disaster-recovery region (`disasterRecovery`), that region too. IAM names and the
 * boundaries are global.
 */
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn, TerraformStack } from "cdktf";
import { partitionOfRegion, ValidationError, type PolicyException, type ValidationProblem } from "cdktf-aurora-postgresql-serverless";
import { Construct } from "constructs";
import { isTerraformCloudHostname, TERRAFORM_CLOUD_HOSTNAME_RULE, workspaceName, type CloudSettings } from "../../backend";
import { permissionsBoundaryPolicyName, PIPELINE_ROLE_PATH, PIPELINE_ROLES } from "../../delivery";
import { ENVIRONMENTS, type EnvironmentName } from "../../environments";
import type { SettingsTable } from "../environment-stacks";
import { GITHUB_REPOSITORY_ALLOWED, parseGithubRepository } from "../github-names";
import { PERMISSION_TABLE } from "./permission-table";
import { LONGEST_CONTEXT, MANAGED_POLICIES_PER_ROLE, packStatements, policyDocument } from "./quotas";
import { isAwsType, type RegionalTypes, type ScopeDisasterRecoveryTypes, type ScopeResourceTypes } from "./resource-types";
import { allScopes, checkEnvironmentScopes, environmentScope, previewScope, type Scope } from "./scopes";
import {
  applyStatements,
  boundaryArn,
  boundaryStatements,
  planStatements,
  previewDataApiStatements,
  terraformCloudSubject,
  webIdentityTrust,
  type AccountContext,
  type Statement,
} from "./statements";

export interface PipelineAwsAccessProps {
  /**
   * Per scope (each environment of stacks/environments.ts, and `preview`), the Terraform types of
   * its stacks: each scope's plan and apply roles hold the actions of the permission table's rows
   * of these types, and no others. A type that calls AWS must have a row.
   */
  readonly resourceTypes: ScopeResourceTypes;
  /**
   * Per environment with stacks in a disaster-recovery region, that region and those stacks'
   * Terraform types (among its `resourceTypes`): its roles hold those types' actions in that region
   * too (stacks/app.ts's disasterRecoveryTypes). @default none
   */
  readonly disasterRecovery?: ScopeDisasterRecoveryTypes;
  /** The settings table whose environments are the scopes, each with the stacks its row makes. @default ENVIRONMENTS */
  readonly environments?: SettingsTable;
  /** Terraform Cloud's roles are created when given (plan and apply per environment, preview plan and apply). */
  readonly terraformCloud?: CloudSettings;
  /** `owner/name`: the preview's Data API role, trusted by this repository's pull_request jobs, is created when given. */
  readonly githubRepository?: string;
  /** Reuse an account's existing OIDC providers instead of creating them (an account holds one provider per URL). */
  readonly existingOidcProviderArns?: { readonly terraformCloud?: string; readonly github?: string };
  readonly tags: Readonly<Record<string, string>>;
}

/** Terraform Cloud's host when CloudSettings names none. */
export const TERRAFORM_CLOUD_HOST = "app.terraform.io";
/**
 * The audience Terraform Cloud's workload identity tokens carry by default
 * (TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE; the claims are checked as `<host>:aud` and `<host>:sub`, as in
 * HashiCorp's hashicorp/terraform-dynamic-credentials-setup-examples, aws/aws.tf and aws/vars.tf).
 */
export const TERRAFORM_CLOUD_AUDIENCE = "aws.workload.identity";
/** GitHub Actions' token issuer. */
export const GITHUB_HOST = "token.actions.githubusercontent.com";
/**
 * The audience aws-actions/configure-aws-credentials asks GitHub's token for; GitHub's AWS guide
 * checks `token.actions.githubusercontent.com:aud` and `:sub`
 * (https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws).
 */
export const GITHUB_AUDIENCE = "sts.amazonaws.com";

const OIDC_PROVIDER_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:oidc-provider\/(.+)$/;

/**
 * Why `arn` is not the ARN of an account's IAM OIDC provider of `host`, as the `allowed` of a
 * problem; undefined when it is. One rule for the construct's prop and the bootstrap's
 * `BOOTSTRAP_…_OIDC_PROVIDER_ARN` variables, so that what one accepts the other does too.
 */
export function oidcProviderArnProblem(arn: unknown, host: string): string | undefined {
  const url = typeof arn === "string" ? OIDC_PROVIDER_ARN.exec(arn)?.[1] : undefined;
  if (url === undefined) return `an IAM OIDC provider ARN, arn:<partition>:iam::<account>:oidc-provider/${host}`;
  if (url !== host) return `the OIDC provider of https://${host}, arn:<partition>:iam::<account>:oidc-provider/${host}`;
  return undefined;
}

/**
 * The subjects GitHub gives a job run by a pull_request event: `repo:<owner>/<name>:pull_request`,
 * and, for repositories that use immutable subject claims (created after 2026-07-15, or opted in),
 * `repo:<owner>@<owner id>/<name>@<repository id>:pull_request`
 * (https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims). The ids
 * are matched by `*`: owner and repository names hold no `@`, `/` or `:`, so the pattern still
 * names this repository only.
 */
export function githubPullRequestSubjects(repository: string): string[] {
  const [owner, name] = repository.split("/");
  return [`repo:${repository}:pull_request`, `repo:${owner}@*/${name}@*:pull_request`];
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function validate(props: PipelineAwsAccessProps, subject: string): void {
  const problems: ValidationProblem[] = [];
  const host = props.terraformCloud?.hostname ?? TERRAFORM_CLOUD_HOST;
  if (props.terraformCloud !== undefined && !isTerraformCloudHostname(host)) {
    problems.push({ property: "terraformCloud.hostname", received: host, allowed: TERRAFORM_CLOUD_HOSTNAME_RULE });
  }
  const repository = props.githubRepository;
  // The rule BOOTSTRAP_GITHUB_REPOSITORY is read with (stacks/bootstrap/inputs.ts), for direct callers.
  if (repository !== undefined && (typeof repository !== "string" || parseGithubRepository(repository) === undefined)) {
    problems.push({ property: "githubRepository", received: repository, allowed: GITHUB_REPOSITORY_ALLOWED });
  }
  const scopes = allScopes(props.environments).map((scopeOf) => scopeOf.environment);
  const given = props.resourceTypes ?? {};
  for (const scopeName of scopes.filter((name) => !Array.isArray(given[name]))) {
    problems.push({
      property: `resourceTypes.${scopeName}`,
      received: given[scopeName],
      allowed: "the Terraform types of the scope's stacks (stacks/app.ts's scopeResourceTypes)",
    });
  }
  for (const scopeName of Object.keys(given).filter((name) => !scopes.includes(name))) {
    problems.push({ property: `resourceTypes.${scopeName}`, received: given[scopeName], allowed: `a scope: ${scopes.join(", ")}` });
  }
  for (const scopeName of scopes.filter((name) => Array.isArray(given[name]))) {
    for (const type of given[scopeName]!.filter((candidate) => isAwsType(candidate) && !(candidate in PERMISSION_TABLE))) {
      problems.push({
        property: `resourceTypes.${scopeName}`,
        received: type,
        allowed: "types with a row in stacks/bootstrap/aws/permission-table.ts, which says what Terraform calls on AWS for them: add the row",
      });
    }
  }
  for (const [scopeName, regional] of Object.entries(props.disasterRecovery ?? {})) {
    const property = `disasterRecovery.${scopeName}`;
    if (!scopes.includes(scopeName) || scopeName === "preview") {
      problems.push({ property, received: regional, allowed: `an environment: ${scopes.filter((name) => name !== "preview").join(", ")}` });
      continue;
    }
    if (typeof regional?.region !== "string" || !REGION.test(regional.region) || partitionOfRegion(regional.region) === undefined) {
      problems.push({ property: `${property}.region`, received: regional?.region, allowed: 'an AWS region code of a known partition, such as "us-west-2"' });
    }
    const all = Array.isArray(given[scopeName]) ? given[scopeName]! : [];
    for (const type of (Array.isArray(regional?.types) ? regional.types : []).filter((candidate) => !all.includes(candidate))) {
      problems.push({
        property: `${property}.types`,
        received: type,
        allowed: `types among resourceTypes.${scopeName}, which hold every stack's of the scope`,
      });
    }
  }
  const existing = props.existingOidcProviderArns ?? {};
  const expected = {
    terraformCloud: { host, needs: props.terraformCloud, prop: "terraformCloud" },
    github: { host: GITHUB_HOST, needs: repository, prop: "githubRepository" },
  };
  for (const key of ["terraformCloud", "github"] as const) {
    const arn = existing[key];
    if (arn === undefined) continue;
    const property = `existingOidcProviderArns.${key}`;
    const wrong = oidcProviderArnProblem(arn, expected[key].host);
    if (wrong !== undefined) {
      problems.push({ property, received: arn, allowed: wrong });
    } else if (expected[key].needs === undefined) {
      problems.push({ property, received: arn, allowed: `nothing without ${expected[key].prop}: no role would trust the provider` });
    }
  }
  if (problems.length > 0) throw new ValidationError(subject, problems);
}

/** Built once with references and once with LONGEST_CONTEXT, so that the split measured is the split rendered. */
type StatementsOf = (ctx: AccountContext) => Statement[];

export class PipelineAwsAccess extends Construct {
  /** Each scope's permissions boundary (`<project>-<scope>-workload-boundary`), by scope: each environment, and `preview`. */
  public readonly permissionsBoundaryArns: Readonly<Record<string, string>>;
  public readonly terraformCloudRoles?: {
    readonly plan: Readonly<Record<EnvironmentName, string>>;
    readonly apply: Readonly<Record<EnvironmentName, string>>;
    readonly previewPlan: string;
    readonly previewApply: string;
  };
  public readonly previewDataApiRoleArn?: string;
  /**
   * What the policy gate must accept on these resources, with paths relative to the stack: IAM.21
   * on the policies whose statements name actions that take no resource (`*`), which
   * each such policy holds apart from the scoped ones.
   */
  public readonly policyExceptions: readonly PolicyException[];

  private readonly context: AccountContext;
  private readonly tags: Record<string, string>;
  private readonly everyResourcePolicies: IamPolicy[] = [];

  constructor(scope: Construct, id: string, props: PipelineAwsAccessProps) {
    validate(props, `PipelineAwsAccess "${[scope.node.path, id].filter(Boolean).join("/")}"`);
    const table = props.environments ?? ENVIRONMENTS;
    checkEnvironmentScopes(Object.keys(table));
    super(scope, id);
    this.tags = { ...props.tags };
    this.context = {
      partition: new DataAwsPartition(this, "Partition", {}).partition,
      region: new DataAwsRegion(this, "Region", {}).region,
      accountId: new DataAwsCallerIdentity(this, "Account", {}).accountId,
    };

    const boundaries: Record<string, string> = {};
    const boundariesOnEveryResource: IamPolicy[] = [];
    for (const scopeOf of allScopes(table)) {
      const statements = boundaryStatements(scopeOf, this.context, props.resourceTypes[scopeOf.environment]);
      const boundary = new IamPolicy(this, `PermissionsBoundary-${scopeOf.environment}`, {
        name: permissionsBoundaryPolicyName(scopeOf.environment),
        description: `Permissions boundary of every role the ${scopeOf.environment} stacks create`,
        policy: Fn.jsonencode(policyDocument(statements)),
        tags: { ...this.tags },
      });
      if (statements.some((statement) => statement.Effect === "Allow" && statement.Resource.includes("*"))) boundariesOnEveryResource.push(boundary);
      // Built from the name (no path), as the apply roles' conditions spell it.
      boundaries[scopeOf.environment] = boundaryArn(scopeOf, this.context);
    }
    this.permissionsBoundaryArns = boundaries;

    const environments = Object.keys(table) as EnvironmentName[];
    const cloud = props.terraformCloud;
    if (cloud !== undefined) {
      const host = cloud.hostname ?? TERRAFORM_CLOUD_HOST;
      const provider =
        props.existingOidcProviderArns?.terraformCloud ??
        new IamOpenidConnectProvider(this, "TerraformCloudProvider", {
          url: `https://${host}`,
          clientIdList: [TERRAFORM_CLOUD_AUDIENCE],
          tags: { ...this.tags },
        }).arn;
      const trust = (project: string, scopeOf: Scope, phase: "plan" | "apply") =>
        webIdentityTrust(
          provider,
          host,
          TERRAFORM_CLOUD_AUDIENCE,
          scopeOf.stackPatterns.map((stack) => terraformCloudSubject(cloud.organization, project, workspaceName(cloud.workspacePrefix, stack), phase)),
        );
      const plan = {} as Record<EnvironmentName, string>;
      const apply = {} as Record<EnvironmentName, string>;
      const typesOf = (scopeOf: Scope) => props.resourceTypes[scopeOf.environment]!;
      const otherRegionOf = (scopeOf: Scope): RegionalTypes | undefined => props.disasterRecovery?.[scopeOf.environment];
      for (const environment of environments) {
        const envScope = environmentScope(environment, table);
        plan[environment] = this.role(`Plan-${environment}`, PIPELINE_ROLES.plan(environment), trust(cloud.project, envScope, "plan"), (ctx) =>
          planStatements(envScope, ctx, typesOf(envScope), otherRegionOf(envScope)),
        );
        apply[environment] = this.role(`Apply-${environment}`, PIPELINE_ROLES.apply(environment), trust(cloud.project, envScope, "apply"), (ctx) =>
          applyStatements(envScope, ctx, typesOf(envScope), otherRegionOf(envScope)),
        );
      }
      const previews = previewScope();
      this.terraformCloudRoles = {
        plan,
        apply,
        previewPlan: this.role("PreviewPlan", PIPELINE_ROLES.previewPlan, trust(cloud.previewProject, previews, "plan"), (ctx) =>
          planStatements(previews, ctx, typesOf(previews)),
        ),
        previewApply: this.role("PreviewApply", PIPELINE_ROLES.previewApply, trust(cloud.previewProject, previews, "apply"), (ctx) =>
          applyStatements(previews, ctx, typesOf(previews)),
        ),
      };
    }

    if (props.githubRepository !== undefined) {
      const provider =
        props.existingOidcProviderArns?.github ??
        new IamOpenidConnectProvider(this, "GithubProvider", { url: `https://${GITHUB_HOST}`, clientIdList: [GITHUB_AUDIENCE], tags: { ...this.tags } }).arn;
      const previews = previewScope();
      this.previewDataApiRoleArn = this.role(
        "PreviewDataApi",
        PIPELINE_ROLES.previewDataApi,
        webIdentityTrust(provider, GITHUB_HOST, GITHUB_AUDIENCE, githubPullRequestSubjects(props.githubRepository)),
        (ctx) => previewDataApiStatements(previews, ctx),
      );
    }

    const stackPath = TerraformStack.of(this).node.path;
    const relative = (construct: Construct) => construct.node.path.slice(stackPath.length + 1);
    this.policyExceptions = [
      ...(this.everyResourcePolicies.length === 0
        ? []
        : [
            {
              control: "IAM.21",
              resources: this.everyResourcePolicies.map(relative),
              reason:
                "actions of the scope's types that take no resource in the Service Authorization Reference (such as EC2 and SSM Describe*, logs:DescribeLogGroups, rds:DescribeGlobalClusters, kms:ListAliases, SNS subscription attributes and Unsubscribe, sts:GetCallerIdentity, backup-storage:MountCapsule), and kms:CreateKey and rds:CreateDBProxy, held to the scope's tag in the request; every scoped statement is in the roles' other policies",
            },
          ]),
      ...(boundariesOnEveryResource.length === 0
        ? []
        : [
            {
              control: "IAM.21",
              resources: boundariesOnEveryResource.map(relative),
              reason:
                "a boundary limits, it grants nothing: tag:GetResources, which takes no resource in the Service Authorization Reference, is in the boundaries of the scopes with a backup plan because AWS Backup refuses a selection whose role may not call it; the backup role's own policies are AWS's",
            },
          ]),
    ];
  }

  /**
   * A pipeline role on the pipeline's path, trusted by `trust`, with its statements split into
   * managed policies that each fit IAM's quota (quotas.ts), named `<role>-<n>` on the same path.
   */
  private role(id: string, name: string, trust: object, statements: StatementsOf): string {
    const role = new IamRole(this, id, {
      name,
      path: PIPELINE_ROLE_PATH,
      assumeRolePolicy: Fn.jsonencode(trust),
      tags: { ...this.tags },
    });
    const rendered = statements(this.context);
    const groups = packStatements(statements(LONGEST_CONTEXT));
    if (groups.length > MANAGED_POLICIES_PER_ROLE)
      throw new Error(`role ${name} needs ${groups.length} managed policies; IAM attaches at most ${MANAGED_POLICIES_PER_ROLE}`);
    groups.forEach(({ everyResource, indexes }, n) => {
      const policy = new IamPolicy(role, `Policy${n + 1}`, {
        name: `${name}-${n + 1}`,
        path: PIPELINE_ROLE_PATH,
        description: everyResource ? `Actions of ${name} that take no resource` : `Permissions of ${name}`,
        policy: Fn.jsonencode(policyDocument(indexes.map((i) => rendered[i]!))),
        tags: { ...this.tags },
      });
      if (everyResource) this.everyResourcePolicies.push(policy);
      new IamRolePolicyAttachment(role, `Attachment${n + 1}`, { role: role.name, policyArn: policy.arn });
    });
    return role.arn;
  }
}
