/**
 * databaseInsightsMode: CloudWatch Database Insights on the cluster, sent with the cluster's
 * Performance Insights settings (the instances' own), and the rules of its Advanced mode.
 */
import { type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { describeRules, type RuleCases } from "../support/rule-table";
import { createDatabase, dataRef, onlyDataSource, onlyResource, resourcesOf, synthDatabase, validationProblems, type Block } from "../support/synth";

type Props = Partial<AuroraPostgresServerlessProps>;

const INSIGHTS_ARGUMENTS = [
  "database_insights_mode",
  "performance_insights_enabled",
  "performance_insights_kms_key_id",
  "performance_insights_retention_period",
];

/** The cluster's Database Insights and Performance Insights arguments, and each instance's. */
function insights(props: Props) {
  const { json } = synthDatabase(props);
  const pick = (body: Block) => Object.fromEntries(Object.entries(body).filter(([name]) => INSIGHTS_ARGUMENTS.includes(name)));
  return {
    json,
    cluster: pick(onlyResource(json, "aws_rds_cluster").body),
    instances: Object.values(resourcesOf(json, "aws_rds_cluster_instance")).map(pick),
  };
}

describe("databaseInsightsMode", () => {
  it("sends Standard mode by default, with the instances' Performance Insights settings on the cluster", () => {
    const { json, cluster, instances } = insights({ readers: 1 });
    const awsManaged = dataRef("aws_kms_key", onlyDataSource(json, "aws_kms_key").name, "arn");
    expect(cluster).toEqual({
      database_insights_mode: "standard",
      performance_insights_enabled: true,
      performance_insights_kms_key_id: awsManaged,
      performance_insights_retention_period: 7,
    });
    const instanceSettings = Object.fromEntries(Object.entries(cluster).filter(([name]) => name !== "database_insights_mode"));
    expect(instances).toEqual([instanceSettings, instanceSettings]);
  });

  it("sends Advanced mode with the retention it needs, on the cluster and every instance", () => {
    const { cluster, instances } = insights({ databaseInsightsMode: "advanced", performanceInsightsRetentionDays: 465, readers: 1 });
    expect(cluster).toMatchObject({ database_insights_mode: "advanced", performance_insights_enabled: true, performance_insights_retention_period: 465 });
    for (const instance of instances) expect(instance).toMatchObject({ performance_insights_enabled: true, performance_insights_retention_period: 465 });
  });

  it("keeps Standard mode with Performance Insights off, naming no key or retention", () => {
    const { cluster, instances } = insights({ performanceInsights: false });
    expect(cluster).toEqual({ database_insights_mode: "standard", performance_insights_enabled: false });
    expect(instances).toEqual([{ performance_insights_enabled: false }]);
  });
});

const RULES: readonly RuleCases[] = [
  {
    rule: 'databaseInsightsMode is "standard" or "advanced"',
    failing: [
      [{ databaseInsightsMode: "ADVANCED" as never }, "databaseInsightsMode", "ADVANCED"],
      [{ databaseInsightsMode: true as never }, "databaseInsightsMode", true],
    ],
    passing: [{ databaseInsightsMode: "standard" }, { databaseInsightsMode: "advanced", performanceInsightsRetentionDays: 465 }],
    allowed: /"standard" or "advanced"/,
  },
  {
    rule: "Advanced mode needs Performance Insights",
    failing: [[{ databaseInsightsMode: "advanced", performanceInsights: false, performanceInsightsRetentionDays: 465 }, "databaseInsightsMode", "advanced"]],
    passing: [{ databaseInsightsMode: "standard", performanceInsights: false }],
    allowed: /while performanceInsights is false: Advanced mode reads Performance Insights/,
  },
  {
    rule: "Advanced mode needs a retention of at least 465 days",
    failing: [
      [{ databaseInsightsMode: "advanced" }, "databaseInsightsMode", "advanced"],
      [{ databaseInsightsMode: "advanced", performanceInsightsRetentionDays: 434 }, "databaseInsightsMode", "advanced"],
    ],
    passing: [
      { databaseInsightsMode: "advanced", performanceInsightsRetentionDays: 465 },
      { databaseInsightsMode: "advanced", performanceInsightsRetentionDays: 731 },
      // Standard mode keeps Performance Insights' paid retention, billed as before.
      { databaseInsightsMode: "standard", performanceInsightsRetentionDays: 93 },
    ],
    allowed: /while performanceInsightsRetentionDays is (7|434): Advanced mode needs a Performance Insights retention of at least 465 days/,
  },
];

describeRules(RULES, createDatabase);

it("names the related props in the problem", () => {
  const [problem] = validationProblems(() => createDatabase({ databaseInsightsMode: "advanced", performanceInsightsRetentionDays: 31 }));
  expect(problem).toMatchObject({ property: "databaseInsightsMode", received: "advanced", related: ["performanceInsightsRetentionDays"] });
  expect(problem!.allowed).toBe(
    '"standard" while performanceInsightsRetentionDays is 31: Advanced mode needs a Performance Insights retention of at least 465 days ' +
      "(set performanceInsightsRetentionDays: 465, included in its price)",
  );
});
