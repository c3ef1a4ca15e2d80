/**
 * The `globalCluster` prop: its runtime type and its rules, spread into the database's tables in
 * `database.ts`, with the combinations AWS refuses in an Aurora global database. Each rule
 * that rests on AWS names the page that says so.
 */
import type { GlobalClusterOptions } from "../../props";
import { MAX_IDENTIFIER_LENGTH } from "../naming";
import type { ResolvedProps } from "../resolved-props";
import { BOOLEAN, fieldsOf, isUnresolved, rulesFor, STRING, type Rule, type RuntimeType } from "./engine";
import { isRdsIdentifier } from "./formats";

/** Where AWS states what a global database refuses. */
export const GLOBAL_DATABASE_SOURCES = {
  managedPassword: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations",
  autoPause: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html",
  dataApi: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.limitations.html",
  regionalKeys: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
  headless: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attach.console.headless.html",
} as const;

export const GLOBAL_CLUSTER: RuntimeType<GlobalClusterOptions> = fieldsOf<GlobalClusterOptions>(
  { identifier: STRING, deletionProtection: BOOLEAN },
  [],
  "{ identifier?, deletionProtection? } ({} takes every default), known at synth",
);

/** The AWS provider validates `global_cluster_identifier` as it does a cluster identifier. */
export const GLOBAL_CLUSTER_IDENTIFIER_RULE = `1 to ${MAX_IDENTIFIER_LENGTH} lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen`;

const rule = rulesFor<ResolvedProps>();
const inGlobalDatabase = (p: Pick<ResolvedProps, "globalCluster">) => p.globalCluster !== undefined;

export const GLOBAL_CLUSTER_RULES: readonly Rule<ResolvedProps>[] = [
  rule("globalCluster", {
    parts: (options) => (options.identifier === undefined ? [] : [[".identifier", options.identifier] as const]),
    check: (identifier: string) => isRdsIdentifier(identifier, MAX_IDENTIFIER_LENGTH),
    allowed: GLOBAL_CLUSTER_IDENTIFIER_RULE,
  }),
  rule("credentials", {
    involves: ["globalCluster"],
    judgesTokens: true, // reads only whether globalCluster is given
    check: (credentials, p) => !inGlobalDatabase(p) || credentials !== "managed",
    allowed:
      '"generated" or "write-only" with globalCluster: RDS cannot manage the master user password of a cluster in an Aurora global ' +
      `database (${GLOBAL_DATABASE_SOURCES.managedPassword})`,
  }),
  rule("minCapacity", {
    involves: ["globalCluster"],
    judgesTokens: true, // reads only whether globalCluster is given
    check: (min, p) => !inGlobalDatabase(p) || isUnresolved(min) || min !== 0,
    allowed:
      "at least 0.5 with globalCluster: Aurora does not auto-pause the instances of a global database's primary cluster, so 0 ACU " +
      `would never pause it (${GLOBAL_DATABASE_SOURCES.autoPause})`,
  }),
  rule("storageEncrypted", {
    involves: ["globalCluster"],
    judgesTokens: true, // reads only whether globalCluster is given
    check: (encrypted, p) => !inGlobalDatabase(p) || isUnresolved(encrypted) || encrypted,
    allowed: "true with globalCluster: every secondary is encrypted with a key of its region, and the construct makes no unencrypted global database",
  }),
];
