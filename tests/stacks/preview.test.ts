/**
 * Preview stacks: present only with an id, dev's settings, and valid, unique names for any id.
 */
import { describe, expect, it } from "vitest";
import { defineStacks, validationErrors } from "../../stacks/app";
import { DEFAULT_WORKSPACE_PREFIX, workspaceName } from "../../stacks/backend";
import { PREVIEW_ENVIRONMENT } from "../../stacks/bootstrap/aws/scopes";
import { BOOTSTRAP_STACK_NAME, permissionsBoundaryPolicyName } from "../../stacks/delivery";
import { databaseResourceName, environmentTags, parameterPath } from "../../stacks/environments";
import { MAX_SLUG_LENGTH, previewSlug, previewStackName } from "../../stacks/preview";
import { testApp } from "../support/app";
import { appStackNames, inHook, onlyResource, resourcesOf, synthesize, validationProblems, type Block } from "../support/synth";

/** The app's stacks but the bootstrap stack, which is always there (tests/stacks/bootstrap.test.ts). */
function stackNames(env: Record<string, string>, context?: Record<string, unknown>): string[] {
  const app = testApp(context);
  defineStacks(app, env);
  return app.node.children.map((child) => child.node.id).filter((name) => name !== BOOTSTRAP_STACK_NAME);
}

function previewJson(id: string): Block {
  const { preview } = defineStacks(testApp(), { PREVIEW_ID: id });
  expect(preview).toBeDefined();
  return synthesize(preview!).json;
}

describe("presence", () => {
  it("adds no preview stack without an id, nor for a blank one", () => {
    expect(stackNames({})).toEqual(appStackNames());
    expect(stackNames({ PREVIEW_ID: "  " })).toEqual(appStackNames());
  });

  it("adds preview-<id> when PREVIEW_ID or the previewId context is given", () => {
    expect(stackNames({ PREVIEW_ID: "42" })).toEqual([...appStackNames(), "preview-42"]);
    expect(stackNames({}, { previewId: 17 })).toEqual([...appStackNames(), "preview-17"]);
  });
});

describe("settings", () => {
  const settings = inHook(() => {
    const json = previewJson("42");
    const cluster = onlyResource(json, "aws_rds_cluster").body;
    return { json, cluster };
  });

  it("are dev's: 0-1 ACU pausing after 300 s, no deletion protection, no final snapshot, the password managed by RDS", () => {
    expect(settings().cluster.serverlessv2_scaling_configuration).toEqual({ min_capacity: 0, max_capacity: 1, seconds_until_auto_pause: 300 });
    expect(settings().cluster).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(settings().cluster.final_snapshot_identifier).toBeUndefined();
    expect(settings().cluster.manage_master_user_password).toBe(true);
  });

  it("have dev's dashboard and, like dev, no alarm or alarm topic", () => {
    expect(onlyResource(settings().json, "aws_cloudwatch_dashboard").body.dashboard_name).toBe(`${databaseResourceName("preview-42")}-aurora`);
    expect(resourcesOf(settings().json, "aws_cloudwatch_metric_alarm")).toEqual({});
    expect(resourcesOf(settings().json, "aws_sns_topic")).toEqual({});
  });

  it("give every role the previews' permissions boundary, never an environment's", () => {
    const roles = Object.values(resourcesOf(settings().json, "aws_iam_role"));
    expect(roles.length).toBeGreaterThan(0);
    expect(settings().json.data.aws_iam_policy.PermissionsBoundary.arn).toMatch(new RegExp(`:policy/${permissionsBoundaryPolicyName(PREVIEW_ENVIRONMENT)}$`));
    for (const role of roles) expect(role.permissions_boundary).toBe("${data.aws_iam_policy.PermissionsBoundary.arn}");
  });

  it("are named and tagged as a preview", () => {
    expect(settings().cluster.cluster_identifier).toBe(`${databaseResourceName("preview-42")}-aurora-cluster`);
    expect(settings().cluster.tags).toEqual(environmentTags("preview"));
  });

  it("pass the policy gate with dev's exceptions, and synthesize", () => {
    const app = testApp();
    defineStacks(app, { PREVIEW_ID: "42" });
    expect(validationErrors(app)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  it("publish their parameters under a path of their own, and output it", () => {
    const names = Object.values(resourcesOf(settings().json, "aws_ssm_parameter")).map((parameter) => parameter.name as string);
    expect(names.sort()).toEqual(
      ["cluster-arn", "database-name", "port", "reader-endpoint", "secret-arn", "writer-endpoint"].map((leaf) => `${parameterPath("preview-42")}/${leaf}`),
    );
    expect(settings().json.output.ssm_parameter_path.value).toBe(parameterPath("preview-42"));
  });

  it("use a Terraform Cloud workspace named by the same convention", () => {
    const { preview } = defineStacks(testApp(), { PREVIEW_ID: "42", TF_CLOUD_ORGANIZATION: "acme" });
    expect(synthesize(preview!).json.terraform.cloud.workspaces.name).toBe(workspaceName(DEFAULT_WORKSPACE_PREFIX, "preview-42"));
  });
});

/** Ids a user can give, hostile ones included. */
const HOSTILE_IDS = [
  "42",
  "feature-login",
  "Feature-Login",
  "feature/login",
  "FEATURE/LOGIN",
  "feature_login",
  "feature--login",
  "-feature-login-",
  "a".repeat(40),
  "a".repeat(31),
  "a".repeat(32),
  "b".repeat(128),
  "x/y/z",
  "///",
  "ünïcødé-ßranch",
  "日本語",
  "' OR 1=1 --",
  "a b c",
  "release/2026.11",
  "feature-0123456789",
  "0123456789abcdef0123",
  "dependabot/npm_and_yarn/vitest-4.1.12",
];

describe("names for any id", () => {
  const slugs = HOSTILE_IDS.map(previewSlug);

  it("are pinned exactly for known ids: a changed slug would orphan every existing preview's workspace and resources", () => {
    expect(
      Object.fromEntries(
        ["42", "Feature/Login-Page", "dependabot/npm_and_yarn/vitest-4.1.12", "b".repeat(128), "日本語", "release/2026.11"].map((id) => [id, previewSlug(id)]),
      ),
    ).toEqual({
      "42": "42",
      "Feature/Login-Page": "feature-login-page-01ab65eb83",
      "dependabot/npm_and_yarn/vitest-4.1.12": "dependabot-npm-and-y-8e1062aa1d",
      ["b".repeat(128)]: "bbbbbbbbbbbbbbbbbbbb-70ae1c5307",
      日本語: "id-77710aedc7",
      "release/2026.11": "release-2026-11-5db06f79dc",
    });
    expect(previewStackName("Feature/Login-Page")).toBe("preview-feature-login-page-01ab65eb83");
    expect(workspaceName(DEFAULT_WORKSPACE_PREFIX, previewStackName("42"))).toBe(`${DEFAULT_WORKSPACE_PREFIX}-preview-42`);
    expect(workspaceName(DEFAULT_WORKSPACE_PREFIX, previewStackName("Feature/Login-Page"))).toBe(
      `${DEFAULT_WORKSPACE_PREFIX}-preview-feature-login-page-01ab65eb83`,
    );
  });

  it("keep a canonical id as it is", () => {
    expect(previewSlug("42")).toBe("42");
    expect(previewSlug("feature-login")).toBe("feature-login");
  });

  it("are valid identifiers within every AWS limit", () => {
    for (const [i, slug] of slugs.entries()) {
      expect(slug, HOSTILE_IDS[i]).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(slug.length, HOSTILE_IDS[i]).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    }
  });

  it("never coincide for two different ids", () => {
    expect(new Set(slugs).size).toBe(HOSTILE_IDS.length);
  });

  it("never let a canonical id take the slug of a normalized one", () => {
    const normalized = previewSlug("Feature/Login");
    expect(previewSlug(normalized)).not.toBe(normalized);
  });

  it.each(HOSTILE_IDS)("build a whole stack that the module accepts, for %j", (id) => {
    const json = previewJson(id);
    const slug = previewSlug(id);
    expect(onlyResource(json, "aws_rds_cluster").body.cluster_identifier).toBe(`${databaseResourceName(`preview-${slug}`)}-aurora-cluster`);
    for (const role of Object.values(resourcesOf(json, "aws_iam_role"))) expect(role.name.length).toBeLessThanOrEqual(64);
    expect(json.output.ssm_parameter_path.value).toBe(parameterPath(`preview-${slug}`));
    expect(previewStackName(id)).toMatch(/^preview-[a-z0-9-]+$/);
    expect(workspaceName(DEFAULT_WORKSPACE_PREFIX, previewStackName(id)).length).toBeLessThanOrEqual(90);
  });

  it("refuse an id longer than 128 characters, naming the variable", () => {
    const id = "c".repeat(129);
    expect(validationProblems(() => defineStacks(testApp(), { PREVIEW_ID: id }))).toEqual([
      { property: "PREVIEW_ID", received: id, allowed: "an id of 1 to 128 characters, such as a pull request number" },
    ]);
  });
});
