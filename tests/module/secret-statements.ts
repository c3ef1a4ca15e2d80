/**
 * The policy statement the construct writes wherever a role reads a secret encrypted with a
 * customer-managed key (the Lambda role, the proxy's role, a Data API grant), as tests expect it.
 */
import type { Block } from "../support/synth";

/** `kms:Decrypt` with `key`, only through Secrets Manager in `region` and only for `secret`. */
export function decryptSecretStatement({
  sid = "DecryptThisSecretOnly",
  key,
  secret,
  region,
}: {
  sid?: string;
  key: unknown;
  secret: string;
  region: string;
}): Block {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["kms:Decrypt"],
    Resource: [key],
    Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com`, "kms:EncryptionContext:SecretARN": secret } },
  };
}
