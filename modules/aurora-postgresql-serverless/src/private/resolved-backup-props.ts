/**
 * The backup constructs' props once validated, with every default applied, and those defaults.
 */
import type { AuroraBackupPlanProps, AuroraDisasterRecoveryVaultProps, BackupPlanVault, BackupRule, BackupVaultEvent, BackupVaultKey } from "../backup-props";

/** The defaults of a {@link BackupRule}. */
export const BACKUP_RULE_DEFAULTS = {
  continuous: false,
  startWindowMinutes: 60,
  completionWindowMinutes: 180,
} as const satisfies { readonly [K in keyof BackupRule]?: BackupRule[K] };

/** The events notified by default. */
export const DEFAULT_BACKUP_EVENTS: readonly BackupVaultEvent[] = ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"];

/** A rule with its defaults applied; `copyRetentionDays` stays unset unless given (the copy then keeps `retentionDays`). */
export type ResolvedBackupRule = Required<Omit<BackupRule, "coldStorageAfterDays" | "copyRetentionDays">> & Pick<BackupRule, "copyRetentionDays">;

/** {@link AuroraBackupPlanProps} with every default applied, once validated. */
export interface ResolvedBackupPlanProps extends Omit<AuroraBackupPlanProps, "rules" | "vault" | "encryptionKey" | "tags"> {
  readonly rules: readonly ResolvedBackupRule[];
  readonly vault: BackupPlanVault;
  readonly encryptionKey: BackupVaultKey;
  readonly tags: Readonly<Record<string, string>>;
}

/** {@link AuroraDisasterRecoveryVaultProps} with every default applied, once validated. */
export interface ResolvedDisasterRecoveryVaultProps extends Omit<AuroraDisasterRecoveryVaultProps, "encryptionKey" | "tags"> {
  readonly encryptionKey: BackupVaultKey;
  readonly tags: Readonly<Record<string, string>>;
}

/** {@link AuroraBackupVaultProps} with every default applied, once validated. */
export interface ResolvedBackupVaultProps extends ResolvedDisasterRecoveryVaultProps {
  readonly disasterRecovery: boolean;
}
