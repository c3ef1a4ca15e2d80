/**
 * The `proxy` prop: its runtime type and its rules, spread into the database's tables in
 * `validate-props.ts`. Limits are those of the RDS API (CreateDBProxy, ModifyDBProxyTargetGroup).
 */
import { Token } from "cdktf";
import { type DatabaseProxyOptions, PROXY_DEFAULTS, type ResolvedProps } from "../props";
import { BOOLEAN, NUMBER, type Rule, type RuntimeType, STRING_LIST, fieldsOf, isUnresolved, rulesFor } from "./prop-validation";
import { canonicalCidr, isInteger, isSecurityGroupId, parseNetworkCidr } from "./rules";

/** https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBProxy.html (IdleClientTimeout). */
const IDLE_CLIENT_TIMEOUT_SECONDS = { min: 1, max: 28_800 } as const;
/** https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html */
const MAX_CONNECTIONS_PERCENT = { min: 1, max: 100 } as const;
const CONNECTION_BORROW_TIMEOUT_SECONDS = { min: 0, max: 3600 } as const;

export const PROXY: RuntimeType<DatabaseProxyOptions> = fieldsOf<DatabaseProxyOptions>(
  {
    iamAuthentication: BOOLEAN,
    idleClientTimeoutSeconds: NUMBER,
    maxConnectionsPercent: NUMBER,
    maxIdleConnectionsPercent: NUMBER,
    connectionBorrowTimeoutSeconds: NUMBER,
    allowedCidrBlocks: STRING_LIST,
    allowedSecurityGroupIds: STRING_LIST,
  },
  [],
  "an object of proxy options ({} takes every default)",
);

/** The proxy's options with their defaults. */
export function proxyOptions(proxy: DatabaseProxyOptions): Required<DatabaseProxyOptions> {
  return { ...PROXY_DEFAULTS, ...proxy };
}

const rule = rulesFor<ResolvedProps>();

type Field = keyof DatabaseProxyOptions;
type ListField = "allowedCidrBlocks" | "allowedSecurityGroupIds";

/** One field of the proxy, when given, at its path. */
function field<K extends Field>(key: K) {
  return (proxy: DatabaseProxyOptions): Iterable<readonly [string, NonNullable<DatabaseProxyOptions[K]>]> => {
    const value = proxy[key];
    return value === undefined ? [] : [[`.${key}`, value as NonNullable<DatabaseProxyOptions[K]>]];
  };
}

/** The entries of a list field, each at its path. */
function listEntries(key: ListField) {
  return (proxy: DatabaseProxyOptions): Iterable<readonly [string, string]> => {
    const list = proxy[key];
    return list === undefined || Token.isUnresolved(list) ? [] : list.map((entry, i) => [`.${key}[${i}]`, entry] as const);
  };
}

/** Entries equal to an earlier one under `key`. */
function listRepeats(key: ListField, canonical: (entry: string) => string) {
  return (proxy: DatabaseProxyOptions): Iterable<readonly [string, string]> => {
    const seen = new Set<string>();
    return [...listEntries(key)(proxy)].filter(([, entry]) => {
      const repeat = seen.has(canonical(entry));
      seen.add(canonical(entry));
      return repeat;
    });
  };
}

type NumberField = "idleClientTimeoutSeconds" | "maxConnectionsPercent" | "connectionBorrowTimeoutSeconds";

const integerIn = (key: NumberField, { min, max }: { readonly min: number; readonly max: number }, unit: string) =>
  rule<"proxy", never, number>("proxy", {
    parts: field(key),
    check: (value) => isInteger(value, min, max),
    allowed: `an integer from ${min} to ${max}${unit}`,
  });

/** The rules of `proxy`. */
export const PROXY_RULES: readonly Rule<ResolvedProps>[] = [
  rule("proxy", {
    involves: ["minCapacity"],
    check: (_, p) => p.minCapacity !== 0,
    allowed: (_, p) =>
      `no proxy while minCapacity is ${p.minCapacity}: a proxy keeps connections to the instances open, so a cluster at 0 ACU would never pause ` +
      "(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html); give minCapacity 0.5 or more, or no proxy",
  }),
  integerIn("idleClientTimeoutSeconds", IDLE_CLIENT_TIMEOUT_SECONDS, " seconds"),
  integerIn("maxConnectionsPercent", MAX_CONNECTIONS_PERCENT, " percent"),
  integerIn("connectionBorrowTimeoutSeconds", CONNECTION_BORROW_TIMEOUT_SECONDS, " seconds (0: no limit)"),
  rule<"proxy", never, number>("proxy", {
    parts: field("maxIdleConnectionsPercent"),
    check: (value, p) => {
      const max = proxyOptions(p.proxy!).maxConnectionsPercent;
      return isInteger(value, 0, isUnresolved(max) ? MAX_CONNECTIONS_PERCENT.max : max);
    },
    allowed: (_, p) => `an integer from 0 to maxConnectionsPercent (${String(proxyOptions(p.proxy!).maxConnectionsPercent)})`,
  }),
  rule("proxy", {
    judgesTokens: true, // reads only whether the lists are tokens
    parts: (proxy) => (["allowedCidrBlocks", "allowedSecurityGroupIds"] as const).flatMap((key) => [...field(key)(proxy)]),
    // A whole-list token, not a list that holds references.
    check: (list) => !Token.isUnresolved(list),
    allowed: "a list known at synth (its entries may be references): each entry becomes a security group rule of its own",
  }),
  rule("proxy", {
    parts: listEntries("allowedCidrBlocks"),
    check: (block) => (parseNetworkCidr(block)?.prefix ?? 0) > 0,
    allowed: 'a bounded IPv4 or IPv6 network whose host bits are zero, such as "10.0.0.0/16" (never 0.0.0.0/0 or ::/0)',
  }),
  rule("proxy", {
    parts: listEntries("allowedSecurityGroupIds"),
    check: isSecurityGroupId,
    allowed: 'a security group id such as "sg-0123456789abcdef0"',
  }),
  ...(["allowedCidrBlocks", "allowedSecurityGroupIds"] as const).map((key) =>
    rule("proxy", {
      parts: listRepeats(key, key === "allowedCidrBlocks" ? canonicalCidr : (entry) => entry),
      check: () => false, // every part is a repeat
      allowed: "an entry listed once: it repeats an earlier entry, and AWS refuses two equal security group rules",
    }),
  ),
];
