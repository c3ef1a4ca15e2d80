import { setting } from "../private/defaults";
import { defineControl } from "../private/define-control";
import { asList, resources } from "../private/document";

/**
 * Security Hub CloudWatch.15: a metric alarm has an action for the ALARM state; with checkov
 * CKV_AWS_319 (Security Hub's CloudWatch.17), its actions are enabled (`actions_enabled`, which
 * the provider defaults to true). An alarm that notifies nobody pages nobody.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export const CLOUDWATCH_15 = defineControl({
  id: "CloudWatch.15",
  checkov: ["CKV_AWS_319"],
  title: "alarms have an action for the ALARM state, and their actions are enabled",
  checks: "every `aws_cloudwatch_metric_alarm` has `alarm_actions`, and does not set `actions_enabled` to false",
  sources: ["https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html"],
  findings: (document, fail) =>
    resources(document, "aws_cloudwatch_metric_alarm").flatMap((alarm) => [
      ...(asList(setting(alarm, "alarm_actions")).length === 0 ? [fail(alarm, "the alarm has no action for the ALARM state")] : []),
      ...(setting(alarm, "actions_enabled") === false ? [fail(alarm, "the alarm's actions are disabled")] : []),
    ]),
});
