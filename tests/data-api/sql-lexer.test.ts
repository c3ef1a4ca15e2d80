/**
 * Statement splitting (migrations) and named parameters (the local Data API): what PostgreSQL
 * treats as a string, a comment or a cast is never split or bound.
 */
import { describe, expect, it } from "vitest";
import { replaceNamedParameters, splitStatements } from "../../modules/aurora-data-api/src/private/sql-lexer";

describe("splitStatements", () => {
  it("splits on semicolons and drops empty and comment-only statements", () => {
    expect(splitStatements("CREATE TABLE a (x int);\n\n-- only a comment;\n;INSERT INTO a VALUES (1)")).toEqual(["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)"]);
    expect(splitStatements("-- leads\nSELECT 1")).toEqual(["-- leads\nSELECT 1"]);
  });

  it("keeps semicolons inside strings, quoted names, comments and dollar quotes", () => {
    const script = [
      "INSERT INTO t VALUES ('a;b', 'it''s;', E'x\\';y')",
      'SELECT 1 AS "odd;name"',
      "/* a; /* nested; */ still; */ SELECT 2",
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$",
      "DO $$ BEGIN PERFORM 1; END $$",
    ];
    expect(splitStatements(`${script.join(";\n")};`)).toEqual(script);
  });

  it("returns nothing for a script of comments", () => {
    expect(splitStatements("-- nothing\n/* here; */\n")).toEqual([]);
  });
});

describe("replaceNamedParameters", () => {
  const bind = (sql: string) => replaceNamedParameters(sql, (name) => `<${name}>`);

  it("replaces :name outside strings, comments and casts", () => {
    expect(bind("SELECT :a::int, ':b', \"c:d\", x::text FROM t WHERE y = :y_2 -- :z")).toBe("SELECT <a>::int, ':b', \"c:d\", x::text FROM t WHERE y = <y_2> -- :z");
    expect(bind("SELECT $$ :inside $$, :outside")).toBe("SELECT $$ :inside $$, <outside>");
  });

  it("leaves array slices with numbers alone", () => {
    expect(bind("SELECT arr[1:2] FROM t")).toBe("SELECT arr[1:2] FROM t");
  });
});
