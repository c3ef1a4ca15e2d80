/**
 * AWS Backup schedules. A rule's `ScheduleExpression` is a cron expression
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html), which AWS
 * Backup does not take in the rate form (the AWS provider's maintainers, on AWS's API:
 * https://github.com/hashicorp/terraform-provider-aws/issues/8269), with EventBridge's cron syntax:
 * six fields, `Minutes Hours Day-of-month Month Day-of-week Year`, one of the two day fields `?`
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html). Snapshot
 * backups run at most hourly
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html), so
 * the minutes field names one minute.
 */

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const YEARS = { min: 1970, max: 2199 } as const;

/** What a schedule must be, in words. */
export const BACKUP_SCHEDULE_FORM =
  'an AWS Backup cron expression in UTC, "cron(Minutes Hours Day-of-month Month Day-of-week Year)", such as "cron(0 5 ? * * *)" (daily at 05:00)';

/** What is wrong with a schedule expression, in words; undefined when AWS Backup takes it. */
export function backupScheduleProblem(text: string): string | undefined {
  if (/^\s*rate\(/i.test(text)) return "a rate expression: AWS Backup takes cron expressions only (give the same interval as cron)";
  const cron = /^cron\((.*)\)$/s.exec(text);
  if (!cron) return 'not of the form "cron(…)"';
  const fields = cron[1]!.split(" ");
  if (fields.length !== 6 || fields.some((field) => field === "")) return "not six fields separated by single spaces";
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (!/^\d{1,2}$/.test(minutes) || Number(minutes) > 59) {
    return `its minutes field "${minutes}" is not one minute from 0 to 59: AWS Backup takes snapshots at most hourly`;
  }
  if (!isValueList(hours, 0, 23)) return `its hours field "${hours}" is not hours from 0 to 23 (with , - * /)`;
  if (!isDayOfMonth(dayOfMonth)) return `its day-of-month field "${dayOfMonth}" is not days from 1 to 31 (with , - * / L W) or ?`;
  if (!isValueList(month, 1, 12, MONTHS)) return `its month field "${month}" is not months from 1 to 12 or JAN to DEC (with , - * /)`;
  if (!isDayOfWeek(dayOfWeek)) return `its day-of-week field "${dayOfWeek}" is not days from 1 to 7 or SUN to SAT (with , - * L #) or ?`;
  if (!isValueList(year, YEARS.min, YEARS.max)) return `its year field "${year}" is not years from ${YEARS.min} to ${YEARS.max} (with , - * /)`;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) return "not exactly one of its day-of-month and day-of-week fields is ?";
  return undefined;
}

/** `*`, or a comma-separated list of values and ranges (`N`, `N-M`), each with an optional `/step`. */
function isValueList(field: string, min: number, max: number, names: readonly string[] = [], steps = true): boolean {
  return field.split(",").every((item) => {
    const match = /^(\*|(\w+)(?:-(\w+))?)(?:\/(\d{1,4}))?$/.exec(item);
    if (!match || (!steps && match[4] !== undefined)) return false;
    if (match[4] !== undefined && Number(match[4]) < 1) return false;
    if (match[1] === "*") return true;
    const from = valueOf(match[2]!, min, max, names);
    const to = match[3] === undefined ? from : valueOf(match[3], min, max, names);
    return from !== undefined && to !== undefined && from <= to;
  });
}

function valueOf(text: string, min: number, max: number, names: readonly string[]): number | undefined {
  const named = names.indexOf(text.toUpperCase());
  const number = named >= 0 ? named + min : /^\d{1,4}$/.test(text) ? Number(text) : undefined;
  return number !== undefined && number >= min && number <= max ? number : undefined;
}

/** `?`, `L` (last day), `LW` (last weekday), `NW` (weekday nearest day N), or days 1–31. */
function isDayOfMonth(field: string): boolean {
  if (field === "?" || field === "L" || field === "LW") return true;
  const weekday = /^(\d{1,2})W$/.exec(field);
  if (weekday) return valueOf(weekday[1]!, 1, 31, []) !== undefined;
  return isValueList(field, 1, 31);
}

/** `?`, `L`, `NL` (last such day of the month), `N#k` (k-th such day), or days 1–7 / SUN–SAT without steps. */
function isDayOfWeek(field: string): boolean {
  if (field === "?" || field === "L") return true;
  const special = /^(\w+)(?:L|#([1-5]))$/.exec(field);
  if (special && valueOf(special[1]!, 1, 7, WEEKDAYS) !== undefined) return true;
  return isValueList(field, 1, 7, WEEKDAYS, false);
}
