/**
 * What backups and disaster recovery add to the pipeline's AWS documents, statement by statement:
 * the apply roles' backup calls, the backup role they may create (AWS Backup's two managed policies
 * by exact ARN, passed to AWS Backup only, with the scope's boundary), what AWS Backup needs from
 * the caller for a vault, restores from the scope's recovery points, the types of the
 * disaster-recovery stacks in that region only, and the boundary's statements for the backup role.
 */
import { describe, expect, it } from "vitest";
import { PERMISSION_TABLE } from "../../stacks/bootstrap/aws/permission-table";
import { environmentScope } from "../../stacks/bootstrap/aws/scopes";
import {
  applyStatements,
  backupRoleStatements,
  boundaryStatements,
  planStatements,
  type AccountContext,
  type Statement,
} from "../../stacks/bootstrap/aws/statements";
import { permissionsBoundaryPolicyName, PIPELINE_ROLES } from "../../stacks/delivery";
import { databaseResourceName, ENVIRONMENTS, hasDisasterRecoveryStack, PROJECT, type EnvironmentName } from "../../stacks/environments";
import { inHook, policyStatements, resourcesOf, type Block } from "../support/synth";
import { buildAccess, contextRefs, DISASTER_RECOVERY, RESOURCE_TYPES, roleDocuments } from "./bootstrap-aws-support";
import { allows } from "./iam-evaluation";

const built = inHook(() => buildAccess());
const ctx = () => contextRefs(built().json);
/** prod's disaster-recovery region without AURORA_PROD_DR_REGION. */
const OTHER_REGION = PROJECT.defaultDisasterRecoveryRegion;
/** The environments with backups (tests/stacks/settings-table.test.ts pins the shipped rows). */
const BACKED_UP = (Object.keys(ENVIRONMENTS) as EnvironmentName[]).filter((name) => ENVIRONMENTS[name].backups !== "none");
const statementsOf = (name: string) => roleDocuments(built().json, name).statements;
const bySid = (statements: readonly Block[], sid: string) => statements.filter((statement) => statement.Sid === sid);

describe("the apply roles of the environments with backups", () => {
  it.each(BACKED_UP)("%s: the backup plan's and selection's calls, on plans held to the environment's tag", (environment) => {
    const { partition, region, accountId } = ctx();
    const plans = [`arn:${partition}:backup:${region}:${accountId}:backup-plan:*`];
    const statements = statementsOf(PIPELINE_ROLES.apply(environment));
    expect(bySid(statements, "BackupPlan")).toEqual([
      { Sid: "BackupPlan", Effect: "Allow", Action: ["backup:GetBackupPlan", "backup:GetBackupSelection", "backup:ListTags"], Resource: plans },
    ]);
    expect(bySid(statements, "BackupPlanCreateScoped")).toEqual([
      {
        Sid: "BackupPlanCreateScoped",
        Effect: "Allow",
        Action: ["backup:CreateBackupPlan"],
        Resource: plans,
        Condition: { StringEquals: { "aws:RequestTag/Environment": environment } },
      },
    ]);
    expect(bySid(statements, "BackupPlanScoped")).toEqual([
      {
        Sid: "BackupPlanScoped",
        Effect: "Allow",
        Action: [
          "backup:CreateBackupSelection",
          "backup:DeleteBackupPlan",
          "backup:DeleteBackupSelection",
          "backup:TagResource",
          "backup:UntagResource",
          "backup:UpdateBackupPlan",
        ],
        Resource: plans,
        Condition: { StringEquals: { "aws:ResourceTag/Environment": environment } },
      },
    ]);
  });

  it.each(BACKED_UP)(
    "%s: the backup role only with the environment's boundary, AWS Backup's two managed policies only, passed to AWS Backup only",
    (environment) => {
      const { partition, accountId } = ctx();
      const roles = [`arn:${partition}:iam::${accountId}:role/${PROJECT.name}-${environment}-*`];
      const statements = statementsOf(PIPELINE_ROLES.apply(environment));
      expect(bySid(statements, "PassOwnRolesToBackup")).toEqual([
        {
          Sid: "PassOwnRolesToBackup",
          Effect: "Allow",
          Action: ["iam:PassRole"],
          Resource: roles,
          Condition: { StringEquals: { "iam:PassedToService": "backup.amazonaws.com" } },
        },
      ]);
      expect(bySid(statements, "AttachBackupPoliciesToOwnRoles")).toEqual([
        {
          Sid: "AttachBackupPoliciesToOwnRoles",
          Effect: "Allow",
          Action: ["iam:AttachRolePolicy"],
          Resource: roles,
          Condition: {
            StringEquals: {
              "iam:PermissionsBoundary": `arn:${partition}:iam::${accountId}:policy/${permissionsBoundaryPolicyName(environment)}`,
              "iam:PolicyARN": [
                `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
                `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
              ],
            },
          },
        },
      ]);
      // Any other policy, or a role without the boundary, is not attachable.
      const boundary = `arn:aws:iam::123456789012:policy/${permissionsBoundaryPolicyName(environment)}`;
      const document = applyStatements(
        environmentScope(environment),
        { partition: "aws", region: "us-east-1", accountId: "123456789012" },
        RESOURCE_TYPES[environment]!,
        DISASTER_RECOVERY[environment],
      );
      const role = `arn:aws:iam::123456789012:role/${PROJECT.name}-${environment}-aurora-backup-role`;
      const attach = (policy: string, facts: Record<string, string>) =>
        allows(document, { action: "iam:AttachRolePolicy", resource: role, facts: { "iam:PolicyARN": policy, ...facts } });
      expect(attach("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup", { "iam:PermissionsBoundary": boundary })).toBe(true);
      expect(attach("arn:aws:iam::aws:policy/AdministratorAccess", { "iam:PermissionsBoundary": boundary })).toBe(false);
      expect(
        attach("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup", {
          "iam:PermissionsBoundary": `arn:aws:iam::123456789012:policy/${permissionsBoundaryPolicyName("dev")}`,
        }),
      ).toBe(false);
      expect(allows(document, { action: "iam:PassRole", resource: role, facts: { "iam:PassedToService": "ec2.amazonaws.com" } })).toBe(false);
    },
  );

  it.each(BACKED_UP)("%s: the vault's needs of the caller, and restores from the environment's recovery points", (environment) => {
    const { partition, region, accountId } = ctx();
    const statements = statementsOf(PIPELINE_ROLES.apply(environment));
    const restoreSources = environment === "staging" ? ["staging", "prod"] : [environment];
    expect(bySid(statements, "RestoreFromOwnRecoveryPoints")).toEqual([
      {
        Sid: "RestoreFromOwnRecoveryPoints",
        Effect: "Allow",
        Action: ["rds:RestoreDBClusterFromSnapshot"],
        Resource: [`arn:${partition}:rds:${region}:${accountId}:cluster-snapshot:awsbackup:*`],
        Condition: { StringEqualsIfExists: { "aws:ResourceTag/Environment": restoreSources } },
      },
    ]);
    expect(bySid(statements, "BackupStorageForVaults")).toEqual([
      { Sid: "BackupStorageForVaults", Effect: "Allow", Action: ["backup-storage:MountCapsule"], Resource: ["*"] },
    ]);
    const keys = (inRegion: string) => [`arn:${partition}:kms:${inRegion}:${accountId}:key/*`];
    const throughBackup = (inRegion: string) => ({ "kms:ViaService": `backup.${inRegion}.amazonaws.com` });
    const vaultKeys = (sid: string, inRegion: string) => [
      {
        Sid: sid,
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:RetireGrant"],
        Resource: keys(inRegion),
        Condition: { StringEquals: throughBackup(inRegion), StringEqualsIfExists: { "aws:ResourceTag/Environment": environment } },
      },
    ];
    const vaultGrants = (sid: string, inRegion: string) => [
      {
        Sid: sid,
        Effect: "Allow",
        Action: ["kms:CreateGrant"],
        Resource: keys(inRegion),
        Condition: {
          StringEquals: throughBackup(inRegion),
          StringEqualsIfExists: { "aws:ResourceTag/Environment": environment },
          Bool: { "kms:GrantIsForAWSResource": "true" },
        },
      },
    ];
    expect(bySid(statements, "BackupUsesOwnVaultKeys")).toEqual(vaultKeys("BackupUsesOwnVaultKeys", region));
    expect(bySid(statements, "BackupGrantsOnOwnVaultKeys")).toEqual(vaultGrants("BackupGrantsOnOwnVaultKeys", region));
    // The copies' vault in prod's disaster-recovery region, through AWS Backup of that region.
    expect(bySid(statements, "BackupUsesOwnVaultKeysInDr")).toEqual(
      hasDisasterRecoveryStack(ENVIRONMENTS[environment]) ? vaultKeys("BackupUsesOwnVaultKeysInDr", OTHER_REGION) : [],
    );
    expect(bySid(statements, "BackupGrantsOnOwnVaultKeysInDr")).toEqual(
      hasDisasterRecoveryStack(ENVIRONMENTS[environment]) ? vaultGrants("BackupGrantsOnOwnVaultKeysInDr", OTHER_REGION) : [],
    );
  });
});

describe("prod's disaster-recovery region", () => {
  it("holds the types of prod-dr, the vault and its key, in that region too, and nothing of the database's", () => {
    expect(DISASTER_RECOVERY).toEqual({
      prod: {
        region: OTHER_REGION,
        types: ["aws_backup_vault", "aws_kms_alias", "aws_kms_key", "data.aws_caller_identity", "data.aws_partition", "data.aws_region"],
      },
    });
    const { partition, region, accountId } = ctx();
    const apply = statementsOf(PIPELINE_ROLES.apply("prod"));
    const inBoth = (service: string, resource: string) => [
      `arn:${partition}:${service}:${region}:${accountId}:${resource}`,
      `arn:${partition}:${service}:${OTHER_REGION}:${accountId}:${resource}`,
    ];
    expect(bySid(apply, "BackupVaultWithDr")).toEqual([
      {
        Sid: "BackupVaultWithDr",
        Effect: "Allow",
        Action: [
          "backup:CreateBackupVault",
          "backup:DeleteBackupVault",
          "backup:DescribeBackupVault",
          "backup:ListTags",
          "backup:TagResource",
          "backup:UntagResource",
        ],
        Resource: inBoth("backup", `backup-vault:${PROJECT.name}-prod-*`),
      },
    ]);
    expect(bySid(apply, "KmsAliasWithDr")).toEqual([
      {
        Sid: "KmsAliasWithDr",
        Effect: "Allow",
        Action: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
        Resource: inBoth("kms", `alias/${PROJECT.name}-prod-*`),
      },
    ]);
    expect(bySid(apply, "KmsKeyWithDr")).toEqual([
      {
        Sid: "KmsKeyWithDr",
        Effect: "Allow",
        Action: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
        Resource: inBoth("kms", "key/*"),
      },
    ]);
    expect(bySid(apply, "KmsKeyScopedWithDr")[0]).toMatchObject({
      Resource: inBoth("kms", "key/*"),
      Condition: { StringEquals: { "aws:ResourceTag/Environment": "prod" } },
    });
    expect(bySid(apply, "KmsKeyNewScopedWithDr")[0]).toMatchObject({ Action: ["kms:CreateAlias", "kms:EnableKeyRotation"], Resource: inBoth("kms", "key/*") });
    // Nothing else names that region: no cluster, instance, parameter or log group of prod there.
    const otherRegion = apply.filter((statement) => JSON.stringify(statement).includes(`:${OTHER_REGION}:`)).map((statement) => statement.Sid);
    expect(otherRegion.sort()).toEqual(
      [
        "BackupGrantsOnOwnVaultKeysInDr",
        "BackupUsesOwnVaultKeysInDr",
        "BackupVaultWithDr",
        "KmsAliasWithDr",
        "KmsKeyNewScopedWithDr",
        "KmsKeyScopedWithDr",
        "KmsKeyWithDr",
      ].sort(),
    );
    // The plan role reads the same resources there, and writes nothing.
    const plan = statementsOf(PIPELINE_ROLES.plan("prod"));
    expect(plan.filter((statement) => JSON.stringify(statement).includes(`:${OTHER_REGION}:`)).map((statement) => [statement.Sid, statement.Action])).toEqual([
      ["BackupVaultWithDr", ["backup:DescribeBackupVault", "backup:ListTags"]],
      ["KmsKeyWithDr", ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"]],
    ]);
  });

  it("takes a global secondary's cluster, instances and network there when its stack has them, and the global cluster by name, which names no region", () => {
    const ctxLiteral: AccountContext = { partition: "aws", region: "us-east-1", accountId: "123456789012" };
    const secondaryTypes = [
      ...DISASTER_RECOVERY.prod!.types,
      "aws_rds_cluster",
      "aws_rds_cluster_instance",
      "aws_db_subnet_group",
      "aws_security_group",
      "aws_vpc_security_group_ingress_rule",
      "aws_cloudwatch_log_group",
      "data.aws_kms_key",
      "data.aws_vpc",
      "data.aws_subnets",
    ];
    const types = [...RESOURCE_TYPES.prod!, "aws_rds_global_cluster"];
    const statements = applyStatements(environmentScope("prod"), ctxLiteral, types, { region: OTHER_REGION, types: secondaryTypes });
    const sid = (name: string) => statements.find((statement) => statement.Sid === name)!;
    expect(sid("RdsClusterWithDr").Resource).toEqual([
      `arn:aws:rds:us-east-1:123456789012:cluster:${PROJECT.name}-prod-*`,
      `arn:aws:rds:${OTHER_REGION}:123456789012:cluster:${PROJECT.name}-prod-*`,
    ]);
    expect(sid("RdsClusterWithDr").Action).toEqual(expect.arrayContaining(["rds:CreateDBCluster", "rds:RemoveFromGlobalCluster", "rds:DeleteDBCluster"]));
    expect(sid("RdsGlobalCluster")).toEqual({
      Sid: "RdsGlobalCluster",
      Effect: "Allow",
      Action: [
        "rds:AddTagsToResource",
        "rds:CreateDBCluster",
        "rds:CreateGlobalCluster",
        "rds:DeleteGlobalCluster",
        "rds:DescribeGlobalClusters",
        "rds:ModifyGlobalCluster",
        "rds:RemoveFromGlobalCluster",
        "rds:RemoveTagsFromResource",
      ],
      Resource: [`arn:aws:rds::123456789012:global-cluster:${PROJECT.name}-prod-*`],
    });
    // RDS creates grants on the secondary's key through RDS of that region, as on the primary's.
    expect(sid("RdsGrantsOnOwnKeysInDr")).toEqual({
      ...sid("RdsGrantsOnOwnKeys"),
      Sid: "RdsGrantsOnOwnKeysInDr",
      Resource: [`arn:aws:kms:${OTHER_REGION}:123456789012:key/*`],
      Condition: {
        ...sid("RdsGrantsOnOwnKeys").Condition,
        StringEquals: { "kms:ViaService": [`rds.${OTHER_REGION}.amazonaws.com`, `secretsmanager.${OTHER_REGION}.amazonaws.com`] },
      },
    });
    // The SSM parameters stay in the database's region: the secondary writes none.
    expect(JSON.stringify(statements.filter((statement) => statement.Action.some((action) => action.startsWith("ssm:Put"))))).not.toContain(OTHER_REGION);
    expect(planStatements(environmentScope("prod"), ctxLiteral, types).every((statement) => !JSON.stringify(statement).includes(OTHER_REGION))).toBe(true);
  });
});

describe("the boundaries", () => {
  const boundaryOf = (environment: string): Block[] => {
    return policyStatements(
      Object.values(resourcesOf(built().json, "aws_iam_policy")).find((policy) => policy.name === permissionsBoundaryPolicyName(environment))!,
    );
  };

  it("let the backup role of staging and prod do AWS Backup's Aurora work on their own clusters, recovery points, vaults and keys, in any region", () => {
    const { partition, accountId } = ctx();
    for (const environment of BACKED_UP) {
      const anyRegion = (service: string, resource: string) => `arn:${partition}:${service}:*:${accountId}:${resource}`;
      const ownTag = { "aws:ResourceTag/Environment": environment };
      const expected: Statement[] = [
        {
          Sid: "BackupSnapshotsOfScopeClusters",
          Effect: "Allow",
          Action: [
            "rds:AddTagsToResource",
            "rds:CreateDBClusterSnapshot",
            "rds:DescribeDBClusterSnapshots",
            "rds:DescribeDBClusters",
            "rds:ListTagsForResource",
          ],
          Resource: [anyRegion("rds", `cluster:${PROJECT.name}-${environment}-*`)],
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
          Resource: [anyRegion("rds", "cluster-snapshot:awsbackup:*")],
          Condition: { StringEqualsIfExists: ownTag },
        },
        {
          Sid: "BackupRestoresScopeClusters",
          Effect: "Allow",
          Action: ["rds:AddTagsToResource", "rds:RestoreDBClusterFromSnapshot"],
          Resource: [
            anyRegion("rds", `cluster:${PROJECT.name}-${environment}-*`),
            anyRegion("rds", `subgrp:${PROJECT.name}-${environment}-*`),
            anyRegion("rds", `cluster-pg:${PROJECT.name}-${environment}-*`),
            anyRegion("rds", "og:default:aurora-postgresql-*"),
            anyRegion("rds", "cluster-pg:default.aurora-postgresql*"),
          ],
        },
        {
          Sid: "BackupVaultsOfScope",
          Effect: "Allow",
          Action: ["backup:CopyIntoBackupVault", "backup:DescribeBackupVault"],
          Resource: [anyRegion("backup", `backup-vault:${PROJECT.name}-${environment}-*`)],
        },
        {
          Sid: "BackupDescribesScopeKeys",
          Effect: "Allow",
          Action: ["kms:DescribeKey"],
          Resource: [anyRegion("kms", "key/*")],
          Condition: { StringEqualsIfExists: ownTag },
        },
        {
          Sid: "BackupGrantsOnScopeKeys",
          Effect: "Allow",
          Action: ["kms:CreateGrant"],
          Resource: [anyRegion("kms", "key/*")],
          Condition: { Bool: { "kms:GrantIsForAWSResource": "true" }, StringEqualsIfExists: ownTag },
        },
        {
          Sid: "BackupEncryptsThroughRds",
          Effect: "Allow",
          Action: ["kms:Encrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
          Resource: [anyRegion("kms", "key/*")],
          Condition: { StringLike: { "kms:ViaService": "rds.*.amazonaws.com" }, StringEqualsIfExists: ownTag },
        },
        { Sid: "BackupReadsResourceTags", Effect: "Allow", Action: ["tag:GetResources"], Resource: ["*"] },
      ];
      expect(backupRoleStatements(environmentScope(environment), ctx())).toEqual(expected);
      const boundary = boundaryOf(environment);
      expect(boundary.slice(-expected.length - 1, -1)).toEqual(expected);
      expect(boundary.at(-1)!.Sid).toBe("NoIdentityOrOrganizationActions");
    }
    expect(boundaryOf("dev").filter((statement) => String(statement.Sid).startsWith("Backup"))).toEqual([]);
    expect(boundaryOf("preview").filter((statement) => String(statement.Sid).startsWith("Backup"))).toEqual([]);
  });

  it("keep a backup role of one environment off another's recovery points, vaults and keys", () => {
    const ctxLiteral: AccountContext = { partition: "aws", region: "us-east-1", accountId: "123456789012" };
    const staging = boundaryStatements(environmentScope("staging"), ctxLiteral, RESOURCE_TYPES.staging!);
    const prodTag = { "aws:ResourceTag/Environment": "prod" };
    const reach = (action: string, resource: string, facts: Record<string, string> = prodTag) => allows(staging, { action, resource, facts });
    expect(reach("rds:DeleteDBClusterSnapshot", "arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:copyjob-0a1b")).toBe(false);
    expect(reach("rds:CreateDBClusterSnapshot", `arn:aws:rds:us-east-1:123456789012:cluster:${databaseResourceName("prod")}-aurora-cluster`)).toBe(false);
    expect(reach("backup:CopyIntoBackupVault", `arn:aws:backup:us-west-2:123456789012:backup-vault:${databaseResourceName("prod")}-aurora-backup-dr`)).toBe(
      false,
    );
    expect(reach("kms:CreateGrant", "arn:aws:kms:us-west-2:123456789012:key/0a1b", { ...prodTag, "kms:GrantIsForAWSResource": "true" })).toBe(false);
    // Its own, in either region.
    const stagingTag = { "aws:ResourceTag/Environment": "staging" };
    expect(reach("rds:DeleteDBClusterSnapshot", "arn:aws:rds:us-west-2:123456789012:cluster-snapshot:awsbackup:copyjob-0a1b", stagingTag)).toBe(true);
    expect(
      reach("rds:CreateDBClusterSnapshot", `arn:aws:rds:us-east-1:123456789012:cluster:${databaseResourceName("staging")}-aurora-cluster`, stagingTag),
    ).toBe(true);
    expect(
      reach("backup:CopyIntoBackupVault", `arn:aws:backup:us-east-1:123456789012:backup-vault:${databaseResourceName("staging")}-aurora-backup`, stagingTag),
    ).toBe(true);
  });

  it("name no type of the permission table the scopes do not hold", () => {
    for (const environment of Object.keys(ENVIRONMENTS))
      for (const type of DISASTER_RECOVERY[environment]?.types ?? []) expect(Object.keys(PERMISSION_TABLE).concat(["random_id"])).toContain(type);
  });
});
