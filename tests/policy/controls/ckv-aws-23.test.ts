import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CKV_AWS_23: descriptions", () => {
  it("fails a group without description (the provider writes a placeholder) or with the placeholder, and rules without description, naming a group by its name prefix", () => {
    expect(findingsOn("CKV_AWS_23", "failing")).toEqual([
      "CKV_AWS_23 the security group has no description (the provider writes \"Managed by Terraform\") on aws_security_group.description_left_out (alex-dev-aurora-sg-)",
      "CKV_AWS_23 the security group has no description (the provider writes \"Managed by Terraform\") on aws_security_group.placeholder (placeholder)",
      "CKV_AWS_23 an ingress rule has no description on aws_vpc_security_group_ingress_rule.undescribed",
      "CKV_AWS_23 an ingress rule has no description on aws_security_group.inline (inline)",
    ]);
  });

  it("passes described groups and rules in every form", () => {
    expect(findingsOn("CKV_AWS_23", "passing")).toEqual([]);
  });
});
