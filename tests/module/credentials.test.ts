/**
 * The two credentials modes: generated (5_database's behaviour) and managed by RDS.
 */
import { describe, expect, it } from "vitest";
import { type Block, onlyResource, policyStatements, ref, resourceWhere, resourcesOf, synthDatabase } from "../support/synth";

const statementsOf = (json: Block) => policyStatements(resourceWhere(json, "aws_iam_role_policy", "name", "test-lambda-aurora-policy").body);

describe('credentials: "generated"', () => {
  const { json } = synthDatabase({ credentials: "generated" });

  it("creates the password, the secret and its value, and passes the password to the cluster", () => {
    const password = onlyResource(json, "random_password").name;
    expect(onlyResource(json, "aws_rds_cluster").body.master_password).toBe(ref("random_password", password, "result"));
    expect(onlyResource(json, "aws_secretsmanager_secret_version").body.secret_string).toContain(`random_password.${password}.result`);
  });

  it("grants reading our secret", () => {
    const secret = onlyResource(json, "aws_secretsmanager_secret").name;
    expect(statementsOf(json)[1]!.Resource).toEqual([ref("aws_secretsmanager_secret", secret, "arn")]);
  });
});

describe('credentials: "managed"', () => {
  const { json } = synthDatabase({ credentials: "managed" });
  const cluster = onlyResource(json, "aws_rds_cluster");
  const managedSecret = ref("aws_rds_cluster", cluster.name, "master_user_secret[0].secret_arn");

  it("lets RDS create and rotate the secret: no password, secret or secret value of ours", () => {
    expect(cluster.body.manage_master_user_password).toBe(true);
    expect(cluster.body.master_password).toBeUndefined();
    expect(resourcesOf(json, "random_password")).toEqual({});
    expect(resourcesOf(json, "aws_secretsmanager_secret")).toEqual({});
    expect(resourcesOf(json, "aws_secretsmanager_secret_version")).toEqual({});
  });

  it("grants the Data API caller the secret RDS manages", () => {
    expect(statementsOf(json)[1]).toEqual({
      Sid: "ReadThisClusterSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [managedSecret],
    });
  });

  it("keeps the random suffix for the final snapshot, and drops it when no snapshot is kept", () => {
    const suffix = onlyResource(json, "random_id").name;
    expect(cluster.body.final_snapshot_identifier).toBe(`test-aurora-cluster-final-${ref("random_id", suffix, "hex")}`);
    const noSnapshot = synthDatabase({ credentials: "managed", skipFinalSnapshot: true }).json;
    expect(resourcesOf(noSnapshot, "random_id")).toEqual({});
  });
});
