/**
 * `AURORA_<STACK>_RESTORE_SNAPSHOT`: a database stack's new cluster restored from a snapshot
 * (the README's runbook "Restore prod into a new staging database"), one stack at a time,
 * validated by the module's rules and named in their errors.
 */
import { evaluateControls } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { defineStacks, validationErrors } from "../../stacks/app";
import { RESTORED_MASTER_USER_EXCEPTION } from "../../stacks/database-stack";
import { knownVariableNames } from "../../stacks/deployment-inputs";
import { PROJECT } from "../../stacks/environments";
import { prepareSynth } from "../../stacks/synth-gate";
import { testApp } from "../support/app";
import { databaseStackNames, inHook, onlyResource, synthEnvironments, synthesize, validationProblems, type Block } from "../support/synth";

const PROD_SNAPSHOT = "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:alex-prod-for-staging-2026-11-20";
const cluster = (json: Block) => onlyResource(json, "aws_rds_cluster").body;

describe("AURORA_STAGING_RESTORE_SNAPSHOT", () => {
  const synthesized = inHook(() => ({ stacks: synthEnvironments({ AURORA_STAGING_RESTORE_SNAPSHOT: PROD_SNAPSHOT }), plain: synthEnvironments() }));

  it("restores staging's cluster from the snapshot, leaving the database name and master user to it", () => {
    const staging = cluster(synthesized().stacks.staging.json);
    expect(staging.snapshot_identifier).toBe(PROD_SNAPSHOT);
    expect(staging.database_name).toBeUndefined();
    expect(staging.master_username).toBeUndefined();
    expect(staging.kms_key_id).toBe(cluster(synthesized().plain.staging.json).kms_key_id);
  });

  it("changes no other stack", () => {
    expect(synthesized().stacks.dev.text).toBe(synthesized().plain.dev.text);
    expect(synthesized().stacks.prod.text).toBe(synthesized().plain.prod.text);
  });

  it("passes the policy gate: RDS.24 cannot see a restored cluster's master user, and is accepted for it with a reason", () => {
    const app = testApp();
    defineStacks(app, { AURORA_STAGING_RESTORE_SNAPSHOT: PROD_SNAPSHOT });
    expect(validationErrors(app)).toEqual([]);
    const findings = evaluateControls(synthesized().stacks.staging.json).get("RDS.24") ?? [];
    expect(findings.map((finding) => finding.address)).toEqual([`aws_rds_cluster.${onlyResource(synthesized().stacks.staging.json, "aws_rds_cluster").name}`]);
    expect(RESTORED_MASTER_USER_EXCEPTION).toMatchObject({ control: "RDS.24", resources: ["Database/Cluster"] });
    expect(RESTORED_MASTER_USER_EXCEPTION.reason).toContain(`master user is ${PROJECT.masterUsername};`);
  });

  it("adds no RDS.24 exception where nothing is restored (an unneeded exception fails the gate)", () => {
    expect(evaluateControls(synthesized().plain.staging.json).get("RDS.24")).toBeUndefined();
    expect(prepareSynth(testApp(), {})).toBeUndefined();
  });

  it("is ignored when empty", () => {
    expect(synthEnvironments({ AURORA_STAGING_RESTORE_SNAPSHOT: "" }).staging.text).toBe(synthesized().plain.staging.text);
  });

  it("is refused when it is no snapshot, by the module's rule, naming the variable", () => {
    const problems = validationProblems(() => defineStacks(testApp(), { AURORA_STAGING_RESTORE_SNAPSHOT: "prod snapshot" }));
    expect(problems).toEqual([
      {
        property: "restore.fromSnapshot (from AURORA_STAGING_RESTORE_SNAPSHOT)",
        received: "prod snapshot",
        allowed: expect.stringMatching(/^a snapshot identifier /),
      },
    ]);
  });
});

describe("RESTORE_SNAPSHOT", () => {
  it("is known per database stack, previews included, and never shared nor for a key stack", () => {
    const names = knownVariableNames(["dev", "staging", "preview-7"], ["staging"]);
    expect(names.filter((name) => name.endsWith("RESTORE_SNAPSHOT"))).toEqual([
      "AURORA_DEV_RESTORE_SNAPSHOT",
      "AURORA_STAGING_RESTORE_SNAPSHOT",
      "AURORA_PREVIEW_7_RESTORE_SNAPSHOT",
    ]);
  });

  it("restores a preview too", () => {
    const app = testApp();
    const { preview } = defineStacks(app, { PREVIEW_ID: "7", AURORA_PREVIEW_7_RESTORE_SNAPSHOT: "alex-staging-2026-11-20" });
    expect(cluster(synthesize(preview!).json).snapshot_identifier).toBe("alex-staging-2026-11-20");
    expect(validationErrors(app)).toEqual([]);
  });

  it("as a shared variable is refused, naming a stack's", () => {
    expect(validationProblems(() => defineStacks(testApp(), { AURORA_RESTORE_SNAPSHOT: PROD_SNAPSHOT }))).toEqual([
      {
        property: "AURORA_RESTORE_SNAPSHOT",
        received: PROD_SNAPSHOT,
        allowed: expect.stringMatching(/^a variable the app reads; did you mean AURORA_\w+_RESTORE_SNAPSHOT\?$/),
      },
    ]);
  });
});

describe("every database stack without a restore", () => {
  it.each(databaseStackNames())("%s's cluster only gains the lifecycle that ignores a restore source", (name) => {
    const body = cluster(synthEnvironments()[name].json);
    expect(body.lifecycle).toEqual({ ignore_changes: ["snapshot_identifier", "restore_to_point_in_time"] });
    expect(body).toMatchObject({ database_name: PROJECT.databaseName, master_username: PROJECT.masterUsername });
    expect(body.snapshot_identifier).toBeUndefined();
    expect(body.restore_to_point_in_time).toBeUndefined();
  });
});
