/**
 * The IAM actions the construct's grants give, for policies of your own that must allow the same
 * (a deployment role, a permissions boundary).
 */

/** The five Data API actions. `rds-data:ExecuteSql` is Serverless v1 only and never granted. */
export const DATA_API_ACTIONS = [
  "rds-data:BatchExecuteStatement",
  "rds-data:BeginTransaction",
  "rds-data:CommitTransaction",
  "rds-data:ExecuteStatement",
  "rds-data:RollbackTransaction",
] as const;

/** The Performance Insights read API that `grantPerformanceInsightsRead` gives, on the metrics of the given instances only. */
export const PERFORMANCE_INSIGHTS_READ_ACTIONS = [
  "pi:DescribeDimensionKeys",
  "pi:GetDimensionKeyDetails",
  "pi:GetResourceMetadata",
  "pi:GetResourceMetrics",
  "pi:ListAvailableResourceDimensions",
  "pi:ListAvailableResourceMetrics",
] as const;
