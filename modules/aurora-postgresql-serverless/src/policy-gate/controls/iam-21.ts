import { defineControl } from "../private/define-control";
import { asList, resources } from "../private/document";

const POLICY_RESOURCES = ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"];

export const IAM_21 = defineControl({
  id: "IAM.21",
  checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_355", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290"],
  title: "identity policies name actions and resources without wildcards",
  findings: (document, fail) =>
    resources(document, ...POLICY_RESOURCES).flatMap((owner) => {
      let statements: Record<string, unknown>[];
      try {
        statements = asList((JSON.parse(owner.body.policy as string) as Record<string, unknown>).Statement) as Record<string, unknown>[];
      } catch {
        return [fail(owner, "the policy is not literal JSON and cannot be verified")];
      }
      return statements.flatMap((statement) => {
        const name = `statement ${String(statement.Sid ?? "(no Sid)")}`;
        const wildcardActions = statement.NotAction !== undefined || asList(statement.Action).some((action) => String(action).includes("*"));
        const everyResource = statement.NotResource !== undefined || asList(statement.Resource).includes("*");
        return [
          ...(wildcardActions ? [fail(owner, `${name} allows wildcard actions`)] : []),
          ...(everyResource ? [fail(owner, `${name} applies to every resource`)] : []),
        ];
      });
    }),
});
