import type { Construct } from "constructs";
import { AuroraBackupVault } from "./aurora-backup-vault";
import type { AuroraDisasterRecoveryVaultProps } from "./backup-props";
import { literalProviderRegion } from "./private/deployment-region";
import { validateDisasterRecoveryVaultProps } from "./private/validation/backup-vault";
import { constructSubject } from "./validation-error";

/**
 * The backup vault an `AuroraBackupPlan` copies its recovery points to, with its own
 * customer-managed key and optional Vault Lock, for a long-lived stack in the disaster-recovery
 * region: the copies outlive the database's stack and its region. It is the `AuroraBackupVault`
 * with `disasterRecovery: true`, `<name>-aurora-backup-dr`. Pass `vaultArn` to the plan as
 * `copyToVaultArn`.
 */
export class AuroraDisasterRecoveryVault extends AuroraBackupVault {
  constructor(scope: Construct, id: string, props: AuroraDisasterRecoveryVaultProps) {
    // Its own table first, so that errors name this construct and refuse `disasterRecovery`.
    const config = validateDisasterRecoveryVaultProps(props, constructSubject("AuroraDisasterRecoveryVault", scope, id), literalProviderRegion(scope));
    super(scope, id, { ...config, disasterRecovery: true });
  }
}
