import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CKV_AWS_382: no egress to anywhere", () => {
  it("fails egress to 0.0.0.0/0 or ::/0 in rule resources, legacy rules and inline rules", () => {
    expect(findingsOn("CKV_AWS_382", "failing")).toEqual([
      "CKV_AWS_382 egress to anywhere on aws_vpc_security_group_egress_rule.to_anywhere",
      "CKV_AWS_382 egress to anywhere on aws_security_group_rule.legacy_to_anywhere",
      "CKV_AWS_382 egress to anywhere on aws_security_group.inline (inline)",
    ]);
  });

  it("passes egress to the VPC, whatever the ingress", () => {
    expect(findingsOn("CKV_AWS_382", "passing")).toEqual([]);
  });
});
