/**
 * Where a literal ARN must lie for the stack's resources to use it, weighed against the region of
 * the stack's AWS provider when that is known at synth (`literalProviderRegion`): in its
 * partition, and, for a regional resource that a service of the stack's region uses in place
 * (a key, a topic, a source cluster), in that region itself. The checks are spread as
 * `{ parts, ...check }` into a feature's region rules; an ARN its form rule refuses passes here.
 */
import { partitionOfRegion } from "../../partitions";
import { inPartitionOf, parseArn } from "./arns";

/** A check of one literal ARN and what it allows, in words. */
export interface ArnCheck {
  readonly check: (arn: string) => boolean;
  readonly allowed: (arn: string) => string;
}

/**
 * The checks of a regional resource's ARN: in the partition of `region` (when known) and in
 * `region` itself. `what` names the resource ("a key"), `why` says why AWS needs it in the
 * stack's region, with the page that says so. An ARN of another partition is reported by the
 * partition's check alone.
 */
export function inStackRegion(region: string, what: string, formProblem: (arn: string) => string | undefined, why: string): readonly ArnCheck[] {
  const partition = partitionOfRegion(region);
  return [
    ...inStackPartition(region, what, formProblem),
    {
      check: (arn) => formProblem(arn) !== undefined || (partition !== undefined && parseArn(arn)!.partition !== partition) || parseArn(arn)!.region === region,
      allowed: (arn) => `${what} in ${region}, the region of the stack's AWS provider (this one is in ${parseArn(arn)!.region}): ${why}`,
    },
  ];
}

/** A global resource's ARN (IAM): only its partition is weighed; see `inPartitionOf`. */
export function inStackPartition(region: string, what: string, formProblem: (arn: string) => string | undefined): readonly ArnCheck[] {
  const inPartition = inPartitionOf(region, what, formProblem);
  return inPartition === undefined ? [] : [{ check: inPartition.check, allowed: () => inPartition.allowed }];
}

/** Why a KMS key must be in the region of what it encrypts (CopyDBClusterSnapshot, KmsKeyId). */
export const REGIONAL_KEYS =
  "KMS keys are specific to the region they are created in, and no service can use a key of one region in another " +
  "(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CopyDBClusterSnapshot.html, KmsKeyId)";
