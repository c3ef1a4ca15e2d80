/**
 * The `proxy` prop: its runtime type and its rules, spread into the database's tables in
 * `database.ts`. Limits are those of the RDS API (CreateDBProxy, ModifyDBProxyTargetGroup).
 */
import { Fn, Op, Token } from "cdktf";
import type { DatabaseProxyOptions, DatabaseProxyUser } from "../../props";
import type { ValidationProblem } from "../../validation-error";
import { PROXY_DEFAULTS, type ResolvedProps } from "../resolved-props";
import { inPartitionOf, parseArn, secretArnProblem } from "./arns";
import {
  BOOLEAN,
  entries,
  fieldsOf,
  isUnresolved,
  knownAtSynthOf,
  listOf,
  NUMBER,
  repeats,
  rulesFor,
  STRING,
  STRING_LIST,
  type Rule,
  type RuntimeType,
} from "./engine";
import { canonicalCidr, DATABASE_USERNAME_RULE, isDatabaseUsername, isInteger, isKmsKeyArn, KMS_KEY_ARN_RULE } from "./formats";
import { BOUNDED_CIDR, LISTED_ONCE, NETWORK_CIDR, SECURITY_GROUP_ID } from "./network-sources";
import { inStackRegion, REGIONAL_KEYS } from "./stack-region";

/** https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBProxy.html (IdleClientTimeout). */
const IDLE_CLIENT_TIMEOUT_SECONDS = { min: 1, max: 28_800 } as const;
/** https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html */
const MAX_CONNECTIONS_PERCENT = { min: 1, max: 100 } as const;
const CONNECTION_BORROW_TIMEOUT_SECONDS = { min: 0, max: 3600 } as const;
/**
 * "Each proxy can have up to 200 associated Secrets Manager secrets"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy.html#rds-proxy.limitations):
 * the master user's secret is always one of them.
 */
const MAX_PROXY_USERS = 199;

/** One user: its name decides whom grantProxyConnect may grant, so it is known at synth; its secret may be a reference. */
const PROXY_USER = fieldsOf<DatabaseProxyUser>(
  { username: knownAtSynthOf(STRING), secretArn: STRING, kmsKeyArn: STRING },
  ["username", "secretArn"],
  "a proxy user { username, secretArn, kmsKeyArn? } (a plain object)",
);

export const PROXY: RuntimeType<DatabaseProxyOptions> = fieldsOf<DatabaseProxyOptions>(
  {
    iamAuthentication: BOOLEAN,
    idleClientTimeoutSeconds: NUMBER,
    maxConnectionsPercent: NUMBER,
    maxIdleConnectionsPercent: NUMBER,
    connectionBorrowTimeoutSeconds: NUMBER,
    allowedCidrBlocks: STRING_LIST,
    allowedSecurityGroupIds: STRING_LIST,
    // Each user becomes an auth entry of its own.
    users: knownAtSynthOf(listOf(PROXY_USER, "a list of proxy users ({ username, secretArn, kmsKeyArn? })")),
  },
  [],
  "an object of proxy options ({} takes every default)",
);

/** The proxy's options with their defaults. */
export function proxyOptions(proxy: DatabaseProxyOptions): Required<DatabaseProxyOptions> {
  const maxConnectionsPercent = proxy.maxConnectionsPercent ?? PROXY_DEFAULTS.maxConnectionsPercent;
  return {
    ...PROXY_DEFAULTS,
    ...proxy,
    maxConnectionsPercent,
    maxIdleConnectionsPercent: proxy.maxIdleConnectionsPercent ?? defaultIdleConnectionsPercent(maxConnectionsPercent),
  };
}

/**
 * RDS's own default for MaxIdleConnectionsPercent: half of MaxConnectionsPercent
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html),
 * rounded down so that it never exceeds it. Sent explicitly, because the AWS provider would send
 * its fixed 50 instead, which RDS refuses above a smaller MaxConnectionsPercent. A reference is
 * halved by Terraform.
 */
export function defaultIdleConnectionsPercent(maxConnectionsPercent: number): number {
  return Token.isUnresolved(maxConnectionsPercent) ? Fn.floor(Token.asNumber(Op.div(maxConnectionsPercent, 2))) : Math.floor(maxConnectionsPercent / 2);
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

/** One field of every user that has it (and that `among` keeps), at its path below the proxy (`.users[<i>].<field>`). */
function userField<K extends keyof DatabaseProxyUser>(key: K, among: (user: DatabaseProxyUser) => boolean = () => true) {
  return (proxy: DatabaseProxyOptions): (readonly [string, NonNullable<DatabaseProxyUser[K]>])[] =>
    (proxy.users ?? []).flatMap((user, i) => {
      const value = user[key];
      return value === undefined || !among(user) ? [] : [[`.users[${i}].${key}`, value as NonNullable<DatabaseProxyUser[K]>] as const];
    });
}

/**
 * The master user's name, when known at synth: a restored cluster's is its source's
 * (`masterUsername` then holds the default), and a reference is known only at apply.
 */
function knownMasterUsername(p: Pick<ResolvedProps, "masterUsername" | "restore">): string | undefined {
  return p.restore === undefined && !isUnresolved(p.masterUsername) ? p.masterUsername : undefined;
}

/** The users' values of one field that repeat an earlier user's (tokens compare as written), at their paths. */
function repeatedUserField(key: "username" | "secretArn") {
  return (proxy: DatabaseProxyOptions): (readonly [string, string])[] => {
    const users = proxy.users ?? [];
    return repeats(
      users.map((user) => user[key]),
      (value) => value,
    ).map(([path, value]) => [`.users${path}.${key}`, value] as const);
  };
}

const SECRET_ARN_FORM = 'a secret\'s full ARN, "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>"';

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

  rule("proxy", {
    parts: (proxy) => (proxy.users === undefined ? [] : [[".users", proxy.users] as const]),
    check: (users) => users.length <= MAX_PROXY_USERS,
    allowed:
      `at most ${MAX_PROXY_USERS} users: a proxy holds at most 200 secrets, one of them the master user's ` +
      "(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy.html#rds-proxy.limitations)",
  }),
  rule("proxy", { parts: userField("username"), check: isDatabaseUsername, allowed: DATABASE_USERNAME_RULE }),
  rule("proxy", {
    parts: repeatedUserField("username"),
    check: () => false, // every part is a repeat
    allowed: "a user listed once: it repeats an earlier user, and each user has one secret",
  }),
  rule("proxy", {
    involves: ["masterUsername", "restore"],
    judgesTokens: true, // reads only whether restore is given
    parts: userField("username"),
    check: (username: string, p) => username !== knownMasterUsername(p),
    allowed: (_: string, p) => `a user other than the master user "${p.masterUsername}", whose secret the proxy always registers`,
  }),
  rule("proxy", {
    parts: userField("secretArn"),
    check: (arn: string) => secretArnProblem(arn) === undefined,
    allowed: (arn: string) => `${SECRET_ARN_FORM}: ${secretArnProblem(arn)}`,
  }),
  rule("proxy", {
    parts: repeatedUserField("secretArn"),
    judgesTokens: true, // one reference given twice is still one secret
    check: () => false, // every part is a repeat
    allowed: "a secret of this user's own: it repeats an earlier user's, and a secret holds one user's credentials",
  }),
  rule("proxy", { parts: userField("kmsKeyArn"), check: isKmsKeyArn, allowed: KMS_KEY_ARN_RULE }),
];

/**
 * The rules of `proxy` that weigh its users' secrets against the region of the stack's AWS
 * provider, known at synth: secrets and keys of the stack's partition and, for a secret with a
 * customer-managed key, of its region, since the proxy's role may decrypt only through Secrets
 * Manager in that region (`kms:ViaService`).
 */
export function proxyRegionRules(region: string): readonly Rule<ResolvedProps>[] {
  const secretInPartition = inPartitionOf(region, "a secret", secretArnProblem);
  const keyInRegion = inStackRegion(
    region,
    "a key",
    (arn) => (isKmsKeyArn(arn) ? undefined : KMS_KEY_ARN_RULE),
    `the user's secret is read through Secrets Manager in ${region}, which decrypts only with keys of its region (${REGIONAL_KEYS})`,
  );
  return [
    ...(secretInPartition === undefined ? [] : [rule("proxy", { parts: userField("secretArn"), ...secretInPartition })]),
    ...keyInRegion.map((check) => rule("proxy", { parts: userField("kmsKeyArn"), ...check })),
    rule("proxy", {
      parts: userField("secretArn", (user) => user.kmsKeyArn !== undefined),
      check: (arn: string) => secretArnProblem(arn) !== undefined || parseArn(arn)!.region === region,
      allowed:
        `a secret in ${region}, the region of the stack's AWS provider, while kmsKeyArn is given: the proxy's role may decrypt ` +
        `with the key only through Secrets Manager in ${region} (kms:ViaService)`,
    }),
  ];
}

/**
 * Whom `grantProxyConnect` may grant: with IAM authentication the proxy logs in to the database
 * with the secret registered for the user in the client's token
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-connecting.html#rds-proxy-connecting-iam),
 * so only the master user and `proxy.users` can connect. A reference is not judged, nor is a user
 * while the master user is unknown at synth (`restore`, or a `masterUsername` reference): it may be
 * the master user.
 */
export function proxyConnectUserProblems(dbUser: string, config: ResolvedProps): ValidationProblem[] {
  const users = proxyOptions(config.proxy ?? {}).users.map((user) => user.username);
  const master = knownMasterUsername(config);
  if (Token.isUnresolved(dbUser) || master === undefined || dbUser === master || users.includes(dbUser)) return [];
  const others =
    users.length === 0
      ? " (register other users, each with its secret, in proxy.users)"
      : ` or a user of proxy.users (${users.map((user) => JSON.stringify(user)).join(", ")})`;
  return [
    {
      property: "dbUser",
      received: dbUser,
      allowed: `a user the proxy holds a secret for, the only users it can log in as: the master user "${master}"${others}`,
    },
  ];
}
