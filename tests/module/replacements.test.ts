/**
 * Every resource with an AWS name is replaceable without a failed apply: a name that only a
 * change of `name` can change (destroyed before its successor, which then has another name),
 * or a name prefix with create-before-destroy. The module README's replacement table states
 * each decision; these tests pin them.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { databaseStack, resourcesOf, synthesize, type Block } from "../support/synth";

type Decision = "fixed name" | "name prefix, create before destroy";

const DECISIONS: Record<string, Decision> = {
  aws_rds_cluster: "fixed name",
  aws_rds_cluster_instance: "fixed name",
  aws_db_subnet_group: "fixed name",
  aws_security_group: "name prefix, create before destroy",
  aws_rds_cluster_parameter_group: "name prefix, create before destroy",
  aws_db_parameter_group: "name prefix, create before destroy",
  aws_secretsmanager_secret: "fixed name",
  aws_iam_role: "fixed name",
  aws_iam_role_policy: "fixed name",
  aws_kms_alias: "fixed name",
  aws_cloudwatch_log_group: "fixed name",
  aws_ssm_parameter: "fixed name",
  aws_sns_topic: "fixed name",
};

const NAME_ATTRIBUTES = ["name", "name_prefix", "identifier", "cluster_identifier"];

/** Every option that creates a named resource, on; `variant` changes what must not move a fixed name. */
function everything(variant: Partial<AuroraPostgresServerlessProps> = {}): Block {
  const { stack, database } = databaseStack({
    name: "orders",
    readers: 1,
    encryptionKey: "create",
    skipFinalSnapshot: true,
    clusterParameters: { log_statement: "ddl" },
    instanceParameters: { log_min_duration_statement: "1000" },
    allowedCidrBlocks: ["10.0.0.0/8"],
    ssmParameters: "/orders/app",
    alarms: { emailAddresses: ["oncall@example.com"] },
    dashboard: true,
    ...variant,
  });
  database.grantDataApiAccess("Worker", { name: "worker-role" });
  return synthesize(stack).json;
}

const json = everything();
const named = Object.entries(json.resource as Record<string, Record<string, Block>>).filter(([, blocks]) =>
  Object.values(blocks).some((body) => NAME_ATTRIBUTES.some((attribute) => body[attribute] !== undefined)),
);
const nameOf = (body: Block) => String(body.name ?? body.identifier ?? body.cluster_identifier);
const fixedNames = (document: Block) =>
  Object.entries(DECISIONS)
    .filter(([, decision]) => decision === "fixed name")
    .flatMap(([type]) => Object.values(resourcesOf(document, type)).map((body) => `${type} ${nameOf(body).replace(/\$\{random_id\.\w+\.hex\}/, "<hex>")}`))
    .sort();

it("has a decision for every resource type the module names", () => {
  expect(named.map(([type]) => type).sort()).toEqual(Object.keys(DECISIONS).sort());
});

it("gives fixed names derived from `name` alone (the secret's with its own random hex), and the parameters' from their path", () => {
  expect(fixedNames(json)).toEqual(
    [
      "aws_cloudwatch_log_group /aws/rds/cluster/orders-aurora-cluster/postgresql",
      "aws_db_subnet_group orders-aurora-subnet-group",
      "aws_iam_role orders-lambda-aurora-role",
      "aws_iam_role orders-rds-monitoring-role",
      "aws_iam_role_policy orders-aurora-data-api-Worker",
      "aws_iam_role_policy orders-lambda-aurora-policy",
      "aws_kms_alias alias/orders-aurora",
      "aws_rds_cluster orders-aurora-cluster",
      "aws_rds_cluster_instance orders-aurora-instance-1",
      "aws_rds_cluster_instance orders-aurora-instance-2",
      "aws_secretsmanager_secret orders-aurora-credentials-<hex>",
      "aws_sns_topic orders-aurora-alarms",
      ...["cluster-arn", "secret-arn", "writer-endpoint", "reader-endpoint", "port", "database-name"].map((leaf) => `aws_ssm_parameter /orders/app/${leaf}`),
    ].sort(),
  );
});

it("keeps every fixed name when the engine, the credentials or the settings that shape descriptions change", () => {
  const other = everything({ engineVersion: "16", credentials: "write-only", clusterParameters: { log_statement: "all" }, backupRetentionDays: 21 });
  expect(fixedNames(other)).toEqual(fixedNames(json));
});

describe.each(Object.entries(DECISIONS))("%s", (type, decision) => {
  const bodies = Object.values(resourcesOf(json, type));

  it(`has a ${decision}`, () => {
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      if (decision === "fixed name") {
        expect(body.name_prefix).toBeUndefined();
        expect(body.lifecycle?.create_before_destroy).toBeUndefined();
      } else {
        expect(body.name).toBeUndefined();
        expect(body.name_prefix).toMatch(/^orders-.*-$/);
        expect(body.lifecycle?.create_before_destroy).toBe(true);
      }
    }
  });
});

describe("the module README's replacement table", () => {
  const readme = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## What replaces what, and why that is safe"), readme.indexOf("## API reference"));

  it.each(Object.keys(DECISIONS))("has a row for %s", (type) => {
    expect(table).toMatch(new RegExp(`^\\| \`${type}\``, "m"));
  });

  it("states create-before-destroy for exactly the prefixed resources", () => {
    for (const [type, decision] of Object.entries(DECISIONS)) {
      const row = table.split("\n").find((line) => line.startsWith(`| \`${type}\``))!;
      expect(row.includes("Create-before-destroy"), type).toBe(decision === "name prefix, create before destroy");
    }
  });
});
