/**
 * The corrections of cdktf's HCL rendering (stacks/hcl-rendering.ts), on the forms cdktf writes;
 * tests/stacks/hcl-synthesis.integration.test.ts checks every stack's `cdktf synth --hcl` with
 * Terraform's parser.
 */
import { describe, expect, it } from "vitest";
import { restoreRequiredVersion, unquoteReferences } from "../../stacks/hcl-rendering";
import { synthEnvironments } from "../support/synth";

describe("unquoteReferences", () => {
  it("writes the entries of depends_on and ignore_changes as references", () => {
    const hcl = [
      "  depends_on = [",
      '    "aws_iam_role_policy_attachment.Monitoring_ManagedPolicy_E0EEDE2B",',
      '    "data.aws_iam_policy_document.Trust_1A2B",',
      "  ]",
      "  lifecycle {",
      '    ignore_changes = ["snapshot_identifier", "restore_to_point_in_time"]',
      "  }",
    ].join("\n");
    expect(unquoteReferences(hcl)).toBe(
      [
        "  depends_on = [",
        "    aws_iam_role_policy_attachment.Monitoring_ManagedPolicy_E0EEDE2B,",
        "    data.aws_iam_policy_document.Trust_1A2B,",
        "  ]",
        "  lifecycle {",
        "    ignore_changes = [snapshot_identifier, restore_to_point_in_time]",
        "  }",
      ].join("\n"),
    );
    expect(unquoteReferences('    ignore_changes = "all"')).toBe("    ignore_changes = all");
  });

  it("leaves every other list and string as it is", () => {
    const hcl = [
      '  resources = [\n    "${aws_rds_cluster.Cluster.arn}",\n  ]',
      '  vpc_security_group_ids = ["sg-1"]',
      '  description = "depends_on = [\\"x\\"]"',
    ].join("\n");
    expect(unquoteReferences(hcl)).toBe(hcl);
  });

  it("finds something to correct in the shipped stacks' JSON forms: their clusters depend on the log group and ignore the restore source", () => {
    const cluster = Object.values(
      (synthEnvironments().dev.json.resource as Record<string, Record<string, { depends_on?: string[]; lifecycle?: { ignore_changes?: string[] } }>>)
        .aws_rds_cluster!,
    )[0]!;
    expect(cluster.depends_on?.length).toBeGreaterThan(0);
    expect(cluster.lifecycle?.ignore_changes).toEqual(["snapshot_identifier", "restore_to_point_in_time"]);
  });
});

describe("restoreRequiredVersion", () => {
  it("writes required_version where cdktf writes its index", () => {
    expect(restoreRequiredVersion('terraform {\n  0 = "required_version"\n}', ">= 1.11.4, < 2.0.0")).toBe(
      'terraform {\nrequired_version = ">= 1.11.4, < 2.0.0"\n}',
    );
  });
});
