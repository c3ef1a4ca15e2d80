import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.16: tags copied to snapshots", () => {
  it("fails a cluster that does not copy tags to snapshots, or leaves it out (the provider's default is false)", () => {
    expect(findingsOn("RDS.16", "failing")).toEqual([
      "RDS.16 tags are not copied to snapshots on aws_rds_cluster.tags_not_copied (tags-not-copied)",
      "RDS.16 tags are not copied to snapshots on aws_rds_cluster.copy_left_out (copy-left-out)",
    ]);
  });

  it("passes a cluster that copies tags to snapshots", () => {
    expect(findingsOn("RDS.16", "passing")).toEqual([]);
  });
});
