/**
 * The three credentials modes: generated (5_database's behaviour), write-only (the same, never
 * in state) and managed by RDS.
 */
import { describe, expect, it } from "vitest";
import { passwordReferences } from "../support/secrets";
import { inHook, jsonDocument, onlyResource, policyStatements, ref, resourcesOf, resourceWhere, synthDatabase, type Block } from "../support/synth";

const statementsOf = (json: Block) => policyStatements(resourceWhere(json, "aws_iam_role_policy", "name", "test-lambda-aurora-policy").body);

describe('credentials: "generated"', () => {
  const generated = inHook(() => {
    const { json } = synthDatabase({ credentials: "generated" });
    return { json };
  });

  it("names, describes and tags the secret after the cluster, and writes its value in the shape of RDS's own secrets", () => {
    const { json } = synthDatabase({ credentials: "generated", tags: { Team: "data" } });
    // The database's name suffix (the other random_id marks the cluster's lifetime).
    const suffix = Object.keys(resourcesOf(json, "random_id")).find((name) => name.includes("Suffix"))!;
    const secret = onlyResource(json, "aws_secretsmanager_secret").body;
    expect(secret.name).toBe(`test-aurora-credentials-${ref("random_id", suffix, "hex")}`);
    expect(secret).toMatchObject({
      description: "Master credentials of the test-aurora-cluster Aurora cluster",
      tags: { Team: "data" },
    });
    const cluster = (attribute: string) => ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, attribute);
    expect(jsonDocument(onlyResource(json, "aws_secretsmanager_secret_version").body.secret_string)).toEqual({
      username: "dbadmin",
      password: ref("random_password", onlyResource(json, "random_password").name, "result"),
      engine: "postgres",
      host: cluster("endpoint"),
      port: cluster("port"),
      dbname: "app",
      dbClusterIdentifier: cluster("cluster_identifier"),
    });
  });

  it("creates the password, the secret and its value, and passes the password to the cluster", () => {
    const password = onlyResource(generated().json, "random_password").name;
    expect(onlyResource(generated().json, "aws_rds_cluster").body.master_password).toBe(ref("random_password", password, "result"));
    expect(onlyResource(generated().json, "aws_secretsmanager_secret_version").body.secret_string).toContain(`random_password.${password}.result`);
  });

  it("grants reading our secret", () => {
    const secret = onlyResource(generated().json, "aws_secretsmanager_secret").name;
    expect(statementsOf(generated().json)[1]!.Resource).toEqual([ref("aws_secretsmanager_secret", secret, "arn")]);
  });
});

describe('credentials: "managed"', () => {
  const managed = inHook(() => {
    const { json } = synthDatabase({ credentials: "managed" });
    const cluster = onlyResource(json, "aws_rds_cluster");
    const managedSecret = ref("aws_rds_cluster", cluster.name, "master_user_secret[0].secret_arn");
    return { json, cluster, managedSecret };
  });

  it("lets RDS create and rotate the secret: no password, secret or secret value of ours", () => {
    expect(managed().cluster.body.manage_master_user_password).toBe(true);
    expect(managed().cluster.body.master_password).toBeUndefined();
    expect(resourcesOf(managed().json, "random_password")).toEqual({});
    expect(resourcesOf(managed().json, "aws_secretsmanager_secret")).toEqual({});
    expect(resourcesOf(managed().json, "aws_secretsmanager_secret_version")).toEqual({});
  });

  it("grants the Data API caller the secret RDS manages", () => {
    expect(statementsOf(managed().json)[1]).toEqual({
      Sid: "ReadThisClusterSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [managed().managedSecret],
    });
  });

  it("keeps the random suffix for the final snapshot, and drops it when no snapshot is kept", () => {
    const suffix = onlyResource(managed().json, "random_id").name;
    expect(managed().cluster.body.final_snapshot_identifier).toBe(`test-aurora-cluster-final-${ref("random_id", suffix, "hex")}`);
    const noSnapshot = synthDatabase({ credentials: "managed", skipFinalSnapshot: true }).json;
    expect(resourcesOf(noSnapshot, "random_id")).toEqual({});
  });

  it("rotates the secret every 7 days by default, without a rotation function and without rotating on each schedule change", () => {
    expect(onlyResource(managed().json, "aws_secretsmanager_secret_rotation").body).toEqual({
      secret_id: managed().managedSecret,
      rotate_immediately: false,
      rotation_rules: { automatically_after_days: 7 },
    });
  });

  it("takes a rotation schedule in days or as a schedule expression", () => {
    const rules = (rotationSchedule: number | string) =>
      onlyResource(synthDatabase({ credentials: "managed", rotationSchedule }).json, "aws_secretsmanager_secret_rotation").body.rotation_rules;
    expect(rules(30)).toEqual({ automatically_after_days: 30 });
    expect(rules("cron(0 4 ? * SUN *)")).toEqual({ schedule_expression: "cron(0 4 ? * SUN *)" });
  });
});

describe('credentials: "write-only"', () => {
  const writeOnly = inHook(() => {
    const { json } = synthDatabase({ credentials: "write-only" });
    const cluster = onlyResource(json, "aws_rds_cluster");
    const value = onlyResource(json, "aws_secretsmanager_secret_version").body;
    const ephemeral = Object.entries(json.ephemeral?.random_password ?? {}) as [string, Block][];
    return { json, cluster, value, ephemeral };
  });

  it("draws the password from one ephemeral random_password with the generated mode's character rules", () => {
    expect(writeOnly().ephemeral).toHaveLength(1);
    expect(writeOnly().ephemeral[0]![1]).toEqual({ length: 32, special: true, override_special: "!#$%&*()-_=+[]{}<>:?" });
    expect(resourcesOf(writeOnly().json, "random_password")).toEqual({});
  });

  it("gives it to the cluster and the secret only through write-only arguments, with the same version", () => {
    const result = `ephemeral.random_password.${writeOnly().ephemeral[0]![0]}.result`;
    expect(writeOnly().cluster.body.master_password_wo).toBe(`\${${result}}`);
    expect(writeOnly().cluster.body.master_password_wo_version).toBe(1);
    expect(writeOnly().value.secret_string_wo).toContain(result);
    expect(writeOnly().value.secret_string_wo).toMatch(/^\$\{jsonencode\(/);
    expect(writeOnly().value.secret_string_wo_version).toBe(1);
  });

  it("leaves no password-bearing attribute on any resource, and nothing that would store it", () => {
    expect(passwordReferences(writeOnly().json)).toEqual([]);
    expect(writeOnly().cluster.body.master_password).toBeUndefined();
    expect(writeOnly().value.secret_string).toBeUndefined();
    const stored = Object.values(writeOnly().json.resource as Record<string, Record<string, Block>>).flatMap((blocks) =>
      Object.values(blocks).flatMap((body) =>
        Object.entries(body)
          .filter(([, attribute]) => JSON.stringify(attribute).includes("ephemeral."))
          .map(([name]) => name),
      ),
    );
    expect(stored.sort()).toEqual(["master_password_wo", "secret_string_wo"]);
  });

  it("rotates the password when passwordVersion changes: the cluster and the secret in the same apply", () => {
    const next = synthDatabase({ credentials: "write-only", passwordVersion: 2 }).json;
    expect(onlyResource(next, "aws_rds_cluster").body.master_password_wo_version).toBe(2);
    expect(onlyResource(next, "aws_secretsmanager_secret_version").body.secret_string_wo_version).toBe(2);
  });

  it("writes the secret again when the cluster is replaced, since a new cluster gets a new password", () => {
    const lifetime = Object.entries(resourcesOf(writeOnly().json, "random_id")).find(([, body]) => body.keepers !== undefined);
    expect(lifetime).toBeDefined();
    expect(writeOnly().value.lifecycle).toEqual({ replace_triggered_by: [`random_id.${lifetime![0]}`] });
    // The same holds when no final snapshot is kept: the random hex then exists only for this.
    const disposable = synthDatabase({ credentials: "write-only", skipFinalSnapshot: true }).json;
    expect(onlyResource(disposable, "aws_secretsmanager_secret_version").body.lifecycle.replace_triggered_by).toHaveLength(1);
  });

  it("keeps the generated mode's secret: same name, shape and recovery window", () => {
    expect(onlyResource(writeOnly().json, "aws_secretsmanager_secret").body).toMatchObject({ recovery_window_in_days: 30 });
    for (const key of ["username", "password", "engine", "host", "port", "dbname", "dbClusterIdentifier"])
      expect(writeOnly().value.secret_string_wo).toContain(`"${key}"`);
  });
});
