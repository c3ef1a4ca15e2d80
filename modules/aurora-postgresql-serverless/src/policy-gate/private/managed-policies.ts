/**
 * Managed policies attached by ARN. AWS managed policies are not in the document; their names
 * say what matters here: a `…FullAccess`, AdministratorAccess or PowerUserAccess policy allows
 * wildcard actions.
 */
import type { TerraformDocument } from "../control";
import { asList, resources, type Resource } from "./document";

/** Resource type → the attribute that attaches one policy ARN, or a list of them. */
const ATTACHMENTS: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: "policy_arn",
  aws_iam_user_policy_attachment: "policy_arn",
  aws_iam_group_policy_attachment: "policy_arn",
  aws_iam_policy_attachment: "policy_arn",
  aws_iam_role: "managed_policy_arns",
  aws_iam_role_policy_attachments_exclusive: "policy_arns",
  aws_iam_user_policy_attachments_exclusive: "policy_arns",
  aws_iam_group_policy_attachments_exclusive: "policy_arns",
};

/** Whatever the partition before it, literal or `${data.aws_partition.X.partition}`. */
const AWS_MANAGED_POLICY = /iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/;
const WILDCARD_POLICY_NAME = /FullAccess|^AdministratorAccess\b|^PowerUserAccess$/;

/** Every AWS managed policy attached with wildcard actions, by name, with the resource attaching it. */
export function wildcardManagedPolicies(document: TerraformDocument): { owner: Resource; policyName: string }[] {
  return Object.entries(ATTACHMENTS).flatMap(([type, attribute]) =>
    resources(document, type).flatMap((owner) =>
      asList(owner.body[attribute])
        .map((arn) => (typeof arn === "string" ? AWS_MANAGED_POLICY.exec(arn)?.[1] : undefined))
        .filter((name): name is string => name !== undefined && WILDCARD_POLICY_NAME.test(name))
        .map((policyName) => ({ owner, policyName })),
    ),
  );
}
