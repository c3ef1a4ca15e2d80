/**
 * What each environment changes, read from the synthesized JSON, never from the settings table.
 */
import { describe, expect, it } from "vitest";
import { type Block, onlyResource, ref, resourcesOf, synthEnvironments } from "../support/synth";

const stacks = synthEnvironments();

interface Expected {
  readonly scaling: Block;
  readonly instances: number;
  readonly backupRetention: number;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly applyImmediately: boolean;
  readonly recoveryWindow: number;
}

const EXPECTED: Record<keyof typeof stacks, Expected> = {
  dev: {
    scaling: { min_capacity: 0, max_capacity: 1, seconds_until_auto_pause: 300 },
    instances: 1,
    backupRetention: 7,
    deletionProtection: false,
    skipFinalSnapshot: true,
    applyImmediately: true,
    recoveryWindow: 0,
  },
  staging: {
    scaling: { min_capacity: 0.5, max_capacity: 4 },
    instances: 1,
    backupRetention: 7,
    deletionProtection: false,
    skipFinalSnapshot: false,
    applyImmediately: true,
    recoveryWindow: 7,
  },
  prod: {
    scaling: { min_capacity: 2, max_capacity: 16 },
    instances: 2,
    backupRetention: 14,
    deletionProtection: true,
    skipFinalSnapshot: false,
    applyImmediately: false,
    recoveryWindow: 30,
  },
};

it("synthesizes exactly the dev, staging and prod stacks", () => {
  expect(Object.keys(stacks)).toEqual(["dev", "staging", "prod"]);
});

describe.each(Object.entries(EXPECTED))("the %s stack", (stackName, expected) => {
  const { json } = stacks[stackName as keyof typeof stacks];
  const cluster = onlyResource(json, "aws_rds_cluster");
  const instances = Object.values(resourcesOf(json, "aws_rds_cluster_instance"));

  it("scales as the environment table says", () => {
    expect(cluster.body.serverlessv2_scaling_configuration).toEqual(expected.scaling);
  });

  it("has the writer plus the environment's readers, all db.serverless in this cluster", () => {
    expect(instances).toHaveLength(expected.instances);
    expect(instances.map((i) => i.identifier).sort()).toEqual(
      Array.from({ length: expected.instances }, (_, i) => `alex-${stackName}-aurora-instance-${i + 1}`),
    );
    for (const instance of instances) {
      expect(instance.instance_class).toBe("db.serverless");
      expect(instance.cluster_identifier).toBe(ref("aws_rds_cluster", cluster.name, "id"));
    }
  });

  it("keeps backups, deletion protection and apply-immediately as the table says", () => {
    expect(cluster.body).toMatchObject({
      backup_retention_period: expected.backupRetention,
      deletion_protection: expected.deletionProtection,
      skip_final_snapshot: expected.skipFinalSnapshot,
      apply_immediately: expected.applyImmediately,
    });
    for (const instance of instances) expect(instance.apply_immediately).toBe(expected.applyImmediately);
  });

  it("keeps a final snapshot, named uniquely per cluster lifetime, unless the environment skips it", () => {
    const suffix = onlyResource(json, "random_id").name;
    if (expected.skipFinalSnapshot) {
      expect(cluster.body.final_snapshot_identifier).toBeUndefined();
    } else {
      expect(cluster.body.final_snapshot_identifier).toBe(`alex-${stackName}-aurora-cluster-final-${ref("random_id", suffix, "hex")}`);
    }
  });

  it("keeps the deleted secret recoverable for the environment's window", () => {
    expect(onlyResource(json, "aws_secretsmanager_secret").body.recovery_window_in_days).toBe(expected.recoveryWindow);
  });

  it("names every resource after the stack, so environments share an account without collisions", () => {
    expect(cluster.body.cluster_identifier).toBe(`alex-${stackName}-aurora-cluster`);
    expect(onlyResource(json, "aws_db_subnet_group").body.name).toBe(`alex-${stackName}-aurora-subnet-group`);
    expect(onlyResource(json, "aws_security_group").body.name).toBe(`alex-${stackName}-aurora-sg`);
    expect(onlyResource(json, "aws_iam_role").body.name).toBe(`alex-${stackName}-lambda-aurora-role`);
    expect(onlyResource(json, "aws_secretsmanager_secret").body.name).toMatch(new RegExp(`^alex-${stackName}-aurora-credentials-`));
  });

  it("keeps the original database name and master username, encryption and the Data API", () => {
    expect(cluster.body).toMatchObject({
      database_name: "alex",
      master_username: "alexadmin",
      storage_encrypted: true,
      enable_http_endpoint: true,
      engine_version: "17",
    });
  });
});

describe("readers in prod", () => {
  const instances = Object.values(resourcesOf(stacks.prod.json, "aws_rds_cluster_instance"));
  const writer = Object.entries(resourcesOf(stacks.prod.json, "aws_rds_cluster_instance")).find(([, i]) => i.identifier.endsWith("-1"))!;
  const reader = instances.find((i) => i.identifier.endsWith("-2"))!;

  it("are created after the writer, so the intended instance becomes the writer", () => {
    expect(reader.depends_on).toEqual([`aws_rds_cluster_instance.${writer[0]}`]);
    expect(writer[1].depends_on).toBeUndefined();
  });

  it("are in promotion tier 1, so they scale with the writer and fail over warm", () => {
    expect(writer[1].promotion_tier).toBe(0);
    expect(reader.promotion_tier).toBe(1);
  });
});

it("uses the same stateful resource types in every stack", () => {
  const types = (json: Block) => Object.keys(json.resource).sort();
  expect(types(stacks.staging.json)).toEqual(types(stacks.dev.json));
  expect(types(stacks.prod.json)).toEqual(types(stacks.dev.json));
});
