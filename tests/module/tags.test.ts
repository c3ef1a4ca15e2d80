/**
 * Tags reach every taggable resource. Which types are taggable is read from the provider
 * bindings (a `tags` argument), so a new resource type cannot slip through untagged.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { environmentTags } from "../../stacks/environments";
import { synthDatabase, synthEnvironments, type Block } from "../support/synth";

const requireFromHere = createRequire(import.meta.url);

/** `aws_db_subnet_group` → @cdktf/provider-aws/lib/db-subnet-group; `random_id` → provider-random/lib/id. */
function isTaggable(resourceType: string): boolean {
  const [provider, ...rest] = resourceType.split("_");
  const module = requireFromHere(`@cdktf/provider-${provider}/lib/${rest.join("-")}`) as Record<string, unknown>;
  const resourceClass = Object.values(module).find(
    (value): value is { prototype: object; tfResourceType: string } =>
      typeof value === "function" && (value as { tfResourceType?: string }).tfResourceType === resourceType,
  );
  expect(resourceClass, `binding of ${resourceType}`).toBeDefined();
  return Object.getOwnPropertyDescriptor(resourceClass!.prototype, "tagsInput") !== undefined;
}

function expectTagged(json: Block, tags: Record<string, string>): string[] {
  const tagged: string[] = [];
  for (const [type, blocks] of Object.entries(json.resource as Record<string, Record<string, Block>>)) {
    if (!isTaggable(type)) continue;
    for (const [name, body] of Object.entries(blocks)) {
      expect(body.tags, `${type}.${name}`).toEqual(expect.objectContaining(tags));
      tagged.push(type);
    }
  }
  return tagged;
}

describe("tags", () => {
  it("are applied to every taggable resource the module creates, with every option on", () => {
    const tags = { Team: "data", CostCenter: "42" };
    const { json } = synthDatabase({
      tags,
      readers: 1,
      allowedCidrBlocks: ["10.0.0.0/8"],
      egressCidrBlocks: ["10.0.0.0/8"],
      encryptionKey: "create",
      skipFinalSnapshot: true,
      clusterParameters: { log_statement: "ddl" },
      ssmParameters: "/orders/dev",
    });
    const tagged = expectTagged(json, tags);
    expect(new Set(tagged)).toEqual(
      new Set([
        "aws_db_subnet_group",
        "aws_security_group",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
        "aws_secretsmanager_secret",
        "aws_kms_key",
        "aws_cloudwatch_log_group",
        "aws_rds_cluster_parameter_group",
        "aws_rds_cluster",
        "aws_rds_cluster_instance",
        "aws_iam_role",
        "aws_ssm_parameter",
      ]),
    );
  });

  it("carry Project, Part and Environment in every stack", () => {
    for (const [stackName, { json }] of Object.entries(synthEnvironments())) {
      expectTagged(json, environmentTags(stackName));
    }
  });

  it("are told apart from untaggable types by the provider bindings", () => {
    expect(isTaggable("aws_rds_cluster")).toBe(true);
    expect(isTaggable("aws_iam_role_policy")).toBe(false);
    expect(isTaggable("random_password")).toBe(false);
  });
});
