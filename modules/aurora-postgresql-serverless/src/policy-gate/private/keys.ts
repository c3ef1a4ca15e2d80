/**
 * Whether a key attribute names a customer-managed KMS key. AWS managed keys have aliases under
 * `alias/aws/` (`alias/aws/rds`, `alias/aws/secretsmanager`), written literally or looked up
 * through a `data.aws_kms_key`; every other key is customer-managed.
 */
import type { TerraformDocument } from "../control";
import { dataSource } from "./document";

const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;
const KMS_KEY_LOOKUP = /^\$\{data\.aws_kms_key\.([\w-]+)\.(?:arn|id)\}$/;

export function isCustomerManagedKey(document: TerraformDocument, key: unknown): boolean {
  if (typeof key !== "string" || key === "") return false;
  const lookup = KMS_KEY_LOOKUP.exec(key);
  const keyId: unknown = lookup ? dataSource(document, "aws_kms_key", lookup[1]!)?.key_id : key;
  return !(typeof keyId === "string" && AWS_MANAGED_ALIAS.test(keyId));
}
