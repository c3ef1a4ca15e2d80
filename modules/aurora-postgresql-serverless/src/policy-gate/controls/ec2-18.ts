import { defineControl } from "../private/define-control";
import { ANYWHERE, securityGroupRules } from "../private/security-group-rules";

export const EC2_18 = defineControl({
  id: "EC2.18",
  checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
  title: "security groups admit no traffic from anywhere",
  checks: "no ingress rule (`aws_vpc_security_group_ingress_rule`, `aws_security_group_rule`, inline `ingress`) admits `0.0.0.0/0` or `::/0`",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html"],
  findings: (document, fail) =>
    securityGroupRules(document)
      .filter((rule) => rule.direction === "ingress" && rule.cidrs.some((cidr) => ANYWHERE.includes(cidr)))
      .map((rule) => fail(rule.owner, "ingress from anywhere")),
});
