import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("EC2.18: no ingress from anywhere", () => {
  it("fails ingress from 0.0.0.0/0 or ::/0 in rule resources, legacy rules and inline rules", () => {
    expect(findingsOn("EC2.18", "failing")).toEqual([
      "EC2.18 ingress from anywhere on aws_vpc_security_group_ingress_rule.open_ipv4",
      "EC2.18 ingress from anywhere on aws_vpc_security_group_ingress_rule.open_ipv6",
      "EC2.18 ingress from anywhere on aws_security_group_rule.legacy_open",
      "EC2.18 ingress from anywhere on aws_security_group.inline (inline)",
    ]);
  });

  it("passes ingress from the VPC, whatever the egress", () => {
    expect(findingsOn("EC2.18", "passing")).toEqual([]);
  });
});
