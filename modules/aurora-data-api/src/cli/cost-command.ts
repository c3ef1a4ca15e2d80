/**
 * `aurora-db cost`: each synthesized stack's monthly cost, from its cdk.tf.json alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { estimateStackCost, formatCostTable } from "../cost/estimate.js";
import type { Command } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { CliError } from "./io.js";

export const cost: Command = {
  summary: "estimate each stack's monthly cost from its synthesized cdk.tf.json",
  help: `Usage: aurora-db cost [--stack <name>]... [--out-dir <dir>] [--json]

Estimates the monthly cost of each synthesized stack (default: every stack in <out-dir>/stacks
that creates something billed, out-dir default cdktf.out) from its cdk.tf.json alone, without
calling AWS: compute at the minimum (idle) and maximum capacity for the writer and each reader,
storage and I/O rates, Performance Insights, KMS keys, secrets, proxy, alarms and dashboards.
Run npm run synth first.`,
  options: { stack: { type: "string", multiple: true }, "out-dir": { type: "string" }, json: { type: "boolean" } },
  async run(values, io) {
    const stacksDir = resolve(io.cwd, (values["out-dir"] as string | undefined) ?? "cdktf.out", "stacks");
    const named = values.stack as string[] | undefined;
    let stacks = named;
    if (stacks === undefined) {
      try {
        stacks = readdirSync(stacksDir).sort();
      } catch {
        throw new CliError(`no synthesized stacks in ${stacksDir}: run npm run synth (cdktf synth) first`, EXIT.config);
      }
    }
    const estimates = stacks.map((stack) => {
      let text: string;
      try {
        text = readFileSync(resolve(stacksDir, stack, "cdk.tf.json"), "utf8");
      } catch {
        throw new CliError(`stack ${stack} is not synthesized: no ${stack}/cdk.tf.json in ${stacksDir}`, EXIT.config);
      }
      return estimateStackCost(stack, JSON.parse(text));
    });
    // Listed by default, a stack that creates nothing billed (the pipeline's bootstrap stack:
    // IAM roles and policies) would be a block of zeros; named, it is shown as asked.
    const shown = named === undefined ? estimates.filter((estimate) => estimate.lines.length > 0) : estimates;
    io.stdout(values.json ? `${JSON.stringify(shown, null, 2)}\n` : formatCostTable(shown));
    return EXIT.ok;
  },
};
