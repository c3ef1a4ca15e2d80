/**
 * The disaster-recovery settings of the table (backups, disasterRecoveryCopies, globalSecondary):
 * the shipped rows pinned, and the rows the table's rules refuse, shown on scratch copies of the
 * table (tests/stacks/disaster-recovery.test.ts shows the app stopping on them).
 */
import { DAILY_WEEKLY_MONTHLY_RULES } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { PREVIEW_SETTINGS } from "../../stacks/app";
import {
  BACKUP_RULES,
  checkSettingsTable,
  ENVIRONMENTS,
  settingsTableProblems,
  type EnvironmentName,
  type EnvironmentSettings,
} from "../../stacks/environments";
import { validationProblems } from "../support/synth";

/** A scratch copy of the settings table with one row changed. */
const withRow = (environment: EnvironmentName, change: Partial<EnvironmentSettings>): Record<EnvironmentName, EnvironmentSettings> => ({
  ...ENVIRONMENTS,
  [environment]: { ...ENVIRONMENTS[environment], ...change },
});

describe("the shipped rows", () => {
  it("back up staging daily and prod daily, weekly and monthly, copy prod's recovery points to its disaster-recovery region, and keep the global secondary off", () => {
    const settings = (name: keyof typeof ENVIRONMENTS) => {
      const row: EnvironmentSettings = ENVIRONMENTS[name];
      return [row.backups, row.disasterRecoveryCopies, row.globalSecondary];
    };
    expect(settings("dev")).toEqual(["none", false, false]);
    expect(settings("staging")).toEqual(["daily", false, false]);
    expect(settings("prod")).toEqual(["daily-weekly-monthly", true, false]);
  });

  it("name the rules of each setting: one daily rule kept 7 days, or the module's daily, weekly and monthly preset", () => {
    expect(BACKUP_RULES.daily).toEqual([{ name: "daily", schedule: "cron(0 5 ? * * *)", retentionDays: 7 }]);
    expect(BACKUP_RULES["daily-weekly-monthly"]).toEqual(DAILY_WEEKLY_MONTHLY_RULES);
  });

  it("pass the table's rules, the previews' row included", () => {
    expect(settingsTableProblems(ENVIRONMENTS, PREVIEW_SETTINGS)).toEqual([]);
    expect(() => checkSettingsTable()).not.toThrow();
  });
});

describe("a row the app refuses", () => {
  it("a global secondary with credentials managed by RDS, which AWS refuses in a global database, naming the setting", () => {
    expect(validationProblems(() => checkSettingsTable(withRow("prod", { globalSecondary: true })))).toEqual([
      {
        property: "prod.globalSecondary",
        received: true,
        allowed:
          'false with credentials "managed": AWS refuses RDS-managed master passwords in a global database (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations); set credentials "generated" in the same row to turn it on',
      },
    ]);
    expect(() => checkSettingsTable(withRow("prod", { globalSecondary: true }))).toThrow(
      /^The settings table \(stacks\/environments\.ts\) has 1 invalid input:\n {2}- prod\.globalSecondary: received true/,
    );
  });

  it("accepts the global secondary once the row's credentials are generated", () => {
    expect(settingsTableProblems(withRow("prod", { globalSecondary: true, credentials: "generated" }), PREVIEW_SETTINGS)).toEqual([]);
  });

  it("backups without the key stack that keeps their vault", () => {
    expect(validationProblems(() => checkSettingsTable(withRow("dev", { backups: "daily" })))).toEqual([
      {
        property: "dev.backups",
        received: "daily",
        allowed:
          '"none" without a key stack (encryptionKey "aws-managed"): the vault of the recovery points lives in the long-lived stack dev-key, which must outlive the database stack; set encryptionKey "key-stack" to keep backups',
      },
    ]);
  });

  it("copies without backups to copy", () => {
    expect(validationProblems(() => checkSettingsTable(withRow("prod", { backups: "none" })))).toEqual([
      {
        property: "prod.disasterRecoveryCopies",
        received: true,
        allowed: 'false without backups (backups "none"): the copies are those of the backup plan\'s recovery points',
      },
    ]);
  });

  it("backups, copies or a global secondary in the row every preview takes, each named, all at once", () => {
    const table = withRow(PREVIEW_SETTINGS, {
      encryptionKey: "key-stack",
      backups: "daily",
      disasterRecoveryCopies: true,
      globalSecondary: true,
      credentials: "generated",
    });
    const problems = validationProblems(() => checkSettingsTable(table, PREVIEW_SETTINGS));
    expect(problems.map((problem) => [problem.property, problem.received])).toEqual([
      [`${PREVIEW_SETTINGS}.backups`, "daily"],
      [`${PREVIEW_SETTINGS}.disasterRecoveryCopies`, true],
      [`${PREVIEW_SETTINGS}.globalSecondary`, true],
    ]);
    expect(problems[0]!.allowed).toBe(`"none": every preview takes ${PREVIEW_SETTINGS}'s settings, and a preview has no key or disaster-recovery stack`);
    // The same row is fine when no preview takes it.
    expect(settingsTableProblems(table)).toEqual([]);
  });
});
