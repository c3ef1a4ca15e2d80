import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("RDS.27: storage encrypted", () => {
  it("fails a cluster with unencrypted storage, or with encryption left out (the provider's default for provisioned clusters is off)", () => {
    expect(findingsOn("RDS.27", "failing")).toEqual([
      "RDS.27 storage is not encrypted on aws_rds_cluster.unencrypted (unencrypted)",
      "RDS.27 storage is not encrypted on aws_rds_cluster.encryption_left_out (encryption-left-out)",
    ]);
  });

  it("passes a cluster with encrypted storage", () => {
    expect(findingsOn("RDS.27", "passing")).toEqual([]);
  });
});
