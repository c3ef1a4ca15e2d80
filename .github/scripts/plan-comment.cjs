/* global module */
// The pull request's plan comment, built from the per-stack summaries that
// tfc-plan-summary.sh writes. Used by plan.yml (actions/github-script) and by the tests.
"use strict";

const MARKER = "<!-- aurora-terraform-cloud-plan -->";

const count = (value) => (value === null || value === undefined ? "-" : String(value));

/**
 * @param {string[]} stacks every stack that was to be planned, in the settings table's order
 * @param {object[]} summaries the summaries that exist (a stack without one shows "no plan")
 * @param {string[]} [deployOnly] the stacks of environments without pull-request plans
 * @returns {string} the comment's Markdown
 */
function planComment(stacks, summaries, deployOnly = []) {
  const byStack = new Map(summaries.map((summary) => [summary.stack, summary]));
  const rows = stacks.map((stack) => byStack.get(stack) ?? { stack, status: "no plan", link: "" });
  const lines = [MARKER, "## Terraform Cloud plans", ""];
  for (const s of rows.filter((row) => (row.cluster ?? []).length > 0)) {
    const what = s.cluster.map((c) => `\`${c.address}\` (${c.action})`).join(", ");
    lines.push("> [!CAUTION]", `> **${s.stack}: this plan DESTROYS or REPLACES the Aurora cluster: ${what}. Data would be lost.**`, "");
  }
  for (const s of rows.filter((row) => row.clusterCheck === "unverified")) {
    lines.push(
      "> [!WARNING]",
      `> **${s.stack}**: the plan destroys ${count(s.destroy)} resources and its log holds no structured plan, so whether the Aurora cluster is among them is unverified. Open the run.`,
      "",
    );
  }
  lines.push("| stack | add | change | destroy | run |", "|---|---|---|---|---|");
  for (const s of rows) {
    const run = s.link ? `[${s.status}](${s.link})` : s.status;
    lines.push(`| ${s.stack} | ${count(s.add)} | ${count(s.change)} | ${count(s.destroy)} | ${run} |`);
  }
  for (const stack of deployOnly) lines.push(`| ${stack} | - | - | - | planned by the deploy of main only |`);
  return lines.join("\n");
}

module.exports = { MARKER, planComment };
