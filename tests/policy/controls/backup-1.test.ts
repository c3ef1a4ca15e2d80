import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("Backup.1: recovery points encrypted at rest", () => {
  it("fails an unencrypted cluster a selection names (by reference, by ARN, under a tag condition), or a tag selection may take, and names the selections", () => {
    expect(findingsOn("Backup.1", "failing")).toEqual([
      "Backup.1 recovery points are not encrypted: aws_backup_selection.by_reference, aws_backup_selection.by_arn backs up the cluster, whose storage is not encrypted, and an Aurora cluster's recovery points take its encryption on aws_rds_cluster.unencrypted (unencrypted)",
      // storage_encrypted left out: the provider's default for Serverless v2 is unencrypted.
      "Backup.1 recovery points are not encrypted: aws_backup_selection.by_arn backs up the cluster, whose storage is not encrypted, and an Aurora cluster's recovery points take its encryption on aws_rds_cluster.left_out (left-out)",
      "Backup.1 recovery points are not encrypted: aws_backup_selection.with_condition backs up the cluster, whose storage is not encrypted, and an Aurora cluster's recovery points take its encryption on aws_rds_cluster.conditioned (conditioned)",
      "Backup.1 recovery points may not be encrypted: aws_backup_selection.by_tag may back up the cluster by tag or wildcard, and its storage is not encrypted on aws_rds_cluster.tagged (tagged)",
    ]);
  });

  it("passes encrypted clusters that are backed up, with any key, and unencrypted ones no selection takes (excluded from a wildcard one)", () => {
    expect(findingsOn("Backup.1", "passing")).toEqual([]);
  });
});
