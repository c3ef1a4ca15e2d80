import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

const failing = (address: string, name: string) => `CKV_AWS_166 the vault is not encrypted with a customer-managed key on aws_backup_vault.${address} (${name})`;

describe("CKV_AWS_166: backup vaults with a customer-managed key", () => {
  it("fails a vault without a key (AWS Backup's AWS managed key), with an empty one, and with aws/backup looked up (by .arn or .id) or written out", () => {
    expect(findingsOn("CKV_AWS_166", "failing")).toEqual([
      failing("key_left_out", "key-left-out"),
      failing("key_empty", "key-empty"),
      failing("aws_managed_lookup", "aws-managed-lookup"),
      failing("aws_managed_lookup_by_id", "aws-managed-lookup-by-id"),
      failing("aws_managed_alias", "aws-managed-alias"),
    ]);
  });

  it("passes a created key, a customer-managed key looked up by its alias, and a key ARN", () => {
    expect(findingsOn("CKV_AWS_166", "passing")).toEqual([]);
  });
});
