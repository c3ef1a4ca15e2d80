import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("SecretsManager.1: secret rotation", () => {
  it("fails a secret that no rotation names, even when another secret rotates", () => {
    expect(findingsOn("SecretsManager.1", "failing")).toEqual([
      "SecretsManager.1 the secret does not rotate on aws_secretsmanager_secret.unrotated (unrotated)",
    ]);
  });

  it("passes a secret with a rotation, and an RDS-managed secret (RDS rotates it)", () => {
    expect(findingsOn("SecretsManager.1", "passing")).toEqual([]);
  });
});
