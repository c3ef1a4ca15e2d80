import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CKV_AWS_17: instances not public", () => {
  it("fails a publicly accessible instance", () => {
    expect(findingsOn("CKV_AWS_17", "failing")).toEqual([
      "CKV_AWS_17 the instance is publicly accessible on aws_rds_cluster_instance.public (public)",
    ]);
  });

  it("passes a private instance, and one that leaves it to the provider's default (private)", () => {
    expect(findingsOn("CKV_AWS_17", "passing")).toEqual([]);
  });
});
