/**
 * Statement splitting (migrations) and named parameters (the local Data API): what PostgreSQL
 * treats as a string, a comment or a cast is never split or bound.
 */
import { describe, expect, it } from "vitest";
import { locateStatements, replaceNamedParameters, splitStatements } from "../../modules/aurora-data-api/src/private/sql-lexer";

describe("splitStatements", () => {
  it("splits on semicolons and drops empty and comment-only statements", () => {
    expect(splitStatements("CREATE TABLE a (x int);\n\n-- only a comment;\n;INSERT INTO a VALUES (1)")).toEqual([
      "CREATE TABLE a (x int)",
      "INSERT INTO a VALUES (1)",
    ]);
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

describe("locateStatements", () => {
  it("gives each statement the line of its first word, after comments and blank lines before it", () => {
    const script = [
      "-- The table.", // 1
      "CREATE TABLE a (x int);", // 2
      "", // 3
      "/* A comment", // 4
      "   over two lines; */", // 5
      "  INSERT INTO a", // 6
      "  VALUES (1); INSERT INTO a VALUES (2);", // 7
      "", // 8
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$", // 9
      "  SELECT 1;", // 10
      "$$;", // 11
      "SELECT 'two", // 12
      "lines'; SELECT 3", // 13
    ].join("\n");
    expect(locateStatements(script)).toEqual([
      { sql: "-- The table.\nCREATE TABLE a (x int)", line: 2 },
      { sql: "/* A comment\n   over two lines; */\n  INSERT INTO a\n  VALUES (1)", line: 6 },
      { sql: "INSERT INTO a VALUES (2)", line: 7 },
      { sql: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n  SELECT 1;\n$$", line: 9 },
      { sql: "SELECT 'two\nlines'", line: 12 },
      { sql: "SELECT 3", line: 13 },
    ]);
  });

  it("counts Windows line ends as lines, and starts at line 1", () => {
    expect(locateStatements("SELECT 1;\r\n\r\nSELECT 2").map((statement) => statement.line)).toEqual([1, 3]);
  });
});

describe("replaceNamedParameters", () => {
  const bind = (sql: string) => replaceNamedParameters(sql, (name) => `<${name}>`);

  it("replaces :name outside strings, comments and casts", () => {
    expect(bind("SELECT :a::int, ':b', \"c:d\", x::text FROM t WHERE y = :y_2 -- :z")).toBe(
      "SELECT <a>::int, ':b', \"c:d\", x::text FROM t WHERE y = <y_2> -- :z",
    );
    expect(bind("SELECT $$ :inside $$, :outside")).toBe("SELECT $$ :inside $$, <outside>");
  });

  it("leaves array slices with numbers alone", () => {
    expect(bind("SELECT arr[1:2] FROM t")).toBe("SELECT arr[1:2] FROM t");
  });
});
