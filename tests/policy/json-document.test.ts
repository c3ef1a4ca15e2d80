/**
 * Reading a JSON document argument back from the synthesized JSON: literal JSON, or
 * `${jsonencode(…)}` as cdktf renders `Fn.jsonencode` of an object, references included.
 */
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { readJsonDocument } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/read-json-document";
import { jsonDocument } from "../../modules/aurora-postgresql-serverless/src/private/write-json-document";
import { testApp } from "../support/app";
import { synthesize } from "../support/synth";

describe("readJsonDocument", () => {
  it("reads literal JSON", () => {
    expect(readJsonDocument('{"Version":"2012-10-17","Statement":[]}')).toEqual({ Version: "2012-10-17", Statement: [] });
  });

  it("reads what cdktf renders for Fn.jsonencode of an object, references read as ${…} strings", () => {
    const stack = new TerraformStack(testApp(), "documents");
    const arn = new TerraformVariable(stack, "arn", { type: "string" }).stringValue;
    const document = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "A",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: [arn, `arn:aws:s3:::bucket/${arn}/*`, "line one\nline two, {braces} [brackets] = sign"],
          Condition: { NumericLessThan: { "s3:max-keys": 10 }, Bool: { "aws:SecureTransport": true }, Null: { "aws:TokenIssueTime": null } },
        },
      ],
      Elements: [Fn.element(Fn.split(":", arn), 6), Fn.lookup({ a: "b, c" }, "a", "d")],
    };
    new TerraformOutput(stack, "document", { value: Fn.jsonencode(document) });
    const rendered = synthesize(stack).json.output.document.value as string;
    expect(rendered).toMatch(/^\$\{jsonencode\(\{"Version" = "2012-10-17"/);
    expect(readJsonDocument(rendered)).toEqual({
      ...document,
      Statement: [{ ...document.Statement[0], Resource: ["${var.arn}", "arn:aws:s3:::bucket/${var.arn}/*", "line one\nline two, {braces} [brackets] = sign"] }],
      Elements: ['${element(split(":", var.arn), 6)}', '${lookup({"a" = "b, c"}, "a", "d")}'],
    });
  });

  it("returns undefined for anything that is not a document", () => {
    for (const value of [undefined, 42, "not json", "${aws_iam_role.r.arn}", '${jsonencode({"a" = })}', '${jsonencode({"a" = 1}) extra}']) {
      expect(readJsonDocument(value), String(value)).toBeUndefined();
    }
  });
});

describe("jsonDocument", () => {
  it("is refused, naming the value, for a string that cdktf's rendering would break", () => {
    expect(() => jsonDocument({ Statement: [{ Sid: 'say "hi"' }] })).toThrow(
      'JSON document .Statement[0].Sid: "say \\"hi\\"" holds " or \\, which cdktf\'s jsonencode rendering does not escape',
    );
    expect(() => jsonDocument({ path: "C:\\x" })).toThrow("JSON document .path");
    expect(jsonDocument({ ok: "fine" })).toMatch(/^\$\{TfToken\[/);
  });
});
