import { defineControl } from "../private/define-control";
import { ANYWHERE, securityGroupRules } from "../private/security-group-rules";

export const CKV_AWS_382 = defineControl({
  id: "CKV_AWS_382",
  checkov: ["CKV_AWS_382"],
  title: "security groups send no traffic to anywhere",
  checks: "no egress rule (`aws_vpc_security_group_egress_rule`, `aws_security_group_rule`, inline `egress`) sends to `0.0.0.0/0` or `::/0`",
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/SecurityGroupUnrestrictedEgressAny.py"],
  findings: (document, fail) =>
    securityGroupRules(document)
      .filter((rule) => rule.direction === "egress" && rule.cidrs.some((cidr) => ANYWHERE.includes(cidr)))
      .map((rule) => fail(rule.owner, "egress to anywhere")),
});
