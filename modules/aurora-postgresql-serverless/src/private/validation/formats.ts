/**
 * Pure checks of AWS and PostgreSQL naming and format rules. Each returns true when the
 * value is acceptable; the caller words the error.
 */
import { isIPv4, isIPv6 } from "node:net";
import { regionalArnPrefix } from "./arns";

/** SQL key words that PostgreSQL reserves (cannot name a database or role unquoted). */
const POSTGRES_RESERVED_WORDS = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check " +
    "collate collation column concurrently constraint create cross current_catalog current_date " +
    "current_role current_schema current_time current_timestamp current_user default deferrable desc " +
    "distinct do else end except false fetch for foreign freeze from full grant group having ilike in " +
    "initially inner intersect into is isnull join lateral leading left like limit localtime " +
    "localtimestamp natural not notnull null offset on only or order outer overlaps placing primary " +
    "references returning right select session_user similar some symmetric system_user table " +
    "tablesample then to trailing true union unique user using variadic verbose when where window with"
  ).split(" "),
);

/** Role names RDS or PostgreSQL keep for themselves. */
const RESERVED_USERNAMES = new Set(["admin", "rdsadmin", "rdsrepladmin", "public", "none"]);

/** Databases that already exist in every Aurora PostgreSQL cluster. */
const RESERVED_DATABASE_NAMES = new Set(["template0", "template1", "rdsadmin"]);

function isPostgresReservedWord(word: string): boolean {
  return POSTGRES_RESERVED_WORDS.has(word.toLowerCase());
}

export function isReservedUsername(username: string): boolean {
  const lower = username.toLowerCase();
  return RESERVED_USERNAMES.has(lower) || lower.startsWith("pg_") || isPostgresReservedWord(lower);
}

export function isReservedDatabaseName(databaseName: string): boolean {
  const lower = databaseName.toLowerCase();
  return RESERVED_DATABASE_NAMES.has(lower) || isPostgresReservedWord(lower);
}

/** RDS identifiers: lowercase letters, digits, single hyphens; starts with a letter; no trailing hyphen. */
export function isRdsIdentifier(value: string, maxLength: number): boolean {
  return value.length >= 1 && value.length <= maxLength && /^[a-z][a-z0-9-]*$/.test(value) && !value.includes("--") && !value.endsWith("-");
}

export function isMasterUsername(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{0,15}$/.test(value);
}

export function isDatabaseName(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(value);
}

export function isInteger(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Serverless v2 capacity: a multiple of 0.5 within [min, max]. */
export function isCapacity(value: number, min: number, max: number): boolean {
  return Number.isFinite(value) && value >= min && value <= max && Number.isInteger(value * 2);
}

export type IpVersion = 4 | 6;

export interface NetworkCidr {
  readonly version: IpVersion;
  readonly prefix: number;
  /** The network address as a number, so that differently written blocks compare equal. */
  readonly network: bigint;
}

/**
 * A CIDR block whose host bits are zero, as the AWS provider requires. Zone ids
 * (`fe80::%eth0/64`) name an interface of one host and are refused.
 */
export function parseNetworkCidr(value: string): NetworkCidr | undefined {
  const slash = value.indexOf("/");
  if (slash < 0) return undefined;
  const address = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || address.includes("%")) return undefined;
  const prefix = Number(prefixText);
  const version: IpVersion | undefined = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (version === undefined) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefix > bits) return undefined;
  const network = version === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  return (network & hostMask) === 0n ? { version, prefix, network } : undefined;
}

/** One key for every spelling of a block (`2001:DB8::/32`, `2001:db8:0::/32`); the text itself when it is no block. */
export function canonicalCidr(value: string): string {
  const cidr = parseNetworkCidr(value);
  return cidr ? `${cidr.version}:${cidr.network.toString(16)}/${cidr.prefix}` : value;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split(".").reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (::ffff:10.0.0.0) becomes two hextets.
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = ipv4ToBigInt(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const headParts = head === "" ? [] : head.split(":");
  const restParts = rest === undefined || rest === "" ? [] : rest.split(":");
  const missing = 8 - headParts.length - restParts.length;
  const parts = rest === undefined ? headParts : [...headParts, ...Array<string>(missing).fill("0"), ...restParts];
  return parts.reduce((acc, part) => (acc << 16n) + BigInt(parseInt(part, 16)), 0n);
}

/** What `isKmsKeyArn` allows, in words. */
export const KMS_KEY_ARN_RULE = 'a KMS key ARN such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" (not an alias)';

const KMS_KEY_ARN = new RegExp(`^${regionalArnPrefix("kms")}key/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`);

/** A KMS key ARN (single- or multi-Region key); aliases are refused because RDS stores the key. */
export function isKmsKeyArn(value: string): boolean {
  return KMS_KEY_ARN.test(value);
}

export function isClusterParameterName(value: string): boolean {
  return /^[a-z][a-z0-9_.]*$/.test(value);
}

/** What `isDatabaseUsername` allows, in words. */
export const DATABASE_USERNAME_RULE = "a PostgreSQL role name: 1 to 63 letters, digits or '_', starting with a letter, not reserved";

/**
 * PostgreSQL role names that IAM authentication and an RDS Proxy can log in as (unquoted
 * identifiers), with the reserved names the master user may not take either.
 */
export function isDatabaseUsername(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(value) && !isReservedUsername(value);
}

export function isSecurityGroupId(value: string): boolean {
  return /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value);
}

export function isVpcId(value: string): boolean {
  return /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value);
}

export function isSubnetId(value: string): boolean {
  return /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value);
}

/** RDS tag keys and values: Unicode letters, digits, white space and `_ . : / = + - @`. */
export function isTagText(value: string): boolean {
  return /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value);
}

/** Prefixes AWS keeps for its own tags, compared regardless of case. */
export function hasReservedTagPrefix(text: string, prefixes: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return prefixes.some((prefix) => lower.startsWith(prefix));
}

/** Lambda function names (and so prefixes of them): letters, digits, `-` and `_`. */
export function isLambdaFunctionNamePrefix(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A window on a circular clock: start minute and length, both in minutes. */
export interface TimeWindow {
  readonly start: number;
  readonly length: number;
}

function minuteOfDay(hh: string, mm: string): number | undefined {
  const hours = Number(hh);
  const minutes = Number(mm);
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : undefined;
}

function circularLength(start: number, end: number, period: number): number {
  return (((end - start) % period) + period) % period;
}

/** Parses a daily `hh24:mi-hh24:mi` window (UTC); it may cross midnight. */
export function parseDailyWindow(value: string): TimeWindow | undefined {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const start = minuteOfDay(match[1]!, match[2]!);
  const end = minuteOfDay(match[3]!, match[4]!);
  if (start === undefined || end === undefined) return undefined;
  return { start, length: circularLength(start, end, MINUTES_PER_DAY) };
}

/** Parses a weekly `ddd:hh24:mi-ddd:hh24:mi` window (UTC); it may cross the week's end. */
export function parseWeeklyWindow(value: string): TimeWindow | undefined {
  const match = /^([a-z]{3}):(\d{2}):(\d{2})-([a-z]{3}):(\d{2}):(\d{2})$/.exec(value.toLowerCase());
  if (!match) return undefined;
  const startDay = DAYS.indexOf(match[1] as (typeof DAYS)[number]);
  const endDay = DAYS.indexOf(match[4] as (typeof DAYS)[number]);
  const startMinute = minuteOfDay(match[2]!, match[3]!);
  const endMinute = minuteOfDay(match[5]!, match[6]!);
  if (startDay < 0 || endDay < 0 || startMinute === undefined || endMinute === undefined) return undefined;
  const start = startDay * MINUTES_PER_DAY + startMinute;
  const end = endDay * MINUTES_PER_DAY + endMinute;
  return { start, length: circularLength(start, end, MINUTES_PER_WEEK) };
}

/** Does a daily window, repeated every day of the week, overlap a weekly window? */
export function windowsOverlap(daily: TimeWindow, weekly: TimeWindow): boolean {
  for (let day = 0; day < 7; day++) {
    const start = day * MINUTES_PER_DAY + daily.start;
    const startsInside = circularLength(weekly.start, start, MINUTES_PER_WEEK) < weekly.length;
    const containsStart = circularLength(start, weekly.start, MINUTES_PER_WEEK) < daily.length;
    if (startsInside || containsStart) return true;
  }
  return false;
}
