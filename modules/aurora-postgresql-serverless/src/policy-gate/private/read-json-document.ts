/**
 * Reads a JSON document argument (a policy, a key policy, a dashboard body) as the synthesized
 * JSON holds it: literal JSON, or `${jsonencode(<object>)}` as cdktf renders `Fn.jsonencode` of
 * an object. In the latter, objects are `{"key" = value, …}`, strings are quoted (with their
 * `${…}` interpolations), and a bare expression (`aws_iam_role.x.arn`, a function call) is a
 * reference: it reads back as the string `"${<expression>}"`, as it would inside literal JSON.
 * Anything else is not a document: `undefined`.
 */

const JSONENCODE = /^\$\{jsonencode\(([\s\S]*)\)\}$/;
/** A number, true, false or null, followed by the end of its value; sticky: read where the reader is. */
const LITERAL = /(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)(?=\s*[,}\])]|\s*$)/y;

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  value(): unknown {
    this.space();
    const ch = this.text[this.at];
    if (ch === "{") return this.object();
    if (ch === "[") return this.array();
    if (ch === '"') return this.string();
    LITERAL.lastIndex = this.at;
    const literal = LITERAL.exec(this.text);
    if (literal) {
      this.at += literal[0].length;
      return JSON.parse(literal[0]);
    }
    return `\${${this.expression()}}`;
  }

  end(): void {
    this.space();
    if (this.at !== this.text.length) throw new SyntaxError(`unexpected "${this.text.slice(this.at, this.at + 20)}"`);
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.at++;
    this.space();
    if (this.take("}")) return result;
    do {
      this.space();
      const key = this.string();
      this.space();
      if (!this.take("=")) throw new SyntaxError(`expected = after "${key}"`);
      result[key] = this.value();
      this.space();
    } while (this.take(","));
    if (!this.take("}")) throw new SyntaxError("expected }");
    return result;
  }

  private array(): unknown[] {
    const result: unknown[] = [];
    this.at++;
    this.space();
    if (this.take("]")) return result;
    do result.push(this.value());
    while ((this.space(), this.take(",")));
    if (!this.take("]")) throw new SyntaxError("expected ]");
    return result;
  }

  /** A quoted string: JSON's escapes; `${…}` stays in the text. */
  private string(): string {
    if (this.text[this.at] !== '"') throw new SyntaxError("expected a string");
    let end = this.at + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === "\\" ? 2 : 1;
    const literal = this.text.slice(this.at, end + 1);
    this.at = end + 1;
    return JSON.parse(literal) as string;
  }

  /** A bare expression, up to the `,`, `}` or `]` that ends it outside brackets and strings. */
  private expression(): string {
    const start = this.at;
    let depth = 0;
    while (this.at < this.text.length) {
      const ch = this.text[this.at]!;
      if (ch === '"') {
        this.string();
        continue;
      }
      if ("([{".includes(ch)) depth++;
      else if (")]}".includes(ch)) {
        if (depth === 0) break;
        depth--;
      } else if (ch === "," && depth === 0) break;
      this.at++;
    }
    const expression = this.text.slice(start, this.at).trim();
    if (!/^[A-Za-z_]/.test(expression)) throw new SyntaxError(`not a value: "${expression.slice(0, 20)}"`);
    return expression;
  }

  private take(ch: string): boolean {
    if (this.text[this.at] !== ch) return false;
    this.at++;
    return true;
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? "")) this.at++;
  }
}

/** The document an argument holds, or `undefined` when it holds none. */
export function readJsonDocument(value: unknown): unknown {
  if (typeof value !== "string") return undefined;
  const encoded = JSONENCODE.exec(value);
  try {
    if (encoded === null) return JSON.parse(value) as unknown;
    const reader = new Reader(encoded[1]!);
    const document = reader.value();
    reader.end();
    return document;
  } catch {
    return undefined;
  }
}
