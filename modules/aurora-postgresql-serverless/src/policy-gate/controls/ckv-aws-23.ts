import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { isSet, resources } from "../private/document";
import { securityGroupRules } from "../private/security-group-rules";

/** What the provider writes when a group has no description: it describes nothing. */
const PLACEHOLDER = "Managed by Terraform";

export const CKV_AWS_23 = defineControl({
  id: "CKV_AWS_23",
  checkov: ["CKV_AWS_23"],
  title: "security groups and their rules are described",
  checks:
    'every `aws_security_group` has a `description` other than the provider\'s "Managed by Terraform", and every rule, separate or inline, a `description`',
  sources: ["https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/SecurityGroupRuleDescription.py"],
  findings: (document, fail) => [
    ...resources(document, "aws_security_group")
      .filter((group) => {
        const description = setting(group, "description");
        return !isSet(description) || description === PLACEHOLDER;
      })
      .map((group) => fail(group, `the security group has no description (the provider writes "${PLACEHOLDER}")`)),
    ...securityGroupRules(document)
      .filter((rule) => !isSet(rule.description))
      .map((rule) => fail(rule.owner, `an ${rule.direction} rule has no description`)),
  ],
});
