/**
 * JSON documents inside resource arguments (policies, key policies, dashboard bodies) as
 * Terraform's `jsonencode` of an object: an expression that cdktf renders correctly in both JSON
 * and HCL synthesis, with the references inside it intact. A JSON string built around
 * interpolations renders as invalid HCL (`cdktf synth --hcl`).
 */
import { Fn, Token, Tokenization, type IResolvable, type IResolveContext } from "cdktf";
import { isPlainObject } from "../validation-error";

export function jsonDocument(value: object): string {
  refuseUnescapedCharacters(value, "");
  const document = new DocumentArgument(value);
  const expression = Fn.jsonencode(document);
  document.call = Tokenization.reverseString(expression).firstToken as unknown as ArgumentRenderer;
  return expression;
}

/** The part of cdktf's function-call expression that renders one argument (its `resolveArg`). */
interface ArgumentRenderer {
  resolveArg(context: IResolveContext, argument: unknown): unknown;
}

/**
 * The object given to `jsonencode`, rendered as cdktf renders it, in one pass. cdktf renders an
 * object argument by resolving the whole argument, then each member the same way, so a value
 * nested n levels deep is resolved some 2n times: a policy document cost ten to twenty times its
 * own resolution, most of a synth's time (profiled). Here objects and arrays are written as cdktf
 * writes them (`{"key" = value, …}`, `[a, b]`), a string without tokens as cdktf writes it, and
 * every other value by cdktf's own call expression, once. What this rendering does not cover (a key or a list that is itself a
 * token, or a value that is a token object) goes to cdktf whole. The output is the same string
 * (tests/policy/json-document.test.ts compares the two on every kind of value).
 */
class DocumentArgument implements IResolvable {
  readonly creationStack: string[] = [];
  /** The `jsonencode` call this is the argument of, set once it exists. */
  call: ArgumentRenderer | undefined;

  constructor(private readonly value: object) {}

  resolve(context: IResolveContext): unknown {
    const rendered = this.render(context, this.value);
    // cdktf resolves what a token returns once more, in this context, which warns of every `${`
    // inside a function call. The call's text is resolved outside the call without a warning.
    context.warnEscapes = false;
    return rendered;
  }

  toString(): string {
    return Token.asString(this);
  }

  private render(context: IResolveContext, value: unknown): unknown {
    if (typeof value === "string" && isLiteral(value)) return `"${value.replaceAll("\n", "\\n")}"`;
    if (Array.isArray(value) && value.every((item) => item !== undefined && !Token.isUnresolved([item]))) {
      return `[${value.map((item) => this.render(context, item)).join(", ")}]`;
    }
    if (
      isPlainObject(value) &&
      !Token.isUnresolved(value) &&
      Object.entries(value).every(([key, item]) => !Token.isUnresolved(key) && !Tokenization.isResolvable(item))
    ) {
      const members = Object.entries(value).filter(([, item]) => item !== undefined);
      return `{${members.map(([key, item]) => `"${key}" = ${this.render(context, item)}`).join(", ")}}`;
    }
    return this.call!.resolveArg(context, value);
  }
}

/**
 * A string that holds no token: none of cdktf's markers (`${…}`, `#{…}`, `&{…}` all need a brace)
 * and nothing shaped like an encoded number (cdktf's own pattern). cdktf writes it quoted, with
 * line breaks as `\n` (it would also escape `${`, which needs a brace, and `"`, refused here).
 */
const isLiteral = (value: string) => !value.includes("{") && !/[-|\d.+]+e[-|\d.eE+]+/.test(value);

/**
 * cdktf writes the strings inside `Fn.jsonencode` without escaping `"` or `\\`: one would end
 * the string early and break the expression. No document of this module holds either (names,
 * ARNs and metric names never do); this keeps it so, loudly.
 */
function refuseUnescapedCharacters(value: unknown, path: string): void {
  if (typeof value === "string") {
    if (/["\\]/.test(value))
      throw new Error(`JSON document ${path || "value"}: ${JSON.stringify(value)} holds " or \\, which cdktf's jsonencode rendering does not escape`);
  } else if (Array.isArray(value)) value.forEach((item, index) => refuseUnescapedCharacters(item, `${path}[${index}]`));
  // A token object is cdktf's to render (and may refer to itself).
  else if (typeof value === "object" && value !== null && !Tokenization.isResolvable(value))
    for (const [key, item] of Object.entries(value)) refuseUnescapedCharacters(item, `${path}.${key}`);
}
