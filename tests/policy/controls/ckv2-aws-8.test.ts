import { describe, expect, it } from "vitest";
import { control, findingsOn } from "./evaluate";

/** A cluster without a literal identifier is named by its address alone. */
const notInPlan = (address: string, label?: string) =>
  `CKV2_AWS_8 the cluster is in no AWS Backup plan: no aws_backup_selection names its ARN in resources without tag conditions (tags, wildcards and conditions are not read) on aws_rds_cluster.${address}${label === undefined ? "" : ` (${label})`}`;

describe("CKV2_AWS_8: clusters backed up by an AWS Backup plan", () => {
  it("is an opt-in control", () => {
    expect(control("CKV2_AWS_8").optIn).toBe(true);
  });

  it("fails a cluster no selection names, one named but excluded, one taken only by tag, one named under a tag condition, one named by another ARN or by its id, and one whose identifier is a prefix", () => {
    expect(findingsOn("CKV2_AWS_8", "failing")).toEqual([
      notInPlan("unselected", "unselected"),
      notInPlan("excluded", "excluded"),
      notInPlan("tagged_only", "tagged-only"),
      notInPlan("conditioned", "conditioned"),
      notInPlan("another_arn", "another-arn"),
      notInPlan("prefixed"),
    ]);
  });

  it("passes clusters named by reference to their ARN, by written-out ARN (literal or with interpolated partition and account), and by one unconditioned selection beside a conditioned one", () => {
    expect(findingsOn("CKV2_AWS_8", "passing")).toEqual([]);
  });
});
