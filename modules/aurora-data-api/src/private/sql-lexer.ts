/**
 * Just enough of PostgreSQL's lexical rules to find statement ends and named parameters:
 * quoted strings ('…', E'…', "…"), dollar quotes ($tag$…$tag$), line and nested block comments,
 * and `::` casts. Everything inside those is never a `;` or a `:name`.
 */

/** A run of SQL text: code, or something the lexer must not look into. */
interface Segment {
  readonly kind: "code" | "quoted" | "comment";
  readonly text: string;
}

const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

function segments(sql: string): Segment[] {
  const out: Segment[] = [];
  let code = "";
  let i = 0;
  const flush = () => {
    if (code) out.push({ kind: "code", text: code });
    code = "";
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      flush();
      out.push({ kind: "comment", text: sql.slice(i, stop) });
      i = stop;
    } else if (ch === "/" && next === "*") {
      let depth = 1;
      let j = i + 2;
      while (j < sql.length && depth > 0) {
        if (sql.startsWith("/*", j)) {
          depth++;
          j += 2;
        } else if (sql.startsWith("*/", j)) {
          depth--;
          j += 2;
        } else j++;
      }
      flush();
      out.push({ kind: "comment", text: sql.slice(i, j) });
      i = j;
    } else if (ch === "'" || ch === '"') {
      // A doubled quote is an escaped quote; E'…' strings also escape with a backslash.
      const escapes = ch === "'" && /[eE]$/.test(code) && !/[A-Za-z0-9_][eE]$/.test(code);
      let j = i + 1;
      while (j < sql.length) {
        if (escapes && sql[j] === "\\") j += 2;
        else if (sql[j] === ch && sql[j + 1] === ch) j += 2;
        else if (sql[j] === ch) break;
        else j++;
      }
      flush();
      out.push({ kind: "quoted", text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (ch === "$" && !/[A-Za-z0-9_]$/.test(code)) {
      const tag = DOLLAR_TAG.exec(sql.slice(i))?.[0];
      if (tag === undefined) {
        code += ch;
        i++;
        continue;
      }
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      flush();
      out.push({ kind: "quoted", text: sql.slice(i, stop) });
      i = stop;
    } else {
      code += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** A statement of a script, and where it starts. */
export interface SqlStatement {
  /** Its text, without the terminating `;`, trimmed. */
  readonly sql: string;
  /** The 1-based line of its first word (after any comments before it), for error messages. */
  readonly line: number;
}

const newlines = (text: string) => text.split("\n").length - 1;

/**
 * The statements of a SQL script with their starting lines; statements that hold only comments
 * and whitespace are dropped. The Data API runs one statement per call.
 */
export function locateStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let current = "";
  let start: number | undefined;
  let line = 1;
  const end = () => {
    if (start !== undefined) statements.push({ sql: current.trim(), line: start });
    current = "";
    start = undefined;
  };
  for (const segment of segments(sql)) {
    if (segment.kind !== "code") {
      if (segment.kind === "quoted") start ??= line;
      current += segment.text;
      line += newlines(segment.text);
      continue;
    }
    segment.text.split(";").forEach((part, index) => {
      if (index > 0) end();
      const firstWord = part.search(/\S/);
      if (firstWord !== -1) start ??= line + newlines(part.slice(0, firstWord));
      current += part;
      line += newlines(part);
    });
  }
  end();
  return statements;
}

/** The statements of a SQL script, as {@link locateStatements} finds them, without their lines. */
export function splitStatements(sql: string): string[] {
  return locateStatements(sql).map((statement) => statement.sql);
}

const NAMED_PARAMETER = /(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Replaces each `:name` outside strings and comments (a `::` cast is not one) with what
 * `replace` returns for it, and returns the new text.
 */
export function replaceNamedParameters(sql: string, replace: (name: string) => string): string {
  return segments(sql)
    .map((segment) => (segment.kind === "code" ? segment.text.replace(NAMED_PARAMETER, (_, name: string) => replace(name)) : segment.text))
    .join("");
}
