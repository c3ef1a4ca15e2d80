/**
 * The database's `encryptionKey` weighed against the region of the stack's AWS provider, when it
 * is known at synth: a given key encrypts the cluster's storage, its secret and Performance
 * Insights in that region, so it must be a key of that region (and of its partition).
 */
import type { ResolvedProps } from "../resolved-props";
import { rulesFor, type Rule } from "./engine";
import { isKmsKeyArn, KMS_KEY_ARN_RULE } from "./formats";
import { inStackRegion, REGIONAL_KEYS } from "./stack-region";

const rule = rulesFor<ResolvedProps>();

const existingKeyArn = (key: ResolvedProps["encryptionKey"]) => (typeof key === "object" ? [[".existingKeyArn", key.existingKeyArn] as const] : []);

export function encryptionKeyRegionRules(region: string): readonly Rule<ResolvedProps>[] {
  const formProblem = (arn: string) => (isKmsKeyArn(arn) ? undefined : KMS_KEY_ARN_RULE);
  return inStackRegion(region, "a key", formProblem, REGIONAL_KEYS).map((check) => rule("encryptionKey", { parts: existingKeyArn, ...check }));
}
