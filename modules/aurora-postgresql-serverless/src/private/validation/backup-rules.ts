/**
 * The `rules` of `AuroraBackupPlan`: their runtime type and what AWS Backup takes of each rule for
 * an Aurora cluster (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html),
 * spread into the plan's table in `backup-plan.ts`.
 */
import { Token } from "cdktf";
import type { BackupRule } from "../../backup-props";
import { BACKUP_SCHEDULE_FORM, backupScheduleProblem } from "../backup-schedule";
import { BACKUP_RULE_DEFAULTS, type ResolvedBackupPlanProps, type ResolvedBackupRule } from "../resolved-backup-props";
import { RETENTION_DAYS } from "./backup-vault";
import { BOOLEAN, fieldsOf, isUnresolved, knownAtSynthOf, listOf, NUMBER, rulesFor, STRING, type Mismatch, type Rule, type RuntimeType } from "./engine";
import { isInteger } from "./formats";

/**
 * A continuous backup (point-in-time restore) is kept 1 to 35 days
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html).
 */
const CONTINUOUS_RETENTION_DAYS = { min: 1, max: 35 } as const;

/**
 * A job's start window is at least 60 minutes ("If this value is included, it must be at least 60
 * minutes to avoid errors"), and both windows at most 100 years, 52,560,000 minutes
 * (StartWindowMinutes, CompleteWindowMinutes:
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartBackupJob.html).
 */
const WINDOW_MINUTES = { minStart: 60, max: 52_560_000 } as const;

/** `RuleName`: 1–50 letters, digits and `-_.`. */
const RULE_NAME = /^[A-Za-z0-9_.-]{1,50}$/;

/**
 * AWS Backup moves to cold storage only the resource types its feature table lists and ignores the
 * setting for the others (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html#features-by-resource),
 * Aurora among them; with a continuous rule, AWS refuses it ("Invalid lifecycle.
 * MoveToColdStorageAfterDays is unavailable").
 */
const COLD_STORAGE_REFUSED =
  "nothing: AWS Backup does not move Aurora recovery points to cold storage (it ignores the setting for Aurora snapshots " +
  "and refuses it on continuous backups); they stay in warm storage for retentionDays";

/** A field that is always refused, whatever it holds. */
const REFUSED = (allowed: string): RuntimeType<never> => ({ allowed, mismatches: (value): Mismatch[] => [{ path: "", received: value, allowed }] });

const RULE: RuntimeType<BackupRule> = fieldsOf<BackupRule>(
  {
    // Names identify the rules of the plan, checked for repeats at synth.
    name: knownAtSynthOf(STRING),
    schedule: STRING,
    retentionDays: NUMBER,
    // Decides which retention range applies.
    continuous: knownAtSynthOf(BOOLEAN),
    startWindowMinutes: NUMBER,
    completionWindowMinutes: NUMBER,
    copyRetentionDays: NUMBER,
    coldStorageAfterDays: REFUSED(COLD_STORAGE_REFUSED),
  },
  ["name", "schedule", "retentionDays"],
  "a backup rule { name, schedule, retentionDays, continuous?, startWindowMinutes?, completionWindowMinutes?, copyRetentionDays? } (a plain object)",
);

/** The runtime type of `rules`: each rule is a block of the plan, so the list is known at synth. */
export const BACKUP_RULES = knownAtSynthOf(listOf(RULE, "a list of backup rules"));

/** A rule with its defaults; `copyRetentionDays` stays unset unless given (it then follows `retentionDays`). */
export function resolveRule(rule: BackupRule): ResolvedBackupRule {
  return { ...BACKUP_RULE_DEFAULTS, ...rule };
}

const rule = rulesFor<ResolvedBackupPlanProps>();

type Parts<T> = Iterable<readonly [string, T]>;

/** A rule's two windows, judged together. */
interface Windows {
  readonly completion: number;
  readonly start: number;
}

/** One field of every rule that has it (and that `among` keeps), at its path below `rules`. */
function ruleField<K extends keyof ResolvedBackupRule>(field: K, among: (rule: ResolvedBackupRule) => boolean = () => true) {
  return (rules: readonly ResolvedBackupRule[]): Parts<NonNullable<ResolvedBackupRule[K]>> =>
    rules.flatMap((entry, i) => {
      const value = entry[field];
      return value === undefined || !among(entry) ? [] : [[`[${i}].${field}`, value as NonNullable<ResolvedBackupRule[K]>] as const];
    });
}

/** Rule names that repeat an earlier rule's (case-sensitive, as AWS Backup compares them). */
function repeatedNames(rules: readonly ResolvedBackupRule[]): Parts<string> {
  const seen = new Set<string>();
  return [...ruleField("name")(rules)].filter(([, name]) => {
    const repeat = seen.has(name);
    seen.add(name);
    return repeat;
  });
}

const snapshot = (entry: ResolvedBackupRule) => entry.continuous !== true;
const continuous = (entry: ResolvedBackupRule) => entry.continuous === true;

/** Every retention that goes into the plan's vault: each rule's `retentionDays`. */
const retentions = ruleField("retentionDays");

export const BACKUP_RULE_RULES: readonly Rule<ResolvedBackupPlanProps>[] = [
  rule("rules", {
    judgesTokens: true, // reads only the list's length
    check: (rules) => rules.length >= 1,
    allowed: "at least one rule: a plan without rules backs nothing up (leave rules out for DAILY_WEEKLY_MONTHLY_RULES)",
  }),
  rule("rules", {
    parts: ruleField("name"),
    check: (name: string) => RULE_NAME.test(name),
    allowed: "1 to 50 letters, digits, '-', '_' or '.' (AWS Backup's rule names)",
  }),
  rule("rules", {
    parts: repeatedNames,
    check: () => false, // every part is a repeat
    allowed: "a name no other rule of the plan has (names are case-sensitive): each rule is identified by its name",
  }),
  rule("rules", {
    parts: ruleField("schedule"),
    check: (schedule: string) => backupScheduleProblem(schedule) === undefined,
    allowed: (schedule: string) => `${BACKUP_SCHEDULE_FORM}: ${backupScheduleProblem(schedule)}`,
  }),
  rule("rules", {
    parts: ruleField("retentionDays", snapshot),
    check: (days: number) => isInteger(days, RETENTION_DAYS.min, RETENTION_DAYS.max),
    allowed: `an integer from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max} days (100 years, the longest AWS Backup keeps a recovery point)`,
  }),
  rule("rules", {
    parts: ruleField("retentionDays", continuous),
    check: (days: number) => isInteger(days, CONTINUOUS_RETENTION_DAYS.min, CONTINUOUS_RETENTION_DAYS.max),
    allowed:
      `an integer from ${CONTINUOUS_RETENTION_DAYS.min} to ${CONTINUOUS_RETENTION_DAYS.max} days with continuous: AWS Backup keeps a continuous ` +
      "backup (point-in-time restore) at most 35 days; add a snapshot rule to keep recovery points longer",
  }),
  rule("rules", {
    parts: ruleField("startWindowMinutes"),
    check: (minutes: number) => isInteger(minutes, WINDOW_MINUTES.minStart, WINDOW_MINUTES.max),
    allowed: `an integer from ${WINDOW_MINUTES.minStart} (AWS Backup's minimum start window) to ${WINDOW_MINUTES.max} minutes`,
  }),
  rule("rules", {
    parts: ruleField("completionWindowMinutes"),
    check: (minutes: number) => isInteger(minutes, 1, WINDOW_MINUTES.max),
    allowed: `an integer number of minutes up to ${WINDOW_MINUTES.max} (100 years)`,
  }),
  rule<"rules", never, Windows>("rules", {
    parts: (rules) =>
      rules.flatMap((entry, i) =>
        isUnresolved(entry.startWindowMinutes) || isUnresolved(entry.completionWindowMinutes)
          ? []
          : [[`[${i}].completionWindowMinutes`, { completion: entry.completionWindowMinutes, start: entry.startWindowMinutes }] as const],
      ),
    check: ({ completion, start }) => completion > start,
    allowed: ({ start }) =>
      `more minutes than startWindowMinutes (${start}): the completion window counts from the scheduled time and adds nothing for a late ` +
      "start, so a job that starts at the end of its start window would have no time left",
  }),
  rule("rules", {
    parts: ruleField("copyRetentionDays"),
    check: (days: number) => isInteger(days, RETENTION_DAYS.min, RETENTION_DAYS.max),
    allowed: `an integer from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max} days`,
  }),
  rule("rules", {
    involves: ["copyToVaultArn"],
    judgesTokens: true, // reads only whether there is a copy destination
    parts: ruleField("copyRetentionDays"),
    check: (_: number, p) => p.copyToVaultArn !== undefined,
    allowed: "nothing without copyToVaultArn: there is no copy to keep",
  }),
  rule("rules", {
    involves: ["vaultLock"],
    parts: retentions,
    check: (days: number, p) => {
      const { minRetentionDays: min, maxRetentionDays: max } = p.vaultLock ?? {};
      return (min === undefined || Token.isUnresolved(min) || days >= min) && (max === undefined || Token.isUnresolved(max) || days <= max);
    },
    allowed: (_: number, p) =>
      `days within the vault lock's limits (${p.vaultLock!.minRetentionDays ?? 1} to ${p.vaultLock!.maxRetentionDays ?? RETENTION_DAYS.max}): ` +
      "the locked vault fails every job whose retention lies outside them",
  }),
];
