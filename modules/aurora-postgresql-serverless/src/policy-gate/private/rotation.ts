/** How often a secret rotates, from the rules of its `aws_secretsmanager_secret_rotation`. */
import { asList, type Resource } from "./document";

/** RDS turns rotation on for the master user secret it manages, every 7 days unless told otherwise. */
export const RDS_MANAGED_ROTATION_DAYS = 7;

/** A cron schedule that runs every month runs at least every 62 days: days 29–31 skip the months without them. */
const MONTHLY_CRON_MAX_DAYS = 62;

/**
 * The longest time between two rotations that the rotation's rules guarantee, in days; undefined
 * when the rules give no bound that can be read at synth.
 */
export function rotationIntervalDays(rotation: Resource): number | undefined {
  const rules = asList(rotation.body.rotation_rules)[0] as Record<string, unknown> | undefined;
  if (typeof rules?.automatically_after_days === "number") return rules.automatically_after_days;
  const schedule = typeof rules?.schedule_expression === "string" ? rules.schedule_expression.trim() : "";
  const rate = /^rate\((\d+) (hour|day)s?\)$/.exec(schedule);
  if (rate) return Number(rate[1]) / (rate[2] === "hour" ? 24 : 1);
  return runsEveryMonth(schedule) ? MONTHLY_CRON_MAX_DAYS : undefined;
}

/** `cron(minutes hours day-of-month month day-of-week year)` with every month and year, and no fifth weekday (some months lack one). */
function runsEveryMonth(schedule: string): boolean {
  const fields = /^cron\((.*)\)$/.exec(schedule)?.[1]!.trim().split(/\s+/);
  if (fields?.length !== 6) return false;
  const [, , , month, dayOfWeek, year] = fields;
  return month === "*" && year === "*" && !dayOfWeek!.includes("#5");
}
