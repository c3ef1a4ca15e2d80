import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("SecretsManager.4: rotation within 90 days", () => {
  it("fails no rotation, 120 days, rate(120 days), a quarterly cron, a fifth-weekday cron, and an RDS-managed secret rotated yearly", () => {
    expect(findingsOn("SecretsManager.4", "failing")).toEqual([
      "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.unrotated (unrotated)",
      "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.every_120_days (every-120-days)",
      "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.rate_120_days (rate-120-days)",
      "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.quarterly_cron (quarterly-cron)",
      "SecretsManager.4 the secret is not rotated within 90 days on aws_secretsmanager_secret.fifth_sunday_cron (fifth-sunday-cron)",
      "SecretsManager.4 the RDS-managed secret is not rotated within 90 days on aws_rds_cluster.managed_yearly (managed-yearly)",
    ]);
  });

  it("passes 30 days, rate(12 hours), weekly and monthly crons, an RDS-managed secret on RDS's default (7 days) and one rotated every 90 days", () => {
    expect(findingsOn("SecretsManager.4", "passing")).toEqual([]);
  });
});
