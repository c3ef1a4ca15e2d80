/** Security group rules in all three Terraform forms: separate rule resources, legacy rules, inline blocks. */
import type { Block, TerraformDocument } from "../control";
import { isSet, resources, type Resource } from "./document";

/** One rule, with the resource that holds it (the rule resource, or the group of an inline rule). */
export interface SecurityGroupRule {
  readonly direction: "ingress" | "egress";
  readonly cidrs: readonly string[];
  readonly description: unknown;
  readonly owner: Resource;
}

export const ANYWHERE = ["0.0.0.0/0", "::/0"];

export function securityGroupRules(document: TerraformDocument): SecurityGroupRule[] {
  const separate = [
    ...resources(document, "aws_vpc_security_group_ingress_rule").map((owner) => ({ owner, direction: "ingress" as const })),
    ...resources(document, "aws_vpc_security_group_egress_rule").map((owner) => ({ owner, direction: "egress" as const })),
  ].map(({ owner, direction }) => ({
    direction,
    cidrs: [owner.body.cidr_ipv4, owner.body.cidr_ipv6].filter(isSet),
    description: owner.body.description,
    owner,
  }));
  const legacy = resources(document, "aws_security_group_rule").map((owner) => ({
    direction: owner.body.type === "egress" ? ("egress" as const) : ("ingress" as const),
    cidrs: [...(owner.body.cidr_blocks ?? []), ...(owner.body.ipv6_cidr_blocks ?? [])],
    description: owner.body.description,
    owner,
  }));
  const inline = resources(document, "aws_security_group").flatMap((group) =>
    (["ingress", "egress"] as const).flatMap((direction) =>
      ((group.body[direction] ?? []) as Block[]).map((block) => ({
        direction,
        cidrs: [...(block.cidr_blocks ?? []), ...(block.ipv6_cidr_blocks ?? [])],
        description: block.description,
        owner: group,
      })),
    ),
  );
  return [...separate, ...legacy, ...inline];
}
