/**
 * Aurora Global Database: `globalCluster` makes the primary's cluster the source of an
 * `aws_rds_global_cluster`, and `AuroraGlobalSecondary` joins it from another region. Turning the
 * option on, changing it, adding, changing or removing a secondary never replaces the primary:
 * no argument the AWS provider forces a new cluster for changes, and every resource of the
 * primary keeps its address and its body.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AuroraGlobalSecondary, type AuroraGlobalSecondaryProps, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { GLOBAL_MEMBERSHIP_ARGUMENTS } from "../../modules/aurora-postgresql-serverless/src/private/global-cluster";
import { RESTORE_SOURCE_ARGUMENTS } from "../../modules/aurora-postgresql-serverless/src/private/restore";
import { testApp } from "../support/app";
import { CLUSTER_FORCE_NEW } from "../support/provider-schema";
import { databaseStack, dataRef, inHook, onlyResource, ref, resourcesOf, synthDatabase, synthesize, type Block } from "../support/synth";
import { synthesizeReadmeExample } from "./readme-example";

/**
 * The ForceNew arguments of `aws_rds_global_cluster` (internal/service/rds/global_cluster.go at
 * 37cdf831937ddf96d69ebe632aff9a29821eb3ce): `deletion_protection` and `force_destroy` change in
 * place (ModifyGlobalCluster, or state only).
 */
const GLOBAL_CLUSTER_FORCE_NEW = ["database_name", "engine", "global_cluster_identifier", "source_db_cluster_identifier", "storage_encrypted"];

const EU_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const PRIMARY: Partial<AuroraPostgresServerlessProps> = { name: "orders", databaseName: "orders", readers: 1 };

/** Top-level arguments whose configured value differs between two bodies (lifecycle aside). */
function differingArguments(a: Block, b: Block): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => key !== "lifecycle"));
  return [...keys].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}

/** Every resource and data source as `type.name` with its body. */
function blocks(json: Block): Map<string, Block> {
  const all = new Map<string, Block>();
  for (const [kind, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ] as const) {
    for (const [type, byName] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, Block>>)) {
      for (const [name, body] of Object.entries(byName)) all.set(`${prefix}${type}.${name}`, body);
    }
  }
  return all;
}

/** A stack with the primary in us-east-1 and, with `secondary`, a secondary in eu-west-1 through an aliased provider. */
function globalStack(primary: Partial<AuroraPostgresServerlessProps>, secondary?: Partial<AuroraGlobalSecondaryProps>): Block {
  const { stack, database } = databaseStack({ ...PRIMARY, ...primary });
  if (secondary !== undefined) {
    const provider = new AwsProvider(stack, "eu", { region: "eu-west-1", alias: "secondary" });
    new AuroraGlobalSecondary(stack, "Secondary", {
      name: "orders",
      globalClusterIdentifier: database.globalClusterIdentifier ?? "orders-aurora-global",
      provider,
      ...secondary,
    });
  }
  return synthesize(stack).json;
}

const cluster = (json: Block, prefix = "Database") => Object.entries(resourcesOf(json, "aws_rds_cluster")).find(([name]) => name.startsWith(`${prefix}_`))!;

describe("globalCluster on the primary", () => {
  const synthesized = inHook(() => ({
    regional: globalStack({}),
    global: globalStack({ globalCluster: {} }),
    named: globalStack({ globalCluster: { identifier: "orders-global", deletionProtection: false } }),
  }));

  it("creates the global cluster from the running cluster, waiting for its writer, and lets a destroy detach instead of delete", () => {
    const json = synthesized().global;
    const [clusterName] = cluster(json);
    expect(onlyResource(json, "aws_rds_global_cluster").body).toEqual({
      global_cluster_identifier: "orders-aurora-global",
      source_db_cluster_identifier: ref("aws_rds_cluster", clusterName, "arn"),
      force_destroy: true,
      deletion_protection: true,
      tags: {},
      depends_on: [`aws_rds_cluster_instance.${writerName(json)}`],
    });
  });

  it("takes a given identifier and deletion protection", () => {
    expect(onlyResource(synthesized().named, "aws_rds_global_cluster").body).toMatchObject({
      global_cluster_identifier: "orders-global",
      deletion_protection: false,
    });
  });

  it("sets no global_cluster_identifier on the cluster, and ignores the one the provider reads back", () => {
    const [, body] = cluster(synthesized().global);
    expect(body.global_cluster_identifier).toBeUndefined();
    expect(body.lifecycle).toEqual({ ignore_changes: [...RESTORE_SOURCE_ARGUMENTS, ...GLOBAL_MEMBERSHIP_ARGUMENTS] });
    expect(cluster(synthesized().regional)[1].lifecycle).toEqual({ ignore_changes: [...RESTORE_SOURCE_ARGUMENTS] });
  });

  it("changes no planned argument of the cluster when turned on or off, so none of the provider's ForceNew ones", () => {
    const [, before] = cluster(synthesized().regional);
    const [, after] = cluster(synthesized().global);
    expect(differingArguments(before, after)).toEqual([]);
    for (const argument of CLUSTER_FORCE_NEW) expect(after[argument], argument).toEqual(before[argument]);
    expect(CLUSTER_FORCE_NEW).not.toContain("global_cluster_identifier");
  });

  it("keeps every resource of the primary at its address with its body: only the global cluster is added", () => {
    const [before, after] = [blocks(synthesized().regional), blocks(synthesized().global)];
    const [clusterName] = cluster(synthesized().global);
    const added = [...after.keys()].filter((address) => !before.has(address));
    expect(added).toEqual([`aws_rds_global_cluster.${onlyResource(synthesized().global, "aws_rds_global_cluster").name}`]);
    for (const [address, body] of before) {
      if (address === `aws_rds_cluster.${clusterName}`) continue;
      expect(after.get(address), address).toEqual(body);
    }
  });

  it("changes only arguments the provider updates in place when deletion protection changes", () => {
    const [a, b] = [onlyResource(synthesized().global, "aws_rds_global_cluster").body, onlyResource(synthesized().named, "aws_rds_global_cluster").body];
    const changed = differingArguments(a, b).filter((argument) => argument !== "global_cluster_identifier");
    expect(changed).toEqual(["deletion_protection"]);
    expect(GLOBAL_CLUSTER_FORCE_NEW).not.toContain("deletion_protection");
    // A new identifier is a new global cluster: the README says to keep it.
    expect(GLOBAL_CLUSTER_FORCE_NEW).toContain("global_cluster_identifier");
  });

  it("keeps the cluster's lifetime, so the final snapshot's name stays", () => {
    const keepers = (json: Block) => Object.values(resourcesOf(json, "random_id")).find((body) => body.keepers !== undefined)!.keepers;
    expect(keepers(synthesized().global)).toEqual(keepers(synthesized().regional));
  });

  it("exposes the global cluster and its identifier as a reference, so a secondary waits for it", () => {
    const { stack, database } = databaseStack({ globalCluster: {} });
    new TerraformOutput(stack, "global", { value: database.globalClusterIdentifier });
    const json = synthesize(stack).json;
    expect(json.output.global.value).toBe(ref("aws_rds_global_cluster", onlyResource(json, "aws_rds_global_cluster").name, "id"));
    expect(database.globalCluster?.node.id).toBe("GlobalCluster");
    expect(databaseStack({}).database.globalClusterIdentifier).toBeUndefined();
  });

  it("writes nothing new without it", () => {
    expect(resourcesOf(synthDatabase({}).json, "aws_rds_global_cluster")).toEqual({});
  });
});

/** The writer instance's Terraform name. */
function writerName(json: Block): string {
  return Object.entries(resourcesOf(json, "aws_rds_cluster_instance")).find(
    ([, body]) => body.identifier === "orders-aurora-instance-1" && body.provider === undefined,
  )![0];
}

describe("AuroraGlobalSecondary", () => {
  const synthesized = inHook(() => ({
    primaryOnly: globalStack({ globalCluster: {} }),
    withSecondary: globalStack(
      { globalCluster: {} },
      {
        readers: 2,
        encryptionKey: { existingKeyArn: EU_KEY },
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
      },
    ),
    resized: globalStack(
      { globalCluster: {} },
      {
        readers: 3,
        minCapacity: 2,
        maxCapacity: 8,
        encryptionKey: { existingKeyArn: EU_KEY },
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
      },
    ),
    headless: globalStack({ globalCluster: {} }, { readers: 0 }),
  }));

  it("joins the global cluster without a master user, password or database, encrypted with the key of its region", () => {
    const json = synthesized().withSecondary;
    const [, body] = cluster(json, "Secondary");
    const global = onlyResource(json, "aws_rds_global_cluster").name;
    const lifetime = Object.entries(resourcesOf(json, "random_id")).find(([name]) => name.startsWith("Secondary_"))![0];
    expect(body).toEqual({
      provider: "aws.secondary",
      cluster_identifier: "orders-aurora-cluster",
      global_cluster_identifier: ref("aws_rds_global_cluster", global, "id"),
      engine: "aurora-postgresql",
      engine_mode: "provisioned",
      engine_version: "17",
      db_subnet_group_name: ref("aws_db_subnet_group", onlyNamed(json, "aws_db_subnet_group", "Secondary"), "name"),
      vpc_security_group_ids: [ref("aws_security_group", onlyNamed(json, "aws_security_group", "Secondary"), "id")],
      storage_encrypted: true,
      kms_key_id: EU_KEY,
      iam_database_authentication_enabled: true,
      enable_http_endpoint: true,
      port: 5432,
      serverlessv2_scaling_configuration: { min_capacity: 0.5, max_capacity: 1 },
      enabled_cloudwatch_logs_exports: ["postgresql"],
      backup_retention_period: 7,
      copy_tags_to_snapshot: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: `orders-aurora-cluster-final-${ref("random_id", lifetime, "hex")}`,
      apply_immediately: false,
      tags: {},
      depends_on: [`aws_cloudwatch_log_group.${onlyNamed(json, "aws_cloudwatch_log_group", "Secondary")}`],
      lifecycle: { ignore_changes: ["global_cluster_identifier", "replication_source_identifier"] },
    });
  });

  it("puts every AWS resource and data source of the secondary on its region's provider, and its random_id on none", () => {
    const secondary = [...blocks(synthesized().withSecondary)].filter(([address]) => /\.Secondary_/.test(address));
    expect(secondary.length).toBeGreaterThan(8);
    for (const [address, body] of secondary) {
      expect(body.provider, address).toBe(address.startsWith("random_id.") ? undefined : "aws.secondary");
    }
  });

  it("creates its readers in its region, the first in the writer's tier, in the subnets' zones", () => {
    const instances = Object.entries(resourcesOf(synthesized().withSecondary, "aws_rds_cluster_instance")).filter(([name]) => name.startsWith("Secondary_"));
    expect(instances.map(([, body]) => [body.identifier, body.promotion_tier, body.instance_class, body.provider])).toEqual([
      ["orders-aurora-instance-1", 0, "db.serverless", "aws.secondary"],
      ["orders-aurora-instance-2", 1, "db.serverless", "aws.secondary"],
    ]);
    for (const [, body] of instances) {
      expect(body).toMatchObject({ publicly_accessible: false, performance_insights_enabled: true, performance_insights_kms_key_id: EU_KEY });
      expect(body.availability_zone).toMatch(/^\$\{element\(/);
    }
  });

  it("is headless with readers: 0, and finds the AWS managed key of its own region", () => {
    const json = synthesized().headless;
    expect(Object.keys(resourcesOf(json, "aws_rds_cluster_instance")).filter((name) => name.startsWith("Secondary_"))).toEqual([]);
    const [keyName, key] = Object.entries(json.data.aws_kms_key as Record<string, Block>).find(([name]) => name.startsWith("Secondary_"))!;
    expect(key).toEqual({ provider: "aws.secondary", key_id: "alias/aws/rds" });
    expect(cluster(json, "Secondary")[1].kms_key_id).toBe(dataRef("aws_kms_key", keyName, "arn"));
  });

  it("leaves every resource of the primary as it is when added, changed or removed", () => {
    const primary = blocks(synthesized().primaryOnly);
    for (const variant of [synthesized().withSecondary, synthesized().resized, synthesized().headless]) {
      const withSecondary = blocks(variant);
      for (const [address, body] of primary) expect(withSecondary.get(address), address).toEqual(body);
    }
  });

  it("changes no ForceNew argument of its own cluster when its readers or capacity change", () => {
    const [, before] = cluster(synthesized().withSecondary, "Secondary");
    const [, after] = cluster(synthesized().resized, "Secondary");
    expect(differingArguments(before, after)).toEqual(["serverlessv2_scaling_configuration"]);
  });

  it("uses the stack's provider when it is given none (a stack of its own in the secondary's region)", () => {
    const stack = new TerraformStack(testApp(), "secondary");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new RandomProvider(stack, "random");
    new AuroraGlobalSecondary(stack, "Secondary", { name: "orders", globalClusterIdentifier: "orders-aurora-global" });
    const json = synthesize(stack).json;
    expect(cluster(json, "Secondary")[1]).toMatchObject({ global_cluster_identifier: "orders-aurora-global" });
    for (const [address, body] of blocks(json)) expect(body.provider, address).toBeUndefined();
  });
});

/** The Terraform name of the one resource of a type below a construct. */
function onlyNamed(json: Block, type: string, prefix: string): string {
  const names = Object.keys(resourcesOf(json, type)).filter((name) => name.startsWith(`${prefix}_`));
  expect(names, `one ${type} of ${prefix}`).toHaveLength(1);
  return names[0]!;
}

describe("the module README's Global Database example", () => {
  it("synthesizes a primary with its global cluster and a secondary in the second region", () => {
    const { json } = synthesizeReadmeExample("## Global Database", () => ({ AuroraGlobalSecondary, AwsProvider }));
    expect(Object.keys(resourcesOf(json, "aws_rds_global_cluster"))).toHaveLength(1);
    const clusters = Object.values(resourcesOf(json, "aws_rds_cluster"));
    expect(clusters.map((body) => body.provider)).toEqual([undefined, "aws.eu"]);
  });
});
