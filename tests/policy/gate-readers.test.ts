/**
 * How the gate reads documents back: `${jsonencode(…)}` arguments at their edges (empty
 * collections, escapes, strings and whitespace inside references, what ends a document), a
 * document's identity policies and their statements, and the backup selections that may or
 * certainly do back a cluster up.
 */
import type { TerraformDocument } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { coveringSelections, possibleSelections } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/backup";
import { resources } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/document";
import { identityPolicies } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/policies";
import { readJsonDocument } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/read-json-document";

const encoded = (hcl: string) => `\${jsonencode(${hcl})}`;

describe("reading a jsonencode argument", () => {
  it("reads empty objects and lists, at the top and nested", () => {
    expect(readJsonDocument(encoded("{}"))).toEqual({});
    expect(readJsonDocument(encoded("[]"))).toEqual([]);
    expect(readJsonDocument(encoded('{"Statement" = [], "Condition" = {}, "Nested" = [[], { }]}'))).toEqual({
      Statement: [],
      Condition: {},
      Nested: [[], {}],
    });
  });

  it("reads escaped quotes inside strings, in values, keys and a reference's arguments", () => {
    expect(readJsonDocument(encoded(String.raw`{"Sid" = "say \"hi\", then go", "a\"b" = "x"}`))).toEqual({ Sid: 'say "hi", then go', 'a"b': "x" });
    expect(readJsonDocument(encoded(String.raw`{"Resource" = format("\"%s\"", var.name)}`))).toEqual({ Resource: '${format("\\"%s\\"", var.name)}' });
  });

  it("keeps brackets and commas inside a reference's string arguments in the reference", () => {
    expect(readJsonDocument(encoded('{"Resource" = replace(var.arn, ")", "/"), "Other" = "x"}'))).toEqual({
      Resource: '${replace(var.arn, ")", "/")}',
      Other: "x",
    });
    expect(readJsonDocument(encoded('[join("],[", var.list), format("%s}", var.name)]'))).toEqual(['${join("],[", var.list)}', '${format("%s}", var.name)}']);
  });

  it("reads a whole document that is one reference, and a reference without the whitespace around it", () => {
    expect(readJsonDocument(encoded("var.policy"))).toBe("${var.policy}");
    expect(readJsonDocument(encoded('{\n  "Resource" = aws_s3_bucket.logs.arn\n  ,\n  "List" = [ var.a , var.b ]\n}'))).toEqual({
      Resource: "${aws_s3_bucket.logs.arn}",
      List: ["${var.a}", "${var.b}"],
    });
  });

  it("refuses an expression that does not start with a name: an operator in parentheses, a negated or malformed value", () => {
    for (const value of ['{"a" = (var.n * 2)}', '{"a" = -var.n}', '{"a" = 2x}', '{"a" = 10 + var.n}']) {
      expect(readJsonDocument(encoded(value)), value).toBeUndefined();
    }
  });

  it("refuses text after the document, and an unterminated string", () => {
    for (const value of ['{"a" = 1} {"b" = 2}', '{"a" = 1} x', "[1], 2", '{"a" = "unterminated}', '{"a" = "ends in an escape\\"}']) {
      expect(readJsonDocument(encoded(value)), value).toBeUndefined();
    }
    // Whitespace after the document is no text.
    expect(readJsonDocument(encoded('{"a" = 1}\n  '))).toEqual({ a: 1 });
  });
});

describe("identity policies", () => {
  const role = (inlinePolicy: unknown) =>
    ({ resource: { aws_iam_role: { r: { name: "role", inline_policy: inlinePolicy } } } }) as unknown as TerraformDocument;
  const policy = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

  it("names a role's inline policy block without a name (unnamed), and skips blocks without a policy or that are no block", () => {
    const policies = identityPolicies(
      role([null, {}, { name: "empty" }, { policy: policy({ Effect: "Deny", Action: "s3:*", Resource: "*" }) }, { name: "named", policy: "{}" }]),
    );
    expect(policies.map(({ inlineName, statements }) => [inlineName, statements])).toEqual([
      ["(unnamed)", [{ sid: undefined, effect: "Deny", actions: ["s3:*"], exceptActions: false, resources: ["*"], exceptResources: false }]],
      ["named", undefined],
    ]);
  });

  it("reads a statement without an effect as Allow, in policy JSON and in a policy document data source", () => {
    const document = {
      resource: {
        aws_iam_policy: {
          json: { policy: policy({ Sid: "NoEffect", NotAction: "iam:*", Resource: "*" }) },
          source: { policy: "${data.aws_iam_policy_document.d.json}" },
        },
      },
      data: { aws_iam_policy_document: { d: { statement: [{ actions: ["kms:Decrypt"], not_resources: ["*"] }] } } },
    } as unknown as TerraformDocument;
    expect(identityPolicies(document).map(({ statements }) => statements)).toEqual([
      [{ sid: "NoEffect", effect: "Allow", actions: [], exceptActions: true, resources: ["*"], exceptResources: false }],
      [{ sid: undefined, effect: "Allow", actions: ["kms:Decrypt"], exceptActions: false, resources: [], exceptResources: true }],
    ]);
  });

  it("reads no statements from a policy that is null, or whose statements are not objects", () => {
    const document = {
      resource: { aws_iam_policy: { a: { policy: "null" }, b: { policy: '{"Statement": [null]}' }, c: { policy: '{"Statement": "s3:*"}' } } },
    } as unknown as TerraformDocument;
    expect(identityPolicies(document).map(({ owner, statements }) => [owner.name, statements])).toEqual([
      ["a", undefined],
      ["b", undefined],
      ["c", undefined],
    ]);
  });
});

describe("backup selections", () => {
  const CLUSTER_ARN = "${aws_rds_cluster.db.arn}";
  /** A document with the cluster and the given selections. */
  function withSelections(selections: Record<string, object>) {
    const document = {
      resource: { aws_rds_cluster: { db: { cluster_identifier: "orders" } }, aws_backup_selection: selections },
    } as unknown as TerraformDocument;
    const [cluster] = resources(document, "aws_rds_cluster");
    const names = (found: { name: string }[]) => found.map(({ name }) => name);
    return {
      covering: names(coveringSelections(document, cluster!)),
      possible: possibleSelections(document, cluster!).map(({ selection, named }) => [selection.name, named]),
    };
  }

  it("counts only selections of a plan", () => {
    const { covering, possible } = withSelections({
      planned: { plan_id: "${aws_backup_plan.p.id}", resources: [CLUSTER_ARN] },
      unplanned: { resources: [CLUSTER_ARN] },
      emptyPlan: { plan_id: "", resources: ["arn:aws:rds:*:*:cluster:*"] },
    });
    expect(covering).toEqual(["planned"]);
    expect(possible).toEqual([["planned", true]]);
  });

  it("reads a condition block with every list empty, or no block, as no condition; one filled list is a condition", () => {
    const { covering, possible } = withSelections({
      emptyBlock: { plan_id: "p", resources: [CLUSTER_ARN], condition: [{}] },
      emptyLists: { plan_id: "p", resources: [CLUSTER_ARN], condition: [{ string_equals: [], string_like: [] }] },
      nullBlock: { plan_id: "p", resources: [CLUSTER_ARN], condition: [null] },
      notABlock: { plan_id: "p", resources: [CLUSTER_ARN], condition: ["string_equals"] },
      oneFilled: {
        plan_id: "p",
        resources: [CLUSTER_ARN],
        condition: [{ string_equals: [{ key: "aws:ResourceTag/backup", value: "yes" }], string_like: [] }],
      },
    });
    expect(covering).toEqual(["emptyBlock", "emptyLists", "nullBlock", "notABlock"]);
    expect(possible.map(([name]) => name)).toEqual(["emptyBlock", "emptyLists", "nullBlock", "notABlock", "oneFilled"]);
  });

  it("may back the cluster up by a filled tag block or any wildcard ARN; not by an empty tag block or by naming other resources", () => {
    const { covering, possible } = withSelections({
      wildcardOnly: { plan_id: "p", resources: ["arn:aws:rds:*:*:cluster:*"] },
      wildcardAmongOthers: { plan_id: "p", resources: ["${aws_rds_cluster.other.arn}", "arn:aws:rds:eu-west-1:*:cluster:orders-*"] },
      otherCluster: { plan_id: "p", resources: ["${aws_rds_cluster.other.arn}"] },
      noResources: { plan_id: "p", resources: [] },
      byTag: { plan_id: "p", selection_tag: [{ type: "STRINGEQUALS", key: "backup", value: "yes" }] },
      emptyTagBlock: { plan_id: "p", selection_tag: [{}, null, "STRINGEQUALS"] },
    });
    expect(covering).toEqual([]);
    expect(possible).toEqual([
      ["wildcardOnly", false],
      ["wildcardAmongOthers", false],
      ["byTag", false],
    ]);
  });
});
