/**
 * What a stack must hold before any workflow uploads it: check-stack.sh (every rule, run as plan.yml's
 * and apply-stack.yml's steps run it, and through check-preview-stack.sh as preview.yml runs it) and
 * stack-workspace.sh (the cloud block), over the real app synthesized with the repository
 * variables, each forbidden construct added to a real stack. Every test works in its own temporary
 * directory and removes it.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deployJobName } from "../../scripts/deploy-workflow";
import { isDeployable, pullRequestPlans, stacksOfTable } from "../../stacks/deploy-matrix";
import { previewStackName } from "../../stacks/preview";
import { CLOUD_VARIABLES, VARS, folderPerTest, jobs, parseOutputs, resolveExpressions, runScript, runStep, stepEnv, steps, withSynthesizedApp } from "./support";

const work = folderPerTest("stack-check");
/** The step outputs a script wrote to GITHUB_OUTPUT. */
const outputs = () => parseOutputs(readFileSync(join(work.path, "output"), "utf8"));

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
  const previewCheck = () => runScript("check-preview-stack.sh", { ...CLOUD_VARIABLES, STACK: PREVIEW, GITHUB_OUTPUT: join(work.path, "output") }, [join(work.path, "preview")]);
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
  const otherStack = (stack: string) => stacksOfTable().map((entry) => entry.stack).reverse().find((name) => name !== stack)!;
  /** One forbidden construct each, added to a real stack: what it changes, and what the refusal says. */
  const forbidden = (stack: string, project: string, otherProject: string): { name: string; change: (json: Json, folder: string) => void; message: string | RegExp }[] => [
    { name: "a provisioner", change: (json) => (firstResource(json).provisioner = [{ "local-exec": { command: "env" } }]), message: /has a provisioner at resource\.aws_\w+\.\w+\./ },
    { name: "an external data source", change: (json) => (json.data.external = { leak: { program: ["sh", "-c", "env"] } }), message: "has data type external" },
    { name: "an http data source", change: (json) => (json.data.http = { leak: { url: "https://example.test" } }), message: "has data type http" },
    { name: "a null data source", change: (json) => (json.data.null_data_source = { leak: { inputs: {} } }), message: "has data type null_data_source" },
    { name: "a terraform_remote_state data source", change: (json) => (json.data.terraform_remote_state = { prod: { backend: "remote" } }), message: "has data type terraform_remote_state" },
    { name: "a module block", change: (json) => (json.module = { anything: { source: "github.com/someone/module" } }), message: "has a top-level module block" },
    { name: "a null_resource", change: (json) => (json.resource.null_resource = { run: {} }), message: "has resource type null_resource" },
    { name: "a provider from elsewhere", change: (json) => (json.terraform.required_providers.aws.source = "someone/aws"), message: "requires provider aws from registry.terraform.io/someone/aws, not hashicorp/aws" },
    { name: "another provider", change: (json) => (json.terraform.required_providers.http = { source: "hashicorp/http" }), message: "requires provider http" },
    { name: "an AWS provider sent to other endpoints", change: (json) => (json.provider.aws[0].endpoints = [{ sts: "https://example.test" }]), message: "sets endpoints in provider aws" },
    { name: "a backend", change: (json) => (json.terraform.backend = { s3: { bucket: "x" } }), message: "has terraform.backend" },
    { name: "a check block", change: (json) => (json.check = { probe: { data: { http: { x: { url: "https://example.test" } } } } }), message: "has a top-level check block" },
    { name: "an output that reads a file of the worker", change: (json) => (json.output.leak = { value: '${file("/proc/self/environ")}' }), message: "reads a file of the worker at output.leak.value" },
    { name: "a resource argument from templatefile", change: (json) => (firstResource(json).tags = { leak: '${templatefile("/etc/passwd", {})}' }), message: /reads a file of the worker at resource\.aws_\w+\.\w+\.tags\.leak/ },
    { name: "a file read as core::file, spaced", change: (json) => (json.locals = { leak: '${ core::file ("/proc/self/environ") }' }), message: "reads a file of the worker at locals.leak" },
    { name: "a file read in a quoted string's interpolation", change: (json) => (json.locals = { leak: '${"a}${filebase64("/proc/self/environ")}"}' }), message: "reads a file of the worker at locals.leak" },
    { name: "a file read in an object key", change: (json) => (json.locals = { leak: { '${fileset("/", "**")}': "x" } }), message: "reads a file of the worker at locals.leak" },
    { name: "a comment in an expression", change: (json) => (json.locals = { leak: '${ /* } */ file("/proc/self/environ") }' }), message: "has an expression this check cannot read (a comment, a heredoc or an unclosed interpolation) at locals.leak" },
    { name: "a .tf file beside cdk.tf.json", change: (_json, folder) => writeFileSync(join(folder, "extra.tf"), 'data "external" "leak" {\n  program = ["env"]\n}\n'), message: "holds extra.tf beside cdk.tf.json" },
    { name: "an override file beside cdk.tf.json", change: (_json, folder) => writeFileSync(join(folder, "override.tf.json"), "{}"), message: "holds override.tf.json beside cdk.tf.json" },
    { name: "a .terraform folder beside cdk.tf.json", change: (_json, folder) => mkdirSync(join(folder, ".terraform", "providers"), { recursive: true }), message: "holds .terraform beside cdk.tf.json" },
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
    { name: "a cdk.tf.json that is not JSON", change: (_json, folder) => writeFileSync(join(folder, "cdk.tf.json"), "resource {"), message: "has a cdk.tf.json that is not a JSON object" },
    { name: "another project", change: (json) => (json.terraform.cloud.workspaces.project = otherProject), message: `names project "${otherProject}", not "${project}"` },
    { name: "another organization", change: (json) => (json.terraform.cloud.organization = "someone-else"), message: `names organization "someone-else", not TF_CLOUD_ORGANIZATION "${TF_CLOUD_ORGANIZATION}"` },
    { name: "another stack's workspace", change: (json) => (json.terraform.cloud.workspaces.name = `${TF_CLOUD_WORKSPACE_PREFIX}-${otherStack(stack)}`), message: `names workspace "${TF_CLOUD_WORKSPACE_PREFIX}-${otherStack(stack)}", not "${TF_CLOUD_WORKSPACE_PREFIX}-${stack}"` },
  ];
  /** Places the stack with one forbidden construct; the folder's files change after cdk.tf.json is written. */
  const placeWith = (stack: string, change: (json: Json, folder: string) => void) => {
    const json = JSON.parse(synthesized.get(stack)!) as Json;
    const folder = place(stack, json);
    change(json, folder);
    if (!lstatSync(join(folder, "cdk.tf.json")).isSymbolicLink() && readFileSync(join(folder, "cdk.tf.json"), "utf8").startsWith("{")) writeFileSync(join(folder, "cdk.tf.json"), JSON.stringify(json));
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

  it.each(forbidden(PREVIEW, TF_CLOUD_PREVIEW_PROJECT, TF_CLOUD_PROJECT).map((entry) => [entry.name, entry]))("refuses in a preview %s", async (_name, { change, message }) => {
    placeWith(PREVIEW, change);
    refused(await previewCheck(), message);
  });

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
    placeWith(FIRST_PLANNED, (json) => (firstResource(json).tags = { a: "see file (1) and ${aws_vpc.x.id} templatefile(path, vars)", b: '$${file("x")}', c: '${upper("file(x)")}' }));
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
      const result = await runScript("stack-workspace.sh", { ...env(stack!), EXPECTED_PROJECT: CLOUD_VARIABLES.TF_CLOUD_PROJECT }, [join(outdir, "stacks", stack!)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`The cloud block of stack ${stack} has no cloud block (backend "local" instead): it was synthesized without TF_CLOUD_ORGANIZATION`);
    });
  });

  it("accepts every environment stack of the real app in the environments' project", async () => {
    await withSynthesizedApp({ ...CLOUD_VARIABLES }, async (outdir, stacks) => {
      for (const name of stacks.filter(isDeployable)) {
        const result = await runScript("stack-workspace.sh", { ...env(name), EXPECTED_PROJECT: CLOUD_VARIABLES.TF_CLOUD_PROJECT }, [join(outdir, "stacks", name)]);
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
