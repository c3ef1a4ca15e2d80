/**
 * The props of `AuroraBackupPlan` as a table: runtime types, then rules (the vault's from
 * `backup-vault.ts`, the rules' from `backup-rules.ts`, and the plan's own:
 * an existing vault, the copy destination, the notifications, the permissions boundary), and the
 * rules that weigh ARNs against the stack's region when it is known at synth.
 */
import { AuroraPostgresServerless } from "../../aurora-postgres-serverless";
import { DAILY_WEEKLY_MONTHLY_RULES, type AuroraBackupPlanProps, type BackupNotifications, type BackupPlanVault } from "../../backup-props";
import { partitionOfRegion } from "../../partitions";
import { createdAlarmTopicOf } from "../alarm-topic";
import { backupNames } from "../backup-names";
import { PARTITION_BOUNDARY } from "../deployment-region";
import type { ResolvedBackupPlanProps } from "../resolved-backup-props";
import { isSnsTopicArn } from "./alarms";
import { inPartitionOf, parseArn, policyArnProblem, regionalArnPrefix } from "./arns";
import { BACKUP_RULE_RULES, BACKUP_RULES, resolveRule } from "./backup-rules";
import {
  BACKUP_TAGS,
  createOrExisting,
  isBackupVaultName,
  VAULT_KEY,
  VAULT_LOCK,
  VAULT_NAME_PATTERN,
  VAULT_NAME_RULE,
  VAULT_RULES,
  vaultRegionRules,
} from "./backup-vault";
import { KNOWN_AT_SYNTH } from "./database";
import {
  fieldsOf,
  isUnresolved,
  knownAtSynthOf,
  listOf,
  optional,
  repeats,
  required,
  rulesFor,
  STRING,
  validate,
  type Mismatch,
  type PropTypes,
  type Rule,
  type RuntimeType,
} from "./engine";
import { POLICY_ARN_FORM } from "./permissions-boundary";

/**
 * The events AWS Backup still sends, of those an Aurora cluster's jobs cause; the deprecated ones,
 * which it accepts and never sends, with what replaces them
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultNotifications.html).
 */
const SUPPORTED_EVENTS = [
  "BACKUP_JOB_STARTED",
  "BACKUP_JOB_COMPLETED",
  "COPY_JOB_STARTED",
  "COPY_JOB_SUCCESSFUL",
  "COPY_JOB_FAILED",
  "RESTORE_JOB_STARTED",
  "RESTORE_JOB_COMPLETED",
  "RECOVERY_POINT_MODIFIED",
];
const DEPRECATED_EVENTS: Readonly<Record<string, string>> = {
  BACKUP_JOB_SUCCESSFUL: "BACKUP_JOB_COMPLETED",
  BACKUP_JOB_FAILED: "BACKUP_JOB_COMPLETED (sent for failed jobs too; filter on its State)",
  BACKUP_JOB_EXPIRED: "BACKUP_JOB_COMPLETED (sent for expired jobs too; filter on its State)",
  RESTORE_JOB_SUCCESSFUL: "RESTORE_JOB_COMPLETED",
  RESTORE_JOB_FAILED: "RESTORE_JOB_COMPLETED (sent for failed restores too; filter on its State)",
  BACKUP_PLAN_CREATED: "nothing: AWS Backup no longer sends plan events",
  BACKUP_PLAN_MODIFIED: "nothing: AWS Backup no longer sends plan events",
};

/** The database whose cluster the plan backs up: the construct itself, not its props. */
const DATABASE: RuntimeType<AuroraPostgresServerless> = {
  allowed: "an AuroraPostgresServerless construct (the database to back up)",
  mismatches: (value): Mismatch[] =>
    value instanceof AuroraPostgresServerless
      ? []
      : [{ path: "", received: value, allowed: "an AuroraPostgresServerless construct (the database to back up)" }],
};

const NOTIFICATIONS: RuntimeType<BackupNotifications> = fieldsOf<BackupNotifications>(
  // Each event is an entry of the vault's notification set, judged at synth.
  { topicArn: STRING, events: knownAtSynthOf(listOf(knownAtSynthOf(STRING), "a list of AWS Backup vault events")) },
  ["topicArn"],
  "notifications { topicArn, events? } (a plain object)",
);

/** Whether the plan creates its vault decides what is built: known at synth; an existing vault's name may be a reference. */
const PLAN_VAULT: RuntimeType<BackupPlanVault> = createOrExisting("existingVaultName", "backup vault name");

const PLAN_TYPES: PropTypes<AuroraBackupPlanProps> = {
  name: required(STRING),
  database: required(DATABASE),
  rules: optional(BACKUP_RULES, KNOWN_AT_SYNTH),
  vault: optional(PLAN_VAULT, KNOWN_AT_SYNTH),
  copyToVaultArn: optional(STRING),
  encryptionKey: optional(VAULT_KEY, KNOWN_AT_SYNTH),
  vaultLock: optional(VAULT_LOCK, KNOWN_AT_SYNTH),
  notifications: optional(NOTIFICATIONS, KNOWN_AT_SYNTH),
  permissionsBoundary: optional(STRING),
  tags: optional(BACKUP_TAGS, KNOWN_AT_SYNTH),
};

/** A backup vault's ARN: `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`, names as CreateBackupVault allows them. */
const BACKUP_VAULT_ARN = new RegExp(`^${regionalArnPrefix("backup")}backup-vault:${VAULT_NAME_PATTERN}$`);

const VAULT_ARN_FORM =
  'a backup vault\'s ARN, "arn:<partition>:backup:<region>:<account>:backup-vault:<name>" (a vault name of 2 to 50 letters, digits, - and _), ' +
  'such as "arn:aws:backup:us-west-2:123456789012:backup-vault:orders-prod-aurora-backup-dr"';

const rule = rulesFor<ResolvedBackupPlanProps>();

const topicArn = (notifications: BackupNotifications) => [[".topicArn", notifications.topicArn] as const];
const events = (notifications: BackupNotifications) => (notifications.events ?? []).map((event, i) => [`.events[${i}]`, event] as const);
const existingVaultName = (vault: BackupPlanVault) => (typeof vault === "object" ? [[".existingVaultName", vault.existingVaultName] as const] : []);

/** A prop of the vault that only its creator can set: refused with an existing vault, whose own stack sets it there. */
const onlyWithCreatedVault = (prop: "encryptionKey" | "vaultLock", where: string) =>
  rule(prop, {
    involves: ["vault"],
    onlyWhenGiven: true,
    judgesTokens: true, // judges only that it is given
    check: (_, p) => p.vault === "create",
    allowed:
      `nothing with vault { existingVaultName }: ${where} belongs to the vault, which its own long-lived stack creates ` +
      `(AuroraBackupVault's ${prop}); leave ${prop} out here, or give vault "create"`,
  });

const PLAN_RULES: readonly Rule<ResolvedBackupPlanProps>[] = [
  ...VAULT_RULES,
  ...BACKUP_RULE_RULES,
  rule("vault", { parts: existingVaultName, check: isBackupVaultName, allowed: VAULT_NAME_RULE }),
  onlyWithCreatedVault("encryptionKey", "the key"),
  onlyWithCreatedVault("vaultLock", "the lock"),
  rule("copyToVaultArn", { check: (arn) => BACKUP_VAULT_ARN.test(arn), allowed: VAULT_ARN_FORM }),
  rule("notifications", {
    parts: topicArn,
    check: isSnsTopicArn,
    allowed: 'an SNS topic\'s ARN, "arn:<partition>:sns:<region>:<account>:<topic name>", such as "arn:aws:sns:us-east-1:123456789012:orders-backup"',
  }),
  rule("notifications", {
    parts: topicArn,
    check: (arn: string) => !arn.endsWith(".fifo"),
    allowed: "a standard topic: AWS Backup does not publish to FIFO topics (https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-notifications.html)",
  }),
  rule("notifications", {
    parts: (notifications) => (notifications.events === undefined ? [] : [[".events", notifications.events] as const]),
    check: (list: readonly string[]) => list.length > 0,
    allowed: "at least one event (leave events out for BACKUP_JOB_COMPLETED and COPY_JOB_FAILED, or leave notifications out)",
  }),
  rule("notifications", {
    parts: events,
    check: (event: string) => SUPPORTED_EVENTS.includes(event),
    allowed: (event: string) =>
      event in DEPRECATED_EVENTS
        ? `an event AWS Backup still sends: ${event} is deprecated and never sent; use ${DEPRECATED_EVENTS[event]}`
        : `one of ${SUPPORTED_EVENTS.join(", ")} (the events AWS Backup sends for an Aurora cluster's jobs)`,
  }),
  rule("notifications", {
    parts: (notifications) => repeats(notifications.events ?? [], (event) => event).map(([path, event]) => [`.events${path}`, event] as const),
    check: () => false, // every part is a repeat
    allowed: "an event listed once",
  }),
  // The database's own alarm topic admits AWS Backup only with alarms.backupNotifications, and then
  // only for the events of its vault <name>-aurora-backup: anything else would never be delivered.
  rule("notifications", {
    involves: ["database"],
    judgesTokens: true, // the created topic's ARN is a reference, compared as such
    parts: topicArn,
    check: (arn, p) => {
      const created = createdAlarmTopicOf(p.database);
      return created === undefined || arn !== created.topicArn || created.backupVaultName !== undefined;
    },
    allowed:
      "a topic that lets AWS Backup publish: the database's alarm topic lets only CloudWatch publish unless the database has " +
      "alarms.backupNotifications: true (and, with an AuroraEncryptionKey as its key, that key backupNotifications: true)",
  }),
  rule("notifications", {
    involves: ["database", "name", "vault"],
    judgesTokens: true, // the created topic's ARN is a reference, compared as such; a vault name that is one is not judged
    parts: topicArn,
    check: (arn, p) => {
      const created = createdAlarmTopicOf(p.database);
      if (created?.backupVaultName === undefined || arn !== created.topicArn) return true;
      const vaultName = p.vault === "create" ? backupNames(p.name).vaultName : p.vault.existingVaultName;
      return isUnresolved(vaultName) || vaultName === created.backupVaultName;
    },
    allowed: (_, p) =>
      `a topic that admits this plan's vault: the database's alarm topic admits the events of the vault ${createdAlarmTopicOf(p.database)?.backupVaultName} only ` +
      '(give the plan the database\'s name with vault "create", or that vault as existingVaultName, or notify another topic)',
  }),
  rule("permissionsBoundary", {
    check: (arn) => policyArnProblem(arn) === undefined,
    allowed: (arn) => `${POLICY_ARN_FORM}: ${policyArnProblem(arn)}`,
  }),
];

/**
 * What is judged against the stack's region, known at synth: the copy goes to another region of
 * the same partition (a copy to the vault's own region is no disaster recovery, and a partition is
 * a boundary nothing crosses), and the topic, the boundary and a given key lie in that partition.
 */
function planRegionRules(region: string): readonly Rule<ResolvedBackupPlanProps>[] {
  const copyProblem = (arn: string) => (BACKUP_VAULT_ARN.test(arn) ? undefined : VAULT_ARN_FORM);
  const topicProblem = (arn: string) => (isSnsTopicArn(arn) ? undefined : "no topic ARN");
  const boundaryInPartition = inPartitionOf(region, "a policy", policyArnProblem);
  const topicInPartition = inPartitionOf(region, "a topic", topicProblem);
  const partition = partitionOfRegion(region);
  return [
    ...vaultRegionRules(region),
    rule("copyToVaultArn", {
      check: (arn) => copyProblem(arn) !== undefined || parseArn(arn)!.region !== region,
      allowed:
        `a vault in another region than ${region}, the region of the stack's AWS provider, where the cluster and its recovery points are: ` +
        "a copy in the same region survives no loss of that region",
    }),
    ...(partition === undefined
      ? []
      : [
          rule("copyToVaultArn", {
            check: (arn) => copyProblem(arn) !== undefined || parseArn(arn)!.partition === partition,
            allowed:
              `a vault in the ${partition} partition, that of ${region}: AWS Backup copies between regions of one partition only, ` +
              `and nothing of one partition can use a resource of another (${PARTITION_BOUNDARY})`,
          }),
        ]),
    ...(topicInPartition === undefined ? [] : [rule("notifications", { parts: topicArn, ...topicInPartition })]),
    ...(boundaryInPartition === undefined ? [] : [rule("permissionsBoundary", boundaryInPartition)]),
  ];
}

function resolvePlanProps(given: Partial<AuroraBackupPlanProps>): ResolvedBackupPlanProps {
  // `name` and `database` are present unless they failed their types, and then nothing is returned.
  const { name, database } = given as Pick<AuroraBackupPlanProps, "name" | "database">;
  return {
    ...given,
    name,
    database,
    rules: (given.rules ?? DAILY_WEEKLY_MONTHLY_RULES).map(resolveRule),
    vault: given.vault ?? "create",
    encryptionKey: given.encryptionKey ?? "create",
    tags: given.tags ?? {},
  };
}

/**
 * The props of an AuroraBackupPlan with defaults applied; throws a ValidationError naming every
 * invalid prop. `region` is the stack's AWS provider's, when it is a literal.
 */
export function validateBackupPlanProps(props: unknown, subject: string, region?: string): ResolvedBackupPlanProps {
  const rules = [...PLAN_RULES, ...(region === undefined ? [] : planRegionRules(region))];
  return validate(props, { types: PLAN_TYPES, rules, resolve: resolvePlanProps }, subject);
}
