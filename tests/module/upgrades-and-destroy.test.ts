/**
 * Safe destroy and upgrades: snapshots that never collide, deletion protection, explicit
 * minor upgrades, no surprise Extended Support, no downgrade plans.
 */
import { describe, expect, it } from "vitest";
import { onlyResource, ref, resourcesOf, synthDatabase, validationProblems, databaseStack } from "../support/synth";

describe("final snapshot", () => {
  it("is named with a random suffix that Terraform recreates with every new cluster, so a second lifecycle never collides", () => {
    const { json } = synthDatabase();
    const suffix = onlyResource(json, "random_id");
    expect(suffix.body).toEqual({ byte_length: 4 });
    expect(suffix.body.keepers).toBeUndefined();
    expect(onlyResource(json, "aws_rds_cluster").body.final_snapshot_identifier).toBe(
      `test-aurora-cluster-final-${ref("random_id", suffix.name, "hex")}`,
    );
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
