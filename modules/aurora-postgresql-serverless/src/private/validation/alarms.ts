/**
 * The `alarms` and `dashboard` props: their runtime types and their rules, spread into the
 * database's tables in `database.ts`. Every field of `alarms` is known at synth: the
 * thresholds are written into the alarms' descriptions, and each email address becomes a
 * subscription keyed by it; only `topicArn` may be a token (another stack's topic).
 */
import { Token } from "cdktf";
import type { AlarmOptions, AlarmThreshold } from "../../props";
import type { AlarmKind, ResolvedProps } from "../resolved-props";
import { regionalArnPrefix } from "./arns";
import { BOOLEAN, fieldsOf, isUnresolved, knownAtSynthOf, NUMBER, rulesFor, STRING, type Mismatch, type Rule, type RuntimeType } from "./engine";
import { isInteger } from "./formats";
import { inStackRegion } from "./stack-region";

const KNOWN = "known at synth";

const KNOWN_NUMBER = knownAtSynthOf(NUMBER);

/** A list of strings, none of them a token. */
const KNOWN_STRING_LIST: RuntimeType<readonly string[]> = {
  allowed: `a list of email addresses, ${KNOWN}`,
  mismatches: (value): Mismatch[] => {
    if (!Array.isArray(value) || Token.isUnresolved(value)) return [{ path: "", received: value, allowed: `a list of email addresses, ${KNOWN}` }];
    return value.flatMap((entry, i) =>
      typeof entry === "string" && !Token.isUnresolved(entry)
        ? []
        : [{ path: `[${i}]`, received: entry, allowed: `an email address (a string, ${KNOWN}: it keys its subscription)` }],
    );
  },
};

const THRESHOLD: RuntimeType<AlarmThreshold> = fieldsOf<AlarmThreshold>(
  { threshold: KNOWN_NUMBER, evaluationPeriods: KNOWN_NUMBER },
  [],
  `{ threshold?, evaluationPeriods? }, numbers ${KNOWN}`,
);

/** Each alarm's threshold: what it measures and the values that make sense for it. */
const THRESHOLDS: { readonly [K in AlarmKind]: { readonly check: (threshold: number) => boolean; readonly allowed: string } } = {
  acuUtilization: { check: (n) => n > 0 && n <= 100, allowed: "a percentage of maxCapacity greater than 0 and at most 100" },
  cpuUtilization: { check: (n) => n > 0 && n <= 100, allowed: "a percentage of the CPU at maxCapacity greater than 0 and at most 100" },
  freeableMemory: { check: (n) => n > 0 && n < 100, allowed: "a percentage of the memory at maxCapacity greater than 0 and below 100" },
  databaseConnections: { check: (n) => n > 0 && n <= 100, allowed: "a percentage of max_connections greater than 0 and at most 100" },
  replicaLag: { check: (n) => n > 0, allowed: "a number of milliseconds greater than 0" },
  deadlocks: { check: (n) => n >= 0, allowed: "a number of deadlocks per second, 0 or more" },
};
const KINDS = Object.keys(THRESHOLDS) as AlarmKind[];

/** The runtime type of `alarms`. */
export const ALARMS: RuntimeType<AlarmOptions> = fieldsOf<AlarmOptions>(
  {
    topicArn: STRING,
    emailAddresses: KNOWN_STRING_LIST,
    backupNotifications: knownAtSynthOf(BOOLEAN),
    ...Object.fromEntries(KINDS.map((kind) => [kind, THRESHOLD])),
  },
  [],
  `alarm options { topicArn?, emailAddresses?, ${KINDS.map((kind) => `${kind}?`).join(", ")}, backupNotifications? }, ${KNOWN}`,
);

/** CloudWatch evaluates at most one day of periods: 1440 one-minute periods. */
export const MAX_EVALUATION_PERIODS = 1440;

const SNS_TOPIC_ARN = new RegExp(`^${regionalArnPrefix("sns")}([A-Za-z0-9_-]+(?:\\.fifo)?)$`);

/** `arn:<partition>:sns:<region>:<account>:<topic>`; topic names are 1–256 letters, digits, `-` and `_`, FIFO ones ending in `.fifo`. */
export function isSnsTopicArn(value: string): boolean {
  const match = SNS_TOPIC_ARN.exec(value);
  return match !== null && match[1]!.length <= 256;
}

/**
 * An email address SNS can deliver to: a local part of at most 64 characters (letters, digits and
 * `!#$%&'*+=?^_`{|}~.-`, no leading, trailing or doubled dot) and a domain of dot-separated labels
 * (letters, digits, inner hyphens, at most 63 each), at most 254 characters in all (RFC 5321).
 */
export function isEmailAddress(value: string): boolean {
  const match = /^([A-Za-z0-9!#$%&'*+=?^_`{|}~.-]{1,64})@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$/.exec(value);
  if (!match || value.length > 254) return false;
  const local = match[1]!;
  return !local.startsWith(".") && !local.endsWith(".") && !local.includes("..");
}

const rule = rulesFor<ResolvedProps>();

type Parts<T> = Iterable<readonly [string, T]>;

/** One field of one alarm's threshold, when given. */
const thresholdField =
  (kind: AlarmKind, field: keyof AlarmThreshold) =>
  (alarms: AlarmOptions): Parts<number> => {
    const value = alarms[kind]?.[field];
    return value === undefined ? [] : [[`.${kind}.${field}`, value]];
  };

const emails = (alarms: AlarmOptions): Parts<string> => (alarms.emailAddresses ?? []).map((address, i) => [`.emailAddresses[${i}]`, address] as const);

/** Addresses that repeat an earlier one, case ignored (the domain is case-insensitive, and SNS would send twice). */
function repeatedEmails(alarms: AlarmOptions): Parts<string> {
  const seen = new Set<string>();
  return [...emails(alarms)].filter(([, address]) => {
    const repeat = seen.has(address.toLowerCase());
    seen.add(address.toLowerCase());
    return repeat;
  });
}

const CAPACITY_KNOWN = "minCapacity and maxCapacity known at synth alongside";

export const ALARM_RULES: readonly Rule<ResolvedProps>[] = [
  ...KINDS.flatMap((kind) => [
    rule("alarms", { parts: thresholdField(kind, "threshold"), check: THRESHOLDS[kind].check, allowed: THRESHOLDS[kind].allowed }),
    rule("alarms", {
      parts: thresholdField(kind, "evaluationPeriods"),
      check: (periods: number) => isInteger(periods, 1, MAX_EVALUATION_PERIODS),
      allowed: `an integer from 1 to ${MAX_EVALUATION_PERIODS} one-minute periods (CloudWatch evaluates at most a day)`,
    }),
  ]),
  rule("alarms", {
    parts: (alarms) => (alarms.topicArn === undefined ? [] : [[".topicArn", alarms.topicArn] as const]),
    check: isSnsTopicArn,
    allowed: 'an SNS topic ARN, "arn:<partition>:sns:<region>:<account>:<topic name>", such as "arn:aws:sns:us-east-1:123456789012:orders-alarms"',
  }),
  rule("alarms", {
    parts: emails,
    check: isEmailAddress,
    allowed: 'an email address such as "oncall@example.com"',
  }),
  rule("alarms", {
    parts: repeatedEmails,
    check: () => false, // every part is a repeat
    allowed: "an address listed once (case ignored): each address is one subscription",
  }),
  rule("alarms", {
    parts: (alarms) =>
      alarms.topicArn !== undefined && (alarms.emailAddresses ?? []).length > 0 ? [[".emailAddresses", alarms.emailAddresses!] as const] : [],
    check: () => false, // only given with topicArn
    allowed: "no addresses with topicArn: the construct subscribes addresses only to the topic it creates; subscribe them to your own topic there",
  }),
  rule("alarms", {
    parts: (alarms) => (alarms.topicArn !== undefined && alarms.backupNotifications === true ? [[".backupNotifications", true] as const] : []),
    check: () => false, // only given with topicArn
    allowed: "false with topicArn: the construct writes the policy of the topic it creates only; let backup.amazonaws.com publish in your own topic's policy",
  }),
  rule("alarms", {
    involves: ["minCapacity", "maxCapacity"],
    judgesTokens: true, // reads only whether the capacities are tokens
    check: (_, p) => !isUnresolved(p.minCapacity) && !isUnresolved(p.maxCapacity),
    allowed: `${CAPACITY_KNOWN}: the memory and connection thresholds derive from them`,
  }),
  rule("dashboard", {
    involves: ["minCapacity", "maxCapacity"],
    judgesTokens: true, // reads only whether the capacities are tokens
    check: (on, p) => !on || (!isUnresolved(p.minCapacity) && !isUnresolved(p.maxCapacity)),
    allowed: `false, or ${CAPACITY_KNOWN}: the capacity graph marks them`,
  }),
];

/**
 * A given topic weighed against the region of the stack's AWS provider, when it is known at synth:
 * CloudWatch refuses an alarm action on a topic of another region ("Invalid region ca-central-1
 * specified. Only us-west-2 is supported",
 * https://github.com/cds-snc/notification-terraform/pull/128) or partition ("Invalid partition aws
 * specified. Only aws-us-gov is supported",
 * https://github.com/aws-samples/amazon-cloudwatch-auto-alarms/issues/61).
 */
export function alarmRegionRules(region: string): readonly Rule<ResolvedProps>[] {
  const formProblem = (arn: string) => (isSnsTopicArn(arn) ? undefined : "no topic ARN");
  const why = "CloudWatch sends an alarm's actions only to topics of the alarm's own region";
  return inStackRegion(region, "a topic", formProblem, why).map((check) =>
    rule("alarms", { parts: (alarms) => (alarms.topicArn === undefined ? [] : [[".topicArn", alarms.topicArn] as const]), ...check }),
  );
}
