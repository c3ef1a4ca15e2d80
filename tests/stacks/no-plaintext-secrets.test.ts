/**
 * No password or secret value in the synthesized configuration or its outputs.
 */
import { describe, expect, it } from "vitest";
import { passwordReferences, plaintextSecretPaths } from "../support/secrets";
import { onlyResource, synthEnvironments } from "../support/synth";

describe.each(Object.entries(synthEnvironments()))("the %s stack", (_, { json }) => {
  it("references the generated password only from the cluster and the secret's value", () => {
    expect(passwordReferences(json)).toEqual(["aws_rds_cluster.master_password", "aws_secretsmanager_secret_version.secret_string"]);
  });

  it("writes no password, secret value or token as plain text", () => {
    expect(plaintextSecretPaths(json)).toEqual([]);
  });

  it("puts the password into the secret through a reference, never a literal", () => {
    const secretString = onlyResource(json, "aws_secretsmanager_secret_version").body.secret_string as string;
    expect(secretString).toMatch(/"password" = random_password\.[A-Za-z0-9_]+\.result[,}]/);
  });

  it("marks no output sensitive, because none carries a secret", () => {
    for (const output of Object.values(json.output as Record<string, { sensitive?: boolean }>)) expect(output.sensitive).toBeUndefined();
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
