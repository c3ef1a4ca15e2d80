/**
 * The permission table (stacks/bootstrap/aws/permission-table.ts) covers every resource and data
 * source type the stacks synthesize (every environment, its key stack, a preview) and the module's
 * examples, and names nothing they do not: each scope's roles are derived from its rows of the
 * scope's types, and a row no scope uses stays for the examples that use it. Each scope's boundary
 * allows every action the roles those stacks create are given.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES, synthesizeExamples } from "../../scripts/module-examples";
import { defineStacks } from "../../stacks/app";
import { PERMISSION_TABLE } from "../../stacks/bootstrap/aws/permission-table";
import { LONGEST_CONTEXT } from "../../stacks/bootstrap/aws/quotas";
import { allScopes } from "../../stacks/bootstrap/aws/scopes";
import { BACKUP_PLAN_TYPES, boundaryStatements } from "../../stacks/bootstrap/aws/statements";
import { testApp } from "../support/app";
import { inHook, policyStatements, resourcesOf, synthesize, synthStacksByName, type Block } from "../support/synth";
import { documentTypes, RESOURCE_TYPES, tableActions } from "./bootstrap-aws-support";
import { iamPattern } from "./iam-evaluation";

// Inside the project, as cdktf.out is (tests/repo/module-examples.test.ts does the same).
const outdir = mkdtempSync(join(import.meta.dirname, "../../.synth-test-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Every synthesized stack, by name: the app's, a preview, and the module's examples. */
const documents = inHook((): Record<string, Block> => {
  const stacks: Record<string, Block> = {};
  for (const [name, { json }] of Object.entries(synthStacksByName())) stacks[name] = json;
  const preview = defineStacks(testApp(), { PREVIEW_ID: "7" }).preview!;
  stacks[preview.node.id] = synthesize(preview).json;
  synthesizeExamples(outdir);
  for (const name of Object.keys(EXAMPLES)) stacks[`example ${name}`] = JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as Block;
  expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(Object.keys(EXAMPLES).sort());
  return stacks;
});

/**
 * The actions of AWS's managed policies for the backup role that concern Aurora, backup vaults,
 * KMS and tags, as their documents list them (AWSBackupServiceRolePolicyForBackup v29 and
 * AWSBackupServiceRolePolicyForRestores v25, zoph-io/MAMIP's copies of 2026-02-12 and
 * 2025-11-10; https://docs.aws.amazon.com/aws-managed-policy/latest/reference/): the boundary may
 * allow these and no other action for the backup role.
 */
const AWS_BACKUP_MANAGED_POLICY_ACTIONS = [
  // AWSBackupServiceRolePolicyForBackup: DynamoDBBackupPermissions (its rds: actions), RDSClusterPermissions,
  // RDSClusterBackupPermissions, RDSClusterModifyPermissions, BackupVaultPermissions, BackupVaultCopyPermissions,
  // KMSPermissions, KMSCreateGrantPermissions, GetResourcesPermissions.
  "rds:AddTagsToResource",
  "rds:ListTagsForResource",
  "rds:CreateDBClusterSnapshot",
  "rds:DescribeDBClusters",
  "rds:DescribeDBClusterSnapshots",
  "rds:CopyDBClusterSnapshot",
  "rds:DescribeDBClusterAutomatedBackups",
  "rds:ModifyDBCluster",
  "rds:DeleteDBClusterAutomatedBackup",
  "rds:DeleteDBClusterSnapshot",
  "rds:ModifyDBClusterSnapshotAttribute",
  "backup:DescribeBackupVault",
  "backup:CopyIntoBackupVault",
  "backup:CopyFromBackupVault",
  "kms:DescribeKey",
  "kms:CreateGrant",
  "tag:GetResources",
  // AWSBackupServiceRolePolicyForRestores: RDSPermissions (cluster actions), KMSPermissions (through rds.*), RDSResourcePermissions.
  "rds:RestoreDBClusterFromSnapshot",
  "rds:RestoreDBClusterToPointInTime",
  "rds:DeleteDBCluster",
  "rds:CreateDBInstance",
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:ReEncryptTo",
  "kms:ReEncryptFrom",
  "kms:GenerateDataKeyWithoutPlaintext",
];

/** The table's key of every aws resource and data source type of a document. */
const typesOf = (document: Block): string[] => documentTypes(document).filter((type) => /^(data\.)?aws_/.test(type));

describe("the permission table", () => {
  it("has a row for every aws resource and data source type of every stack, preview and example", () => {
    const missing = Object.entries(documents()).flatMap(([stack, document]) =>
      typesOf(document)
        .filter((type) => !(type in PERMISSION_TABLE))
        .map((type) => `${stack}: ${type}`),
    );
    expect(missing).toEqual([]);
  });

  it("has no row that no stack, preview or example uses", () => {
    const used = new Set(Object.values(documents()).flatMap(typesOf));
    expect(Object.keys(PERMISSION_TABLE).filter((type) => !used.has(type))).toEqual([]);
  });

  it("cites the provider's source of every row, at the provider version of the bindings", () => {
    for (const [type, row] of Object.entries(PERMISSION_TABLE)) {
      expect(
        row.sources.some((source) => source.startsWith("https://github.com/hashicorp/terraform-provider-aws/blob/v6.25.0/internal/service/")),
        type,
      ).toBe(true);
    }
  });

  it("names actions as service:Action, without wildcards, and no write action among the reads", () => {
    for (const [type, row] of Object.entries(PERMISSION_TABLE)) {
      for (const action of tableActions(row)) expect(action, type).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z]+$/);
      for (const action of tableActions(row, "read")) expect(action, type).toMatch(/:(Describe|Get|List)[A-Za-z]*$/);
    }
  });
});

describe("the permissions boundary", () => {
  /** Every action the stacks' and examples' roles are given: inline policies, and the managed policy they attach. */
  const moduleRoleActions = inHook(() => {
    const actions = new Set<string>();
    for (const document of Object.values(documents())) {
      for (const policy of Object.values(resourcesOf(document, "aws_iam_role_policy"))) {
        for (const statement of policyStatements(policy)) {
          for (const action of [statement.Action].flat() as string[]) actions.add(action);
        }
      }
    }
    return [...actions].sort();
  });

  it.each(allScopes().map((scope) => [scope.environment, scope] as const))(
    "of %s allows every action the module's roles and grants are given",
    (_name, scope) => {
      const statements = boundaryStatements(scope, LONGEST_CONTEXT, RESOURCE_TYPES[scope.environment]).filter((s) => s.Effect === "Allow");
      const uncovered = moduleRoleActions().filter((action) => !statements.some((s) => s.Action.some((allowed) => iamPattern(allowed).test(action))));
      expect(moduleRoleActions().length).toBeGreaterThan(0);
      expect(uncovered).toEqual([]);
    },
  );

  it.each(allScopes().map((scope) => [scope.environment, scope] as const))(
    "of %s allows nothing else but the managed policies' actions: Enhanced Monitoring's, and AWS Backup's where the scope backs up",
    (_name, scope) => {
      const monitoring = [
        "logs:CreateLogGroup",
        "logs:PutRetentionPolicy",
        "logs:CreateLogStream",
        "logs:DescribeLogStreams",
        "logs:GetLogEvents",
        "logs:PutLogEvents",
      ];
      const types = RESOURCE_TYPES[scope.environment]!;
      const backsUp = BACKUP_PLAN_TYPES.some((type) => types.includes(type));
      const allowed = boundaryStatements(scope, LONGEST_CONTEXT, types)
        .filter((s) => s.Effect === "Allow")
        .flatMap((s) => s.Action);
      const beyondModule = allowed.filter((action) => !moduleRoleActions().includes(action) && !monitoring.includes(action));
      // What the boundary lets the backup role do is a part of what AWS's two managed policies grant it.
      expect(beyondModule.filter((action) => !(backsUp && AWS_BACKUP_MANAGED_POLICY_ACTIONS.includes(action)))).toEqual([]);
      if (backsUp) expect(beyondModule.length).toBeGreaterThan(0);
      const attached = new Set(
        Object.values(documents()).flatMap((document) =>
          Object.values(resourcesOf(document, "aws_iam_role_policy_attachment")).map((a) => String(a.policy_arn)),
        ),
      );
      expect([...attached].map((arn) => arn.replace(/^arn:[^:]+:/, "arn:-:")).sort()).toEqual(
        [
          "arn:-:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
          "arn:-:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
          "arn:-:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        ].sort(),
      );
    },
  );
});
