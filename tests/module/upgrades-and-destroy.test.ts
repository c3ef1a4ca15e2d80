/**
 * Safe destroy and upgrades: snapshots that never collide, deletion protection, explicit
 * minor upgrades, no surprise Extended Support, no downgrade plans.
 */
import { describe, expect, it } from "vitest";
import { CLUSTER_FORCE_NEW } from "../support/provider-schema";
import { databaseStack, onlyResource, ref, resourcesOf, synthDatabase, validationProblems, type Block } from "../support/synth";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The random_id that lives as long as one cluster, with its keepers. */
function clusterLifetime(props: Parameters<typeof synthDatabase>[0] = {}): { name: string; keepers: Record<string, string>; json: Block } {
  const { json } = synthDatabase(props);
  const lifetime = Object.entries(resourcesOf(json, "random_id")).filter(([, body]) => body.keepers !== undefined);
  expect(lifetime, "one random_id with keepers").toHaveLength(1);
  const [name, body] = lifetime[0]!;
  return { name, keepers: body.keepers, json };
}

describe("final snapshot", () => {
  it("is named with random hex that lives as long as the cluster", () => {
    const { name, json } = clusterLifetime();
    expect(resourcesOf(json, "random_id")[name]).toMatchObject({ byte_length: 4 });
    expect(onlyResource(json, "aws_rds_cluster").body.final_snapshot_identifier).toBe(`test-aurora-cluster-final-${ref("random_id", name, "hex")}`);
  });

  it("gets keepers made of every argument that forces a new cluster, with the cluster's own values", () => {
    for (const props of [
      {},
      { encryptionKey: "create" as const, skipFinalSnapshot: true, credentials: "write-only" as const },
      { encryptionKey: { existingKeyArn: KEY_ARN } },
    ]) {
      const { keepers, json } = clusterLifetime(props);
      const cluster = onlyResource(json, "aws_rds_cluster").body;
      const replacing = CLUSTER_FORCE_NEW.filter((argument) => cluster[argument] !== undefined);
      expect(replacing.length).toBeGreaterThanOrEqual(7);
      expect(Object.keys(keepers).sort()).toEqual(replacing.sort());
      for (const argument of replacing) expect(keepers[argument], argument).toBe(String(cluster[argument]));
    }
  });

  it.each([
    ["name", { name: "other" }],
    ["databaseName", { databaseName: "other" }],
    ["masterUsername", { masterUsername: "owner" }],
    ["encryptionKey", { encryptionKey: { existingKeyArn: KEY_ARN } }],
    ["storageEncrypted", { storageEncrypted: false }],
  ])("change when %s, which replaces the cluster, changes", (_prop, props) => {
    expect(clusterLifetime(props).keepers).not.toEqual(clusterLifetime().keepers);
  });

  it.each([
    ["capacity", { minCapacity: 1, maxCapacity: 4 }],
    ["windows", { preferredBackupWindow: "01:00-01:30", preferredMaintenanceWindow: "wed:02:00-wed:03:00" }],
    ["backups and protection", { backupRetentionDays: 21, deletionProtection: false, applyImmediately: true }],
    ["engine version and tags", { engineVersion: "16", tags: { Team: "data" } }],
    ["network sources", { allowedCidrBlocks: ["10.0.0.0/8"], readers: 1 }],
  ])("stay the same when the %s change, which updates the cluster in place", (_what, props) => {
    expect(clusterLifetime(props).keepers).toEqual(clusterLifetime().keepers);
  });

  it("is not the random hex that names the secret, so a new cluster keeps its secret's name and ARN", () => {
    const { name, json } = clusterLifetime();
    const secretSuffixes = Object.entries(resourcesOf(json, "random_id")).filter(([other]) => other !== name);
    expect(secretSuffixes).toHaveLength(1);
    expect(secretSuffixes[0]![1]).toEqual({ byte_length: 4 });
    expect(onlyResource(json, "aws_secretsmanager_secret").body.name).toBe(`test-aurora-credentials-${ref("random_id", secretSuffixes[0]![0], "hex")}`);
  });

  it("needs no random hex when no final snapshot is kept", () => {
    const { json } = synthDatabase({ skipFinalSnapshot: true, credentials: "managed" });
    expect(resourcesOf(json, "random_id")).toEqual({});
    expect(onlyResource(json, "aws_rds_cluster").body.final_snapshot_identifier).toBeUndefined();
  });
});

describe("deletion protection", () => {
  it("is on unless the caller turns it off", () => {
    expect(onlyResource(synthDatabase().json, "aws_rds_cluster").body.deletion_protection).toBe(true);
    expect(onlyResource(synthDatabase({ deletionProtection: false }).json, "aws_rds_cluster").body.deletion_protection).toBe(false);
  });
});

describe("engine upgrades", () => {
  it("write auto_minor_version_upgrade explicitly on every instance", () => {
    const { json } = synthDatabase({ readers: 2 });
    for (const instance of Object.values(resourcesOf(json, "aws_rds_cluster_instance"))) expect(instance.auto_minor_version_upgrade).toBe(true);
    const off = synthDatabase({ autoMinorVersionUpgrade: false }).json;
    expect(onlyResource(off, "aws_rds_cluster_instance").body.auto_minor_version_upgrade).toBe(false);
  });

  it("disable Extended Support unless asked, so its charges are never a surprise", () => {
    expect(onlyResource(synthDatabase().json, "aws_rds_cluster").body.engine_lifecycle_support).toBe("open-source-rds-extended-support-disabled");
    expect(onlyResource(synthDatabase({ extendedSupport: true }).json, "aws_rds_cluster").body.engine_lifecycle_support).toBe(
      "open-source-rds-extended-support",
    );
  });

  it("allow a major upgrade only when asked", () => {
    expect(onlyResource(synthDatabase().json, "aws_rds_cluster").body.allow_major_version_upgrade).toBe(false);
    expect(onlyResource(synthDatabase({ allowMajorVersionUpgrade: true }).json, "aws_rds_cluster").body.allow_major_version_upgrade).toBe(true);
  });

  it("never plan a downgrade after an automatic minor upgrade: a major alone by default, a pinned minor only without auto upgrades", () => {
    expect(onlyResource(synthDatabase().json, "aws_rds_cluster").body.engine_version).toMatch(/^\d+$/);
    expect(validationProblems(() => databaseStack({ engineVersion: "17.5" }))).toEqual([
      expect.objectContaining({ property: "engineVersion", received: "17.5", allowed: expect.stringContaining("plan a downgrade") }),
    ]);
  });
});
