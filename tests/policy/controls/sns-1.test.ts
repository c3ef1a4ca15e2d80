import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("SNS.1: topics encrypted at rest", () => {
  it("fails a topic without a key, or with an empty one (the provider then encrypts nothing)", () => {
    expect(findingsOn("SNS.1", "failing")).toEqual([
      "SNS.1 the topic is not encrypted at rest (no kms_master_key_id) on aws_sns_topic.key_left_out (key-left-out)",
      "SNS.1 the topic is not encrypted at rest (no kms_master_key_id) on aws_sns_topic.key_empty (key-empty)",
    ]);
  });

  it("passes a topic with any KMS key: created, looked up, or the AWS managed aws/sns", () => {
    expect(findingsOn("SNS.1", "passing")).toEqual([]);
  });
});
