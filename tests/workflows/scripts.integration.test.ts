/**
 * The shell logic of the workflows (.github/scripts), run with bash, jq and curl against a local
 * stand-in for Terraform Cloud that answers with responses recorded in the shapes HashiCorp
 * documents:
 *
 * - GET /runs/:id?include=plan, list runs in a workspace (filter[status_group]), discard and
 *   cancel: https://developer.hashicorp.com/terraform/cloud-docs/api-docs/run
 * - the plan object and its log-read-url: https://developer.hashicorp.com/terraform/cloud-docs/api-docs/plans
 * - the plan log of a run with structured run output, Terraform's machine-readable UI
 *   (planned_change, change_summary): https://developer.hashicorp.com/terraform/internals/machine-readable-ui
 * - show workspace and safe delete (204, 404, 409):
 *   https://developer.hashicorp.com/terraform/cloud-docs/api-docs/workspaces
 *
 * Every test works in its own temporary directory and removes it; backoff waits are set to 0.
 */
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCRIPTS, type ScriptResult, runScript, startTerraformCloud, temporaryDirectory, withAppManifest } from "./support";

type Stub = Awaited<ReturnType<typeof startTerraformCloud>>;

let work: ReturnType<typeof temporaryDirectory>;
let stub: Stub | undefined;
beforeEach(() => {
  work = temporaryDirectory("workflow-script");
});
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  work.remove();
});

const TOKEN = "plan-token-for-tests";
const read = (file: string) => readFileSync(join(work.path, file), "utf8");

describe("tfc-plan-summary.sh: what a plan-only token can tell about a run", () => {
  async function summarize(runFixture: string, log: string, env: Record<string, string> = {}) {
    const runId = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures/tfc", runFixture), "utf8")).data.id as string;
    stub = await startTerraformCloud({
      [`GET /api/v2/runs/${runId}?include=plan`]: { status: 200, fixture: runFixture },
      [`GET /archivist/v1/object/${log}`]: { status: 200, fixture: `plan-${log}.log` },
    });
    const result = await runScript("tfc-plan-summary.sh", {
      STACK: "prod",
      RUN_ID: runId,
      RUN_LINK: `https://app.terraform.io/app/acme/alex-database-prod/runs/${runId}`,
      TF_API_TOKEN: TOKEN,
      TFC_API_URL: stub.api,
      SUMMARY_FILE: join(work.path, "summary.json"),
      GITHUB_OUTPUT: join(work.path, "output"),
      GITHUB_STEP_SUMMARY: join(work.path, "step-summary.md"),
      ...env,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return { result, summary: JSON.parse(read("summary.json")), output: read("output"), markdown: read("step-summary.md"), requests: stub.requests };
  }

  it("finds a planned replace of the cluster in the structured plan log", async () => {
    const { summary, markdown } = await summarize("run-cluster-replace.json", "cluster-replace");
    expect(summary).toMatchObject({ stack: "prod", status: "planned", add: 2, change: 1, destroy: 2, clusterCheck: "checked", confirmable: true });
    // The instance is replaced too, but only the cluster holds the data.
    expect(summary.cluster).toEqual([{ address: "aws_rds_cluster.Database_Cluster_C6094C50", action: "replace" }]);
    expect(markdown).toContain("[!CAUTION]");
    expect(markdown).toContain("`aws_rds_cluster.Database_Cluster_C6094C50` (replace)");
  });

  it("reads only what a plan-only team token may read: the run with its plan, and the pre-signed log without the token", async () => {
    const { requests } = await summarize("run-cluster-replace.json", "cluster-replace");
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "GET /api/v2/runs/run-CZcmD7eagjhyX0vN?include=plan",
      "GET /archivist/v1/object/cluster-replace",
    ]);
    expect(requests[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(requests[1]!.authorization).toBeUndefined();
    expect(requests.some((request) => request.url.includes("json-output"))).toBe(false);
  });

  it("does not flag a replace of another resource type", async () => {
    const { summary, markdown } = await summarize("run-instance-replace.json", "instance-replace");
    expect(summary).toMatchObject({ destroy: 1, cluster: [], clusterCheck: "checked" });
    expect(markdown).not.toContain("[!CAUTION]");
  });

  it("says 'unverified', never 'safe', when the plan destroys something and its log holds no structured plan", async () => {
    const { summary, markdown } = await summarize("run-unstructured.json", "unstructured");
    expect(summary).toMatchObject({ destroy: 3, cluster: [], clusterCheck: "unverified" });
    expect(markdown).toContain("[!WARNING]");
    expect(markdown).toContain("unverified");
  });

  it("publishes the counts and the run link as the job summary, and whether the run waits for confirmation", async () => {
    const { markdown, output } = await summarize("run-cluster-replace.json", "cluster-replace", { APPROVAL_ENVIRONMENT: "production" });
    expect(markdown).toContain("### prod: [planned](https://app.terraform.io/app/acme/alex-database-prod/runs/run-CZcmD7eagjhyX0vN)");
    expect(markdown).toContain("| add | change | destroy |\n|---|---|---|\n| 2 | 1 | 2 |");
    expect(markdown).toContain("Approving the `production` environment applies this run");
    expect(output).toContain("confirmable=true");
  });

  it("reports a plan without changes as not confirmable, so no approval is asked", async () => {
    const { summary, output, markdown } = await summarize("run-no-changes.json", "no-changes", { APPROVAL_ENVIRONMENT: "production" });
    expect(summary).toMatchObject({ status: "planned_and_finished", hasChanges: false, destroy: 0, confirmable: false });
    expect(output).toContain("confirmable=false");
    expect(markdown).not.toContain("Approving");
  });

  it("keeps the run link of a failed plan", async () => {
    const { summary } = await summarize("run-errored.json", "errored");
    expect(summary).toMatchObject({ status: "errored", link: "https://app.terraform.io/app/acme/alex-database-prod/runs/run-PlanErrored00000" });
  });

  it("writes a summary when no run was created", async () => {
    const result = await runScript("tfc-plan-summary.sh", {
      STACK: "dev",
      RUN_ID: "",
      NO_RUN_STATUS: "no run: the configuration upload or the run creation failed",
      SUMMARY_FILE: join(work.path, "summary.json"),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(read("summary.json"))).toMatchObject({ stack: "dev", status: "no run: the configuration upload or the run creation failed", clusterCheck: "not-run" });
  });

  it("fails, after writing what it knows, when the run cannot be read", async () => {
    stub = await startTerraformCloud({ "GET /api/v2/runs/run-Missing?include=plan": { status: 404, fixture: "error-404.json" } });
    const result = await runScript("tfc-plan-summary.sh", {
      STACK: "dev",
      RUN_ID: "run-Missing",
      RUN_LINK: "https://app.terraform.io/app/acme/alex-database-dev/runs/run-Missing",
      TF_API_TOKEN: TOKEN,
      TFC_API_URL: stub.api,
      SUMMARY_FILE: join(work.path, "summary.json"),
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(read("summary.json"))).toMatchObject({ link: "https://app.terraform.io/app/acme/alex-database-dev/runs/run-Missing" });
  });
});

describe("tfc-discard-runs.sh: no confirmable run of a failed deploy is left in the queue", () => {
  const MARKER = "[github-run 123456 prod]";
  const routes = (list: string) => ({
    "GET /api/v2/organizations/acme/workspaces/alex-database-prod": { status: 200, fixture: "workspace-prod.json" },
    "GET /api/v2/workspaces/ws-SihZTyXKfNXUWuUa/runs?filter%5Bstatus_group%5D=non_final&page%5Bsize%5D=100": { status: 200, fixture: list },
    "GET /api/v2/runs/run-OursAwaitsConfirm": { status: 200, fixture: "run-planned.json" },
    "GET /api/v2/runs/run-OursStillPlanning": { status: 200, fixture: "run-planning.json" },
    "GET /api/v2/runs/run-OursIsApplying000": { status: 200, fixture: "run-applying.json" },
    "POST /api/v2/runs/run-OursAwaitsConfirm/actions/discard": { status: 202 },
    "POST /api/v2/runs/run-OursStillPlanning/actions/cancel": { status: 202 },
  });
  const discard = (env: Record<string, string> = {}) =>
    runScript("tfc-discard-runs.sh", {
      TF_API_TOKEN: "apply-token-for-tests",
      TF_CLOUD_ORGANIZATION: "acme",
      WORKSPACE: "alex-database-prod",
      RUN_MARKER: MARKER,
      TFC_API_URL: stub!.api,
      ...env,
    });
  const actions = () => stub!.requests.filter((request) => request.method === "POST").map((request) => request.url);

  it("discards this deploy's confirmable run, cancels its planning run, and never interrupts an apply", async () => {
    stub = await startTerraformCloud(routes("runs-non-final.json"));
    const result = await discard();
    expect(result.code).toBe(0);
    expect(actions()).toEqual(["/api/v2/runs/run-OursAwaitsConfirm/actions/discard", "/api/v2/runs/run-OursStillPlanning/actions/cancel"]);
    expect(result.stdout).toContain("Discarded run-OursAwaitsConfirm (was planned).");
    expect(result.stdout).toContain("Left run-OursIsApplying000 as it is: applying.");
    expect(stub.requests.every((request) => request.authorization === "Bearer apply-token-for-tests")).toBe(true);
    expect(JSON.parse(stub.requests.find((request) => request.url.endsWith("/discard"))!.body)).toEqual({
      comment: `The GitHub deploy (${MARKER}) did not apply this run.`,
    });
  });

  it("leaves the runs of others alone, and discards the run it was told about", async () => {
    stub = await startTerraformCloud(routes("runs-non-final-none-ours.json"));
    const result = await discard({ RUN_ID: "run-OursAwaitsConfirm" });
    expect(result.code).toBe(0);
    expect(actions()).toEqual(["/api/v2/runs/run-OursAwaitsConfirm/actions/discard"]);
  });

  it("does nothing when no run of this deploy is unfinished", async () => {
    stub = await startTerraformCloud(routes("runs-non-final-none-ours.json"));
    const result = await discard();
    expect(result.code).toBe(0);
    expect(actions()).toEqual([]);
  });

  it("fails when Terraform Cloud refuses the token", async () => {
    stub = await startTerraformCloud({ "GET /api/v2/organizations/acme/workspaces/alex-database-prod": { status: 404, fixture: "error-404.json" } });
    expect((await discard()).code).not.toBe(0);
  });
});

describe("tfc-delete-workspace.sh: deleting a preview workspace right after its destroy", () => {
  const PATH = "POST /api/v2/organizations/acme/workspaces/alex-database-preview-42/actions/safe-delete";
  const CONFLICT = { status: 409, fixture: "error-409-safe-delete.json" };
  const remove = (attempts = "6") =>
    runScript("tfc-delete-workspace.sh", {
      TF_API_TOKEN: TOKEN,
      TF_CLOUD_ORGANIZATION: "acme",
      WORKSPACE: "alex-database-preview-42",
      TFC_API_URL: stub!.api,
      DELETE_ATTEMPTS: attempts,
      RETRY_DELAY_SECONDS: "0",
    });
  const attempts = () => stub!.requests.length;

  it("retries while Terraform Cloud answers 409, then deletes", async () => {
    stub = await startTerraformCloud({ [PATH]: [CONFLICT, CONFLICT, { status: 204 }] });
    const result: ScriptResult = await remove();
    expect(result.code).toBe(0);
    expect(attempts()).toBe(3);
    expect(result.stdout).toContain("Attempt 1/6: HTTP 409. Workspace is not safe to delete because it is managing resources");
    expect(result.stdout).toContain("Deleted workspace alex-database-preview-42.");
  });

  it("gives up after the last attempt with a message that says what is left to do", async () => {
    stub = await startTerraformCloud({ [PATH]: CONFLICT });
    const result = await remove("4");
    expect(result.code).toBe(1);
    expect(attempts()).toBe(4);
    expect(result.stdout).toContain("::error title=Preview workspace not deleted::Terraform Cloud still refused to delete alex-database-preview-42 after 4 attempts");
    expect(result.stdout).toContain("delete the workspace in Terraform Cloud, or re-run this job");
  });

  it("retries a server error too", async () => {
    stub = await startTerraformCloud({ [PATH]: [{ status: 503 }, { status: 204 }] });
    expect((await remove()).code).toBe(0);
    expect(attempts()).toBe(2);
  });

  it("fails at once on a refusal that waiting cannot fix", async () => {
    stub = await startTerraformCloud({ [PATH]: { status: 403, fixture: "error-403.json" } });
    const result = await remove();
    expect(result.code).toBe(1);
    expect(attempts()).toBe(1);
    expect(result.stdout).toContain("HTTP 403 to deleting alex-database-preview-42: You are not authorized to perform this action");
  });

  it("accepts a workspace that is already gone", async () => {
    stub = await startTerraformCloud({ [PATH]: { status: 404, fixture: "error-404.json" } });
    expect((await remove()).code).toBe(0);
  });

  it("waits longer after every attempt (exponential backoff)", async () => {
    // A `sleep` on PATH that only records how long it was asked to wait.
    const shim = join(work.path, "sleep");
    writeFileSync(shim, `#!/bin/sh\necho "$1" >> "${join(work.path, "waits")}"\n`);
    chmodSync(shim, 0o755);
    stub = await startTerraformCloud({ [PATH]: CONFLICT });
    const result = await runScript("tfc-delete-workspace.sh", {
      PATH: `${work.path}:${process.env.PATH}`,
      TF_API_TOKEN: TOKEN,
      TF_CLOUD_ORGANIZATION: "acme",
      WORKSPACE: "alex-database-preview-42",
      TFC_API_URL: stub.api,
      DELETE_ATTEMPTS: "4",
      RETRY_DELAY_SECONDS: "5",
    });
    expect(result.code).toBe(1);
    expect(read("waits").trim().split("\n")).toEqual(["5", "10", "20"]);
  });
});

describe("stacks-in-order.sh: the stacks to plan, from cdktf.out/manifest.json", () => {
  it("lists every stack of the app, each after the stacks it depends on", async () => {
    await withAppManifest(async (manifest, stacks) => {
      const result = await runScript("stacks-in-order.sh", {}, [manifest]);
      expect(result.code).toBe(0);
      const order = JSON.parse(result.stdout) as string[];
      expect([...order].sort()).toEqual(stacks.map((stack) => stack.name).sort());
      for (const stack of stacks) {
        for (const dependency of stack.dependencies) expect(order.indexOf(dependency)).toBeLessThan(order.indexOf(stack.name));
      }
    });
  });

  it("puts each key stack before its database stack, and leaves previews out", async () => {
    const manifest = join(work.path, "manifest.json");
    writeFileSync(
      manifest,
      JSON.stringify({
        stacks: {
          dev: { dependencies: [] },
          "preview-12": { dependencies: [] },
          prod: { dependencies: ["prod-key"] },
          "prod-key": { dependencies: [] },
          staging: { dependencies: ["staging-key"] },
          "staging-key": { dependencies: [] },
        },
      }),
    );
    const order = JSON.parse((await runScript("stacks-in-order.sh", {}, [manifest])).stdout) as string[];
    expect([...order].sort()).toEqual(["dev", "prod", "prod-key", "staging", "staging-key"]);
    expect(order.indexOf("prod-key")).toBeLessThan(order.indexOf("prod"));
    expect(order.indexOf("staging-key")).toBeLessThan(order.indexOf("staging"));
  });
});

describe("plan-comment.cjs: the pull request's plan comment", () => {
  const { planComment, MARKER } = createRequire(import.meta.url)(join(SCRIPTS, "plan-comment.cjs")) as {
    planComment: (stacks: string[], summaries: object[]) => string;
    MARKER: string;
  };
  const STACKS = ["dev", "prod-key", "staging-key", "prod", "staging"];
  const planned = (stack: string, more: object = {}) => ({
    stack,
    status: "planned_and_finished",
    link: `https://app.terraform.io/app/acme/alex-database-${stack}/runs/run-${stack}`,
    add: 0,
    change: 0,
    destroy: 0,
    cluster: [],
    clusterCheck: "checked",
    ...more,
  });

  it("lists every stack in environment order, with counts and run links, under one marker", () => {
    const body = planComment(STACKS, STACKS.map((stack) => planned(stack)));
    expect(body.startsWith(MARKER)).toBe(true);
    const rows = body.split("\n").filter((line) => /^\| [a-z]/.test(line) && !line.startsWith("| stack"));
    expect(rows.map((row) => row.split(" | ")[0]!.slice(2))).toEqual(["dev", "staging-key", "staging", "prod-key", "prod"]);
    expect(body).toContain("| dev | 0 | 0 | 0 | [planned_and_finished](https://app.terraform.io/app/acme/alex-database-dev/runs/run-dev) |");
  });

  it("still links the run of a failed plan", () => {
    const body = planComment(["dev"], [planned("dev", { status: "errored", add: null, change: null, destroy: null })]);
    expect(body).toContain("| dev | - | - | - | [errored](https://app.terraform.io/app/acme/alex-database-dev/runs/run-dev) |");
  });

  it("shows 'no plan' for a stack without a summary", () => {
    expect(planComment(["dev", "prod"], [planned("dev")])).toContain("| prod | - | - | - | no plan |");
  });

  it("calls out a destroy or replace of the cluster, and an unverified destroy", () => {
    const body = planComment(
      ["staging", "prod"],
      [
        planned("prod", { destroy: 2, cluster: [{ address: "aws_rds_cluster.Database_Cluster_C6094C50", action: "replace" }] }),
        planned("staging", { destroy: 3, clusterCheck: "unverified" }),
      ],
    );
    expect(body).toContain("> [!CAUTION]\n> **prod: this plan DESTROYS or REPLACES the Aurora cluster: `aws_rds_cluster.Database_Cluster_C6094C50` (replace). Data would be lost.**");
    expect(body).toContain("> [!WARNING]\n> **staging**: the plan destroys 3 resources and its log holds no structured plan");
  });
});
