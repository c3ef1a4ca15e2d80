/**
 * Secrets Manager rotation schedules, with the limits of the Secrets Manager User Guide
 * ("Rotation schedules"): `rate(N hours|days)` or `cron(Minutes Hours Day-of-month Month
 * Day-of-week Year)`, rotating at most every four hours and at least every 999 days; or
 * `AutomaticallyAfterDays`, 1–1000 (Secrets Manager API, RotationRulesType).
 */

export const ROTATION_DAYS = { min: 1, max: 1000 } as const;
const MIN_HOURS_BETWEEN_ROTATIONS = 4;
const MAX_DAYS_BETWEEN_ROTATIONS = 999;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

export const ROTATION_SCHEDULE_RULES =
  `"rate(N hours)" with N from ${MIN_HOURS_BETWEEN_ROTATIONS}, "rate(N days)" with N from 1 to ${MAX_DAYS_BETWEEN_ROTATIONS}, ` +
  `or "cron(0 hours day-of-month month day-of-week *)" (minutes 0, year *, one of the two day fields "?", ` +
  `at least ${MIN_HOURS_BETWEEN_ROTATIONS} hours between rotations)`;

export function isRotationScheduleExpression(text: string): boolean {
  const rate = /^rate\(([1-9]\d{0,5}) (hours?|days?)\)$/.exec(text);
  if (rate) {
    const count = Number(rate[1]);
    return rate[2]!.startsWith("hour") ? count >= MIN_HOURS_BETWEEN_ROTATIONS && count <= MAX_DAYS_BETWEEN_ROTATIONS * 24 : count <= MAX_DAYS_BETWEEN_ROTATIONS;
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  return cron !== null && isCronSchedule(cron[1]!);
}

function isCronSchedule(fields: string): boolean {
  const parts = fields.split(" ");
  if (parts.length !== 6) return false;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts as [string, string, string, string, string, string];
  if (minutes !== "0" || year !== "*") return false;
  // AWS cron: one day field says "?" and the other picks the days.
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) return false;
  const hourList = expand(hours, 0, 23);
  const valid =
    hourList !== undefined &&
    (dayOfMonth === "?" || dayOfMonth === "L" || expand(dayOfMonth, 1, 31) !== undefined) &&
    expand(month, 1, 12, MONTHS) !== undefined &&
    (dayOfWeek === "?" || isDayOfWeek(dayOfWeek));
  if (!valid) return false;
  const daily = (dayOfMonth === "*" && dayOfWeek === "?") || (dayOfMonth === "?" && dayOfWeek === "*");
  return hoursApart(hourList, daily) >= MIN_HOURS_BETWEEN_ROTATIONS;
}

/** `2`, `MON`, `2-6`, `MON#1` (first Monday), `6L` (last Friday), or a list of the first three. */
function isDayOfWeek(field: string): boolean {
  const day = `([1-7]|${WEEKDAYS.join("|")})`;
  if (new RegExp(`^${day}#[1-5]$`).test(field) || new RegExp(`^${day}L$`).test(field)) return true;
  return expand(field, 1, 7, WEEKDAYS) !== undefined;
}

/** The values a field selects (`*`, `N`, `N-M`, with an optional `/step`, comma-separated). */
function expand(field: string, min: number, max: number, names: readonly string[] = []): number[] | undefined {
  const selected = new Set<number>();
  for (const item of field.split(",")) {
    const match = /^(\*|(\w+)(?:-(\w+))?)(?:\/([1-9]\d?))?$/.exec(item);
    if (!match) return undefined;
    const from = match[1] === "*" ? min : value(match[2]!, min, max, names);
    const to = match[1] === "*" ? max : match[3] === undefined ? (match[4] ? max : from) : value(match[3], min, max, names);
    if (from === undefined || to === undefined || to < from) return undefined;
    for (let v = from; v <= to; v += Number(match[4] ?? 1)) selected.add(v);
  }
  return [...selected].sort((a, b) => a - b);
}

function value(text: string, min: number, max: number, names: readonly string[]): number | undefined {
  const named = names.indexOf(text.toUpperCase());
  const number = named >= 0 ? named + min : /^\d{1,2}$/.test(text) ? Number(text) : undefined;
  return number !== undefined && number >= min && number <= max ? number : undefined;
}

/** The shortest time between two rotations of one day (and into the next, when every day rotates). */
function hoursApart(hours: readonly number[], daily: boolean): number {
  const gaps = hours.slice(1).map((hour, i) => hour - hours[i]!);
  if (daily) gaps.push(hours[0]! + 24 - hours.at(-1)!);
  return gaps.length === 0 ? Infinity : Math.min(...gaps);
}
