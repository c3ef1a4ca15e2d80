/**
 * IAM's size quotas, and the split of a role's statements into managed policies that each fit
 * ("IAM and AWS STS quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
 * read in two copies of the page, one fetched 2026-03-06): a managed policy holds at most 6,144
 * characters and a role's inline policies 10,240 in total (neither can be raised); a role's trust
 * policy 2,048 by default (raised on request, automatically approved up to 4,096 in those copies),
 * and a role has at most 10 managed policies attached by default (20 or 25 on request, by copy).
 * The defaults are used, so that an account nobody asked a quota for takes the documents. "IAM
 * doesn't count white space when calculating the size of a policy": the documents are measured as
 * minified JSON.
 */
import type { AccountContext, Statement } from "./statements";

export const MANAGED_POLICY_MAX_CHARACTERS = 6144;
export const TRUST_POLICY_MAX_CHARACTERS = 2048;
export const MANAGED_POLICIES_PER_ROLE = 10;

/**
 * Values as long as the references they stand for can get: the longest partition name
 * (`aws-us-gov`), a region code longer than any AWS has (the longest are 14 characters), and a
 * 12-digit account.
 */
export const LONGEST_CONTEXT: AccountContext = { partition: "aws-us-gov", region: "xx-xxxxxxxxxxxxx-9", accountId: "123456789012" };

export function policyDocument(statements: readonly Statement[]): { Version: string; Statement: readonly Statement[] } {
  return { Version: "2012-10-17", Statement: statements };
}

/** The characters IAM counts in a document: its minified JSON. */
export function documentLength(document: object): number {
  return JSON.stringify(document).length;
}

/** Whether an Allow statement applies to every resource: such statements get a policy of their own. */
const appliesToEveryResource = (statement: Statement) => statement.Effect === "Allow" && statement.Resource.includes("*");

/**
 * Splits statements into groups whose documents fit a managed policy, measured on the statements
 * built with LONGEST_CONTEXT (`measured`, same order as the statements to split); statements on
 * every resource go into groups of their own. Returns index groups.
 */
export function packStatements(measured: readonly Statement[]): { everyResource: boolean; indexes: number[] }[] {
  const groups: { everyResource: boolean; indexes: number[] }[] = [];
  for (const everyResource of [false, true]) {
    let current: number[] = [];
    const flush = () => {
      if (current.length > 0) groups.push({ everyResource, indexes: current });
      current = [];
    };
    measured.forEach((statement, index) => {
      if (appliesToEveryResource(statement) !== everyResource) return;
      const candidate = [...current, index];
      if (documentLength(policyDocument(candidate.map((i) => measured[i]!))) > MANAGED_POLICY_MAX_CHARACTERS) {
        if (current.length === 0) throw new Error(`statement ${statement.Sid} alone exceeds ${MANAGED_POLICY_MAX_CHARACTERS} characters`);
        flush();
        current = [index];
      } else {
        current = candidate;
      }
    });
    flush();
  }
  return groups;
}
