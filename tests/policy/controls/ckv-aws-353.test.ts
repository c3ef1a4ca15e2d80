import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CKV_AWS_353: Performance Insights", () => {
  it("fails an instance with Performance Insights off, or left out (the provider's default is off)", () => {
    expect(findingsOn("CKV_AWS_353", "failing")).toEqual([
      "CKV_AWS_353 Performance Insights is off on aws_rds_cluster_instance.insights_off (insights-off)",
      "CKV_AWS_353 Performance Insights is off on aws_rds_cluster_instance.insights_left_out (insights-left-out)",
    ]);
  });

  it("passes an instance with Performance Insights on", () => {
    expect(findingsOn("CKV_AWS_353", "passing")).toEqual([]);
  });
});
