/**
 * What the workflow tests share: the workflow files read as documents, the app's stacks as
 * `cdktf synth` lists them, and a stand-in for the Terraform Cloud API that answers with recorded
 * responses, so the workflows' scripts run here exactly as GitHub runs them.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { parse } from "yaml";
import { defineStacks } from "../../stacks/app";
import { stacksOfTable, type Manifest } from "../../stacks/deploy-matrix";
import { keyStackName } from "../../stacks/key-stack";
import { deepFreeze } from "../support/freeze";

export const ROOT = resolve(import.meta.dirname, "../..");
export const WORKFLOWS = join(ROOT, ".github/workflows");
export const SCRIPTS = join(ROOT, ".github/scripts");
export const FIXTURES = join(import.meta.dirname, "fixtures/tfc");

// Workflow YAML is untyped by nature; read it like a document.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;

export const WORKFLOW_FILES = readdirSync(WORKFLOWS).filter((file) => file.endsWith(".yml"));
export const text = (file: string) => readFileSync(join(WORKFLOWS, file), "utf8");
const parsed = new Map<string, Node>();
/** A workflow as a document, parsed once per worker and frozen: tests only read it. */
export const workflow = (file: string): Node => {
  if (!parsed.has(file)) parsed.set(file, deepFreeze(parse(text(file))));
  return parsed.get(file);
};
export const jobs = (file: string): Record<string, Node> => workflow(file).jobs;
export const steps = (file: string, job: string): Node[] => jobs(file)[job]?.steps ?? [];
export const allSteps = (file: string): { job: string; step: Node }[] =>
  Object.entries(jobs(file)).flatMap(([job, body]) => (body.steps ?? []).map((step: Node) => ({ job, step })));
export const usesOf = (step: Node): string => String(step.uses ?? "");

/** The env a step runs with, as GitHub merges it: the workflow's, then the job's, then the step's own. */
export const stepEnv = (file: string, job: string, step: Node): Record<string, string> => ({
  ...workflow(file).env,
  ...jobs(file)[job].env,
  ...step.env,
});

/**
 * Replaces each `${{ X }}` of an env's values with `values[X]`, as GitHub evaluates those
 * expressions before the step runs; an expression `values` does not give fails the test.
 */
export function resolveExpressions(env: Record<string, string>, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
        if (!(expression in values)) throw new Error(`${name}: no test value for \${{ ${expression} }}`);
        return values[expression]!;
      }),
    ]),
  );
}

/** A temporary directory, removed by the returned function. */
export function temporaryDirectory(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Synthesizes the app into `outdir`; returns the names of the stacks its manifest.json lists. */
function synthesizeApp(outdir: string, env: Record<string, string> = {}): string[] {
  const app = new App({ outdir, skipValidation: true });
  defineStacks(app, env);
  app.synth();
  return Object.keys((JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as Manifest).stacks);
}

/** A stack that no row of the settings table makes. */
export const UNLISTED_STACK = "not-in-the-table";

/**
 * The cdktf.out/manifest.json of an app that makes exactly the settings table's stacks, each
 * database stack depending on its environment's key stack as the app's do; `extra` adds stacks or
 * replaces one.
 */
export function tableManifest(extra: Manifest["stacks"] = {}): { stacks: Record<string, { dependencies?: readonly string[] }> } {
  const stacks = stacksOfTable().map((entry) => entry.stack);
  const keyOf = (stack: string) => (stacks.includes(keyStackName(stack)) ? [keyStackName(stack)] : []);
  return { stacks: { ...Object.fromEntries(stacks.map((stack) => [stack, { dependencies: keyOf(stack) }])), ...extra } };
}

/** The repository variables as a test organization's bootstrap would set them. */
export const CLOUD_VARIABLES = {
  TF_CLOUD_ORGANIZATION: "acme",
  TF_CLOUD_WORKSPACE_PREFIX: "alex-database",
  TF_CLOUD_PROJECT: "alex-database",
  TF_CLOUD_PREVIEW_PROJECT: "alex-database-previews",
} as const;

/** What `${{ vars.X }}` gives for each of those variables, for resolveExpressions. */
export const VARS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CLOUD_VARIABLES).map(([name, value]) => [`vars.${name}`, value]));

/**
 * Synthesizes the app as the workflows' synth jobs do (with the repository variables, and
 * PREVIEW_ID for a preview) into a temporary directory, hands `use` that cdktf.out and its stacks'
 * names, then removes it.
 */
export async function withSynthesizedApp<T>(env: Record<string, string>, use: (outdir: string, stacks: string[]) => Promise<T>): Promise<T> {
  const out = temporaryDirectory("app-synth");
  try {
    return await use(out.path, synthesizeApp(out.path, env));
  } finally {
    out.remove();
  }
}

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
  /** The body as received, for binary uploads. */
  readonly raw: Buffer;
}

export interface Answer {
  readonly status: number;
  /** A fixture file under fixtures/tfc; `{{BASE}}` in it becomes the stub's address. */
  readonly fixture?: string;
  /** A JSON body the test built, when no fixture is given. */
  readonly body?: unknown;
  /** Response headers, such as Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Closes the connection without an answer, as a connection dropped mid-request does (`status` is not sent). */
  readonly drop?: true;
}

/** A connection dropped before any answer: curl reports HTTP 000. */
export const DROPPED: Answer = { status: 0, drop: true };

/**
 * A stand-in for the Terraform Cloud API (and GitHub's REST API) on 127.0.0.1: each `METHOD url`
 * answers with its recorded responses in turn (the last one repeats); anything else is a 599 that
 * tests see.
 */
export async function startTerraformCloud(routes: Record<string, Answer | Answer[]>) {
  const requests: Recorded[] = [];
  const served = new Map<string, number>();
  let base = "";
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const key = `${request.method} ${request.url}`;
      const raw = Buffer.concat(chunks);
      requests.push({ method: request.method ?? "", url: request.url ?? "", authorization: request.headers.authorization, body: raw.toString("utf8"), raw });
      const route = routes[key];
      if (!route) {
        response.writeHead(599, { "content-type": "text/plain" }).end(`no recorded response for ${key}`);
        return;
      }
      const answers = Array.isArray(route) ? route : [route];
      const index = Math.min(served.get(key) ?? 0, answers.length - 1);
      served.set(key, index + 1);
      const answer = answers[index]!;
      if (answer.drop) {
        request.socket.destroy();
        return;
      }
      const content = answer.fixture
        ? readFileSync(join(FIXTURES, answer.fixture), "utf8").replaceAll("{{BASE}}", base)
        : answer.body === undefined
          ? ""
          : JSON.stringify(answer.body);
      response.writeHead(answer.status, { "content-type": "application/vnd.api+json", ...answer.headers }).end(content);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    api: `${base}/api/v2`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a script of .github/scripts with bash, with only PATH and `env` in its environment, and
 * without waiting between retries (TFC_RETRY_DELAY_SECONDS 0) unless `env` says otherwise.
 */
export function runScript(script: string, env: Record<string, string>, args: string[] = []): Promise<ScriptResult> {
  return new Promise((done, fail) => {
    const child = spawn("bash", [join(SCRIPTS, script), ...args], { env: { PATH: process.env.PATH ?? "", TFC_RETRY_DELAY_SECONDS: "0", ...env }, cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** The step outputs NAME=VALUE lines of a GITHUB_OUTPUT file give. */
export const parseOutputs = (lines: string): Record<string, string> =>
  Object.fromEntries(
    lines
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );

/**
 * Runs a step's run line under GitHub's bash (bash --noprofile --norc -eo pipefail, the shell of
 * `defaults.run.shell: bash`) from the repository's root, with `cdktf.out` in it pointed at
 * `outdir`, only PATH, HOME and `env` in its environment, and GITHUB_OUTPUT and RUNNER_TEMP in a
 * temporary folder it removes. GitHub reads workflow commands (::error::) from both stdout and
 * stderr.
 */
export function runStep(step: Node, outdir: string, env: Record<string, string>): { code: number; stdout: string; stderr: string; outputs: string } {
  const folder = temporaryDirectory("run-line");
  try {
    const output = join(folder.path, "output");
    writeFileSync(output, "");
    const script = String(step.run).replaceAll("cdktf.out", outdir);
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, GITHUB_OUTPUT: output, RUNNER_TEMP: folder.path, TSX_DISABLE_CACHE: "1" },
      encoding: "utf8",
    });
    if (result.error) throw result.error;
    return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr, outputs: readFileSync(output, "utf8") };
  } finally {
    folder.remove();
  }
}
