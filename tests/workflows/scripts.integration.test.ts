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
 * - show, create and safe delete a workspace (204, 404, 409):
 *   https://developer.hashicorp.com/terraform/cloud-docs/api-docs/workspaces
 * - create, show and upload a configuration version:
 *   https://developer.hashicorp.com/terraform/cloud-docs/api-docs/configuration-versions
 * - create a run, apply a run (202, 409): https://developer.hashicorp.com/terraform/cloud-docs/api-docs/run
 * - current state version outputs: https://developer.hashicorp.com/terraform/cloud-docs/api-docs/state-version-outputs
 * - list projects (filter[names]): https://developer.hashicorp.com/terraform/cloud-docs/api-docs/projects
 * - the rate limit's 429: https://developer.hashicorp.com/terraform/cloud-docs/api-docs#rate-limits
 * - GitHub's "Get an environment" and "List deployment branch policies":
 *   https://docs.github.com/en/rest/deployments/environments, https://docs.github.com/en/rest/deployments/branch-policies
 *
 * Every test works in its own temporary directory and removes it; backoff waits are set to 0
 * (runScript), or recorded by a `sleep` on PATH that does not sleep.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CI_WORKFLOW, deployJobName, preflightEnvironments } from "../../scripts/deploy-workflow";
import { DEPLOY_BRANCH, DEPLOY_PLAN_GITHUB_ENVIRONMENT, GITHUB_SECRETS, GITHUB_VARIABLES } from "../../stacks/delivery";
import { isDeployable, pullRequestPlans, stacksOfTable } from "../../stacks/deploy-matrix";
import { previewStackName } from "../../stacks/preview";
import {
  CLOUD_VARIABLES,
  DROPPED,
  FIXTURES,
  jobs,
  parseOutputs,
  resolveExpressions,
  ROOT,
  runScript,
  runStep,
  SCRIPTS,
  startTerraformCloud,
  stepEnv,
  steps,
  tableManifest,
  temporaryDirectory,
  VARS,
  withSynthesizedApp,
  type Answer,
  type ScriptResult,
} from "./support";

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
/** A `sleep` on PATH that only records how long it was asked to wait; returns its folder. */
const sleepShim = () => {
  const shim = join(work.path, "bin");
  mkdirSync(shim, { recursive: true });
  writeFileSync(join(shim, "sleep"), `#!/bin/sh\necho "$1" >> "${join(work.path, "waits")}"\n`);
  chmodSync(join(shim, "sleep"), 0o755);
  return shim;
};
const waits = () => read("waits").trim().split("\n");
/** The step outputs a script wrote to GITHUB_OUTPUT. */
const outputs = () => parseOutputs(read("output"));

/**
 * The deploy's run as GET /runs/:id answers it (fixtures/tfc/run-deploy.json, recorded while the
 * run waited for confirmation) at `status`, with the actions Terraform Cloud then offers: a run is
 * confirmed or discarded only while it waits (planned), cancelled while it is pending, plans or
 * applies. `configurationVersion` replaces the one it was created on; `http` is the answer's status.
 */
const deployRun = (status: string, { http = 200, configurationVersion }: { http?: number; configurationVersion?: string } = {}): Answer => {
  const run = JSON.parse(readFileSync(join(FIXTURES, "run-deploy.json"), "utf8"));
  const waits = status === "planned";
  Object.assign(run.data.attributes, { status });
  Object.assign(run.data.attributes.actions, {
    "is-cancelable": ["pending", "planning", "applying"].includes(status),
    "is-confirmable": waits,
    "is-discardable": waits,
  });
  if (configurationVersion) run.data.relationships["configuration-version"].data.id = configurationVersion;
  return { status: http, body: run };
};

describe("tfc-plan-summary.sh: what a plan-only token can tell about a run", () => {
  const link = (runId: string) => `https://app.terraform.io/app/acme/workspaces/alex-database-prod/runs/${runId}`;
  /** The script as the plan jobs run it, for prod's run `runId`, against the stand-in. */
  const runSummary = (runId: string, env: Record<string, string> = {}) =>
    runScript("tfc-plan-summary.sh", {
      STACK: "prod",
      RUN_ID: runId,
      RUN_LINK: link(runId),
      TF_API_TOKEN: TOKEN,
      TFC_API_URL: stub!.api,
      SUMMARY_FILE: join(work.path, "summary.json"),
      GITHUB_OUTPUT: join(work.path, "output"),
      GITHUB_STEP_SUMMARY: join(work.path, "step-summary.md"),
      ...env,
    });
  async function summarize(runFixture: string, log: string, env: Record<string, string> = {}) {
    const runId = JSON.parse(readFileSync(join(FIXTURES, runFixture), "utf8")).data.id as string;
    stub = await startTerraformCloud({
      [`GET /api/v2/runs/${runId}?include=plan`]: { status: 200, fixture: runFixture },
      [`GET /archivist/v1/object/${log}`]: { status: 200, fixture: `plan-${log}.log` },
    });
    const result = await runSummary(runId, env);
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

  it("finds a planned delete of the cluster, as when the database leaves the stack", async () => {
    const { summary, markdown } = await summarize("run-cluster-delete.json", "cluster-delete");
    expect(summary).toMatchObject({ stack: "prod", status: "planned", add: 0, change: 0, destroy: 2, clusterCheck: "checked" });
    expect(summary.cluster).toEqual([{ address: "aws_rds_cluster.Database_Cluster_C6094C50", action: "delete" }]);
    expect(markdown).toContain("[!CAUTION]");
    expect(markdown).toContain("`aws_rds_cluster.Database_Cluster_C6094C50` (delete)");
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
    expect(markdown).toContain(`### prod: [planned](${link("run-CZcmD7eagjhyX0vN")})`);
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
    expect(summary).toMatchObject({ status: "errored", link: link("run-PlanErrored00000") });
  });

  it("writes a summary when no run was created, asking Terraform Cloud nothing", async () => {
    stub = await startTerraformCloud({});
    const result = await runSummary("", { NO_RUN_STATUS: "no run: the configuration upload or the run creation failed" });
    expect(result.code).toBe(0);
    expect(JSON.parse(read("summary.json"))).toMatchObject({
      stack: "prod",
      status: "no run: the configuration upload or the run creation failed",
      clusterCheck: "not-run",
    });
    expect(stub.requests).toEqual([]);
  });

  it("fails, after writing what it knows, when the run cannot be read", async () => {
    stub = await startTerraformCloud({ "GET /api/v2/runs/run-Missing?include=plan": { status: 404, fixture: "error-404.json" } });
    const result = await runSummary("run-Missing");
    expect(result.code).toBe(1);
    expect(JSON.parse(read("summary.json"))).toMatchObject({ link: link("run-Missing") });
    expect(result.stdout).toContain("::error title=Terraform Cloud request failed::GET /runs/run-Missing answered HTTP 404");
  });

  it("reports a run whose wait hit its deadline as still running, with no counts and no warning about destroys", async () => {
    stub = await startTerraformCloud({ "GET /api/v2/runs/run-OursStillPlanning?include=plan": { status: 200, fixture: "run-planning.json" } });
    const result = await runSummary("run-OursStillPlanning");
    expect(result.code).toBe(0);
    expect(JSON.parse(read("summary.json"))).toMatchObject({ status: "still running (planning)", destroy: null, confirmable: false, clusterCheck: "running" });
    expect(read("step-summary.md")).not.toContain("unverified");
    expect(read("step-summary.md")).toContain("had not finished its plan");
    expect(outputs()).toEqual({ status: "still running (planning)", confirmable: "false" });
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
    const result = await discard();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error title=Terraform Cloud request failed::GET /organizations/acme/workspaces/alex-database-prod answered HTTP 404");
    expect(actions()).toEqual([]);
  });
});

describe("tfc-delete-workspace.sh: deleting a preview workspace after its destroy, and proving it is gone", () => {
  const WORKSPACE_PATH = "/api/v2/organizations/acme/workspaces/alex-database-preview-42";
  const PATH = `POST ${WORKSPACE_PATH}/actions/safe-delete`;
  const SHOW = `GET ${WORKSPACE_PATH}`;
  const GONE = { status: 404, fixture: "error-404.json" };
  const THERE = { status: 200, fixture: "workspace-preview.json" };
  const CONFLICT = { status: 409, fixture: "error-409-safe-delete.json" };
  const remove = (attempts = "6", env: Record<string, string> = {}) =>
    runScript("tfc-delete-workspace.sh", {
      TF_API_TOKEN: TOKEN,
      TF_API_TOKEN_SECRET: GITHUB_SECRETS.previewToken,
      TF_CLOUD_ORGANIZATION: "acme",
      WORKSPACE: "alex-database-preview-42",
      TFC_API_URL: stub!.api,
      DELETE_ATTEMPTS: attempts,
      RETRY_DELAY_SECONDS: "0",
      ...env,
    });
  const deletes = () => stub!.requests.filter((request) => request.method === "POST").length;

  it("retries while Terraform Cloud answers 409, then deletes, and checks that the workspace is gone", async () => {
    stub = await startTerraformCloud({ [PATH]: [CONFLICT, CONFLICT, { status: 204 }], [SHOW]: GONE });
    const result: ScriptResult = await remove();
    expect(result.code).toBe(0);
    expect(deletes()).toBe(3);
    expect(stub.requests.at(-1)).toMatchObject({ method: "GET", url: WORKSPACE_PATH });
    expect(result.stdout).toContain("Attempt 1/6: HTTP 409. Workspace is not safe to delete because it is managing resources");
    expect(result.stdout).toContain("Deleted workspace alex-database-preview-42.");
  });

  it("gives up after the last attempt with a message that says what is left to do", async () => {
    stub = await startTerraformCloud({ [PATH]: CONFLICT });
    const result = await remove("4");
    expect(result.code).toBe(1);
    expect(deletes()).toBe(4);
    expect(result.stdout).toContain(
      "::error title=Preview workspace not deleted::Terraform Cloud still refused to delete alex-database-preview-42 after 4 attempts",
    );
    expect(result.stdout).toContain("delete the workspace in Terraform Cloud, or re-run this job");
  });

  it("retries a server error too: a second delete of a deleted workspace would answer 404, which is verified", async () => {
    stub = await startTerraformCloud({ [PATH]: [{ status: 503 }, { status: 204 }], [SHOW]: GONE });
    expect((await remove()).code).toBe(0);
    expect(deletes()).toBe(2);
  });

  it("fails at once on a refusal that waiting cannot fix", async () => {
    stub = await startTerraformCloud({ [PATH]: { status: 403, fixture: "error-403.json" } });
    const result = await remove();
    expect(result.code).toBe(1);
    expect(deletes()).toBe(1);
    expect(result.stdout).toContain("HTTP 403 to deleting alex-database-preview-42: You are not authorized to perform this action");
  });

  it("accepts a 404 as already deleted only when reading the workspace answers 404 too", async () => {
    stub = await startTerraformCloud({ [PATH]: GONE, [SHOW]: GONE });
    const result = await remove();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Workspace alex-database-preview-42 does not exist (already deleted).");
  });

  it("fails when the delete answers 404 but the workspace is still there: the token may read it, not delete it", async () => {
    stub = await startTerraformCloud({ [PATH]: GONE, [SHOW]: THERE });
    const result = await remove();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error title=Preview workspace not deleted::Terraform Cloud answered 404 to deleting alex-database-preview-42, but the workspace exists: the token in ${GITHUB_SECRETS.previewToken} may read it but not delete it.`,
    );
    expect(result.stdout).toContain("README.md#bootstrap");
  });

  it("fails when the delete answers 204 but the workspace can still be read", async () => {
    stub = await startTerraformCloud({ [PATH]: { status: 204 }, [SHOW]: THERE });
    const result = await remove("6", { GONE_ATTEMPTS: "3" });
    expect(result.code).toBe(1);
    expect(stub.requests.filter((request) => request.method === "GET")).toHaveLength(3);
    expect(result.stdout).toContain("answered HTTP 204 to deleting alex-database-preview-42, but the workspace still exists");
  });

  it("waits longer after every attempt (exponential backoff)", async () => {
    stub = await startTerraformCloud({ [PATH]: CONFLICT });
    const result = await remove("4", { PATH: `${sleepShim()}:${process.env.PATH}`, RETRY_DELAY_SECONDS: "5" });
    expect(result.code).toBe(1);
    expect(waits()).toEqual(["5", "10", "20"]);
  });
});

describe("scripts/deploy-matrix.ts: the stacks to plan and deploy, checked against the synthesized app", () => {
  /** The JSON on stdout, the annotations on stderr. */
  const run = (manifest: string, env: Record<string, string> = {}) => {
    const result = spawnSync("node", ["--import", "tsx", "scripts/deploy-matrix.ts", manifest], {
      cwd: ROOT,
      env: { ...process.env, TSX_DISABLE_CACHE: "1", ...env },
      encoding: "utf8",
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it("prints the table's stacks for the real app, a preview left out", async () => {
    await withSynthesizedApp({ ...CLOUD_VARIABLES, PREVIEW_ID: "42" }, async (outdir, stacks) => {
      expect(stacks).toContain(previewStackName("42"));
      const result = run(join(outdir, "manifest.json"));
      expect(result.code).toBe(0);
      const printed = JSON.parse(result.stdout) as { deploy: { stack: string }[]; planned: string[]; deployOnly: string[] };
      expect(printed.deploy.map((entry) => entry.stack).sort()).toEqual(stacks.filter(isDeployable).sort());
      expect([...printed.planned, ...printed.deployOnly].sort()).toEqual(printed.deploy.map((entry) => entry.stack).sort());
      expect(printed).toEqual({ deploy: stacksOfTable(), ...pullRequestPlans() });
    });
  });

  it("fails, naming the command, when deploy.yml was generated from another table", () => {
    const [first] = stacksOfTable();
    writeFileSync(join(work.path, "manifest.json"), JSON.stringify(tableManifest()));
    const result = run(join(work.path, "manifest.json"), { DEPLOY_STACKS: JSON.stringify([first!.stack]) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("run npm run workflows and commit deploy.yml");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("plan-comment.cjs: the pull request's plan comment", () => {
  const { planComment, MARKER } = createRequire(import.meta.url)(join(SCRIPTS, "plan-comment.cjs")) as {
    planComment: (stacks: string[], summaries: object[], deployOnly?: string[]) => string;
    MARKER: string;
  };
  const STACKS = ["dev", "staging-key", "staging"];
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

  it("lists the planned stacks in the order given, with counts and run links, then those planned by the deploy of main only", () => {
    const body = planComment(
      STACKS,
      STACKS.map((stack) => planned(stack)),
      ["qa"],
    );
    expect(body.startsWith(MARKER)).toBe(true);
    const rows = body.split("\n").filter((line) => /^\| [a-z]/.test(line) && !line.startsWith("| stack"));
    expect(rows.map((row) => row.split(" | ")[0]!.slice(2))).toEqual([...STACKS, "qa"]);
    expect(body).toContain("| dev | 0 | 0 | 0 | [planned_and_finished](https://app.terraform.io/app/acme/alex-database-dev/runs/run-dev) |");
    expect(body).toContain("| qa | - | - | - | planned by the deploy of main only |");
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
    expect(body).toContain(
      "> [!CAUTION]\n> **prod: this plan DESTROYS or REPLACES the Aurora cluster: `aws_rds_cluster.Database_Cluster_C6094C50` (replace). Data would be lost.**",
    );
    expect(body).toContain("> [!WARNING]\n> **staging**: the plan destroys 3 resources and its log holds no structured plan");
  });
});

/** tfc-create-run.sh for prod's workspace and a recorded configuration version, against the stand-in. */
const createRun = (env: Record<string, string> = {}) =>
  runScript("tfc-create-run.sh", {
    TF_API_TOKEN: TOKEN,
    TFC_API_URL: stub!.api,
    TF_CLOUD_ORGANIZATION: "acme",
    WORKSPACE: "alex-database-prod",
    WORKSPACE_ID: "ws-SihZTyXKfNXUWuUa",
    CONFIGURATION_VERSION_ID: "cv-UYwHEakurukz85nW",
    MESSAGE: "Deploy of prod at 0123abc [github-run 123456 prod]",
    GITHUB_OUTPUT: join(work.path, "output"),
    ...env,
  });

/** tfc-wait-run.sh for prod's run, against the stand-in, without waiting between reads. */
const waitForRun = (env: Record<string, string>) =>
  runScript("tfc-wait-run.sh", {
    TF_API_TOKEN: TOKEN,
    TFC_API_URL: stub!.api,
    RUN_ID: "run-CZcmD7eagjhyX0vN",
    RUN_LINK: "https://app.terraform.io/app/acme/workspaces/alex-database-prod/runs/run-CZcmD7eagjhyX0vN",
    POLL_SECONDS: "0",
    ...env,
  });

describe("tfc-api.sh: every request with the token, retried only where that is safe", () => {
  const RUN = "GET /api/v2/runs/run-CZcmD7eagjhyX0vN";
  const CREATE = "POST /api/v2/runs";
  const waitFor = (env: Record<string, string> = {}) => waitForRun({ UNTIL: "plan", EXPECT: "confirmable", WAIT_MINUTES: "5", ...env });
  const create = () => createRun({ TF_API_TOKEN_SECRET: GITHUB_SECRETS.deployPlanToken });

  it("retries a 429 on GET, waiting as long as Retry-After says, then goes on", async () => {
    stub = await startTerraformCloud({
      [RUN]: [{ status: 429, fixture: "error-429.json", headers: { "Retry-After": "7" } }, deployRun("planned")],
    });
    const result = await waitFor({ PATH: `${sleepShim()}:${process.env.PATH}` });
    expect(result.code).toBe(0);
    expect(stub.requests.map((request) => `${request.method} ${request.url}`)).toEqual([RUN, RUN]);
    expect(waits()).toEqual(["7"]);
    expect(result.stderr).toContain("HTTP 429, attempt 1/6; retrying in 7s");
  });

  it("retries a 500, a 502 and a dropped connection on GET", async () => {
    stub = await startTerraformCloud({ [RUN]: [{ status: 500, fixture: "error-500.json" }, { status: 502 }, DROPPED, deployRun("planned")] });
    const result = await waitFor();
    expect(result.code).toBe(0);
    expect(stub.requests).toHaveLength(4);
    expect(result.stderr).toContain("HTTP 000 (");
    expect(result.stderr).toContain("attempt 3/6");
  });

  it("sends every request with the token", async () => {
    stub = await startTerraformCloud({ [RUN]: deployRun("planned") });
    await waitFor();
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it.each([
    ["a 500", { status: 500, fixture: "error-500.json" }, /::error title=Terraform Cloud request failed::POST \/runs answered HTTP 500: internal server error/],
    [
      "a dropped connection",
      DROPPED,
      /::error title=Terraform Cloud request failed::POST \/runs answered HTTP 000: .*Terraform Cloud could not be reached: curl: /,
    ],
  ])("never sends a run's creation twice on %s: the first may have created it", async (_name, first, message) => {
    stub = await startTerraformCloud({ [CREATE]: [first, deployRun("pending", { http: 201 })] });
    const result = await create();
    expect(result.code).toBe(1);
    expect(stub.requests).toHaveLength(1);
    expect(result.stdout).toMatch(message);
  });

  it("retries a run's creation on 429, which Terraform Cloud refused without processing", async () => {
    stub = await startTerraformCloud({ [CREATE]: [{ status: 429, fixture: "error-429.json" }, deployRun("pending", { http: 201 })] });
    const result = await create();
    expect(result.code).toBe(0);
    expect(stub.requests).toHaveLength(2);
  });

  it("gives up after its attempts, naming the endpoint and the status", async () => {
    stub = await startTerraformCloud({ [RUN]: { status: 503 } });
    const result = await waitFor({ TFC_ATTEMPTS: "3" });
    expect(result.code).toBe(1);
    expect(stub.requests).toHaveLength(3);
    expect(result.stdout).toContain("::error title=Terraform Cloud request failed::GET /runs/run-CZcmD7eagjhyX0vN answered HTTP 503");
  });

  it.each([
    [404, "error-404.json", `the token in ${GITHUB_SECRETS.deployPlanToken} may not do this`],
    [401, undefined, `The token in ${GITHUB_SECRETS.deployPlanToken} is not valid (expired, revoked or mistyped).`],
  ])("names the secret to check when Terraform Cloud answers %s", async (status, fixture, message) => {
    stub = await startTerraformCloud({ [CREATE]: { status, fixture } });
    const result = await create();
    expect(result.code).toBe(1);
    expect(stub.requests).toHaveLength(1);
    expect(result.stdout).toContain(message);
  });
});

describe("tfc-upload-configuration.sh: the stack as a configuration version", () => {
  const SHOW = "GET /api/v2/organizations/acme/workspaces/alex-database-prod";
  const CREATE = "POST /api/v2/workspaces/ws-SihZTyXKfNXUWuUa/configuration-versions";
  const UPLOAD = "PUT /archivist/v1/object/upload-cv-UYwHEakurukz85nW";
  const CV = "GET /api/v2/configuration-versions/cv-UYwHEakurukz85nW";
  const upload = (speculative: string) => {
    const stack = join(work.path, "stack");
    mkdirSync(stack, { recursive: true });
    writeFileSync(join(stack, "cdk.tf.json"), JSON.stringify({ terraform: {} }));
    return runScript("tfc-upload-configuration.sh", {
      TF_API_TOKEN: TOKEN,
      TF_API_TOKEN_SECRET: GITHUB_SECRETS.deployPlanToken,
      TFC_API_URL: stub!.api,
      TF_CLOUD_ORGANIZATION: "acme",
      WORKSPACE: "alex-database-prod",
      CONFIG_DIR: stack,
      SPECULATIVE: speculative,
      POLL_SECONDS: "0",
      GITHUB_OUTPUT: join(work.path, "output"),
    });
  };
  const routes = (
    cv: object[] = [
      { status: 200, fixture: "configuration-version-pending.json" },
      { status: 200, fixture: "configuration-version-uploaded.json" },
    ],
  ) => ({
    [SHOW]: { status: 200, fixture: "workspace-prod.json" },
    [CREATE]: { status: 201, fixture: "configuration-version-created.json" },
    [UPLOAD]: { status: 200 },
    [CV]: cv as { status: number }[],
  });

  it("creates a configuration version that queues no run, PUTs the stack's folder as a tar.gz without the token, and waits until it is uploaded", async () => {
    stub = await startTerraformCloud(routes());
    const result = await upload("true");
    expect(result.code).toBe(0);
    expect(stub.requests.map((request) => `${request.method} ${request.url}`)).toEqual([SHOW, CREATE, UPLOAD, CV, CV]);
    expect(JSON.parse(stub.requests[1]!.body)).toEqual({
      data: { type: "configuration-versions", attributes: { "auto-queue-runs": false, speculative: true } },
    });
    const put = stub.requests[2]!;
    expect(put.authorization).toBeUndefined();
    writeFileSync(join(work.path, "upload.tar.gz"), put.raw);
    expect(execFileSync("tar", ["-tzf", join(work.path, "upload.tar.gz")], { encoding: "utf8" })).toContain("./cdk.tf.json");
    expect(outputs()).toEqual({ workspace_id: "ws-SihZTyXKfNXUWuUa", configuration_version_id: "cv-UYwHEakurukz85nW" });
  });

  it("creates a configuration version that can be applied for the deploy", async () => {
    stub = await startTerraformCloud(routes());
    expect((await upload("false")).code).toBe(0);
    expect(JSON.parse(stub.requests[1]!.body).data.attributes.speculative).toBe(false);
  });

  it("fails when Terraform Cloud could not process the upload", async () => {
    stub = await startTerraformCloud(routes([{ status: 200, fixture: "configuration-version-errored.json" }]));
    const result = await upload("false");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("could not process configuration version cv-UYwHEakurukz85nW of alex-database-prod: the archive could not be read");
  });

  it("points at the bootstrap when the workspace is missing or out of the token's reach", async () => {
    stub = await startTerraformCloud({ [SHOW]: { status: 404, fixture: "error-404.json" } });
    const result = await upload("false");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error title=Workspace not found::Terraform Cloud has no workspace alex-database-prod in organization acme that the token in ${GITHUB_SECRETS.deployPlanToken} may read.`,
    );
    expect(result.stdout).toContain("README.md#bootstrap");
    expect(stub.requests).toHaveLength(1);
  });
});

describe("tfc-create-run.sh: the run, with its message and mode", () => {
  const create = createRun;

  it.each([
    [
      "a deploy's run, which waits for confirmation",
      {},
      { message: "Deploy of prod at 0123abc [github-run 123456 prod]", "is-destroy": false, "auto-apply": false },
    ],
    [
      "a pull request's plan-only run",
      { PLAN_ONLY: "true" },
      { message: "Deploy of prod at 0123abc [github-run 123456 prod]", "is-destroy": false, "plan-only": true },
    ],
    [
      "a preview's destroy, applied without confirmation",
      { IS_DESTROY: "true", AUTO_APPLY: "true" },
      { message: "Deploy of prod at 0123abc [github-run 123456 prod]", "is-destroy": true, "auto-apply": true },
    ],
  ])("creates %s on the uploaded configuration version", async (_name, env, attributes) => {
    stub = await startTerraformCloud({ "POST /api/v2/runs": deployRun("pending", { http: 201 }) });
    const result = await create(env);
    expect(result.code).toBe(0);
    expect(JSON.parse(stub.requests[0]!.body)).toEqual({
      data: {
        type: "runs",
        attributes,
        relationships: {
          workspace: { data: { type: "workspaces", id: "ws-SihZTyXKfNXUWuUa" } },
          "configuration-version": { data: { type: "configuration-versions", id: "cv-UYwHEakurukz85nW" } },
        },
      },
    });
    expect(outputs()).toEqual({
      run_id: "run-CZcmD7eagjhyX0vN",
      run_link: "https://app.terraform.io/app/acme/workspaces/alex-database-prod/runs/run-CZcmD7eagjhyX0vN",
    });
  });
});

describe("tfc-wait-run.sh: waits for a final or confirmable state, up to a deadline", () => {
  const RUN = "GET /api/v2/runs/run-CZcmD7eagjhyX0vN";

  it.each([
    [
      "through planning until the run waits for confirmation",
      ["planning", "planning", "planned"],
      { UNTIL: "plan", EXPECT: "confirmable planned_and_finished" },
      "stopped at planned, waiting for confirmation.",
    ],
    [
      "through a confirmable state and the apply when it waits for the apply",
      ["planned", "applying", "applied"],
      { UNTIL: "apply", EXPECT: "applied" },
      "stopped at applied.",
    ],
  ])("waits %s", async (_name, states, env, stopped) => {
    stub = await startTerraformCloud({ [RUN]: states.map((status) => deployRun(status)) });
    const result = await waitForRun({ ...env, WAIT_MINUTES: "5" });
    expect(result.code).toBe(0);
    expect(stub.requests).toHaveLength(3);
    expect(result.stdout).toContain(`run-CZcmD7eagjhyX0vN ${stopped}`);
  });

  it("reports, and fails, when the deadline passes while the run is still in progress", async () => {
    stub = await startTerraformCloud({ [RUN]: deployRun("planning") });
    const result = await waitForRun({ UNTIL: "plan", EXPECT: "confirmable", WAIT_MINUTES: "0" });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("stopped at");
    expect(result.stdout).toContain(
      "::error title=Run still in progress::Run run-CZcmD7eagjhyX0vN is still planning after the 0-minute deadline of this job. It goes on in Terraform Cloud: https://app.terraform.io/app/acme/workspaces/alex-database-prod/runs/run-CZcmD7eagjhyX0vN",
    );
  });

  it("fails on a final state it was not told to expect, with the run link", async () => {
    stub = await startTerraformCloud({ [RUN]: deployRun("errored") });
    const result = await waitForRun({ UNTIL: "apply", EXPECT: "applied", WAIT_MINUTES: "5" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error title=Run errored::Run run-CZcmD7eagjhyX0vN stopped at errored, not at applied");
  });

  it("stops at a soft-failed policy, which needs a person, when it waits for the plan", async () => {
    stub = await startTerraformCloud({ [RUN]: deployRun("policy_override") });
    const result = await waitForRun({ UNTIL: "plan", EXPECT: "confirmable planned_and_finished", WAIT_MINUTES: "5" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("stopped at policy_override, not at confirmable or planned_and_finished");
  });
});

describe("tfc-apply-run.sh: applies exactly the run that was planned", () => {
  const RUN = "GET /api/v2/runs/run-CZcmD7eagjhyX0vN";
  const APPLY = "POST /api/v2/runs/run-CZcmD7eagjhyX0vN/actions/apply";
  const apply = () =>
    runScript("tfc-apply-run.sh", {
      TF_API_TOKEN: "apply-token-for-tests",
      TFC_API_URL: stub!.api,
      RUN_ID: "run-CZcmD7eagjhyX0vN",
      CONFIGURATION_VERSION_ID: "cv-UYwHEakurukz85nW",
      COMMENT: "Applied by GitHub Actions run 123456 after approval of production",
    });
  const applies = () => stub!.requests.filter((request) => request.method === "POST");

  it("applies a run that waits for confirmation on the configuration version the plan job uploaded", async () => {
    stub = await startTerraformCloud({ [RUN]: deployRun("planned"), [APPLY]: { status: 202 } });
    const result = await apply();
    expect(result.code).toBe(0);
    expect(applies()).toHaveLength(1);
    expect(JSON.parse(applies()[0]!.body)).toEqual({ comment: "Applied by GitHub Actions run 123456 after approval of production" });
  });

  it.each([
    [
      "a run that does not wait for confirmation",
      deployRun("applied"),
      "::error title=Run not applied::Run run-CZcmD7eagjhyX0vN does not wait for confirmation (it is applied); nothing was applied",
    ],
    [
      "a run of another configuration version",
      deployRun("planned", { configurationVersion: "cv-SomeoneElsesUpload" }),
      "belongs to configuration version cv-SomeoneElsesUpload, not to cv-UYwHEakurukz85nW, which the plan job uploaded",
    ],
  ])("refuses %s, and applies nothing", async (_name, run, message) => {
    stub = await startTerraformCloud({ [RUN]: run, [APPLY]: { status: 202 } });
    const result = await apply();
    expect(result.code).toBe(1);
    expect(applies()).toHaveLength(0);
    expect(result.stdout).toContain(message);
  });

  it("fails when Terraform Cloud answers that the run is no longer paused", async () => {
    stub = await startTerraformCloud({ [RUN]: deployRun("planned"), [APPLY]: { status: 409, fixture: "error-409-apply.json" } });
    const result = await apply();
    expect(result.code).toBe(1);
    expect(applies()).toHaveLength(1);
    expect(result.stdout).toContain("it was no longer paused for confirmation (Run was not paused for confirmation; apply not allowed.)");
  });
});

describe("tfc-workspace-outputs.sh: the preview's outputs, without the sensitive ones", () => {
  it("writes the outputs that are not sensitive in the shape of terraform output -json", async () => {
    stub = await startTerraformCloud({
      "GET /api/v2/workspaces/ws-HRkJLSYWF97jucqQ/current-state-version-outputs?page%5Bsize%5D=100": [
        { status: 503 },
        { status: 200, fixture: "state-version-outputs.json" },
      ],
    });
    const result = await runScript("tfc-workspace-outputs.sh", {
      TF_API_TOKEN: TOKEN,
      TFC_API_URL: stub.api,
      WORKSPACE_ID: "ws-HRkJLSYWF97jucqQ",
      OUTPUT_FILE: join(work.path, "outputs.json"),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(read("outputs.json"))).toEqual({
      aurora_cluster_arn: { value: "arn:aws:rds:eu-west-1:123456789012:cluster:alex-preview-42-aurora-cluster", type: "string", sensitive: false },
      database_name: { value: "alex", type: "string", sensitive: false },
    });
  });
});

describe("tfc-preview-workspace.sh: the preview's workspace, only ever in the preview project", () => {
  const PROJECTS = "GET /api/v2/organizations/acme/projects?filter%5Bnames%5D=alex-database-previews";
  const SHOW = "GET /api/v2/organizations/acme/workspaces/alex-database-preview-42";
  const CREATE = "POST /api/v2/organizations/acme/workspaces";
  const find = (create: string) =>
    runScript("tfc-preview-workspace.sh", {
      TF_API_TOKEN: TOKEN,
      TF_API_TOKEN_SECRET: GITHUB_SECRETS.previewToken,
      TFC_API_URL: stub!.api,
      TF_CLOUD_ORGANIZATION: "acme",
      WORKSPACE: "alex-database-preview-42",
      PROJECT: "alex-database-previews",
      CREATE: create,
      TERRAFORM_VERSION: "1.11.4",
      GITHUB_OUTPUT: join(work.path, "output"),
    });

  it("creates a missing workspace in the preview project, with manual apply and the pinned Terraform version", async () => {
    stub = await startTerraformCloud({
      [PROJECTS]: { status: 200, fixture: "projects-preview.json" },
      [SHOW]: { status: 404, fixture: "error-404.json" },
      [CREATE]: { status: 201, fixture: "workspace-preview.json" },
    });
    const result = await find("true");
    expect(result.code).toBe(0);
    const body = JSON.parse(stub.requests[2]!.body);
    expect(body.data.attributes).toMatchObject({ name: "alex-database-preview-42", "terraform-version": "1.11.4", "auto-apply": false });
    expect(body.data.relationships).toEqual({ project: { data: { type: "projects", id: "prj-PreviewsW6k9K23o" } } });
    expect(outputs()).toEqual({ workspace_id: "ws-HRkJLSYWF97jucqQ", exists: "true" });
  });

  it("uses the workspace that is already in the preview project", async () => {
    stub = await startTerraformCloud({
      [PROJECTS]: { status: 200, fixture: "projects-preview.json" },
      [SHOW]: { status: 200, fixture: "workspace-preview.json" },
    });
    expect((await find("true")).code).toBe(0);
    expect(stub.requests.some((request) => request.method === "POST")).toBe(false);
  });

  it("refuses a workspace of that name in another project", async () => {
    stub = await startTerraformCloud({
      [PROJECTS]: { status: 200, fixture: "projects-preview.json" },
      [SHOW]: { status: 200, fixture: "workspace-preview-other-project.json" },
    });
    const result = await find("true");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Workspace alex-database-preview-42 exists in project prj-jT92VLSFpv8FwKtc, not in alex-database-previews");
  });

  it("says that a missing workspace is missing, without creating it, for the destroy", async () => {
    stub = await startTerraformCloud({ [PROJECTS]: { status: 200, fixture: "projects-preview.json" }, [SHOW]: { status: 404, fixture: "error-404.json" } });
    expect((await find("false")).code).toBe(0);
    expect(outputs()).toEqual({ workspace_id: "", exists: "false" });
  });

  it("points at the bootstrap when the token sees no preview project", async () => {
    stub = await startTerraformCloud({ [PROJECTS]: { status: 200, fixture: "projects-none.json" } });
    const result = await find("true");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error title=Preview project not found::Terraform Cloud shows the token in ${GITHUB_SECRETS.previewToken} no project alex-database-previews`,
    );
  });
});

describe("check-stack.sh: every stack a workflow uploads, refused on the runner that holds the token unless it holds only what Terraform Cloud may plan", () => {
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const PREVIEW = previewStackName("42");
  const { TF_CLOUD_ORGANIZATION, TF_CLOUD_WORKSPACE_PREFIX, TF_CLOUD_PROJECT, TF_CLOUD_PREVIEW_PROJECT } = CLOUD_VARIABLES;
  /** Each stack's cdk.tf.json as the synth jobs write it: the environments' without PREVIEW_ID (plan, deploy), the preview's with it. */
  const synthesized = new Map<string, string>();
  beforeAll(async () => {
    await withSynthesizedApp({ ...CLOUD_VARIABLES }, async (outdir, stacks) => {
      for (const name of stacks.filter(isDeployable)) synthesized.set(name, readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
    });
    await withSynthesizedApp({ ...CLOUD_VARIABLES, PREVIEW_ID: "42" }, async (outdir) => {
      synthesized.set(PREVIEW, readFileSync(join(outdir, "stacks", PREVIEW, "cdk.tf.json"), "utf8"));
    });
  });
  /** Writes a stack's folder where its job downloads it (preview, or cdktf.out/stacks/<stack>); returns the folder. */
  const place = (stack: string, json: Json = JSON.parse(synthesized.get(stack)!)) => {
    const folder = stack === PREVIEW ? join(work.path, "preview") : join(work.path, "cdktf.out", "stacks", stack);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "cdk.tf.json"), JSON.stringify(json));
    return folder;
  };
  /** The first resource of a stack, whichever its type. */
  const firstResource = (json: Json): Json => Object.values(Object.values(json.resource)[0] as Json)[0];
  const stepRunning = (file: string, job: string, script: string) => steps(file, job).find((step) => String(step.run ?? "").includes(script));

  /** preview.yml's deploy and destroy: check-preview-stack.sh on the downloaded folder. */
  const previewCheck = () =>
    runScript("check-preview-stack.sh", { ...CLOUD_VARIABLES, STACK: PREVIEW, GITHUB_OUTPUT: join(work.path, "output") }, [join(work.path, "preview")]);
  /** plan.yml's plan job: its check step's run line, with the env GitHub gives it for this matrix stack. */
  const planCheck = (stack: string) => {
    const step = stepRunning("plan.yml", "plan", "check-stack.sh");
    return runStep(step, join(work.path, "cdktf.out"), resolveExpressions(stepEnv("plan.yml", "plan", step), { ...VARS, "matrix.stack": stack }));
  };
  /** apply-stack.yml's plan job, called by deploy.yml's job of the stack with its inputs. */
  const deployCheck = (stack: string) => {
    const step = stepRunning("apply-stack.yml", "plan", "check-stack.sh");
    const inputs = resolveExpressions(jobs("deploy.yml")[deployJobName(stack)].with, { ...VARS, "needs.synth.outputs.commit": "0".repeat(40) });
    const values = { ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`inputs.${name}`, value])), "github.run_id": "1" };
    return runStep(step, join(work.path, "cdktf.out"), resolveExpressions(stepEnv("apply-stack.yml", "plan", step), values));
  };

  /** The table's last stack that is not `stack`: the workspace a stack's cloud block must never name. */
  const otherStack = (stack: string) =>
    stacksOfTable()
      .map((entry) => entry.stack)
      .reverse()
      .find((name) => name !== stack)!;
  /** One forbidden construct each, added to a real stack: what it changes, and what the refusal says. */
  const forbidden = (
    stack: string,
    project: string,
    otherProject: string,
  ): { name: string; change: (json: Json, folder: string) => void; message: string | RegExp }[] => [
    {
      name: "a provisioner",
      change: (json) => (firstResource(json).provisioner = [{ "local-exec": { command: "env" } }]),
      message: /has a provisioner at resource\.aws_\w+\.\w+\./,
    },
    { name: "an external data source", change: (json) => (json.data.external = { leak: { program: ["sh", "-c", "env"] } }), message: "has data type external" },
    { name: "an http data source", change: (json) => (json.data.http = { leak: { url: "https://example.test" } }), message: "has data type http" },
    { name: "a null data source", change: (json) => (json.data.null_data_source = { leak: { inputs: {} } }), message: "has data type null_data_source" },
    {
      name: "a terraform_remote_state data source",
      change: (json) => (json.data.terraform_remote_state = { prod: { backend: "remote" } }),
      message: "has data type terraform_remote_state",
    },
    {
      name: "a module block",
      change: (json) => (json.module = { anything: { source: "github.com/someone/module" } }),
      message: "has a top-level module block",
    },
    { name: "a null_resource", change: (json) => (json.resource.null_resource = { run: {} }), message: "has resource type null_resource" },
    {
      name: "a provider from elsewhere",
      change: (json) => (json.terraform.required_providers.aws.source = "someone/aws"),
      message: "requires provider aws from registry.terraform.io/someone/aws, not hashicorp/aws",
    },
    { name: "another provider", change: (json) => (json.terraform.required_providers.http = { source: "hashicorp/http" }), message: "requires provider http" },
    {
      name: "an AWS provider sent to other endpoints",
      change: (json) => (json.provider.aws[0].endpoints = [{ sts: "https://example.test" }]),
      message: "sets endpoints in provider aws",
    },
    { name: "a backend", change: (json) => (json.terraform.backend = { s3: { bucket: "x" } }), message: "has terraform.backend" },
    {
      name: "a check block",
      change: (json) => (json.check = { probe: { data: { http: { x: { url: "https://example.test" } } } } }),
      message: "has a top-level check block",
    },
    {
      name: "an output that reads a file of the worker",
      change: (json) => (json.output.leak = { value: '${file("/proc/self/environ")}' }),
      message: "reads a file of the worker at output.leak.value",
    },
    {
      name: "a resource argument from templatefile",
      change: (json) => (firstResource(json).tags = { leak: '${templatefile("/etc/passwd", {})}' }),
      message: /reads a file of the worker at resource\.aws_\w+\.\w+\.tags\.leak/,
    },
    {
      name: "a file read as core::file, spaced",
      change: (json) => (json.locals = { leak: '${ core::file ("/proc/self/environ") }' }),
      message: "reads a file of the worker at locals.leak",
    },
    {
      name: "a file read in a quoted string's interpolation",
      change: (json) => (json.locals = { leak: '${"a}${filebase64("/proc/self/environ")}"}' }),
      message: "reads a file of the worker at locals.leak",
    },
    {
      name: "a file read in an object key",
      change: (json) => (json.locals = { leak: { '${fileset("/", "**")}': "x" } }),
      message: "reads a file of the worker at locals.leak",
    },
    {
      name: "a comment in an expression",
      change: (json) => (json.locals = { leak: '${ /* } */ file("/proc/self/environ") }' }),
      message: "has an expression this check cannot read (a comment, a heredoc or an unclosed interpolation) at locals.leak",
    },
    {
      name: "a .tf file beside cdk.tf.json",
      change: (_json, folder) => writeFileSync(join(folder, "extra.tf"), 'data "external" "leak" {\n  program = ["env"]\n}\n'),
      message: "holds extra.tf beside cdk.tf.json",
    },
    {
      name: "an override file beside cdk.tf.json",
      change: (_json, folder) => writeFileSync(join(folder, "override.tf.json"), "{}"),
      message: "holds override.tf.json beside cdk.tf.json",
    },
    {
      name: "a .terraform folder beside cdk.tf.json",
      change: (_json, folder) => mkdirSync(join(folder, ".terraform", "providers"), { recursive: true }),
      message: "holds .terraform beside cdk.tf.json",
    },
    {
      name: "a cdk.tf.json that links elsewhere",
      change: (_json, folder) => {
        renameSync(join(folder, "cdk.tf.json"), join(work.path, "elsewhere.json"));
        symlinkSync(join(work.path, "elsewhere.json"), join(folder, "cdk.tf.json"));
      },
      message: "has no cdk.tf.json that is a regular file",
    },
    {
      name: "a folder that links to another holding more",
      change: (_json, folder) => {
        renameSync(folder, `${folder}-real`);
        writeFileSync(join(`${folder}-real`, "extra.tf.json"), "{}");
        symlinkSync(`${folder}-real`, folder);
      },
      message: "holds extra.tf.json beside cdk.tf.json",
    },
    {
      name: "a cdk.tf.json that is not JSON",
      change: (_json, folder) => writeFileSync(join(folder, "cdk.tf.json"), "resource {"),
      message: "has a cdk.tf.json that is not a JSON object",
    },
    {
      name: "another project",
      change: (json) => (json.terraform.cloud.workspaces.project = otherProject),
      message: `names project "${otherProject}", not "${project}"`,
    },
    {
      name: "another organization",
      change: (json) => (json.terraform.cloud.organization = "someone-else"),
      message: `names organization "someone-else", not TF_CLOUD_ORGANIZATION "${TF_CLOUD_ORGANIZATION}"`,
    },
    {
      name: "another stack's workspace",
      change: (json) => (json.terraform.cloud.workspaces.name = `${TF_CLOUD_WORKSPACE_PREFIX}-${otherStack(stack)}`),
      message: `names workspace "${TF_CLOUD_WORKSPACE_PREFIX}-${otherStack(stack)}", not "${TF_CLOUD_WORKSPACE_PREFIX}-${stack}"`,
    },
  ];
  /** Places the stack with one forbidden construct; the folder's files change after cdk.tf.json is written. */
  const placeWith = (stack: string, change: (json: Json, folder: string) => void) => {
    const json = JSON.parse(synthesized.get(stack)!) as Json;
    const folder = place(stack, json);
    change(json, folder);
    if (!lstatSync(join(folder, "cdk.tf.json")).isSymbolicLink() && readFileSync(join(folder, "cdk.tf.json"), "utf8").startsWith("{"))
      writeFileSync(join(folder, "cdk.tf.json"), JSON.stringify(json));
  };
  const refused = (result: { code: number | null; stdout: string }, message: string | RegExp) => {
    expect(result.code).toBe(1);
    if (typeof message === "string") expect(result.stdout).toContain(message);
    else expect(result.stdout).toMatch(message);
    expect(result.stdout).toMatch(/^::error title=/m);
  };

  it("accepts the real synthesized preview stack, and names its workspace", async () => {
    place(PREVIEW);
    const result = await previewCheck();
    expect(result.stdout).not.toContain("::error");
    expect(result.code).toBe(0);
    expect(outputs()).toEqual({ name: `${TF_CLOUD_WORKSPACE_PREFIX}-${PREVIEW}` });
  });

  it.each(forbidden(PREVIEW, TF_CLOUD_PREVIEW_PROJECT, TF_CLOUD_PROJECT).map((entry) => [entry.name, entry]))(
    "refuses in a preview %s",
    async (_name, { change, message }) => {
      placeWith(PREVIEW, change);
      refused(await previewCheck(), message);
    },
  );

  const { planned } = pullRequestPlans();
  const [FIRST_PLANNED = ""] = planned;
  const FIRST_DEPLOYED = stacksOfTable()[0]!.stack;

  it.each(planned)("plan.yml's plan job accepts the real synthesized %s stack of a pull request, and names its workspace", (stack) => {
    place(stack);
    const result = planCheck(stack);
    expect(result.stdout).not.toContain("::error");
    expect(result.code).toBe(0);
    expect(result.outputs).toBe(`name=${TF_CLOUD_WORKSPACE_PREFIX}-${stack}\n`);
  });

  it.each(planned.flatMap((stack) => forbidden(stack, TF_CLOUD_PROJECT, TF_CLOUD_PREVIEW_PROJECT).map((entry) => [stack, entry.name, entry] as const)))(
    "plan.yml's plan job refuses in %s %s",
    (stack, _name, { change, message }) => {
      placeWith(stack, change);
      const result = planCheck(stack);
      refused(result, message);
      expect(result.outputs).toBe("");
    },
  );

  it.each(stacksOfTable().map((entry) => entry.stack))("apply-stack.yml's plan job, called by deploy.yml, accepts the real synthesized %s stack", (stack) => {
    place(stack);
    const result = deployCheck(stack);
    expect(result.stdout).not.toContain("::error");
    expect(result.code).toBe(0);
    expect(result.outputs).toBe(`name=${TF_CLOUD_WORKSPACE_PREFIX}-${stack}\n`);
  });

  it.each(forbidden(FIRST_DEPLOYED, TF_CLOUD_PROJECT, TF_CLOUD_PREVIEW_PROJECT).map((entry) => [FIRST_DEPLOYED, entry.name, entry] as const))(
    "apply-stack.yml's plan job refuses in %s %s",
    (stack, _name, { change, message }) => {
      placeWith(stack, change);
      refused(deployCheck(stack), message);
    },
  );

  it("reports every problem of a stack, then fails once", () => {
    placeWith(FIRST_PLANNED, (json, folder) => {
      json.data.external = { leak: { program: ["env"] } };
      json.terraform.cloud.organization = "someone-else";
      writeFileSync(join(folder, "extra.tf"), "");
    });
    const result = planCheck(FIRST_PLANNED);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/^::error /gm)).toHaveLength(3);
  });

  it("accepts a file function's name in literal text, an escaped interpolation, and a quoted string of an expression", () => {
    placeWith(
      FIRST_PLANNED,
      (json) => (firstResource(json).tags = { a: "see file (1) and ${aws_vpc.x.id} templatefile(path, vars)", b: '$${file("x")}', c: '${upper("file(x)")}' }),
    );
    const result = planCheck(FIRST_PLANNED);
    expect(result.stdout).not.toContain("::error");
    expect(result.code).toBe(0);
  });

  it("refuses a missing folder, naming the stack", () => {
    const result = planCheck(FIRST_PLANNED);
    refused(result, `is not a folder: the synth did not write stack ${FIRST_PLANNED}`);
  });
});

describe("stack-workspace.sh: the cloud block before any token is used", () => {
  const env = (stack: string) => ({ ...CLOUD_VARIABLES, STACK: stack, GITHUB_OUTPUT: join(work.path, "output") });

  it("refuses a stack synthesized without TF_CLOUD_ORGANIZATION: a local backend", async () => {
    const [{ stack }] = stacksOfTable();
    await withSynthesizedApp({}, async (outdir) => {
      const result = await runScript("stack-workspace.sh", { ...env(stack!), EXPECTED_PROJECT: CLOUD_VARIABLES.TF_CLOUD_PROJECT }, [
        join(outdir, "stacks", stack!),
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `The cloud block of stack ${stack} has no cloud block (backend "local" instead): it was synthesized without TF_CLOUD_ORGANIZATION`,
      );
    });
  });

  it("accepts every environment stack of the real app in the environments' project", async () => {
    await withSynthesizedApp({ ...CLOUD_VARIABLES }, async (outdir, stacks) => {
      for (const name of stacks.filter(isDeployable)) {
        const result = await runScript("stack-workspace.sh", { ...env(name), EXPECTED_PROJECT: CLOUD_VARIABLES.TF_CLOUD_PROJECT }, [
          join(outdir, "stacks", name),
        ]);
        expect(result.stdout, name).toContain(`workspace ${CLOUD_VARIABLES.TF_CLOUD_WORKSPACE_PREFIX}-${name} of project`);
        expect(result.code, name).toBe(0);
      }
    });
  });

  it('refuses an empty or "null" workspace name', async () => {
    const { TF_CLOUD_ORGANIZATION: organization, TF_CLOUD_PROJECT: project } = CLOUD_VARIABLES;
    mkdirSync(join(work.path, "stack"));
    for (const name of [null, "null", ""]) {
      writeFileSync(join(work.path, "stack/cdk.tf.json"), JSON.stringify({ terraform: { cloud: { organization, workspaces: { name, project } } } }));
      const result = await runScript("stack-workspace.sh", { ...env("stack"), EXPECTED_PROJECT: project }, [join(work.path, "stack")]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("names no workspace");
    }
  });
});

describe("check-variables.sh and check-secrets.sh: what a first run on an empty repository stops at", () => {
  it("names every repository variable that is not set, and points at the bootstrap", async () => {
    const result = await runScript("check-variables.sh", {
      REQUIRED_VARIABLES: Object.values(GITHUB_VARIABLES).join(" "),
      [GITHUB_VARIABLES.organization]: "acme",
      GITHUB_REPOSITORY: "alex-infra/aurora",
      GITHUB_SERVER_URL: "https://github.com",
    });
    expect(result.code).toBe(1);
    for (const name of Object.values(GITHUB_VARIABLES).filter((name) => name !== GITHUB_VARIABLES.organization)) {
      expect(result.stdout).toContain(`::error title=Repository variable missing::The repository variable ${name} is not set.`);
    }
    expect(result.stdout).not.toContain(`variable ${GITHUB_VARIABLES.organization} is not set`);
    expect(result.stdout).toContain("See https://github.com/alex-infra/aurora/blob/HEAD/README.md#bootstrap");
  });

  it("names a secret missing from the repository or from the job's environment", async () => {
    const repository = await runScript("check-secrets.sh", {
      REQUIRED_SECRETS: GITHUB_SECRETS.pullRequestPlanToken,
      [`HAS_${GITHUB_SECRETS.pullRequestPlanToken}`]: "false",
    });
    expect(repository.code).toBe(1);
    expect(repository.stdout).toContain(`The repository secret ${GITHUB_SECRETS.pullRequestPlanToken} is not set`);
    const environment = await runScript("check-secrets.sh", {
      REQUIRED_SECRETS: GITHUB_SECRETS.applyToken,
      [`HAS_${GITHUB_SECRETS.applyToken}`]: "false",
      JOB_ENVIRONMENT: "production",
    });
    expect(environment.code).toBe(1);
    expect(environment.stdout).toContain(`The secret ${GITHUB_SECRETS.applyToken} is not set in the GitHub environment production.`);
  });

  it("refuses an environment secret that is visible outside its environment", async () => {
    const result = await runScript("check-secrets.sh", {
      FORBIDDEN_SECRETS: `${GITHUB_SECRETS.deployPlanToken} ${GITHUB_SECRETS.applyToken}`,
      [`HAS_${GITHUB_SECRETS.deployPlanToken}`]: "false",
      [`HAS_${GITHUB_SECRETS.applyToken}`]: "true",
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `The secret ${GITHUB_SECRETS.applyToken} is visible to this job, which runs in no GitHub environment: it is a repository or organization secret`,
    );
    expect(result.stdout).toContain("Delete it there and set it in each environment that needs it.");
    expect(result.stdout).not.toContain(`secret ${GITHUB_SECRETS.deployPlanToken} is visible`);
  });

  it("passes when each secret is where it belongs, and fails closed on a flag it was not given", async () => {
    const ok = await runScript("check-secrets.sh", {
      REQUIRED_SECRETS: GITHUB_SECRETS.deployPlanToken,
      FORBIDDEN_SECRETS: GITHUB_SECRETS.applyToken,
      [`HAS_${GITHUB_SECRETS.deployPlanToken}`]: "true",
      [`HAS_${GITHUB_SECRETS.applyToken}`]: "false",
      JOB_ENVIRONMENT: DEPLOY_PLAN_GITHUB_ENVIRONMENT,
    });
    expect(ok.code).toBe(0);
    const unknown = await runScript("check-secrets.sh", { FORBIDDEN_SECRETS: GITHUB_SECRETS.applyToken });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain(`::error title=Guard misconfigured::HAS_${GITHUB_SECRETS.applyToken} is '', not true or false.`);
  });
});

describe("github-environments.sh: the deploy's GitHub environments, before anything is applied", () => {
  const environment = (name: string) => `GET /repos/alex-infra/aurora/environments/${name}`;
  const policies = (name: string) => `GET /repos/alex-infra/aurora/environments/${name}/deployment-branch-policies?per_page=100`;
  const github = (fixture: string, status = 200) => ({ status, fixture: `../github/${fixture}` });
  const check = (environments: { name: string; approvalRequired: boolean }[]) =>
    runScript("github-environments.sh", {
      GH_TOKEN: "github-token-for-tests",
      GITHUB_REPOSITORY: "alex-infra/aurora",
      GITHUB_API_URL: stub!.api.replace("/api/v2", ""),
      ENVIRONMENTS: JSON.stringify(environments),
      DEPLOY_BRANCH: "main",
    });

  it("passes when every environment of the deploy exists, deploys from main only, and has reviewers where the table requires them", async () => {
    const environments = preflightEnvironments();
    stub = await startTerraformCloud(
      Object.fromEntries(
        environments.flatMap(({ name, approvalRequired }) => [
          [environment(name), github(approvalRequired ? "environment-reviewed-main-only.json" : "environment-main-only.json")],
          [policies(name), github("branch-policies-main.json")],
        ]),
      ),
    );
    const result = await check(environments);
    expect(result.stdout).not.toContain("::error");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Environments ready: ${environments.map(({ name }) => name).join(", ")}.`);
    expect(stub.requests).toHaveLength(2 * environments.length);
    expect(stub.requests.every((request) => request.authorization === "Bearer github-token-for-tests")).toBe(true);
  });

  it("names each environment and what it lacks", async () => {
    stub = await startTerraformCloud({
      [environment("deploy-plan")]: github("not-found.json", 404),
      [environment("dev")]: github("environment-main-only.json"),
      [policies("dev")]: github("branch-policies-main-and-release.json"),
      [environment("staging")]: github("environment-any-branch.json"),
      [environment("production")]: github("environment-main-only.json"),
      [policies("production")]: github("branch-policies-main.json"),
      [environment("qa")]: github("environment-protected-branches.json"),
    });
    const result = await check([
      { name: "deploy-plan", approvalRequired: false },
      { name: "dev", approvalRequired: false },
      { name: "staging", approvalRequired: false },
      { name: "production", approvalRequired: true },
      { name: "qa", approvalRequired: false },
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error title=GitHub environment deploy-plan not ready::Environment deploy-plan: does not exist.");
    expect(result.stdout).toContain("Environment dev: deploys from branch main, branch release/*, not from the branch main alone.");
    expect(result.stdout).toContain("Environment staging: lets every branch deploy.");
    expect(result.stdout).toContain("Environment production: has no required reviewers");
    expect(result.stdout).toContain("Environment qa: lets every protected branch deploy.");
    expect(result.stdout.match(/^::error /gm)).toHaveLength(5);
  });

  it("says which permission the job lacks when GitHub refuses the token", async () => {
    stub = await startTerraformCloud({ [environment("dev")]: github("not-found.json", 403) });
    const result = await check([{ name: "dev", approvalRequired: false }]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("The job needs permissions: actions: read.");
  });
});

describe("deploy-commit.sh: the commit a deploy applies, its first check, run with the env deploy.yml's preflight gives it", () => {
  const REPOSITORY = "alex-infra/aurora";
  const TESTED = "0123456789abcdef0123456789abcdef01234567";
  const MAIN_REF = `refs/heads/${DEPLOY_BRANCH}`;
  const RUNS = `GET /repos/${REPOSITORY}/actions/workflows/${CI_WORKFLOW.file}/runs?head_sha=${TESTED}&event=push&status=success&per_page=100`;
  const github = (fixture: string, status = 200) => ({ status, fixture: `../github/${fixture}` });
  /** The preflight's step, its env evaluated for an event as GitHub would evaluate it. */
  const decide = (event: Record<string, string>) => {
    const step = steps("deploy.yml", "preflight").find((candidate) => String(candidate.run ?? "").includes("deploy-commit.sh"));
    const values = {
      "github.event.workflow_run.head_sha": "",
      "github.event.workflow_run.head_branch": "",
      "github.ref": "",
      "github.sha": "",
      "github.token": "github-token-for-tests",
      ...event,
    };
    return runScript("deploy-commit.sh", {
      ...resolveExpressions(stepEnv("deploy.yml", "preflight", step), values),
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_API_URL: stub ? stub.api.replace("/api/v2", "") : "http://127.0.0.1:9",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_OUTPUT: join(work.path, "output"),
    });
  };
  const afterCi = (sha = TESTED, branch = DEPLOY_BRANCH) =>
    decide({
      "github.event_name": "workflow_run",
      "github.event.workflow_run.head_sha": sha,
      "github.event.workflow_run.head_branch": branch,
      "github.ref": MAIN_REF,
      "github.sha": "f".repeat(40),
    });
  const byHand = (ref: string, sha = TESTED) => decide({ "github.event_name": "workflow_dispatch", "github.ref": ref, "github.sha": sha });
  const written = () => (existsSync(join(work.path, "output")) ? outputs() : {});

  it("deploys the commit ci tested after a successful ci run of a push to main, asking GitHub nothing", async () => {
    const result = await afterCi();
    expect(result.stdout).not.toContain("::error");
    expect(result.code).toBe(0);
    expect(written()).toEqual({ commit: TESTED });
  });

  it("refuses a ci run whose branch is the deploy branch only when case is ignored", async () => {
    const result = await afterCi(TESTED, DEPLOY_BRANCH.toUpperCase());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error title=Deploy refused::ci ran on the branch '${DEPLOY_BRANCH.toUpperCase()}', not on ${DEPLOY_BRANCH}: only a push to ${DEPLOY_BRANCH} deploys.`,
    );
    expect(written()).toEqual({});
  });

  it("refuses a commit that is not a full commit id", async () => {
    const result = await afterCi("");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error title=Deploy refused::The commit ci tested is '', not a commit id (40 hexadecimal digits).");
  });

  it("deploys the head of main when run by hand on main, once ci succeeded on a push of it", async () => {
    stub = await startTerraformCloud({ [RUNS]: github("ci-runs-tested.json") });
    const result = await byHand(MAIN_REF);
    expect(result.stdout).not.toContain("::error");
    expect(result.code).toBe(0);
    expect(written()).toEqual({ commit: TESTED });
    expect(stub.requests.map((request) => `${request.method} ${request.url}`)).toEqual([RUNS]);
    expect(stub.requests[0]!.authorization).toBe("Bearer github-token-for-tests");
  });

  it.each([
    ["no ci run", "ci-runs-none.json"],
    ["only a failed ci run of it, and a successful one of another commit", "ci-runs-not-this-commit.json"],
  ])("refuses the head of main when it has %s", async (_name, fixture) => {
    stub = await startTerraformCloud({ [RUNS]: github(fixture) });
    const result = await byHand(MAIN_REF);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error title=Commit not tested::ci has not succeeded on a push of ${TESTED}, the head of ${DEPLOY_BRANCH} when this deploy was run`,
    );
    expect(result.stdout).toContain(`https://github.com/${REPOSITORY}/actions/workflows/${CI_WORKFLOW.file}`);
    expect(written()).toEqual({});
  });

  it.each(["refs/heads/feature", `refs/heads/${DEPLOY_BRANCH.toUpperCase()}`, `refs/tags/${DEPLOY_BRANCH}`, "refs/tags/v1.2.3", "refs/pull/7/merge"])(
    "refuses a run by hand on %s, asking GitHub nothing",
    async (ref) => {
      stub = await startTerraformCloud({});
      const result = await byHand(ref);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`::error title=Deploy refused::This deploy was run on ${ref}, not on the branch ${DEPLOY_BRANCH}`);
      expect(result.stdout).toContain(`gh workflow run deploy.yml --ref ${DEPLOY_BRANCH}`);
      expect(stub.requests).toEqual([]);
      expect(written()).toEqual({});
    },
  );

  it("says which permission the job lacks when GitHub refuses the token", async () => {
    stub = await startTerraformCloud({ [RUNS]: github("not-found.json", 403) });
    const result = await byHand(MAIN_REF);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("The job needs permissions: actions: read.");
  });

  it("refuses any other event", async () => {
    const result = await decide({ "github.event_name": "push", "github.ref": MAIN_REF, "github.sha": TESTED });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error title=Deploy refused::The deploy runs after ci (workflow_run) or by hand (workflow_dispatch), not on push.");
  });
});
