/**
 * What the backup constructs take about a vault: its name prefix, key, lock and tags, as runtime
 * types and rules, and the names of vaults as AWS Backup allows them. `backup-plan.ts`
 * adds the plan's; `validateBackupVaultProps` and `validateDisasterRecoveryVaultProps` are the
 * whole tables of `AuroraBackupVault` and `AuroraDisasterRecoveryVault`.
 */
import type { AuroraBackupVaultProps, AuroraDisasterRecoveryVaultProps, BackupVaultKey, BackupVaultLock } from "../../backup-props";
import { MAX_BACKUP_NAME_LENGTH, MAX_VAULT_NAME_LENGTH } from "../backup-names";
import type { VaultSettings } from "../backup-vault";
import type { ResolvedBackupVaultProps, ResolvedDisasterRecoveryVaultProps } from "../resolved-backup-props";
import { caseInsensitiveRepeats, KNOWN_AT_SYNTH, TAG } from "./database";
import {
  BOOLEAN,
  either,
  fieldsOf,
  isUnresolved,
  keys,
  knownAtSynthOf,
  NUMBER,
  objectOf,
  oneOf,
  optional,
  recordOf,
  required,
  rulesFor,
  STRING,
  validate,
  values,
  type Fields,
  type PropTypes,
  type Rule,
  type RuntimeType,
} from "./engine";
import { hasReservedTagPrefix, isInteger, isKmsKeyArn, isRdsIdentifier, isTagText, KMS_KEY_ARN_RULE } from "./formats";
import { inStackRegion, REGIONAL_KEYS } from "./stack-region";

/**
 * Days a recovery point may be kept: `DeleteAfterDays` lies between 1 and 36,500 (100 years)
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html, Lifecycle's
 * maximum; AWS's error "DeleteAfterDays cannot be less than 1 or more than 36500 days",
 * https://github.com/hashicorp/terraform-provider-aws/issues/24960). A lock's limits beyond it
 * would refuse every job, so they keep to the same range.
 */
export const RETENTION_DAYS = { min: 1, max: 36_500 } as const;

/**
 * AWS Backup enforces a 72-hour cooling-off period before a compliance lock becomes immutable, so
 * `ChangeableForDays` is 3 or more
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html).
 */
const CHANGEABLE_FOR_DAYS = { min: 3, max: RETENTION_DAYS.max } as const;

/**
 * A backup vault's name as CreateBackupVault allows it: 2 to 50 letters, digits, `-` and `_`
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html), as a
 * pattern (no anchors) for the ARNs that end with one.
 */
export const VAULT_NAME_PATTERN = `[A-Za-z0-9_-]{2,${MAX_VAULT_NAME_LENGTH}}`;
const VAULT_NAME = new RegExp(`^${VAULT_NAME_PATTERN}$`);
export const isBackupVaultName = (name: string): boolean => VAULT_NAME.test(name);
export const VAULT_NAME_RULE = `a backup vault's name: 2 to ${MAX_VAULT_NAME_LENGTH} letters, digits, - and _ (CreateBackupVault)`;

// Types.

/** `"create"`, or `{ <field>: "<what>" }`: a resource the construct creates, or an existing one it is given. */
export function createOrExisting<F extends string>(field: F, what: string): RuntimeType<"create" | { readonly [K in F]: string }> {
  const existing = `{ ${field}: "<${what}>" }`;
  const fields = { [field]: STRING } as Fields<{ readonly [K in F]: string }>;
  return either(oneOf("create"), objectOf<{ readonly [K in F]: string }>(fields, existing), `"create" or ${existing}`);
}

export const VAULT_KEY: RuntimeType<BackupVaultKey> = createOrExisting("existingKeyArn", "KMS key ARN");

export const VAULT_LOCK: RuntimeType<BackupVaultLock> = fieldsOf<BackupVaultLock>(
  {
    // The mode decides whether the lock ever becomes immutable: never a reference.
    mode: knownAtSynthOf(oneOf("governance", "compliance")),
    minRetentionDays: NUMBER,
    maxRetentionDays: NUMBER,
    changeableForDays: NUMBER,
  },
  ["mode"],
  'a vault lock { mode: "governance" | "compliance", minRetentionDays?, maxRetentionDays?, changeableForDays? } (a plain object)',
);

export const BACKUP_TAGS = recordOf(STRING, "an object of tag keys to string values");

// Rules of what both constructs take.

/** The props every vault has, resolved: the database's name and what the vault is made of. */
export interface NamedVaultSettings extends VaultSettings {
  readonly name: string;
}

const rule = rulesFor<NamedVaultSettings>();

type LockField = Exclude<keyof BackupVaultLock, "mode">;

/** One number of the lock, when given, at its path. */
const lockField = (field: LockField) => (lock: BackupVaultLock) => (lock[field] === undefined ? [] : [[`.${field}`, lock[field]] as const]);

const existingKeyArn = (key: BackupVaultKey) => (typeof key === "object" ? [[".existingKeyArn", key.existingKeyArn] as const] : []);

export const VAULT_RULES: readonly Rule<NamedVaultSettings>[] = [
  rule("name", {
    check: (name) => isRdsIdentifier(name, MAX_BACKUP_NAME_LENGTH),
    allowed:
      `lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen, 1 to ${MAX_BACKUP_NAME_LENGTH} ` +
      "characters (the database's name; \"<name>-aurora-backup-dr\" must fit AWS Backup's 50-character vault names)",
  }),
  rule("encryptionKey", { parts: existingKeyArn, check: isKmsKeyArn, allowed: KMS_KEY_ARN_RULE }),

  ...(["minRetentionDays", "maxRetentionDays"] as const).map((field) =>
    rule<"vaultLock", never, number>("vaultLock", {
      parts: lockField(field),
      check: (days) => isInteger(days, RETENTION_DAYS.min, RETENTION_DAYS.max),
      allowed: `an integer from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max} days (100 years, the longest AWS Backup keeps a recovery point)`,
    }),
  ),
  rule<"vaultLock", never, number>("vaultLock", {
    parts: (lock) => (lock.minRetentionDays === undefined ? [] : lockField("maxRetentionDays")(lock)),
    check: (max, p) => isUnresolved(p.vaultLock!.minRetentionDays) || max >= p.vaultLock!.minRetentionDays!,
    allowed: (_, p) => `at least minRetentionDays (${p.vaultLock!.minRetentionDays})`,
  }),
  rule<"vaultLock", never, number>("vaultLock", {
    parts: lockField("changeableForDays"),
    check: (days) => isInteger(days, CHANGEABLE_FOR_DAYS.min, CHANGEABLE_FOR_DAYS.max),
    allowed:
      `an integer from ${CHANGEABLE_FOR_DAYS.min} to ${CHANGEABLE_FOR_DAYS.max} days: AWS Backup keeps a compliance lock changeable ` +
      "for at least its 72-hour cooling-off period",
  }),
  rule("vaultLock", {
    parts: (lock) => (lock.mode === "compliance" && lock.changeableForDays === undefined ? [[".changeableForDays", undefined] as const] : []),
    judgesTokens: true,
    check: () => false, // only a compliance lock without the field
    allowed:
      'an integer of days (3 or more) with mode "compliance": the days during which the lock can still be changed or removed; ' +
      "after them it is immutable, and nobody can remove it or delete a recovery point before its retention ends",
  }),
  rule("vaultLock", {
    parts: (lock) => (lock.mode === "governance" && lock.changeableForDays !== undefined ? [[".changeableForDays", lock.changeableForDays] as const] : []),
    judgesTokens: true,
    check: () => false, // only a governance lock with the field
    allowed: 'nothing with mode "governance": AWS Backup makes a lock with changeableForDays a compliance lock; give mode "compliance" for that',
  }),

  rule("tags", {
    parts: keys,
    check: (key) => key.length >= 1 && key.length <= TAG.maxKeyLength && isTagText(key) && !hasReservedTagPrefix(key, ["aws:"]),
    allowed: `a key of 1 to ${TAG.maxKeyLength} Unicode letters, digits, white space and _ . : / = + - @, not starting with "aws:" (in any case)`,
  }),
  rule("tags", {
    parts: caseInsensitiveRepeats,
    check: () => false, // every part is a repeat
    allowed: "a key that differs from the other keys regardless of case (IAM treats Team and team as one key)",
  }),
  rule("tags", {
    parts: values,
    check: (value) => value.length <= TAG.maxValueLength && isTagText(value) && !hasReservedTagPrefix(value, ["aws:"]),
    allowed: `a value of at most ${TAG.maxValueLength} Unicode letters, digits, white space and _ . : / = + - @, not starting with "aws:"`,
  }),
  rule("tags", {
    judgesTokens: true, // counts keys only
    check: (tags) => Object.keys(tags).length <= TAG.maxPerResource,
    allowed: `at most ${TAG.maxPerResource} tags: AWS allows ${TAG.maxPerResource} on a resource`,
  }),
];

/** A given key in the stack's region and its partition, when that region is known at synth. */
export function vaultRegionRules(region: string): readonly Rule<NamedVaultSettings>[] {
  // The vault is created in the stack's region, and encrypts its recovery points with the key there.
  const checks = inStackRegion(region, "a key", (arn) => (isKmsKeyArn(arn) ? undefined : KMS_KEY_ARN_RULE), REGIONAL_KEYS);
  return checks.map((check) => rule("encryptionKey", { parts: existingKeyArn, ...check }));
}

// AuroraBackupVault and AuroraDisasterRecoveryVault.

const DISASTER_RECOVERY_VAULT_TYPES: PropTypes<AuroraDisasterRecoveryVaultProps> = {
  name: required(STRING),
  encryptionKey: optional(VAULT_KEY, KNOWN_AT_SYNTH),
  vaultLock: optional(VAULT_LOCK, KNOWN_AT_SYNTH),
  tags: optional(BACKUP_TAGS, KNOWN_AT_SYNTH),
};

const BACKUP_VAULT_TYPES: PropTypes<AuroraBackupVaultProps> = {
  ...DISASTER_RECOVERY_VAULT_TYPES,
  // Decides the vault's name: never a reference.
  disasterRecovery: optional(BOOLEAN, KNOWN_AT_SYNTH),
};

const vaultRules = (region: string | undefined) => [...VAULT_RULES, ...(region === undefined ? [] : vaultRegionRules(region))];

/** The props of an AuroraBackupVault with defaults applied; throws a ValidationError naming every invalid prop. */
export function validateBackupVaultProps(props: unknown, subject: string, region?: string): ResolvedBackupVaultProps {
  return validate(
    props,
    {
      types: BACKUP_VAULT_TYPES,
      rules: vaultRules(region),
      // `name` is present unless it failed its type, and then nothing is returned.
      resolve: (given) => ({ disasterRecovery: false, encryptionKey: "create", tags: {}, ...(given as AuroraBackupVaultProps) }),
    },
    subject,
  );
}

/**
 * The props of an AuroraDisasterRecoveryVault with defaults applied: those of an AuroraBackupVault
 * but `disasterRecovery`, which it sets; throws a ValidationError naming every invalid prop.
 */
export function validateDisasterRecoveryVaultProps(props: unknown, subject: string, region?: string): ResolvedDisasterRecoveryVaultProps {
  return validate(
    props,
    {
      types: DISASTER_RECOVERY_VAULT_TYPES,
      rules: vaultRules(region),
      resolve: (given) => ({ encryptionKey: "create", tags: {}, ...(given as AuroraDisasterRecoveryVaultProps) }),
    },
    subject,
  );
}
