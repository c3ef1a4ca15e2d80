/**
 * The rules of custom endpoints (`customEndpoints`) and their runtime type; which instances each
 * one names, and the resources, are in ../custom-endpoints.ts.
 *
 * Sources: "Custom endpoints for Amazon Aurora" and its considerations
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Endpoints.Custom.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Endpoints.Custom.Considerations.html):
 * at most five custom endpoints per provisioned or Serverless v2 cluster; a name of at most 63
 * characters, unique among the account's clusters in a region; type `READER` (read-only replicas
 * only) or `ANY`; a static list or an exclusion list, never both, and instances added later join
 * only an endpoint with an exclusion list. `CreateDBClusterEndpoint`
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBClusterEndpoint.html).
 * The AWS provider 6.25 (`internal/service/rds/cluster_endpoint.go`) forces a new endpoint when
 * `cluster_endpoint_identifier` or `cluster_identifier` changes, updates the type and the lists in
 * place (`ModifyDBClusterEndpoint`), holds `static_members` and `excluded_members` in conflict, and
 * judges the identifier as it judges cluster identifiers: lowercase letters, digits and hyphens,
 * a letter first, no `--`, no hyphen last.
 */
import type { CustomEndpointOptions, EndpointInstances, ReaderSelector } from "../../props";
import { CUSTOM_ENDPOINT_DEFAULT_TYPE, customEndpointParameterLeaf, membershipOf, selected, WRITER_NUMBER } from "../custom-endpoints";
import { MAX_IDENTIFIER_LENGTH, MAX_READERS, resourceNames } from "../naming";
import { PROMOTION_TIERS, readerPlacement, type ReaderPlacement } from "../readers";
import type { ResolvedProps } from "../resolved-props";
import { MAX_PATH_LENGTH, PARAMETER_LEAVES } from "../ssm-parameters";
import { BOOLEAN, either, fieldsOf, knownAtSynthOf, listOf, NUMBER, oneOf, repeats, rulesFor, STRING, type Rule, type RuntimeType } from "./engine";
import { isInteger, isRdsIdentifier } from "./formats";

/** AWS's limit of custom endpoints per provisioned or Serverless v2 cluster. */
export const MAX_CUSTOM_ENDPOINTS = 5;

/** Every promotion tier a reader may have. */
const isTier = (tier: number) => isInteger(tier, PROMOTION_TIERS.withWriter.min, PROMOTION_TIERS.independent.max);

/** The longest parameter name the construct's own parameters may reach under a valid path. */
const MAX_PARAMETER_NAME = MAX_PATH_LENGTH + "/".length + Math.max(...Object.values(PARAMETER_LEAVES).map((leaf) => leaf.length));

// Types.

const SELECTOR = fieldsOf<ReaderSelector>(
  { scaleWithWriter: knownAtSynthOf(BOOLEAN), promotionTier: knownAtSynthOf(NUMBER) },
  [],
  "{ scaleWithWriter?, promotionTier? } (a plain object)",
);

const INSTANCES: RuntimeType<EndpointInstances> = either(
  listOf(knownAtSynthOf(NUMBER), "a list of instance numbers"),
  SELECTOR,
  "a list of instance numbers (1 the writer, 2 onwards the readers), or { scaleWithWriter?, promotionTier? }",
);

const ENDPOINT = fieldsOf<CustomEndpointOptions>(
  {
    identifier: knownAtSynthOf(STRING),
    type: oneOf("READER", "ANY"),
    members: INSTANCES,
    excluded: INSTANCES,
  },
  ["identifier"],
  "custom endpoint options: { identifier, type?, members?, excluded? } (a plain object)",
);

/** `customEndpoints`: a list of endpoint options, each field known at synth where it decides what is built. */
export const CUSTOM_ENDPOINTS = listOf(ENDPOINT, "a list of custom endpoint options ({ identifier, type?, members?, excluded? })");

/**
 * Whether an endpoint's list is one the other rules accept: not empty, numbers of instances (the
 * writer not among a READER endpoint's members), a selector that names a valid tier and matches a
 * reader. Only such a list is weighed for what the endpoint reaches, so that one mistake is
 * reported once.
 */
function hasSoundList(options: CustomEndpointOptions, placement: readonly ReaderPlacement[]): boolean {
  const given = options.members ?? options.excluded;
  if (given === undefined) return true;
  if (Array.isArray(given)) {
    const numbers = given as readonly number[];
    const writerInReaderList = options.members !== undefined && (options.type ?? CUSTOM_ENDPOINT_DEFAULT_TYPE) === "READER" && numbers.includes(WRITER_NUMBER);
    return numbers.length > 0 && numbers.every((n) => isInteger(n, 1, placement.length + 1)) && !writerInReaderList;
  }
  const selector = given as ReaderSelector;
  return (selector.promotionTier === undefined || isTier(selector.promotionTier)) && selected(selector, placement).length > 0;
}

/** The instances an endpoint reaches now, by number, as its type admits them at creation. */
function reachedNumbers(options: CustomEndpointOptions, placement: readonly ReaderPlacement[]): number[] {
  const type = options.type ?? CUSTOM_ENDPOINT_DEFAULT_TYPE;
  const all = Array.from({ length: placement.length + 1 }, (_, i) => i + 1);
  const { list, numbers } = membershipOf(options, placement);
  const named = list === "static" ? numbers : all.filter((n) => !numbers.includes(n));
  return named.filter((n) => type === "ANY" || n !== WRITER_NUMBER);
}

// Rules.

const rule = rulesFor<ResolvedProps>();

type Part = readonly [string, CustomEndpointOptions];
const each = (list: readonly CustomEndpointOptions[]): Part[] => list.map((endpoint, i) => [`[${i}]`, endpoint] as const);
const listedField = (key: "members" | "excluded") => (list: readonly CustomEndpointOptions[]) =>
  list.flatMap((endpoint, i) => {
    const value = endpoint[key];
    return Array.isArray(value) ? (value as readonly number[]).map((n, j) => [`[${i}].${key}[${j}]`, n] as const) : [];
  });
const selectorField = (key: "members" | "excluded") => (list: readonly CustomEndpointOptions[]) =>
  list.flatMap((endpoint, i) => {
    const value = endpoint[key];
    return value !== undefined && !Array.isArray(value) ? [[`[${i}].${key}`, value as ReaderSelector] as const] : [];
  });
const instanceCount = (readers: ResolvedProps["readers"]) => readerPlacement(readers).length + 1;

/** Every identifier the construct derives from `name` for its cluster, instances, proxy and global cluster. */
function derivedIdentifiers(name: string, globalIdentifier: string | undefined): string[] {
  const names = resourceNames(name);
  return [
    names.clusterIdentifier,
    ...Array.from({ length: MAX_READERS + 1 }, (_, i) => names.instanceIdentifier(i + 1)),
    names.proxyName,
    names.proxyReadOnlyEndpointName,
    globalIdentifier ?? names.globalClusterIdentifier,
  ];
}

function membershipRules(key: "members" | "excluded"): Rule<ResolvedProps>[] {
  return [
    rule("customEndpoints", {
      parts: listedField(key),
      involves: ["readers"],
      check: (n, p) => isInteger(n, 1, instanceCount(p.readers)),
      allowed: (_, p) => {
        const count = instanceCount(p.readers);
        return count === 1
          ? "1, the writer: the cluster has no readers"
          : `an instance number from 1 (the writer) to ${count} (the last reader), as instanceMetric numbers them`;
      },
    }),
    rule("customEndpoints", {
      parts: (list) =>
        list.flatMap((endpoint, i) => {
          const value = endpoint[key];
          if (!Array.isArray(value)) return [];
          return repeats(value as readonly number[], (n) => n).map(([path, n]) => [`[${i}].${key}${path}`, n] as const);
        }),
      check: () => false, // every part is a repeat
      allowed: "an instance listed once",
    }),
    rule("customEndpoints", {
      parts: (list) =>
        list.flatMap((endpoint, i) => {
          const value = endpoint[key];
          return Array.isArray(value) && value.length === 0 ? [[`[${i}].${key}`, value as readonly number[]] as const] : [];
        }),
      check: () => false, // every part is an empty list
      allowed: `at least one instance (leave ${key} out for every instance the type admits, now and later)`,
    }),
    rule("customEndpoints", {
      parts: selectorField(key),
      check: (selector) => selector.scaleWithWriter !== undefined || selector.promotionTier !== undefined,
      allowed: "a selector with scaleWithWriter, promotionTier or both",
    }),
    rule("customEndpoints", {
      parts: (list) =>
        selectorField(key)(list)
          .filter(([, selector]) => selector.promotionTier !== undefined)
          .map(([path, s]) => [`${path}.promotionTier`, s.promotionTier!] as const),
      check: isTier,
      allowed: `an integer from ${PROMOTION_TIERS.withWriter.min} to ${PROMOTION_TIERS.independent.max}`,
    }),
    rule("customEndpoints", {
      parts: (list) =>
        selectorField(key)(list).filter(
          ([, s]) => (s.scaleWithWriter !== undefined || s.promotionTier !== undefined) && (s.promotionTier === undefined || isTier(s.promotionTier)),
        ),
      involves: ["readers"],
      check: (selector, p) => selected(selector, readerPlacement(p.readers)).length > 0,
      allowed: (selector, p) =>
        `a selector that matches at least one reader: none of the ${readerPlacement(p.readers).length} readers has ${JSON.stringify(selector)}` +
        (key === "members" ? " (an empty static list would reach every instance)" : " (say nothing to exclude by leaving excluded out)"),
    }),
  ];
}

export const CUSTOM_ENDPOINT_RULES: readonly Rule<ResolvedProps>[] = [
  rule("customEndpoints", {
    check: (list) => list.length <= MAX_CUSTOM_ENDPOINTS,
    allowed: `at most ${MAX_CUSTOM_ENDPOINTS} custom endpoints: AWS's limit for a cluster`,
  }),
  rule("customEndpoints", {
    parts: (list) => each(list).map(([path, endpoint]) => [`${path}.identifier`, endpoint.identifier] as const),
    check: (identifier) => isRdsIdentifier(identifier, MAX_IDENTIFIER_LENGTH),
    allowed: `1 to ${MAX_IDENTIFIER_LENGTH} lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen`,
  }),
  rule("customEndpoints", {
    parts: (list) => repeats(list, (endpoint) => endpoint.identifier).map(([path, endpoint]) => [`${path}.identifier`, endpoint.identifier] as const),
    check: () => false, // every part is a repeat
    allowed: "an identifier no other custom endpoint of the cluster has",
  }),
  rule("customEndpoints", {
    parts: (list) => each(list).map(([path, endpoint]) => [`${path}.identifier`, endpoint.identifier] as const),
    involves: ["name", "globalCluster"],
    check: (identifier, p) => !derivedIdentifiers(p.name, p.globalCluster?.identifier).includes(identifier),
    allowed: (identifier) =>
      `an identifier other than the ones the construct gives its cluster, instances, proxy and global cluster ("${identifier}" is one of them): ` +
      'name the endpoint after its purpose, such as "<name>-analytics"',
  }),
  rule("customEndpoints", {
    parts: (list) => each(list).filter(([, e]) => e.members !== undefined && e.excluded !== undefined),
    check: () => false, // every part has both lists
    allowed: "at most one of members (a static list) and excluded (an exclusion list): AWS keeps one list per endpoint",
  }),
  ...membershipRules("members"),
  ...membershipRules("excluded"),
  rule("customEndpoints", {
    parts: (list) =>
      each(list).flatMap(([path, e]) =>
        (e.type ?? CUSTOM_ENDPOINT_DEFAULT_TYPE) === "READER" && Array.isArray(e.members) ? [[`${path}.members`, e.members as readonly number[]] as const] : [],
      ),
    check: (members) => !members.includes(WRITER_NUMBER),
    allowed:
      'members without instance 1, the writer, while type is "READER": a READER endpoint reaches an instance only while it is a reader ' +
      '(give type "ANY" to reach the writer too)',
  }),
  rule("customEndpoints", {
    parts: (list) => each(list).filter(([, e]) => e.members === undefined || e.excluded === undefined),
    involves: ["readers"],
    check: (endpoint, p) => {
      const placement = readerPlacement(p.readers);
      return !hasSoundList(endpoint, placement) || reachedNumbers(endpoint, placement).length > 0;
    },
    allowed: (endpoint, p) =>
      readerPlacement(p.readers).length === 0 && (endpoint.type ?? CUSTOM_ENDPOINT_DEFAULT_TYPE) === "READER"
        ? 'an endpoint of type "ANY", or readers: a READER endpoint needs at least one reader, and the cluster has none'
        : "an endpoint that reaches at least one instance: its list leaves none its type admits",
  }),
  rule("customEndpoints", {
    parts: (list) => each(list).map(([path, endpoint]) => [`${path}.identifier`, endpoint.identifier] as const),
    involves: ["ssmParameters"],
    check: (identifier, p) => p.ssmParameters === undefined || `${p.ssmParameters}/${customEndpointParameterLeaf(identifier)}`.length <= MAX_PARAMETER_NAME,
    allowed: (identifier, p) =>
      `an identifier short enough that its SSM parameter "${p.ssmParameters}/${customEndpointParameterLeaf(identifier)}" stays within ` +
      `${MAX_PARAMETER_NAME} characters (SSM's limit, counting the ARN before the name), or a shorter ssmParameters path`,
  }),
];
