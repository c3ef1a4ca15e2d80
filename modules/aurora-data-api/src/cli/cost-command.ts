/**
 * `aurora-db cost`: each synthesized stack's monthly cost, from its cdk.tf.json alone.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { estimateStackCost, formatCostTable, roundEstimate, type UsageAssumptions } from "../cost/estimate.js";
import { defineCommand, type Command } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { CliError } from "./io.js";
import { synthesizedStacks } from "./outputs.js";

const SYNTH = "run npm run synth (cdktf synth, without --hcl) first";

export const cost: Command = defineCommand({
  help: `Usage: aurora-db cost [--stack <name>]... [--out-dir <dir>] [--json]
                      [--database-gb <n> [--daily-change-gb <n>]]

Estimates the monthly cost of each synthesized stack (default: every stack in <out-dir>/stacks
that creates something billed, out-dir default cdktf.out) from its cdk.tf.json alone, without
calling AWS: compute at the minimum (idle) and maximum capacity for the writer, each reader and
a global database's secondary, storage and I/O rates, backups, AWS Backup copies to another
region and their transfer, Global Database replicated write I/O, Performance Insights, KMS
keys, secrets, proxy, alarms and dashboards; and, for each cluster, Aurora Standard against
I/O-Optimized with the I/O a month (requests, share of the bill) above which I/O-Optimized costs less.
--database-gb   the database's size in GB: prices storage, backups and backup copies
                (default: none, so those show unit prices only and stay out of the totals)
--daily-change-gb  GB changed a day, kept by automated backups (default 0, a lower bound)
--json prints the estimates as data, in USD rounded to cents. Run npm run synth first.`,
  options: {
    stack: { type: "string", multiple: true },
    "out-dir": { type: "string" },
    json: { type: "boolean" },
    "database-gb": { type: "string" },
    "daily-change-gb": { type: "string" },
  },
  async run(values, io) {
    const usage = readUsage(values["database-gb"], values["daily-change-gb"]);
    const stacksDir = resolve(io.cwd, values["out-dir"] ?? "cdktf.out", "stacks");
    const named = values.stack;
    const synthesized = synthesizedStacks(stacksDir);
    if (synthesized === undefined || (synthesized.length === 0 && named === undefined)) {
      throw new CliError(
        `no synthesized stacks in ${stacksDir}: ${synthesized === undefined ? "the folder does not exist" : "the folder is empty"}; ${SYNTH}`,
        EXIT.config,
      );
    }
    const stacks = named ?? synthesized;
    const unreadable = stacks.filter((stack) => !existsSync(join(stacksDir, stack, "cdk.tf.json")));
    if (unreadable.length > 0) throw new CliError(whyNotSynthesized(unreadable, synthesized, stacksDir), EXIT.config);
    // Every synthesized stack, so that a backup copy to another stack's vault is priced in its region.
    const json: Record<string, unknown> = {};
    for (const stack of stacks) json[stack] = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8"));
    for (const stack of synthesized.filter((name) => !stacks.includes(name))) {
      const file = join(stacksDir, stack, "cdk.tf.json");
      try {
        if (existsSync(file)) json[stack] = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        // A stack not asked for that cannot be read only leaves a reference to it unresolved.
      }
    }
    const estimates = stacks.map((stack) => estimateStackCost(stack, json[stack], undefined, { usage, stacks: json }));
    // Listed by default, a stack that creates nothing billed (the pipeline's bootstrap stack:
    // IAM roles and policies) would be a block of zeros; named, it is shown as asked.
    const shown = named === undefined ? estimates.filter((estimate) => estimate.lines.length > 0) : estimates;
    if (values.json) io.stdout(`${JSON.stringify(shown.map(roundEstimate), null, 2)}\n`);
    else if (shown.length === 0) io.stdout(`no stack in ${stacksDir} creates anything billed (${stacks.join(", ")}): $0.00 a month\n`);
    else io.stdout(formatCostTable(shown));
    return EXIT.ok;
  },
});

/** --database-gb and --daily-change-gb as numbers of GB, 0 or more; the second only with the first. */
function readUsage(databaseGb: string | undefined, dailyChangeGb: string | undefined): Partial<UsageAssumptions> {
  const gb = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const number = value.trim() === "" ? Number.NaN : Number(value);
    if (!Number.isFinite(number) || number < 0) throw new CliError(`--${flag} must be a number of GB, 0 or more: received "${value}"`, EXIT.usage);
    return number;
  };
  const size = gb("database-gb", databaseGb);
  const change = gb("daily-change-gb", dailyChangeGb);
  if (change !== undefined && size === undefined)
    throw new CliError("--daily-change-gb needs --database-gb: the changes kept are priced with the database's size", EXIT.usage);
  return { databaseGb: size ?? null, dailyChangeGb: change ?? null };
}

/** Why these stacks have no cdk.tf.json: not synthesized at all, or synthesized as HCL. */
function whyNotSynthesized(stacks: readonly string[], synthesized: readonly string[], stacksDir: string): string {
  const absent = stacks.filter((stack) => !synthesized.includes(stack));
  const hcl = stacks.filter((stack) => existsSync(join(stacksDir, stack, "cdk.tf")));
  const empty = stacks.filter((stack) => synthesized.includes(stack) && !hcl.includes(stack));
  const verb = (names: readonly string[], one: string, many: string) =>
    `${names.length === 1 ? `stack ${names[0]} ${one}` : `stacks ${names.join(", ")} ${many}`}`;
  const reasons = [
    ...(absent.length > 0 ? [`${verb(absent, "is", "are")} not synthesized in ${stacksDir}, which has ${synthesized.join(", ") || "no stack"}`] : []),
    ...(hcl.length > 0 ? [`${verb(hcl, "was", "were")} synthesized with --hcl (cdk.tf), and the estimate reads cdk.tf.json`] : []),
    ...(empty.length > 0 ? [`${verb(empty, "has", "have")} no cdk.tf.json in ${stacksDir}`] : []),
  ];
  return `${reasons.join("; ")}: ${SYNTH}`;
}
