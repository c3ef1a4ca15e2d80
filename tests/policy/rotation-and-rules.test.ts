/**
 * How the gate reads two things its controls judge: how often a secret rotates, from the rules of
 * its `aws_secretsmanager_secret_rotation` (days, rate expressions, cron expressions that run every
 * month), and the security group rules of all three Terraform forms with the addresses they admit.
 */
import type { TerraformDocument } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { resources } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/document";
import { rotationIntervalDays } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/rotation";
import { securityGroupRules } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/security-group-rules";

/** The longest time between two rotations that a rotation with these rules guarantees, in days. */
const intervalOf = (rotationRules: unknown) => {
  const document = {
    resource: { aws_secretsmanager_secret_rotation: { rotation: { secret_id: "${aws_secretsmanager_secret.s.id}", rotation_rules: rotationRules } } },
  } as unknown as TerraformDocument;
  return rotationIntervalDays(resources(document, "aws_secretsmanager_secret_rotation")[0]!);
};
const scheduled = (expression: string) => intervalOf({ schedule_expression: expression });

describe("reading how often a secret rotates", () => {
  it("gives no bound for rules with neither days nor a schedule, or without rules", () => {
    expect(intervalOf({})).toBeUndefined();
    expect(intervalOf(undefined)).toBeUndefined();
    expect(intervalOf({ schedule_expression: 30 })).toBeUndefined();
  });

  it("reads a rate in days, singular or plural, and one in hours as a fraction of a day", () => {
    expect(scheduled("rate(1 day)")).toBe(1);
    expect(scheduled("rate(30 days)")).toBe(30);
    expect(scheduled("rate(12 hours)")).toBe(0.5);
    expect(scheduled("rate(48 hour)")).toBe(2);
  });

  it("reads a rate with spaces around it, but not one with text before or after it", () => {
    expect(scheduled(" rate(1 day) ")).toBe(1);
    expect(scheduled("xrate(1 day)")).toBeUndefined();
    expect(scheduled("rate(1 days) extra")).toBeUndefined();
  });

  it("bounds a cron expression that runs every month of every year at 62 days", () => {
    expect(scheduled("cron(0 4 1 * ? *)")).toBe(62);
    // Spaces inside the parentheses, or more than one between fields, separate the same six fields.
    expect(scheduled("cron( 0 4 1 * ? * )")).toBe(62);
    expect(scheduled("cron(0  4 1 * ? *)")).toBe(62);
  });

  it("gives no bound for a cron expression that skips months or years, or needs a fifth weekday", () => {
    expect(scheduled("cron(0 4 1 1/3 ? *)")).toBeUndefined();
    expect(scheduled("cron(0 4 1 * ? 2030)")).toBeUndefined();
    expect(scheduled("cron(0 4 ? * SUN#5 *)")).toBeUndefined();
  });

  it("gives no bound for a cron expression without six fields, or with text before or after it", () => {
    expect(scheduled("cron(0 4 1 * ?)")).toBeUndefined();
    expect(scheduled("cron(0 4 1 * ? * *)")).toBeUndefined();
    expect(scheduled("xcron(0 4 1 * ? *)")).toBeUndefined();
    expect(scheduled("cron(0 4 1 * ? *) extra")).toBeUndefined();
  });
});

/** Each rule as direction, addresses admitted and the address of the resource that holds it. */
const rulesOf = (resource: Record<string, Record<string, unknown>>) =>
  securityGroupRules({ resource } as unknown as TerraformDocument).map(({ direction, cidrs, owner }) => [direction, cidrs, owner.address]);

describe("reading security group rules", () => {
  it("admits only the addresses a separate rule resource sets, IPv4 or IPv6", () => {
    expect(
      rulesOf({
        aws_vpc_security_group_ingress_rule: { v4: { cidr_ipv4: "0.0.0.0/0" }, none: { cidr_ipv4: "" } },
        aws_vpc_security_group_egress_rule: { v6: { cidr_ipv6: "::/0" } },
      }),
    ).toEqual([
      ["ingress", ["0.0.0.0/0"], "aws_vpc_security_group_ingress_rule.v4"],
      ["ingress", [], "aws_vpc_security_group_ingress_rule.none"],
      ["egress", ["::/0"], "aws_vpc_security_group_egress_rule.v6"],
    ]);
  });

  it("admits the IPv4 and IPv6 blocks of a legacy rule, either of them left out", () => {
    expect(
      rulesOf({
        aws_security_group_rule: {
          v4: { type: "ingress", cidr_blocks: ["10.0.0.0/16"] },
          v6: { type: "egress", ipv6_cidr_blocks: ["::/0"] },
          both: { type: "ingress", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"] },
        },
      }),
    ).toEqual([
      ["ingress", ["10.0.0.0/16"], "aws_security_group_rule.v4"],
      ["egress", ["::/0"], "aws_security_group_rule.v6"],
      ["ingress", ["0.0.0.0/0", "::/0"], "aws_security_group_rule.both"],
    ]);
  });

  it("admits the IPv4 and IPv6 blocks of a group's inline rules, either of them left out", () => {
    expect(
      rulesOf({
        aws_security_group: {
          group: { ingress: [{ cidr_blocks: ["10.0.0.0/16"] }, { ipv6_cidr_blocks: ["::/0"] }], egress: [{ cidr_blocks: ["0.0.0.0/0"] }] },
        },
      }),
    ).toEqual([
      ["ingress", ["10.0.0.0/16"], "aws_security_group.group"],
      ["ingress", ["::/0"], "aws_security_group.group"],
      ["egress", ["0.0.0.0/0"], "aws_security_group.group"],
    ]);
  });
});
