/**
 * Names AWS keeps unique within an account and region (cluster identifiers, KMS aliases, SSM
 * parameters, log groups, backup vaults and plans), claimed at synth by the constructs of one app
 * that create them. Two constructs of one app that would create the same name where one AWS
 * provider deploys are refused before either is planned, naming both; otherwise the second would
 * synthesize and then fail at apply ("already exists").
 *
 * Where a name is unique: the provider's region when it is a literal, the same for every stack of
 * the app that deploys there; else the provider itself (one stack's, or a given one), since a
 * region only known at plan time may be any. Names that are references are never claimed. Claims
 * are kept per app, so separate apps (and tests) never see each other's.
 */
import { TerraformProvider, TerraformStack, Token } from "cdktf";
import type { IConstruct } from "constructs";
import { ValidationError, type ValidationProblem } from "../validation-error";

/** One name a construct will create, and the prop (with its value) that decides it. */
export interface NameClaim {
  /** What the name names, as AWS calls it: "cluster identifier", "KMS alias". */
  readonly kind: string;
  readonly name: string;
  readonly property: string;
  readonly received: unknown;
}

interface Holder {
  readonly subject: string;
  readonly kind: string;
}

const claimsByApp = new WeakMap<IConstruct, Map<string, Holder>>();

/**
 * Where the names of a construct under `scope` are unique: its provider's literal region, or that
 * provider (the stack's `aws` provider without an alias when none is given); undefined outside a
 * stack.
 */
export function namePlace(scope: IConstruct, region: string | undefined, provider?: TerraformProvider): { key: string; words: string } | undefined {
  if (region !== undefined) return { key: `region ${region}`, words: region };
  if (provider !== undefined) return { key: `provider ${provider.node.path}`, words: `the region of the provider ${provider.node.path}` };
  const stack = scope.node.scopes.findLast((construct) => TerraformStack.isStack(construct));
  return stack === undefined ? undefined : { key: `stack ${stack.node.path}`, words: `the region of stack ${stack.node.path}` };
}

/**
 * Claims `claims` for `subject` at `place` in the app of `scope`, or returns, without claiming
 * anything, one problem per prop whose names another construct of the app already claimed there.
 * Call it once the construct's props are valid, right before it joins the tree.
 */
export function claimNames(
  scope: IConstruct,
  subject: string,
  place: { key: string; words: string } | undefined,
  claims: readonly NameClaim[],
): ValidationProblem[] {
  if (place === undefined) return [];
  const app = scope.node.root;
  let held = claimsByApp.get(app);
  if (held === undefined) {
    held = new Map();
    claimsByApp.set(app, held);
  }
  const literal = claims.filter((claim) => !Token.isUnresolved(claim.name));
  const key = (claim: NameClaim) => `${place.key}\u0000${claim.kind}\u0000${claim.name}`;
  // Per prop, per construct holding some of its names: those names.
  const clashes = new Map<string, { claim: NameClaim; holders: Map<string, string[]> }>();
  for (const claim of literal) {
    const holder = held.get(key(claim));
    if (holder === undefined || holder.subject === subject) continue;
    const entry = clashes.get(claim.property) ?? { claim, holders: new Map<string, string[]>() };
    entry.holders.set(holder.subject, [...(entry.holders.get(holder.subject) ?? []), `the ${claim.kind} "${claim.name}"`]);
    clashes.set(claim.property, entry);
  }
  if (clashes.size > 0) {
    return [...clashes.values()].map(({ claim, holders }) => ({
      property: claim.property,
      received: claim.received,
      allowed:
        `a value whose names no other construct of this app creates in ${place.words}: ` +
        [...holders].map(([holder, names]) => `${holder} already creates ${names.join(" and ")}`).join("; ") +
        " there, and AWS keeps these names unique in an account and region",
    }));
  }
  for (const claim of literal) held.set(key(claim), { subject, kind: claim.kind });
  return [];
}

/** `claimNames`, throwing a ValidationError about `subject` when another construct holds a name. */
export function claimNamesOrThrow(scope: IConstruct, subject: string, place: { key: string; words: string } | undefined, claims: readonly NameClaim[]): void {
  const problems = claimNames(scope, subject, place, claims);
  if (problems.length > 0) throw new ValidationError(subject, problems);
}
