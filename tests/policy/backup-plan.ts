/** A backup plan for the policy tests: what the opt-in backup coverage control asks of a stack. */
import type { TerraformStack } from "cdktf";
import { AuroraBackupPlan, type AuroraPostgresServerless } from "cdktf-aurora-postgresql-serverless";

/** Backs the database's cluster up with the module's plan: its defaults, the cluster selected by its ARN, a vault with a key of its own. */
export function backUp(stack: TerraformStack, database: AuroraPostgresServerless): void {
  new AuroraBackupPlan(stack, "Backup", { name: "test", database });
}
