/**
 * The names the backup constructs claim in `name-registry.ts` (see name-claims.ts for the
 * database's): the plan, the vault and the vault's key's alias, each decided by `name`.
 */
import { backupNames, backupVaultNames } from "./backup-names";
import type { NameClaim } from "./name-registry";
import type { ResolvedBackupPlanProps, ResolvedBackupVaultProps } from "./resolved-backup-props";

const byName =
  (name: string) =>
  (kind: string, value: string): NameClaim => ({ kind, name: value, property: "name", received: name });

/** An AuroraBackupPlan: its plan and, with vault "create", its vault and the vault's key's alias. */
export function backupPlanNameClaims(config: ResolvedBackupPlanProps): NameClaim[] {
  const names = backupNames(config.name);
  const claim = byName(config.name);
  return [
    claim("backup plan", names.planName),
    ...(config.vault === "create" ? [claim("backup vault", names.vaultName)] : []),
    ...(config.vault === "create" && config.encryptionKey === "create" ? [claim("KMS alias", names.keyAlias)] : []),
  ];
}

/** An AuroraBackupVault (or AuroraDisasterRecoveryVault): its vault and its key's alias. */
export function backupVaultNameClaims(config: ResolvedBackupVaultProps): NameClaim[] {
  const names = backupVaultNames(config.name, config.disasterRecovery);
  const claim = byName(config.name);
  return [claim("backup vault", names.vaultName), ...(config.encryptionKey === "create" ? [claim("KMS alias", names.keyAlias)] : [])];
}
