/**
 * CloudWatch Database Insights (`databaseInsightsMode`): its type and the rules of its Advanced
 * mode.
 *
 * Sources: "Considerations for Database Insights for Amazon Aurora"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DatabaseInsights.Considerations.html):
 * Advanced mode needs Performance Insights with a retention of at least 465 days (15 months),
 * at no cost beyond Database Insights' own; every instance of the cluster must have the same
 * Performance Insights and Enhanced Monitoring settings, which this construct always gives them.
 * Standard mode keeps any Performance Insights retention, billed as before, since Performance
 * Insights' end of life on 2026-07-31
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_PerfInsights.Enabling.html).
 */
import type { DatabaseInsightsMode } from "../../props";
import type { ResolvedProps } from "../resolved-props";
import { oneOf, rulesFor, type Rule } from "./engine";

export const DATABASE_INSIGHTS_MODES = ["standard", "advanced"] as const satisfies readonly DatabaseInsightsMode[];

export const DATABASE_INSIGHTS_MODE = oneOf(...DATABASE_INSIGHTS_MODES);

/** The shortest Performance Insights retention Advanced mode accepts, in days. */
export const ADVANCED_MINIMUM_RETENTION_DAYS = 465;

const rule = rulesFor<ResolvedProps>();

export const DATABASE_INSIGHTS_RULES: readonly Rule<ResolvedProps>[] = [
  rule("databaseInsightsMode", {
    involves: ["performanceInsights"],
    check: (mode, p) => mode !== "advanced" || p.performanceInsights,
    allowed: '"standard" while performanceInsights is false: Advanced mode reads Performance Insights (set performanceInsights: true)',
  }),
  rule("databaseInsightsMode", {
    involves: ["performanceInsightsRetentionDays"],
    check: (mode, p) => mode !== "advanced" || p.performanceInsightsRetentionDays >= ADVANCED_MINIMUM_RETENTION_DAYS,
    allowed: (_, p) =>
      `"standard" while performanceInsightsRetentionDays is ${p.performanceInsightsRetentionDays}: Advanced mode needs a Performance Insights ` +
      `retention of at least ${ADVANCED_MINIMUM_RETENTION_DAYS} days (set performanceInsightsRetentionDays: ${ADVANCED_MINIMUM_RETENTION_DAYS}, included in its price)`,
  }),
];
