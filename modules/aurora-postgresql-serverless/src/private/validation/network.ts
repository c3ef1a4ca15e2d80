/**
 * Existing network parts instead of the ones the construct creates: `subnetGroupName` (an
 * existing DB subnet group) and `securityGroupIds` (existing security groups). Their runtime
 * types and rules, spread into the database's tables in `database.ts`.
 *
 * Sources: the subnet group's name rules are CreateDBSubnetGroup's
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html: at most
 * 255 letters, digits, periods, underscores, spaces or hyphens, first a letter, not "default",
 * stored in lowercase). RDS's quotas list 5 VPC security groups, not adjustable ("Security groups
 * (VPC)", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html). The AWS provider forces a new cluster for `db_subnet_group_name` and
 * updates `vpc_security_group_ids` in place (internal/service/rds/cluster.go at
 * 0168cf6844f393420326f1426bf18ed357b56a77).
 */
import type { ResolvedProps } from "../resolved-props";
import { entries, repeats, rulesFor, type Rule } from "./engine";
import { SECURITY_GROUP_ID } from "./network-sources";

const rule = rulesFor<ResolvedProps>();

/** RDS's quota "Security groups (VPC)": 5, not adjustable. */
export const MAX_VPC_SECURITY_GROUPS = 5;

/** CreateDBSubnetGroup's rules, in lowercase: RDS stores the name so, and the provider reads it back so. */
const SUBNET_GROUP_NAME = /^[a-z][a-z0-9._ -]{0,254}$/;

export function isSubnetGroupName(name: string): boolean {
  return SUBNET_GROUP_NAME.test(name) && name !== "default";
}

/** The props that shape the created security group, refused with existing groups. */
const OWN_GROUP_LISTS = ["allowedCidrBlocks", "allowedSecurityGroupIds", "egressCidrBlocks"] as const;

const EXISTING_GROUPS_GET_NO_RULES =
  "the construct adds no rule to the existing groups of securityGroupIds: admit the sources in those groups' own rules, or leave securityGroupIds out to have a group created with these rules";

export const NETWORK_PART_RULES: readonly Rule<ResolvedProps>[] = [
  rule("subnetGroupName", {
    check: isSubnetGroupName,
    allowed:
      '1 to 255 lowercase letters, digits, periods, underscores, spaces or hyphens, starting with a letter, not "default" ' +
      "(RDS stores the name in lowercase, so another case would read back otherwise and plan a new cluster)",
  }),
  rule("vpcId", {
    involves: ["subnetGroupName"],
    judgesTokens: true, // reads only whether subnetGroupName is given
    check: (_, p) => p.subnetGroupName === undefined,
    allowed: "unset with subnetGroupName: the cluster is in the VPC of that subnet group, which the construct reads from it",
  }),
  rule("subnetIds", {
    involves: ["subnetGroupName"],
    judgesTokens: true, // reads only whether subnetGroupName is given
    check: (_, p) => p.subnetGroupName === undefined,
    allowed: "unset with subnetGroupName: the subnets are those of that existing subnet group, which the construct does not create",
  }),
  rule("securityGroupIds", {
    check: (ids) => ids.length > 0,
    allowed: "at least one security group id (leave the prop out to have a group created)",
  }),
  rule("securityGroupIds", {
    check: (ids) => ids.length <= MAX_VPC_SECURITY_GROUPS,
    allowed: `at most ${MAX_VPC_SECURITY_GROUPS} security groups: RDS's quota of VPC security groups, which cannot be raised`,
  }),
  rule("securityGroupIds", { parts: entries, ...SECURITY_GROUP_ID }),
  rule("securityGroupIds", {
    parts: (ids) => repeats(ids, (id) => id),
    judgesTokens: true, // references compare as written
    check: () => false, // every part is a repeat
    allowed: "a security group listed once",
  }),
  rule("allowVpcCidrIngress", {
    involves: ["securityGroupIds"],
    judgesTokens: true, // reads only whether securityGroupIds is given
    check: (allow, p) => p.securityGroupIds === undefined || allow === false,
    allowed: `false, or leave it out, with securityGroupIds: ${EXISTING_GROUPS_GET_NO_RULES}`,
  }),
  ...OWN_GROUP_LISTS.map((list) =>
    rule(list, {
      involves: ["securityGroupIds"],
      judgesTokens: true, // reads only whether the lists are empty
      check: (sources, p) => p.securityGroupIds === undefined || sources.length === 0,
      allowed: `[] or unset with securityGroupIds: ${EXISTING_GROUPS_GET_NO_RULES}`,
    }),
  ),
];
