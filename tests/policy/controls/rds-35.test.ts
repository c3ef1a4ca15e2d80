import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.35: cluster minor upgrades", () => {
  it("fails a cluster with one instance that does not upgrade minor versions automatically", () => {
    expect(findingsOn("RDS.35", "failing")).toEqual([
      "RDS.35 automatic minor version upgrade is off for an instance on aws_rds_cluster.mixed (mixed)",
    ]);
  });

  it("passes a cluster whose instances upgrade, explicitly or by the provider's default (true)", () => {
    expect(findingsOn("RDS.35", "passing")).toEqual([]);
  });
});
