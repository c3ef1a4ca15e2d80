import { defineControl } from "../private/define-control";
import { isSet, resources } from "../private/document";
import { securityGroupRules } from "../private/security-group-rules";

export const CKV_AWS_23 = defineControl({
  id: "CKV_AWS_23",
  checkov: ["CKV_AWS_23"],
  title: "security groups and their rules are described",
  findings: (document, fail) => [
    ...resources(document, "aws_security_group")
      .filter((group) => !isSet(group.body.description))
      .map((group) => fail(group, "the security group has no description")),
    ...securityGroupRules(document)
      .filter((rule) => !isSet(rule.description))
      .map((rule) => fail(rule.owner, `an ${rule.direction} rule has no description`)),
  ],
});
