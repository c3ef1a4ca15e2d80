// The Terraform addresses of every stack's stateful resources, as tests/stacks/stable-addresses.test.ts
// compares them with tests/fixtures/stateful-addresses.json. `npm run fixtures` writes that file
// from the app as it is now (stacks and addresses in name order), after a new stack or an intended
// move; review the diff: a changed address plans the destruction of the old resource (CONTRIBUTING.md,
// "Changing Terraform addresses").
//
//   npm run fixtures
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Testing, type TerraformStack } from "cdktf";
import { defineStacks } from "../stacks/app";
import { allScopes } from "../stacks/bootstrap/aws/scopes";
import { BOOTSTRAP_STACK_NAME, permissionsBoundaryPolicyName } from "../stacks/delivery";
import type { Environment } from "../stacks/deployment-inputs";
import { disasterRecoveryStackName } from "../stacks/disaster-recovery-stack";
import { keyStackName } from "../stacks/key-stack";
import { secondaryStackName } from "../stacks/secondary-stack";

const ROOT = resolve(import.meta.dirname, "..");
/** The committed addresses, by stack name. */
export const FIXTURE = resolve(ROOT, "tests/fixtures/stateful-addresses.json");
/** How to regenerate the fixture, as the test's failure message says it. */
export const FIXTURE_COMMAND = "npm run fixtures";

/** The resource types whose address is a contract: each holds data, or holds what holds data. */
export const STATEFUL_TYPES = [
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
  // A vault holds the recovery points; a global cluster holds its member clusters together.
  "aws_backup_vault",
  "aws_rds_global_cluster",
  // The bootstrap stack's: workspaces hold the stacks' state, projects hold the workspaces, and an
  // account has one OIDC provider per issuer, which the roles' trust names.
  "tfe_workspace",
  "tfe_project",
  "aws_iam_openid_connect_provider",
] as const;

/**
 * The bootstrap stack's inputs with every part on (Terraform Cloud and GitHub, each with a token),
 * so that its list holds every part's addresses. No value here reaches an address.
 */
export const EVERY_BOOTSTRAP_PART: Environment = {
  TF_CLOUD_ORGANIZATION: "acme",
  TFE_TOKEN: "a-token-for-the-tfe-provider",
  BOOTSTRAP_GITHUB_REPOSITORY: "acme/database",
  GITHUB_TOKEN: "a-token-for-the-github-provider",
  BOOTSTRAP_REVIEWERS: "octocat, acme/release-managers",
};

// Terraform JSON is untyped by nature.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Block = Record<string, any>;

/**
 * The stateful addresses of a synthesized stack, sorted: those of STATEFUL_TYPES, and the
 * permissions boundaries, which the database stacks' roles name (a new address would plan
 * deleting the policy while roles carry it).
 */
export function statefulAddresses(json: Block): string[] {
  const boundaryNames: readonly string[] = allScopes().map((scope) => permissionsBoundaryPolicyName(scope.environment));
  const resources = (json.resource ?? {}) as Record<string, Record<string, Block>>;
  const boundaries = Object.entries(resources.aws_iam_policy ?? {})
    .filter(([, body]) => boundaryNames.includes(body.name as string))
    .map(([name]) => `aws_iam_policy.${name}`);
  return [...STATEFUL_TYPES.flatMap((type) => Object.keys(resources[type] ?? {}).map((name) => `${type}.${name}`)), ...boundaries].sort();
}

/** Every stack of the app (no preview) and the bootstrap stack with every part on, by stack name, as the test builds them. */
export function appAddresses(): Record<string, string[]> {
  const outdir = mkdtempSync(join(tmpdir(), "stateful-addresses-"));
  try {
    const synthesized = (stack: TerraformStack) => statefulAddresses(JSON.parse(Testing.synth(stack)) as Block);
    const { environments, keys, disasterRecovery, secondaries } = defineStacks(Testing.app({ outdir }), {});
    const { bootstrap } = defineStacks(Testing.app({ outdir }), EVERY_BOOTSTRAP_PART);
    const named = (stacks: Partial<Record<string, TerraformStack>>, stackName: (environment: string) => string): [string, TerraformStack][] =>
      Object.entries(stacks).flatMap(([environment, stack]) => (stack === undefined ? [] : [[stackName(environment), stack] as [string, TerraformStack]]));
    const stacks: [string, TerraformStack][] = [
      ...Object.entries<TerraformStack>(environments),
      ...named(keys, keyStackName),
      ...named(disasterRecovery, disasterRecoveryStackName),
      ...named(secondaries, secondaryStackName),
      [BOOTSTRAP_STACK_NAME, bootstrap],
    ];
    return Object.fromEntries(stacks.map(([name, stack]) => [name, synthesized(stack)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The fixture's text for these addresses. */
export function fixtureText(addresses: Record<string, readonly string[]>): string {
  return `${JSON.stringify(addresses, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(FIXTURE, fixtureText(appAddresses()));
  const file = relative(ROOT, FIXTURE);
  console.log(`wrote ${file}`);
  console.log(
    `Review it before committing: git diff --stat ${file}, then git diff ${file}. A changed or removed address of a deployed stack is a breaking change (CONTRIBUTING.md, "Changing Terraform addresses"): move its state; only a new stack or an intended, documented move belongs in this commit.`,
  );
}
