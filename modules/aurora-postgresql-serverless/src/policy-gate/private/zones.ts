/**
 * Whether a cluster's instances are provably in more than one availability zone, reasoning
 * about the zones their configuration gives, not about how the expressions are spelled.
 */
import { label, type Resource } from "./document";

/** A configured zone: a literal name, or `element(list, index)` over a list of distinct zones. */
type Zone = { readonly literal: string } | { readonly list: string; readonly index: number };

/**
 * The arguments of `name(…)` when the whole expression is that one call, or undefined. Commas
 * split arguments only outside nested brackets and quoted strings.
 */
function callArguments(expression: string, name: string): string[] | undefined {
  if (!expression.startsWith(`${name}(`) || !expression.endsWith(")")) return undefined;
  const args: string[] = [];
  let depth = 0;
  let start = name.length + 1;
  let quoted = false;
  for (let i = name.length; i < expression.length; i++) {
    const character = expression[i]!;
    if (quoted) {
      if (character === "\\") i++;
      else if (character === '"') quoted = false;
    } else if (character === '"') {
      quoted = true;
    } else if ("([{".includes(character)) {
      depth++;
    } else if (")]}".includes(character)) {
      depth--;
      // The call closes before the end: the expression is more than this one call.
      if (depth === 0 && i < expression.length - 1) return undefined;
    } else if (character === "," && depth === 1) {
      args.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  args.push(expression.slice(start, -1).trim());
  return args;
}

/** `distinct(…availability_zone…)`, possibly sorted: a list of distinct availability zones. */
function isDistinctZoneList(list: string): boolean {
  const unsorted = callArguments(list, "sort")?.[0] ?? list;
  const zones = callArguments(unsorted, "distinct");
  return zones?.length === 1 && zones[0]!.includes("availability_zone");
}

function parseZone(value: unknown): Zone | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  if (!value.includes("${")) return { literal: value };
  const expression = /^\$\{(.*)\}$/s.exec(value)?.[1]?.trim();
  const args = expression === undefined ? undefined : callArguments(expression, "element");
  if (args?.length !== 2 || !/^\d+$/.test(args[1]!) || !isDistinctZoneList(args[0]!)) return undefined;
  return { list: args[0]!, index: Number(args[1]) };
}

/**
 * Two zones differ for certain when both are literal and differ, or when both are elements of
 * the same list of distinct zones at adjacent indices: element() wraps an index modulo the
 * list's length n, and i mod n ≠ (i + 1) mod n for every n ≥ 2. The list holds the zones of the
 * cluster's subnets, and AWS requires a DB subnet group to span at least two zones, so n ≥ 2.
 * Indices further apart may meet (0 and 2 are one zone when n is 2).
 */
function differ(a: Zone, b: Zone): boolean {
  if ("literal" in a && "literal" in b) return a.literal !== b.literal;
  if ("list" in a && "list" in b) return a.list === b.list && Math.abs(a.index - b.index) === 1;
  return false;
}

/**
 * Why the instances are not provably in more than one availability zone, or undefined when
 * two of them provably are.
 */
export function zoneSpreadProblem(instances: readonly Resource[]): string | undefined {
  if (instances.length < 2) return instances.length === 0 ? "it has no instance" : "it has one instance";
  const placed = instances.map((instance) => ({ instance, zone: parseZone(instance.body.availability_zone) }));
  const proven = placed.some((a, i) => placed.slice(i + 1).some((b) => a.zone && b.zone && differ(a.zone, b.zone)));
  if (proven) return undefined;

  const names = (members: readonly Resource[]) => members.map(label).join(", ");
  const reasons: string[] = [];
  const missing = instances.filter((instance) => instance.body.availability_zone === undefined);
  const unreadable = placed.filter(({ instance, zone }) => !zone && instance.body.availability_zone !== undefined).map(({ instance }) => instance);
  if (missing.length > 0) reasons.push(`no availability zone is set for ${names(missing)}`);
  if (unreadable.length > 0) {
    const zoneOf = unreadable.length === 1 ? "the zone of" : "the zones of";
    reasons.push(
      `${zoneOf} ${names(unreadable)} ${unreadable.length === 1 ? "is" : "are"} neither literal nor element(list, index) over a distinct list of zones`,
    );
  }
  const literals = new Map<string, Resource[]>();
  const lists = new Map<string, { instance: Resource; index: number }[]>();
  for (const { instance, zone } of placed) {
    if (zone && "literal" in zone) literals.set(zone.literal, [...(literals.get(zone.literal) ?? []), instance]);
    if (zone && "list" in zone) lists.set(zone.list, [...(lists.get(zone.list) ?? []), { instance, index: zone.index }]);
  }
  for (const [zone, members] of literals) if (members.length > 1) reasons.push(`${names(members)} are all in ${zone}`);
  for (const members of lists.values()) {
    if (members.length < 2) continue;
    const indices = members.map(({ index }) => index).join(", ");
    reasons.push(
      `${names(members.map(({ instance }) => instance))} take elements ${indices} of one list of zones, no two adjacent, which may wrap into one zone`,
    );
  }
  if (literals.size + lists.size > 1) {
    const readable = placed.filter(({ zone }) => zone).map(({ instance }) => instance);
    reasons.push(`${names(readable)} take zones from different lists, or literal and computed zones, which cannot be compared`);
  }
  return reasons.join("; ");
}
