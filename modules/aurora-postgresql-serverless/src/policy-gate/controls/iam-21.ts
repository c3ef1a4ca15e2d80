import { defineControl } from "../private/define-control";
import { wildcardManagedPolicies } from "../private/managed-policies";
import { identityPolicies } from "../private/policies";

export const IAM_21 = defineControl({
  id: "IAM.21",
  checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_355", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290"],
  title: "identity policies name actions and resources without wildcards",
  checks:
    'no Allow statement of an identity policy (policy resources, a role\'s `inline_policy`, the `data.aws_iam_policy_document` a policy refers to) has a wildcard action, `NotAction`, `Resource: "*"` or `NotResource`; no `\u2026FullAccess`, AdministratorAccess or PowerUserAccess AWS managed policy is attached; a policy that cannot be read fails',
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html"],
  findings: (document, fail) => [
    ...identityPolicies(document).flatMap(({ owner, inlineName, statements }) => {
      const of = inlineName === undefined ? "" : ` of inline policy ${inlineName}`;
      if (!statements) {
        return [fail(owner, `the policy${of} is neither JSON, jsonencode of an object, nor an aws_iam_policy_document, and cannot be verified`)];
      }
      // Deny statements only take permissions away.
      return statements
        .filter((statement) => statement.effect !== "Deny")
        .flatMap((statement) => {
          const name = `statement ${statement.sid ?? "(no Sid)"}${of}`;
          const wildcardActions = statement.exceptActions || statement.actions.some((action) => action.includes("*"));
          const everyResource = statement.exceptResources || statement.resources.includes("*");
          return [
            ...(wildcardActions ? [fail(owner, `${name} allows wildcard actions`)] : []),
            ...(everyResource ? [fail(owner, `${name} applies to every resource`)] : []),
          ];
        });
    }),
    ...wildcardManagedPolicies(document).map(({ owner, policyName }) => fail(owner, `the AWS managed policy ${policyName} allows wildcard actions`)),
  ],
});
