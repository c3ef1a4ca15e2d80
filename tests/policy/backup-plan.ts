/** A backup plan for the policy tests: what the opt-in backup coverage control asks of a stack. */
import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { TerraformStack } from "cdktf";
import type { AuroraPostgresServerless } from "cdktf-aurora-postgresql-serverless";

/** Backs the database's cluster up daily, by its ARN, into a vault with a key of its own. */
export function backUp(stack: TerraformStack, database: AuroraPostgresServerless): void {
  const key = new KmsKey(stack, "BackupKey", { description: "test backup vault", enableKeyRotation: true });
  const vault = new BackupVault(stack, "BackupVault", { name: "test-backup", kmsKeyArn: key.arn });
  const plan = new BackupPlan(stack, "BackupPlan", { name: "test-backup", rule: [{ ruleName: "daily", targetVaultName: vault.name, schedule: "cron(0 5 * * ? *)" }] });
  new BackupSelection(stack, "BackupSelection", {
    name: "test-cluster",
    planId: plan.id,
    iamRoleArn: "arn:aws:iam::123456789012:role/test-backup",
    resources: [database.clusterArn],
  });
}
