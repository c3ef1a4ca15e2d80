import { describe, expect, it } from "vitest";
import { findingsOn } from "./evaluate";

describe("CloudWatch.15: alarms act on the ALARM state", () => {
  it("fails an alarm without an ALARM action (OK actions alone notify nobody of a breach), and one whose actions are disabled", () => {
    expect(findingsOn("CloudWatch.15", "failing")).toEqual([
      "CloudWatch.15 the alarm has no action for the ALARM state on aws_cloudwatch_metric_alarm.no_actions (no-actions)",
      "CloudWatch.15 the alarm has no action for the ALARM state on aws_cloudwatch_metric_alarm.ok_actions_only (ok-actions-only)",
      "CloudWatch.15 the alarm's actions are disabled on aws_cloudwatch_metric_alarm.actions_disabled (actions-disabled)",
    ]);
  });

  it("passes alarms with an ALARM action, their actions enabled explicitly or by the provider's default", () => {
    expect(findingsOn("CloudWatch.15", "passing")).toEqual([]);
  });
});
