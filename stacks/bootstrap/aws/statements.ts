/**
 * The pipeline's IAM documents as data, built from the permission table, a scope and its types:
 * the plan and apply roles' statements, the scopes' permissions boundaries, the preview's Data API
 * statements and the trust policies. Pure functions of their inputs, so the same documents are
 * rendered into the stack (with references to the account's partition, region and id) and measured
 * against IAM's quotas (with values of their longest length).
 */
import { DATA_API_ACTIONS, PERFORMANCE_INSIGHTS_READ_ACTIONS } from "cdktf-aurora-postgresql-serverless";
import { permissionsBoundaryPolicyName } from "../../delivery";
import { PERMISSION_TABLE, type Target } from "./permission-table";
import type { RegionalTypes } from "./resource-types";
import { allScopes, namePrefixOf, type Scope } from "./scopes";

/** Where the documents point: the account, its partition and the region of the bootstrap stack. */
export interface AccountContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export type Condition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Condition;
}

/** The tag every resource of a scope carries (stacks/environments.ts `environmentTags`). */
const ENVIRONMENT_TAG = "Environment";

/** The AWS managed policy the module attaches (the Enhanced Monitoring role's). */
export const ATTACHABLE_MANAGED_POLICIES = ["service-role/AmazonRDSEnhancedMonitoringRole"] as const;

/**
 * The AWS managed policies the module's backup plan attaches to the role AWS Backup assumes
 * (modules/aurora-postgresql-serverless/src/private/backup-policy-documents.ts,
 * BACKUP_MANAGED_POLICIES): attachable only by scopes whose stacks hold a backup plan.
 */
export const BACKUP_MANAGED_POLICIES = ["service-role/AWSBackupServiceRolePolicyForBackup", "service-role/AWSBackupServiceRolePolicyForRestores"] as const;

/** The service the backup plan's selection passes its role to (`aws_backup_selection.iam_role_arn`). */
export const BACKUP_SERVICE = "backup.amazonaws.com";

/** The types of a backup plan's stack: the scopes that hold them get what AWS Backup needs from the caller and from the backup role. */
export const BACKUP_PLAN_TYPES = ["aws_backup_plan", "aws_backup_selection"] as const;

/**
 * The services the module passes its roles to: RDS for the proxy's role (`aws_db_proxy.role_arn`),
 * and for the Enhanced Monitoring role (`aws_rds_cluster_instance.monitoring_role_arn`), which RDS
 * hands to its monitoring service. IAM checks iam:PassedToService against the service the role is
 * passed to (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService);
 * which value RDS presents for the monitoring role is not documented (published policies use
 * either), so both are allowed, and both are RDS.
 */
export const PASSED_TO_SERVICES = ["rds.amazonaws.com", "monitoring.rds.amazonaws.com"] as const;

/** The engine the module creates (modules/aurora-postgresql-serverless, `engine`): it names the default option and parameter groups. */
const AURORA_ENGINE = "aurora-postgresql";

/** Actions no plan role holds: they read a secret's value or decrypt with a key. */
export const SECRET_READING_ACTIONS = ["secretsmanager:GetSecretValue", "kms:Decrypt"] as const;

const regional = (ctx: AccountContext, service: string, resource: string) => `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
const global = (ctx: AccountContext, service: string, resource: string) => `arn:${ctx.partition}:${service}::${ctx.accountId}:${resource}`;

/** A scope's boundary's ARN: `arn:<partition>:iam::<account>:policy/<name>` (no path). */
export function boundaryArn(scope: Scope, ctx: AccountContext): string {
  return global(ctx, "iam", `policy/${permissionsBoundaryPolicyName(scope.environment)}`);
}

interface ResolvedTarget {
  readonly resources: readonly string[];
  readonly condition?: Condition;
}

const tagged = (key: string, values: string | readonly string[]): Condition => ({ StringEquals: { [key]: values } });
/** The tag only if the resource or request has one: keys KMS does not yet see tagged, rules authorized without tags. */
const taggedIfAny = (key: string, values: string | readonly string[]): Condition => ({ StringEqualsIfExists: { [key]: values } });

/**
 * The resources (and, for writes, the conditions) a target names in a scope. Reads carry no
 * conditions: they name a scope's resources by name where ARNs allow, and describe what the
 * account holds elsewhere (a data source reads the AWS managed key `aws/rds`, which has no tags).
 */
function resolveTarget(target: Target, scope: Scope, ctx: AccountContext, mode: "read" | "write"): ResolvedTarget[] {
  const prefix = scope.namePrefix;
  const write = mode === "write";
  const ownTag = (key: string) => (write ? tagged(key, scope.environment) : undefined);
  const ownTagIfAny = (key: string) => (write ? taggedIfAny(key, scope.environment) : undefined);
  const rds = (resource: string) => regional(ctx, "rds", resource);
  const ec2 = (resource: string) => regional(ctx, "ec2", resource);
  const role = global(ctx, "iam", `role/${prefix}*`);
  const bounded = { "iam:PermissionsBoundary": boundaryArn(scope, ctx) };
  switch (target) {
    case "any":
      return [{ resources: ["*"] }];
    case "rds-cluster":
      return [{ resources: [rds(`cluster:${prefix}*`)] }];
    case "rds-instance":
      return [{ resources: [rds(`db:${prefix}*`)] }];
    case "rds-subnet-group":
      return [{ resources: [rds(`subgrp:${prefix}*`)] }];
    case "rds-cluster-parameter-group":
      return [{ resources: [rds(`cluster-pg:${prefix}*`)] }];
    case "rds-engine-defaults":
      // `default:aurora-postgresql-17` (option group), `default.aurora-postgresql17` (parameter group): AWS's own, never changed by the scope.
      return [{ resources: [rds(`og:default:${AURORA_ENGINE}-*`), rds(`pg:default.${AURORA_ENGINE}*`)] }];
    case "rds-cluster-snapshot":
      return [{ resources: [rds(`cluster-snapshot:${prefix}*`)] }];
    case "rds-cluster-endpoint":
      return [{ resources: [rds(`cluster-endpoint:${prefix}*`)] }];
    case "rds-global-cluster":
      // Global clusters are global: their ARNs name no region (`arn:<partition>:rds::<account>:global-cluster:<id>`).
      return [{ resources: [global(ctx, "rds", `global-cluster:${prefix}*`)] }];
    case "rds-restore-source":
      // Manual and final snapshots are named by the cluster (`<prefix>…`), automated ones `rds:<cluster>-<date>`.
      return [
        { resources: scope.restoreSources.map(namePrefixOf).flatMap((source) => [rds(`cluster-snapshot:${source}*`), rds(`cluster-snapshot:rds:${source}*`)]) },
      ];
    case "rds-proxy":
      if (!write) return [{ resources: [rds("db-proxy:*"), rds("db-proxy-endpoint:*"), rds("target-group:*")] }];
      // A proxy's default target group is created by RDS with the proxy, and whether RDS tags it
      // is not documented: its writes hold the Environment tag where the group carries one.
      return [
        { resources: [rds("db-proxy:*"), rds("db-proxy-endpoint:*")], condition: ownTag(`aws:ResourceTag/${ENVIRONMENT_TAG}`) },
        { resources: [rds("target-group:*")], condition: ownTagIfAny(`aws:ResourceTag/${ENVIRONMENT_TAG}`) },
      ];
    case "rds-proxy-create":
      // CreateDBProxy takes no resource: `*`, with the scope's tag in the request (aws:RequestTag is its condition key).
      return [{ resources: ["*"], condition: ownTag(`aws:RequestTag/${ENVIRONMENT_TAG}`) }];
    case "rds-proxy-tagged-create":
      return [{ resources: [rds("db-proxy:*"), rds("db-proxy-endpoint:*")], condition: ownTag(`aws:RequestTag/${ENVIRONMENT_TAG}`) }];
    case "rds-proxy-endpoint-create":
      return [{ resources: [rds("db-proxy-endpoint:*")], condition: ownTag(`aws:RequestTag/${ENVIRONMENT_TAG}`) }];
    case "log-group":
      return [{ resources: [regional(ctx, "logs", `log-group:/aws/rds/cluster/${prefix}*`)] }];
    case "alarm":
      return [{ resources: [regional(ctx, "cloudwatch", `alarm:${prefix}*`)] }];
    case "dashboard":
      return [{ resources: [global(ctx, "cloudwatch", `dashboard/${prefix}*`)] }];
    case "sns-topic":
      return [{ resources: [regional(ctx, "sns", `${prefix}*`)] }];
    case "backup-vault":
      return [{ resources: [regional(ctx, "backup", `backup-vault:${prefix}*`)] }];
    case "backup-plan":
      return [{ resources: [regional(ctx, "backup", "backup-plan:*")], condition: ownTag(`aws:ResourceTag/${ENVIRONMENT_TAG}`) }];
    case "backup-plan-create":
      return [{ resources: [regional(ctx, "backup", "backup-plan:*")], condition: ownTag(`aws:RequestTag/${ENVIRONMENT_TAG}`) }];
    case "ssm-parameter":
      return [{ resources: scope.parameterPatterns.map((pattern) => regional(ctx, "ssm", `parameter${pattern}`)) }];
    case "iam-role":
      return [{ resources: [role] }];
    case "iam-role-bounded":
      return [{ resources: [role], condition: write ? { StringEquals: bounded } : undefined }];
    case "iam-boundary-policy":
      return [{ resources: [boundaryArn(scope, ctx)] }];
    case "iam-role-attach":
      return [
        {
          resources: [role],
          condition: write
            ? { StringEquals: { ...bounded, "iam:PolicyARN": ATTACHABLE_MANAGED_POLICIES.map((name) => `arn:${ctx.partition}:iam::aws:policy/${name}`) } }
            : undefined,
        },
      ];
    case "kms-key":
      return [{ resources: [regional(ctx, "kms", "key/*")], condition: ownTag(`aws:ResourceTag/${ENVIRONMENT_TAG}`) }];
    case "kms-key-new":
      return [{ resources: [regional(ctx, "kms", "key/*")], condition: ownTagIfAny(`aws:ResourceTag/${ENVIRONMENT_TAG}`) }];
    case "kms-key-create":
      // CreateKey names no key yet: its resource is "*", held to the scope's tag in the request.
      return [{ resources: ["*"], condition: ownTag(`aws:RequestTag/${ENVIRONMENT_TAG}`) }];
    case "kms-alias":
      return [{ resources: [regional(ctx, "kms", `alias/${prefix}*`)] }];
    case "secret-own":
      return [{ resources: [regional(ctx, "secretsmanager", `secret:${prefix}*`)] }];
    case "secret-rds-managed":
      return [{ resources: [rdsManagedSecrets(ctx)], condition: write ? ownClusterSecret(scope, ctx) : undefined }];
    case "ec2-vpc":
      return [{ resources: [ec2("vpc/*")] }];
    case "ec2-security-group":
      return [{ resources: [ec2("security-group/*"), ec2("security-group-rule/*")], condition: ownTag(`aws:ResourceTag/${ENVIRONMENT_TAG}`) }];
    case "ec2-security-group-create":
      return [{ resources: [ec2("vpc/*")] }, { resources: [ec2("security-group/*")], condition: ownTag(`aws:RequestTag/${ENVIRONMENT_TAG}`) }];
    case "ec2-security-group-rule-create":
      // A provider version that authorizes without tags sends none: the group's tag is the check then.
      return [{ resources: [ec2("security-group-rule/*")], condition: ownTagIfAny(`aws:RequestTag/${ENVIRONMENT_TAG}`) }];
    case "ec2-security-group-rule-tag":
      return [
        {
          resources: [ec2("security-group-rule/*")],
          condition: write
            ? {
                StringEquals: { [`aws:RequestTag/${ENVIRONMENT_TAG}`]: scope.environment },
                StringEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment },
              }
            : undefined,
        },
      ];
    case "ec2-create-tags":
      return [
        {
          resources: [ec2("security-group/*"), ec2("security-group-rule/*")],
          condition: write
            ? {
                StringEquals: {
                  "ec2:CreateAction": ["CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress"],
                  [`aws:RequestTag/${ENVIRONMENT_TAG}`]: scope.environment,
                },
              }
            : undefined,
        },
      ];
  }
}

/** The secrets RDS manages for clusters (`rds!cluster-…`), whose names carry no cluster name. */
const rdsManagedSecrets = (ctx: AccountContext) => regional(ctx, "secretsmanager", "secret:rds!cluster-*");

/**
 * Writes on a secret RDS manages only when its tag RDS_SECRET_CLUSTER_TAG names one of the scope's
 * clusters, or when it has none yet: RDS creates the secret in the caller's name and tags it
 * itself, with its own service-linked role. Another scope's secret carries its cluster's name,
 * which no one but AWS can change.
 */
function ownClusterSecret(scope: Scope, ctx: AccountContext): Condition {
  return { StringLikeIfExists: { [`secretsmanager:ResourceTag/${RDS_SECRET_CLUSTER_TAG}`]: regional(ctx, "rds", `cluster:${scope.namePrefix}*`) } };
}

/** `rds-cluster` → `RdsCluster`. */
const sidOf = (words: string) => words.replace(/(^|[^A-Za-z0-9])([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());

interface Part {
  readonly sid: string;
  readonly resources: readonly string[];
  readonly condition?: Condition;
  readonly actions: Set<string>;
}

/** Where a grant applies: the bootstrap stack's region, the scope's disaster-recovery region, or both. */
type Regions = { readonly primary: boolean; readonly disasterRecovery: boolean };

interface RegionalGrant {
  readonly actions: readonly string[];
  readonly on: readonly Target[];
  readonly mode: "read" | "write";
  readonly regions: Regions;
}

/**
 * What a target names in the regions of a grant: its resolution in the bootstrap stack's region,
 * and in the disaster-recovery region where the grant applies there too, merged into one list of
 * resources wherever the two carry the same condition. `widened` says whether the other region
 * added resources (targets whose ARNs name no region, such as IAM's, add none).
 */
type RegionalTarget = ResolvedTarget & { readonly widened: boolean; readonly primary: boolean };

function resolveInRegions(
  target: Target,
  scope: Scope,
  ctx: AccountContext,
  mode: "read" | "write",
  regions: Regions,
  dr: RegionalTypes | undefined,
): RegionalTarget[] {
  const primary = regions.primary ? resolveTarget(target, scope, ctx, mode) : undefined;
  const other = regions.disasterRecovery && dr !== undefined ? resolveTarget(target, scope, { ...ctx, region: dr.region }, mode) : undefined;
  if (other === undefined) return (primary ?? []).map((resolved) => ({ ...resolved, widened: false, primary: true }));
  if (primary === undefined) return other.map((resolved) => ({ ...resolved, widened: true, primary: false }));
  return primary.flatMap((resolved, index): RegionalTarget[] => {
    const twin = other[index]!;
    if (JSON.stringify(twin.condition ?? null) !== JSON.stringify(resolved.condition ?? null)) {
      return [
        { ...resolved, widened: false, primary: true },
        { ...twin, widened: true, primary: false },
      ];
    }
    const resources = [...new Set([...resolved.resources, ...twin.resources])];
    return [{ resources, condition: resolved.condition, widened: resources.length > resolved.resources.length, primary: true }];
  });
}

/**
 * One statement per distinct resources-and-condition pair, with every action granted on it, in
 * the table's order; actions sorted within a statement. A statement that reaches the
 * disaster-recovery region too is named with `WithDr` (`InDr` when it reaches only that region).
 */
function collect(grants: readonly RegionalGrant[], scope: Scope, ctx: AccountContext, exclude: ReadonlySet<string>, dr?: RegionalTypes): Statement[] {
  // The regions of each action on each target, over every row that grants it, so that an action two rows grant lands in one statement.
  const regionsOf = new Map<string, { primary: boolean; disasterRecovery: boolean }>();
  const keyOf = (target: Target, mode: string, action: string) => JSON.stringify([target, mode, action]);
  for (const { actions, on, mode, regions } of grants) {
    for (const target of on) {
      for (const action of actions.filter((candidate) => !exclude.has(candidate))) {
        const seen = regionsOf.get(keyOf(target, mode, action)) ?? { primary: false, disasterRecovery: false };
        regionsOf.set(keyOf(target, mode, action), {
          primary: seen.primary || regions.primary,
          disasterRecovery: seen.disasterRecovery || regions.disasterRecovery,
        });
      }
    }
  }
  const parts = new Map<string, Part>();
  for (const { actions, on, mode } of grants) {
    for (const target of on) {
      for (const action of actions.filter((candidate) => !exclude.has(candidate))) {
        const regions = regionsOf.get(keyOf(target, mode, action))!;
        resolveInRegions(target, scope, ctx, mode, regions, dr).forEach((resolved, index) => {
          const key = JSON.stringify([resolved.resources, resolved.condition ?? null]);
          let part = parts.get(key);
          if (!part) {
            // Statements on every resource are named for that, whichever target first put an action there.
            const every = resolved.resources.length === 1 && resolved.resources[0] === "*";
            const base = every ? "Any" : sidOf(target);
            const region = every || !resolved.widened ? "" : resolved.primary ? "WithDr" : "InDr";
            const sid = `${base}${mode === "write" && resolved.condition ? "Scoped" : ""}${index > 0 ? index + 1 : ""}${region}`;
            part = { sid, resources: resolved.resources, condition: resolved.condition, actions: new Set() };
            parts.set(key, part);
          }
          part.actions.add(action);
        });
      }
    }
  }
  const seen = new Map<string, number>();
  return [...parts.values()].map((part) => {
    const count = (seen.get(part.sid) ?? 0) + 1;
    seen.set(part.sid, count);
    return {
      Sid: count === 1 ? part.sid : `${part.sid}${count}`,
      Effect: "Allow" as const,
      Action: [...part.actions].sort(),
      Resource: [...part.resources],
      ...(part.condition ? { Condition: part.condition } : {}),
    };
  });
}

/**
 * The permission table's grants for some types, in the table's order: its read grants, or its
 * read and write grants, each in the bootstrap stack's region and, for the types of the scope's
 * stacks in its disaster-recovery region (`dr`), in that region too.
 */
function grantsOf(types: readonly string[], modes: readonly ("read" | "write")[], dr?: RegionalTypes): RegionalGrant[] {
  return Object.entries(PERMISSION_TABLE)
    .filter(([type]) => types.includes(type))
    .flatMap(([type, row]) =>
      modes.flatMap((mode) => row[mode].map((g) => ({ ...g, mode, regions: { primary: true, disasterRecovery: dr?.types.includes(type) ?? false } }))),
    );
}

/**
 * A plan role's statements: the read actions of the table's rows of the scope's types (the
 * Terraform types of its stacks, stacks/bootstrap/aws/resource-types.ts), on the scope, none that
 * reads a secret; those of its stacks in its disaster-recovery region (`dr`) in that region too.
 */
export function planStatements(scope: Scope, ctx: AccountContext, types: readonly string[], dr?: RegionalTypes): Statement[] {
  return collect(grantsOf(types, ["read"], dr), scope, ctx, new Set(SECRET_READING_ACTIONS), dr);
}

/**
 * An apply role's statements: the read and write actions of the table's rows of the scope's
 * types, on the scope (those of its stacks in its disaster-recovery region, `dr`, in that region
 * too), what the services need from the caller for those types (integrationStatements), and the
 * explicit denials.
 */
export function applyStatements(scope: Scope, ctx: AccountContext, types: readonly string[], dr?: RegionalTypes): Statement[] {
  return [
    ...collect(grantsOf(types, ["read", "write"], dr), scope, ctx, new Set(), dr),
    ...integrationStatements(scope, ctx, types, dr),
    ...applyDenials(scope, ctx, allScopes()),
  ];
}

/**
 * What RDS, Secrets Manager and AWS Backup check on the caller beyond the table's calls, for the scope's
 * types (INTEGRATIONS):
 * - iam:PassRole of the scope's roles, only to the services the module passes them to;
 * - the RDS service-linked role, which RDS creates on first use in an account, with the
 *   caller's iam:CreateServiceLinkedRole for rds.amazonaws.com
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAM.ServiceLinkedRoles.html);
 * - the master user secret RDS creates in the caller's name with manage_master_user_password:
 *   secretsmanager:CreateSecret and TagResource on `rds!cluster-…`, kms:DescribeKey (a read of the
 *   table), and with a customer managed key kms:Decrypt, GenerateDataKey and CreateGrant
 *   ("Permissions required for Secrets Manager integration",
 *   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html#rds-secrets-manager-permissions);
 * - grants on a customer managed key for the cluster, its snapshots, Performance Insights and
 *   the secret, created through RDS or Secrets Manager only and for AWS resources only
 *   (kms:CreateGrant and kms:DescribeKey, https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.Keys.html),
 *   on the scope's keys and on the keys of the environments it restores from, for a scope whose
 *   stacks create a key (aws_kms_key: its key stack) beside a cluster;
 * - for a backup plan, iam:PassRole of the scope's roles to AWS Backup only, and iam:AttachRolePolicy
 *   of AWS Backup's two managed policies only, on roles with the scope's boundary;
 * - for a backup vault, what CreateBackupVault needs of the caller beyond the table's calls
 *   ("Required permissions", https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html):
 *   backup-storage:MountCapsule (no resource type), and grants and data keys of the vault's key,
 *   through AWS Backup only;
 * - for a backup plan, restoring a new cluster from the scope's recovery points (`awsbackup:…`
 *   snapshots, whose names carry no scope: their Environment tag where they carry one), as the
 *   README's runbook does through AURORA_<STACK>_RESTORE_SNAPSHOT.
 * The statements for the types of the scope's stacks in its disaster-recovery region (`dr`) are
 * repeated for that region (`…InDr`) where they name a region. AWS managed keys (aws/rds,
 * aws/secretsmanager) need none of the KMS statements: their key policies allow the account's
 * principals through the service.
 *
 * The key statements hold the Environment tag only where KMS sees one (StringEqualsIfExists): a
 * key stack's key is used by its database stack's first apply minutes after CreateKey, and "it
 * might take up to five minutes for tag and alias changes to affect KMS key authorization"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/tag-authorization.html). Keys of other
 * environments, which carry their own tag, stay out of reach.
 */
function integrationStatements(scope: Scope, ctx: AccountContext, types: readonly string[], dr?: RegionalTypes): Statement[] {
  const needed = (integration: Integration, present: readonly string[]) =>
    integration.types.some((type) => present.includes(type)) && (integration.needsAll ?? []).every((type) => present.includes(type));
  return INTEGRATIONS.flatMap((integration) => {
    const primary = needed(integration, types) ? integration.statement(scope, ctx) : undefined;
    const other = dr !== undefined && needed(integration, dr.types) ? integration.statement(scope, { ...ctx, region: dr.region }) : undefined;
    const sameAsPrimary = other !== undefined && primary !== undefined && JSON.stringify({ ...other, Sid: "" }) === JSON.stringify({ ...primary, Sid: "" });
    return [...(primary ? [primary] : []), ...(other && !sameAsPrimary ? [{ ...other, Sid: `${other.Sid}InDr` }] : [])];
  });
}

/** A statement of integrationStatements, and the types whose creation needs it. */
export interface Integration {
  /** The scope needs the statement, in a region, when its stacks there contain any of these types… */
  readonly types: readonly string[];
  /** …and all of these. @default none */
  readonly needsAll?: readonly string[];
  readonly statement: (scope: Scope, ctx: AccountContext) => Statement;
}

/** What integrationStatements holds, by the types that need it: a scope without a customer managed key (aws_kms_key) gets no key statement. */
export const INTEGRATIONS: readonly Integration[] = [
  {
    // aws_rds_cluster_instance.monitoring_role_arn, aws_db_proxy.role_arn.
    types: ["aws_rds_cluster_instance", "aws_db_proxy"],
    statement: (scope, ctx) => ({
      Sid: "PassOwnRolesToRds",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [global(ctx, "iam", `role/${scope.namePrefix}*`)],
      Condition: { StringEquals: { "iam:PassedToService": [...PASSED_TO_SERVICES] } },
    }),
  },
  {
    types: ["aws_rds_cluster"],
    statement: (_scope, ctx) => ({
      Sid: "CreateRdsServiceLinkedRole",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: [global(ctx, "iam", "role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS")],
      Condition: { StringEquals: { "iam:AWSServiceName": "rds.amazonaws.com" } },
    }),
  },
  {
    types: ["aws_rds_cluster"],
    statement: (scope, ctx) => ({
      Sid: "RdsCreatesManagedMasterSecret",
      Effect: "Allow",
      Action: ["secretsmanager:CreateSecret", "secretsmanager:TagResource"],
      Resource: [rdsManagedSecrets(ctx)],
      Condition: ownClusterSecret(scope, ctx),
    }),
  },
  {
    // A cluster's RDS-managed secret encrypted with the key; a key alone (a vault's) needs none of it.
    types: ["aws_kms_key"],
    needsAll: ["aws_rds_cluster"],
    statement: (scope, ctx) => ({
      Sid: "SecretsManagerUsesOwnKeys",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [regional(ctx, "kms", "key/*")],
      Condition: {
        StringEquals: { "kms:ViaService": `secretsmanager.${ctx.region}.amazonaws.com` },
        StringEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment },
      },
    }),
  },
  {
    types: ["aws_kms_key"],
    needsAll: ["aws_rds_cluster"],
    statement: (scope, ctx) => ({
      Sid: "RdsGrantsOnOwnKeys",
      Effect: "Allow",
      Action: ["kms:CreateGrant"],
      Resource: [regional(ctx, "kms", "key/*")],
      Condition: {
        StringEquals: { "kms:ViaService": [`rds.${ctx.region}.amazonaws.com`, `secretsmanager.${ctx.region}.amazonaws.com`] },
        StringEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: [...scope.restoreSources] },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    }),
  },
  {
    // aws_backup_selection.iam_role_arn; CreateBackupPlan and UpdateBackupPlan list iam:PassRole as a
    // dependent action in the Service Authorization Reference (list_awsbackup.html) too.
    types: [...BACKUP_PLAN_TYPES],
    statement: (scope, ctx) => ({
      Sid: "PassOwnRolesToBackup",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [global(ctx, "iam", `role/${scope.namePrefix}*`)],
      Condition: { StringEquals: { "iam:PassedToService": BACKUP_SERVICE } },
    }),
  },
  {
    // The backup role's two aws_iam_role_policy_attachment: AWS Backup's managed policies, by exact ARN, on roles with the scope's boundary.
    types: [...BACKUP_PLAN_TYPES],
    statement: (scope, ctx) => ({
      Sid: "AttachBackupPoliciesToOwnRoles",
      Effect: "Allow",
      Action: ["iam:AttachRolePolicy"],
      Resource: [global(ctx, "iam", `role/${scope.namePrefix}*`)],
      Condition: {
        StringEquals: {
          "iam:PermissionsBoundary": boundaryArn(scope, ctx),
          "iam:PolicyARN": BACKUP_MANAGED_POLICIES.map((name) => `arn:${ctx.partition}:iam::aws:policy/${name}`),
        },
      },
    }),
  },
  {
    types: [...BACKUP_PLAN_TYPES],
    statement: (scope, ctx) => ({
      Sid: "RestoreFromOwnRecoveryPoints",
      Effect: "Allow",
      Action: ["rds:RestoreDBClusterFromSnapshot"],
      Resource: [regional(ctx, "rds", `cluster-snapshot:${AWS_BACKUP_SNAPSHOT_PREFIX}*`)],
      Condition: { StringEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: [...scope.restoreSources] } },
    }),
  },
  {
    types: ["aws_backup_vault"],
    statement: () => ({ Sid: "BackupStorageForVaults", Effect: "Allow", Action: ["backup-storage:MountCapsule"], Resource: ["*"] }),
  },
  {
    types: ["aws_backup_vault"],
    statement: (scope, ctx) => ({
      Sid: "BackupUsesOwnVaultKeys",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:RetireGrant"],
      Resource: [regional(ctx, "kms", "key/*")],
      Condition: {
        StringEquals: { "kms:ViaService": `backup.${ctx.region}.amazonaws.com` },
        StringEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment },
      },
    }),
  },
  {
    types: ["aws_backup_vault"],
    statement: (scope, ctx) => ({
      Sid: "BackupGrantsOnOwnVaultKeys",
      Effect: "Allow",
      Action: ["kms:CreateGrant"],
      Resource: [regional(ctx, "kms", "key/*")],
      Condition: {
        StringEquals: { "kms:ViaService": `backup.${ctx.region}.amazonaws.com` },
        StringEqualsIfExists: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    }),
  },
];

/**
 * The name AWS Backup gives the Aurora snapshots of its recovery points, `awsbackup:job-<id>` (and
 * `awsbackup:copyjob-<id>` for copies): AWS's managed policy AWSBackupServiceRolePolicyForBackup
 * names them `cluster-snapshot:awsbackup:*`. They carry no scope's name.
 */
export const AWS_BACKUP_SNAPSHOT_PREFIX = "awsbackup:";

/**
 * The writes of tags on the resources a scope's statements hold to their Environment tag (KMS keys,
 * security groups and their rules, RDS Proxy and its endpoints and target groups) and on DB
 * instances, whose tags Performance Insights authorizes its reads with (the boundaries).
 */
export const TAG_WRITE_ACTIONS = [
  "ec2:CreateTags",
  "ec2:DeleteTags",
  "kms:TagResource",
  "kms:UntagResource",
  "rds:AddTagsToResource",
  "rds:RemoveTagsFromResource",
] as const;

/**
 * What no apply role may do whatever else allows it: change or delete any scope's boundary policy
 * (`boundaries`: every scope, its own included), take a boundary off a role, or write tags on a
 * resource that carries another scope's Environment tag.
 *
 * The last closes what the tag conditions leave open: kms:TagResource, for one, is granted on `*`
 * with the scope's tag in the request (it comes with CreateKey, which names no key yet), so without
 * the Deny an apply role could tag another scope's key with its own Environment and then hold every
 * key write on it. The Deny holds when the resource has an Environment tag (`Null: false`) and it is
 * not the scope's (a missing key makes StringNotEquals true, hence the Null check:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * The Service Authorization Reference lists aws:ResourceTag/${TagKey} for each resource type named
 * here: KMS's key, EC2's security-group and security-group-rule, RDS's db, proxy, proxy-endpoint and
 * target-group (list_awskeymanagementservice.html, list_amazonec2.html, list_amazonrds.html), and
 * these are the resource types of the tag actions (kms:TagResource and UntagResource: key;
 * ec2:CreateTags and DeleteTags, rds:AddTagsToResource and RemoveTagsFromResource: those among
 * others). A new resource, tagged as it is created, has no tag yet and is not held.
 */
function applyDenials(scope: Scope, ctx: AccountContext, boundaries: readonly Scope[]): Statement[] {
  // In every region: the roles reach a scope's disaster-recovery region too, and an environment moved elsewhere.
  const anyRegion = (service: string, resource: string) => `arn:${ctx.partition}:${service}:*:${ctx.accountId}:${resource}`;
  const rds = (resource: string) => anyRegion("rds", resource);
  const ec2 = (resource: string) => anyRegion("ec2", resource);
  return [
    {
      Sid: "NoTagWritesOnOtherScopes",
      Effect: "Deny",
      Action: [...TAG_WRITE_ACTIONS],
      Resource: [
        anyRegion("kms", "key/*"),
        ec2("security-group/*"),
        ec2("security-group-rule/*"),
        rds("db:*"),
        rds("db-proxy:*"),
        rds("db-proxy-endpoint:*"),
        rds("target-group:*"),
      ],
      Condition: {
        StringNotEquals: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment },
        Null: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: "false" },
      },
    },
    {
      Sid: "BoundaryPolicyStaysAsItIs",
      Effect: "Deny",
      Action: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy"],
      Resource: boundaries.map((boundary) => boundaryArn(boundary, ctx)),
    },
    { Sid: "BoundaryStaysOnRoles", Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary"], Resource: ["*"] },
  ];
}

/**
 * A scope's permissions boundary, set on every role its stacks create: an allow list of exactly
 * what the module's roles do (modules/aurora-postgresql-serverless/src/private/policy-documents.ts,
 * lambda-role.ts, monitoring-role.ts, proxy.ts), in any region of the account, on that scope's names
 * only, so that a role one scope's apply role creates (with any inline policy and any trust, which
 * a pull request's preview can write) reaches no other scope's database. Nothing of IAM, STS or
 * Organizations is in it, and an explicit Deny says so.
 * - The Lambda role and the grants: the Data API on the scope's clusters (`cluster:<project>-<scope>-*`);
 *   the values of the scope's secrets (`secret:<project>-<scope>-*`, the module's) and of the secrets
 *   RDS manages (`rds!cluster-…`, which carry no cluster name) only when RDS's tag
 *   `aws:rds:primaryDBClusterArn` names one of the scope's clusters, as the preview's Data API role
 *   reads them (RDS_SECRET_CLUSTER_TAG: a tag of the reserved `aws:` prefix, which "You can't edit or
 *   delete", https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html);
 *   decryption only through Secrets Manager and RDS, and only with keys whose Environment tag is
 *   the scope's or absent (the AWS managed keys have no tags); the scope's SSM parameters
 *   (`parameter/<project>/<scope>/*`, `/<project>/preview-*` for previews; a key stack writes none and
 *   creates no role); Lambda's log groups; Performance Insights reads only of instances tagged with
 *   the scope, which Performance Insights authorizes with the DB instance's tags
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.tag-based-policy.html),
 *   and describing the scope's clusters and instances, as Database Insights reads them;
 *   and IAM database authentication (below).
 * - `rds-db:connect` on every database user of the account: its resource,
 *   `dbuser:<cluster resource id>/<user>`, carries no name, and the Service Authorization Reference
 *   lists no condition key for it ("RDS IAM Authentication has no service-specific context keys",
 *   and none of the global tag keys: list_amazonrdsiamauthentication.html). A role with one scope's
 *   boundary may therefore ask for a token to another scope's database; logging in with it still
 *   needs a network path through that database's security group and a database user granted
 *   `rds_iam`, which this project's databases give no one.
 * - The Enhanced Monitoring role: the actions of the AWS managed policy
 *   AmazonRDSEnhancedMonitoringRole, on the `RDS*` log groups it names
 *   (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonRDSEnhancedMonitoringRole.html):
 *   `RDSOSMetrics` is one log group per region for every instance, so it names no scope.
 * - The RDS Proxy role: reading the proxy's secrets and decrypting them through Secrets Manager
 *   (above). Proxy users' secrets (the module's `proxy.users`) must therefore be named within the
 *   scope (`<project>-<scope>-…`), and encrypted with a key tagged with the scope or none, or the
 *   proxy cannot read them.
 * - The backup role, for a scope whose stacks hold a backup plan (`types`): backupRoleStatements.
 */
export function boundaryStatements(scope: Scope, ctx: AccountContext, types: readonly string[] = []): Statement[] {
  const anyRegion = (service: string, resource: string) => `arn:${ctx.partition}:${service}:*:${ctx.accountId}:${resource}`;
  const clusters = anyRegion("rds", `cluster:${scope.namePrefix}*`);
  const ownTagIfAny = { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment };
  return [
    { Sid: "DataApiOnScopeClusters", Effect: "Allow", Action: [...DATA_API_ACTIONS], Resource: [clusters] },
    {
      Sid: "ReadScopeSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [anyRegion("secretsmanager", `secret:${scope.namePrefix}*`)],
    },
    {
      Sid: "ReadScopeClusterManagedSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [anyRegion("secretsmanager", "secret:rds!cluster-*")],
      Condition: { StringLike: { [`secretsmanager:ResourceTag/${RDS_SECRET_CLUSTER_TAG}`]: clusters } },
    },
    {
      Sid: "DecryptOnlyThroughSecretsManagerAndRds",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [anyRegion("kms", "key/*")],
      Condition: { StringLike: { "kms:ViaService": ["secretsmanager.*.amazonaws.com", "rds.*.amazonaws.com"] }, StringEqualsIfExists: ownTagIfAny },
    },
    {
      Sid: "ReadScopeParameters",
      Effect: "Allow",
      Action: ["ssm:GetParameter", "ssm:GetParameters"],
      Resource: scope.parameterPatterns.map((pattern) => anyRegion("ssm", `parameter${pattern}`)),
    },
    {
      Sid: "LambdaLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [anyRegion("logs", "log-group:/aws/lambda/*"), anyRegion("logs", "log-group:/aws/lambda/*:log-stream:*")],
    },
    { Sid: "IamDatabaseAuthentication", Effect: "Allow", Action: ["rds-db:connect"], Resource: [anyRegion("rds-db", "dbuser:*/*")] },
    {
      Sid: "PerformanceInsightsOfScopeInstances",
      Effect: "Allow",
      Action: [...PERFORMANCE_INSIGHTS_READ_ACTIONS],
      Resource: [anyRegion("pi", "metrics/rds/*")],
      Condition: { StringEquals: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment } },
    },
    // What grantPerformanceInsightsRead gives besides, as CloudWatch Database Insights reads it.
    { Sid: "DescribeScopeClusters", Effect: "Allow", Action: ["rds:DescribeDBClusters"], Resource: [clusters] },
    { Sid: "DescribeScopeInstances", Effect: "Allow", Action: ["rds:DescribeDBInstances"], Resource: [anyRegion("rds", `db:${scope.namePrefix}*`)] },
    {
      Sid: "EnhancedMonitoringLogGroups",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:PutRetentionPolicy"],
      Resource: [anyRegion("logs", "log-group:RDS*")],
    },
    {
      Sid: "EnhancedMonitoringLogStreams",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:GetLogEvents", "logs:PutLogEvents"],
      Resource: [anyRegion("logs", "log-group:RDS*:log-stream:*")],
    },
    ...(BACKUP_PLAN_TYPES.some((type) => types.includes(type)) ? backupRoleStatements(scope, ctx) : []),
    { Sid: "NoIdentityOrOrganizationActions", Effect: "Deny", Action: ["iam:*", "organizations:*", "sts:*"], Resource: ["*"] },
  ];
}

/**
 * What the boundary lets the backup role (`<name>-aurora-backup-role`, which carries the scope's
 * boundary as every role of its stacks) do of what AWS's two managed policies attached to it grant
 * (AWSBackupServiceRolePolicyForBackup v29 and AWSBackupServiceRolePolicyForRestores v25, read in
 * zoph-io/MAMIP's copies, policies/<name> @11e425745b44c5c3c17c382e2efbabf1770acbde and
 * @0d18f22a1fc6fea75387ad911eb92f32a67ad186; https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForBackup.html
 * and …/AWSBackupServiceRolePolicyForRestores.html): their Aurora statements, the ones AWS's
 * "Managed policies for AWS Backup" page tells a customer managed policy for Aurora to start from
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/security-iam-awsmanpol.html: Backup,
 * DynamoDBBackupPermissions (its rds: actions), RDSClusterModifyPermissions,
 * GetResourcesPermissions, BackupVaultPermissions, KMSPermissions; Restore, RDSPermissions),
 * the copy's BackupVaultCopyPermissions, and the restores' KMS statements through RDS, each held
 * to the scope, in any region (the copies are made in the disaster-recovery region):
 * - snapshots of the scope's clusters, and the recovery points' own snapshots
 *   (`cluster-snapshot:awsbackup:*`, names without a scope: held to the scope's Environment tag
 *   where they carry one, which the plan's recovery-point tags and the cluster's
 *   copy_tags_to_snapshot give them): create, copy (to the other region), tag, describe, delete
 *   at the end of their retention, restore from;
 * - restores into a new cluster named within the scope, with the scope's subnet and parameter
 *   groups or the engine's defaults;
 * - the scope's vaults (`backup-vault:<project>-<scope>-*`): describe, copy into; copies from the
 *   scope's recovery points;
 * - the scope's keys and the AWS managed ones (Environment tag the scope's, or none): describe,
 *   grants for AWS resources, and the encryption RDS does with them for a copy or a restore;
 * - `tag:GetResources`, which takes no resource (list_awsresourcegroupstaggingapi.html): AWS Backup
 *   refuses a selection whose role may not call it ("is not authorized to call
 *   tag:GetResources", the AWS provider's retry in internal/service/backup/selection.go).
 * Left out of the managed policies: every other service's statements, instance snapshots (RDS,
 * not Aurora), ModifyDBClusterSnapshotAttribute (sharing a snapshot with another account, for
 * cross-account copies, which this project does not make), ModifyDBCluster and the automated backups' deletion (continuous backups, which no
 * rule of this project uses), DeleteDBCluster and CreateDBInstance (AWS Backup restores an Aurora
 * cluster without instances: https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-aur.html),
 * and iam:PassRole, which the boundary's Deny keeps from every role.
 */
export function backupRoleStatements(scope: Scope, ctx: AccountContext): Statement[] {
  const anyRegion = (service: string, resource: string) => `arn:${ctx.partition}:${service}:*:${ctx.accountId}:${resource}`;
  const rds = (resource: string) => anyRegion("rds", resource);
  const ownTagIfAny = { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: scope.environment };
  return [
    {
      Sid: "BackupSnapshotsOfScopeClusters",
      Effect: "Allow",
      Action: ["rds:AddTagsToResource", "rds:CreateDBClusterSnapshot", "rds:DescribeDBClusterSnapshots", "rds:DescribeDBClusters", "rds:ListTagsForResource"],
      Resource: [rds(`cluster:${scope.namePrefix}*`)],
    },
    {
      Sid: "BackupRecoveryPointSnapshots",
      Effect: "Allow",
      Action: [
        "backup:CopyFromBackupVault",
        "rds:AddTagsToResource",
        "rds:CopyDBClusterSnapshot",
        "rds:CreateDBClusterSnapshot",
        "rds:DeleteDBClusterSnapshot",
        "rds:DescribeDBClusterSnapshots",
        "rds:ListTagsForResource",
        "rds:RestoreDBClusterFromSnapshot",
      ],
      Resource: [rds(`cluster-snapshot:${AWS_BACKUP_SNAPSHOT_PREFIX}*`)],
      Condition: { StringEqualsIfExists: ownTagIfAny },
    },
    {
      Sid: "BackupRestoresScopeClusters",
      Effect: "Allow",
      Action: ["rds:AddTagsToResource", "rds:RestoreDBClusterFromSnapshot"],
      Resource: [
        rds(`cluster:${scope.namePrefix}*`),
        rds(`subgrp:${scope.namePrefix}*`),
        rds(`cluster-pg:${scope.namePrefix}*`),
        rds(`og:default:${AURORA_ENGINE}-*`),
        rds(`cluster-pg:default.${AURORA_ENGINE}*`),
      ],
    },
    {
      Sid: "BackupVaultsOfScope",
      Effect: "Allow",
      Action: ["backup:CopyIntoBackupVault", "backup:DescribeBackupVault"],
      Resource: [anyRegion("backup", `backup-vault:${scope.namePrefix}*`)],
    },
    {
      Sid: "BackupDescribesScopeKeys",
      Effect: "Allow",
      Action: ["kms:DescribeKey"],
      Resource: [anyRegion("kms", "key/*")],
      Condition: { StringEqualsIfExists: ownTagIfAny },
    },
    {
      Sid: "BackupGrantsOnScopeKeys",
      Effect: "Allow",
      Action: ["kms:CreateGrant"],
      Resource: [anyRegion("kms", "key/*")],
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" }, StringEqualsIfExists: ownTagIfAny },
    },
    {
      Sid: "BackupEncryptsThroughRds",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
      Resource: [anyRegion("kms", "key/*")],
      Condition: { StringLike: { "kms:ViaService": "rds.*.amazonaws.com" }, StringEqualsIfExists: ownTagIfAny },
    },
    { Sid: "BackupReadsResourceTags", Effect: "Allow", Action: ["tag:GetResources"], Resource: ["*"] },
  ];
}

/**
 * The preview's Data API role, for the pull request jobs' `aurora-db check` and `aurora-db migrate`
 * (modules/aurora-data-api/src/client.ts sends exactly the five Data API actions, and the Data API
 * reads the secret with the caller's credentials): the five actions on preview clusters, and the
 * value of RDS-managed secrets only when the secret's RDS tag names a preview cluster. Any other
 * cluster's secret (`rds!cluster-…` names carry no cluster name) is out of reach.
 */
export function previewDataApiStatements(scope: Scope, ctx: AccountContext): Statement[] {
  const clusters = regional(ctx, "rds", `cluster:${scope.namePrefix}*`);
  return [
    { Sid: "DataApiOnPreviewClusters", Effect: "Allow", Action: [...DATA_API_ACTIONS], Resource: [clusters] },
    {
      Sid: "ReadPreviewClusterSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [regional(ctx, "secretsmanager", "secret:rds!cluster-*")],
      Condition: { StringLike: { [`secretsmanager:ResourceTag/${RDS_SECRET_CLUSTER_TAG}`]: clusters } },
    },
  ];
}

/**
 * The tag RDS puts on a secret it manages, naming the cluster whose master password it holds (its
 * ARN). Not in the Aurora User Guide's Secrets Manager pages; the evidence is AWS's own policy for
 * RDS, AmazonRDSServiceRolePolicy (version 14), which lets RDS tag `rds!` secrets with exactly the
 * keys aws:rds:primaryDBClusterArn and aws:rds:primaryDBInstanceArn and conditions its other secret
 * actions on `secretsmanager:ResourceTag/aws:secretsmanager:owningService` (the condition-key form
 * used here, which GetSecretValue lists in the Service Authorization Reference). A role conditioned
 * on it fails closed (AccessDenied) if RDS does not set it, which a first preview run shows.
 */
export const RDS_SECRET_CLUSTER_TAG = "aws:rds:primaryDBClusterArn";

/**
 * A Terraform Cloud workspace's subject for one run phase (HashiCorp's dynamic credentials:
 * `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`).
 */
export function terraformCloudSubject(organization: string, project: string, workspace: string, phase: "plan" | "apply"): string {
  return `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:${phase}`;
}

/**
 * A web identity trust: the provider, its audience, and the subjects, exactly (StringEquals) or
 * as patterns (StringLike, when one holds `*`).
 */
export function webIdentityTrust(providerArn: string, host: string, audience: string, subjects: readonly string[]): object {
  const pattern = subjects.some((subject) => subject.includes("*"));
  const sub = subjects.length === 1 ? subjects[0]! : [...subjects];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: pattern
          ? { StringEquals: { [`${host}:aud`]: audience }, StringLike: { [`${host}:sub`]: sub } }
          : { StringEquals: { [`${host}:aud`]: audience, [`${host}:sub`]: sub } },
      },
    ],
  };
}
