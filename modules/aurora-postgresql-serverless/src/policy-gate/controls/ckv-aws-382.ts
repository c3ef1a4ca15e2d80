import { defineControl } from "../private/define-control";
import { ANYWHERE, securityGroupRules } from "../private/security-group-rules";

export const CKV_AWS_382 = defineControl({
  id: "CKV_AWS_382",
  checkov: ["CKV_AWS_382"],
  title: "security groups send no traffic to anywhere",
  findings: (document, fail) =>
    securityGroupRules(document)
      .filter((rule) => rule.direction === "egress" && rule.cidrs.some((cidr) => ANYWHERE.includes(cidr)))
      .map((rule) => fail(rule.owner, "egress to anywhere")),
});
