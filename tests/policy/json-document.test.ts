/**
 * Reading a JSON document argument back from the synthesized JSON: literal JSON, or
 * `${jsonencode(…)}` as cdktf renders `Fn.jsonencode` of an object, references included.
 */
import { Fn, Lazy, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { describe, expect, it, vi } from "vitest";
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
  /** Each document as jsonDocument and as cdktf's Fn.jsonencode render it, in JSON and in HCL. */
  function renderedBoth(documents: Record<string, (stack: TerraformStack) => object>) {
    const stack = new TerraformStack(testApp(), "documents");
    for (const [name, document] of Object.entries(documents)) {
      new TerraformOutput(stack, `${name}-ours`, { value: jsonDocument(document(stack)) });
      new TerraformOutput(stack, `${name}-cdktf`, { value: Fn.jsonencode(document(stack)) });
    }
    const outputs = synthesize(stack).json.output as Record<string, { value: string }>;
    const hcl = stack.toHclTerraform().hcl as string;
    return Object.keys(documents).map((name) => {
      const hclOf = (suffix: string) => /value = (.*)\n/.exec(hcl.slice(hcl.indexOf(`output "${name}-${suffix}"`)))![1];
      return { name, ours: outputs[`${name}-ours`].value, cdktf: outputs[`${name}-cdktf`].value, oursHcl: hclOf("ours"), cdktfHcl: hclOf("cdktf") };
    });
  }

  it("renders every kind of value exactly as Fn.jsonencode does, in JSON and HCL synthesis", () => {
    // Each document is built twice (once per rendering), on the same variables.
    const variable = (stack: TerraformStack, id: string, type = "string") =>
      (stack.node.tryFindChild(id) as TerraformVariable | undefined) ?? new TerraformVariable(stack, id, { type });
    const rendered = renderedBoth({
      literals: () => ({ Version: "2012-10-17", Action: ["kms:Decrypt", "s3:*"], Resource: "*", Empty: [], Nothing: {}, Bool: { x: "true" } }),
      "line-breaks-and-escapes": () => ({ markdown: "## Title\nline two", template: "literal ${not.a.reference} stays", braces: "{a} [b] = c" }),
      "number-shaped": () => ({ a: "1e5", b: "alex-e2e", c: "2012-10-17", d: "-1.5e+10" }),
      scalars: () => ({ count: 10, ratio: 0.5, negative: -3, yes: true, no: false, none: null }),
      references: (stack) => {
        const arn = variable(stack, "arn").stringValue;
        return {
          Whole: arn,
          Inside: `arn:aws:s3:::bucket/${arn}/*`,
          Twice: `${arn}:${arn}`,
          List: [arn, "x"],
          BesideALiteralInterpolation: `${arn} and \${not.a.reference}`,
          Neighbours: ["${literal}", arn, "{x}"],
        };
      },
      "number-tokens": (stack) => {
        const port = variable(stack, "port", "number").numberValue;
        return { port, text: `port ${port}`, list: [port, 1] };
      },
      "list-tokens": (stack) => {
        const arns = variable(stack, "arns", "list(string)").listValue;
        return { Resource: arns, Nested: { Inner: arns } };
      },
      "map-tokens-and-token-keys": (stack) => {
        const tags = Token.asStringMap(variable(stack, "tags", "map(string)").value);
        const issuer = variable(stack, "issuer").stringValue;
        return { Condition: tags, StringEquals: { [`${issuer}:sub`]: "repo", plain: "x" } };
      },
      "functions-and-lazy-values": (stack) => {
        const arn = variable(stack, "fn-arn").stringValue;
        return {
          Element: Fn.element(Fn.split(":", arn), 4),
          Lookup: Fn.lookup({ a: "b, c" }, "a", "d"),
          Lazy: Lazy.stringValue({ produce: () => "late" }),
          LazyObject: Lazy.anyValue({ produce: () => ({ a: [1, "b"] }) }),
          AsToken: Token.asString({ a: 1 }),
        };
      },
      "undefined-members": () => ({ kept: "x", dropped: undefined, list: ["a", undefined, "b"] }),
      "deeply-nested": (stack) => {
        const arn = variable(stack, "deep-arn").stringValue;
        return { a: [{ b: { c: [[{ d: arn, e: ["f", { g: `${arn}/h` }] }]] } }] };
      },
    });
    expect(rendered.length).toBe(11);
    for (const { name, ours, cdktf, oursHcl, cdktfHcl } of rendered) {
      expect(ours, name).toBe(cdktf);
      expect(oursHcl, `${name} (HCL)`).toBe(cdktfHcl);
    }
  });

  it("prints nothing for a document of references: cdktf warns only of literal ${ inside its function calls", () => {
    const stack = new TerraformStack(testApp(), "quiet");
    const arn = new TerraformVariable(stack, "arn", { type: "string" }).stringValue;
    new TerraformOutput(stack, "policy", {
      value: jsonDocument({ Statement: [{ Resource: [arn, `${arn}/*`], Condition: { ArnLike: { "aws:SourceArn": `arn:${arn}` } } }] }),
    });
    const warn = vi.spyOn(console, "warn");
    try {
      expect(synthesize(stack).json.output.policy.value).toContain("${var.arn}/*");
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("is refused, naming the value, for a string that cdktf's rendering would break", () => {
    expect(() => jsonDocument({ Statement: [{ Sid: 'say "hi"' }] })).toThrow(
      'JSON document .Statement[0].Sid: "say \\"hi\\"" holds " or \\, which cdktf\'s jsonencode rendering does not escape',
    );
    expect(() => jsonDocument({ path: "C:\\x" })).toThrow("JSON document .path");
    expect(jsonDocument({ ok: "fine" })).toMatch(/^\$\{TfToken\[/);
  });
});
