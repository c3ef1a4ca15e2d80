/**
 * The `permissionsBoundary` prop's rules, spread into the database's table in `database.ts`.
 * A reference (a token, such as an ARN built from data sources) is passed through unjudged; a
 * literal must be an IAM managed policy's ARN and lie in the partition of the stack's region.
 */
import type { ResolvedProps } from "../resolved-props";
import { inPartitionOf, policyArnProblem } from "./arns";
import { rulesFor, type Rule } from "./engine";

const rule = rulesFor<ResolvedProps>();

export const POLICY_ARN_FORM =
  'the ARN of an IAM managed policy, "arn:<partition>:iam::<12-digit account, or aws>:policy/<optional path/><name>", ' +
  'such as "arn:aws:iam::123456789012:policy/delivery-boundary"';

export const PERMISSIONS_BOUNDARY_RULES: readonly Rule<ResolvedProps>[] = [
  rule("permissionsBoundary", {
    check: (arn) => policyArnProblem(arn) === undefined,
    allowed: (arn) => `${POLICY_ARN_FORM}: ${policyArnProblem(arn)}`,
  }),
];

/** The boundary's partition against that of the stack's region, when the region is known at synth. */
export function permissionsBoundaryRegionRules(region: string): readonly Rule<ResolvedProps>[] {
  const inPartition = inPartitionOf(region, "a policy", policyArnProblem);
  return inPartition === undefined ? [] : [rule("permissionsBoundary", inPartition)];
}
