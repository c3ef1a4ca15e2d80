/**
 * The Terraform addresses of stateful resources are a contract: a changed address plans the
 * destruction of the old resource. A change to the committed list is a breaking change; see
 * "Changing Terraform addresses" in the README for moving state.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
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
];

const committed = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../fixtures/stateful-addresses.json"), "utf8"),
) as Record<string, string[]>;

function statefulAddresses(json: Block): string[] {
  return STATEFUL_TYPES.flatMap((type) => Object.keys(json.resource[type] ?? {}).map((name) => `${type}.${name}`)).sort();
}

it.each(appStackNames())("keeps the addresses of the %s stack's stateful resources", (stackName) => {
  expect(statefulAddresses(synthStacksByName()[stackName]!.json)).toEqual(committed[stackName]);
});

it("has a committed list for every stack", () => {
  expect(Object.keys(committed).sort()).toEqual(Object.keys(synthStacksByName()).sort());
});
