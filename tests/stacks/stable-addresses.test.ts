/**
 * The Terraform addresses of stateful resources are a contract: a changed address plans the
 * destruction of the old resource. A change to the committed list is a breaking change; see
 * "Changing Terraform addresses" in the README for moving state.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { allScopes } from "../../stacks/bootstrap/aws/scopes";
import { BOOTSTRAP_STACK_NAME, permissionsBoundaryPolicyName } from "../../stacks/delivery";
import { ALL_PARTS, synthBootstrap } from "../support/bootstrap";
import { type Block, appStackNames, synthStacksByName } from "../support/synth";

const STATEFUL_TYPES = [
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_secretsmanager_secret",
  "aws_secretsmanager_secret_version",
  "random_password",
  "random_id",
  "aws_db_subnet_group",
  "aws_security_group",
  "aws_kms_key",
  "aws_cloudwatch_log_group",
  // The bootstrap stack's: workspaces hold the stacks' state, projects hold the workspaces, and an
  // account has one OIDC provider per issuer, which the roles' trust names.
  "tfe_workspace",
  "tfe_project",
  "aws_iam_openid_connect_provider",
];

const committed = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../fixtures/stateful-addresses.json"), "utf8"),
) as Record<string, string[]>;

/**
 * The permissions boundaries, the bootstrap stack's policies that the database stacks' roles name:
 * a new address would plan deleting the policy while roles carry it.
 */
const BOUNDARY_NAMES: readonly string[] = allScopes().map((scope) => permissionsBoundaryPolicyName(scope.environment));

function statefulAddresses(json: Block): string[] {
  const boundaries = Object.entries((json.resource.aws_iam_policy ?? {}) as Record<string, Block>)
    .filter(([, body]) => BOUNDARY_NAMES.includes(body.name as string))
    .map(([name]) => `aws_iam_policy.${name}`);
  return [...STATEFUL_TYPES.flatMap((type) => Object.keys(json.resource[type] ?? {}).map((name) => `${type}.${name}`)), ...boundaries].sort();
}

it.each(appStackNames())("keeps the addresses of the %s stack's stateful resources", (stackName) => {
  expect(statefulAddresses(synthStacksByName()[stackName]!.json)).toEqual(committed[stackName]);
});

it("keeps the addresses of the bootstrap stack's stateful resources, every part on", () => {
  expect(statefulAddresses(synthBootstrap(ALL_PARTS).json)).toEqual(committed[BOOTSTRAP_STACK_NAME]);
});

it("has a committed list for every stack", () => {
  expect(Object.keys(committed).sort()).toEqual([...Object.keys(synthStacksByName()), BOOTSTRAP_STACK_NAME].sort());
});
