import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.7: deletion protection", () => {
  it("fails a cluster with deletion protection off, or left out (the provider's default is off)", () => {
    expect(findingsOn("RDS.7", "failing")).toEqual([
      "RDS.7 deletion protection is off on aws_rds_cluster.protection_off (protection-off)",
      "RDS.7 deletion protection is off on aws_rds_cluster.protection_left_out (protection-left-out)",
    ]);
  });

  it("passes a cluster with deletion protection on", () => {
    expect(findingsOn("RDS.7", "passing")).toEqual([]);
  });
});
