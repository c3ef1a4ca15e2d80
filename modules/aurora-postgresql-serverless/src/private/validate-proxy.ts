/**
 * The `proxy` prop: its runtime type and its rules, spread into the database's tables in
 * `validate-props.ts`. Limits are those of the RDS API (CreateDBProxy, ModifyDBProxyTargetGroup).
 */
import { Token } from "cdktf";
import { type DatabaseProxyOptions, PROXY_DEFAULTS, type ResolvedProps } from "../props";
import { BOOLEAN, NUMBER, type Rule, type RuntimeType, STRING_LIST, entries, fieldsOf, isUnresolved, rulesFor } from "./prop-validation";
import { canonicalCidr, isInteger } from "./rules";
import { BOUNDED_CIDR, LISTED_ONCE, NETWORK_CIDR, SECURITY_GROUP_ID, repeats } from "./source-rules";

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

/** Parts of a list field, at their paths below the proxy: the list's entries, or some of them. */
function listParts(key: ListField, parts: (list: readonly string[]) => Iterable<readonly [string, string]> = entries) {
  return (proxy: DatabaseProxyOptions): Iterable<readonly [string, string]> => {
    const list = proxy[key];
    if (list === undefined || Token.isUnresolved(list)) return [];
    return Array.from(parts(list), ([path, entry]) => [`.${key}${path}`, entry] as const);
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
  rule("proxy", { parts: listParts("allowedCidrBlocks"), ...NETWORK_CIDR }),
  rule("proxy", { parts: listParts("allowedCidrBlocks"), ...BOUNDED_CIDR }),
  rule("proxy", { parts: listParts("allowedSecurityGroupIds"), ...SECURITY_GROUP_ID }),
  ...(
    [
      ["allowedCidrBlocks", canonicalCidr],
      ["allowedSecurityGroupIds", (id: string) => id],
    ] as const
  ).map(([key, canonical]) =>
    rule("proxy", {
      parts: listParts(key, (list) => repeats(list, canonical)),
      judgesTokens: true, // a reference repeated by value is still a repeat
      check: () => false, // every part is a repeat
      allowed: LISTED_ONCE,
    }),
  ),
];
