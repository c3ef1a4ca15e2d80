/**
 * No password or secret value in the synthesized configuration or its outputs.
 */
import { describe, expect, it } from "vitest";
import { passwordReferences, plaintextSecretPaths } from "../support/secrets";
import { databaseStackNames, environmentJson, onlyResource, resourcesOf } from "../support/synth";

describe.each(databaseStackNames())("managed credentials (%s)", (stackName) => {
  const json = environmentJson(stackName);

  it("leave no password anywhere in the configuration, nor in Terraform state", () => {
    expect(resourcesOf(json(), "random_password")).toEqual({});
    expect(resourcesOf(json(), "aws_secretsmanager_secret_version")).toEqual({});
    const cluster = onlyResource(json(), "aws_rds_cluster").body;
    expect(cluster.manage_master_user_password).toBe(true);
    expect(cluster.master_password).toBeUndefined();
    expect(cluster.master_password_wo).toBeUndefined();
  });
});

describe.each(databaseStackNames())("the %s stack", (stackName) => {
  const json = environmentJson(stackName);

  it("writes no password, secret value or token as plain text", () => {
    expect(plaintextSecretPaths(json())).toEqual([]);
  });

  it("marks no output sensitive, because none carries a secret", () => {
    for (const output of Object.values(json().output as Record<string, { sensitive?: boolean }>)) expect(output.sensitive).toBeUndefined();
  });
});

describe("the detectors", () => {
  it("catch a literal password, secret value or token", () => {
    const leaky = {
      resource: { aws_rds_cluster: { c: { master_password: "hunter2hunter2" } } },
      output: { x: { value: "${random_password.p.result}" } },
      terraform: { cloud: { token: "abc" } },
    };
    expect(plaintextSecretPaths(leaky)).toEqual(["$.resource.aws_rds_cluster.c.master_password", "$.terraform.cloud.token"]);
    expect(passwordReferences(leaky)).toEqual(["output.x"]);
  });
});
