import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("KMS.4: key rotation", () => {
  it("fails a key with rotation off, or left out (the provider's default is off)", () => {
    expect(findingsOn("KMS.4", "failing")).toEqual([
      "KMS.4 key rotation is off on aws_kms_key.rotation_off",
      "KMS.4 key rotation is off on aws_kms_key.rotation_left_out",
    ]);
  });

  it("passes a rotating key", () => {
    expect(findingsOn("KMS.4", "passing")).toEqual([]);
  });
});
