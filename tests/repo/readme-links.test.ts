/**
 * README.md and CONTRIBUTING.md can be found in: each has a table of contents that is its
 * headings (`npm run docs` writes it), every `#anchor` link in them, to their own headings or
 * to another Markdown file of the repository, names a heading that exists, and no answer hides
 * in a long table cell.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENTS_DOCUMENTS, CONTENTS_END, CONTENTS_START, headings, headingSlug, withContents } from "../../scripts/readme-contents";

const ROOT = resolve(import.meta.dirname, "../..");

/** The longest table cell, in Markdown source characters, before an answer belongs in prose or a list. */
const MAX_CELL = 300;

/** The table cells longer than MAX_CELL, each as `line <n>: <its start>`. */
function longCells(markdown: string): string[] {
  return markdown.split("\n").flatMap((line, index) =>
    line.startsWith("|")
      ? line
          .split(/(?<!\\)\|/)
          .slice(1, -1)
          .filter((cell) => cell.trim().length > MAX_CELL)
          .map((cell) => `line ${index + 1}: ${cell.trim().slice(0, 60)}…`)
      : [],
  );
}

/** Every link with an anchor in a document that points inside the repository, with the file it names. */
function anchorLinks(markdown: string, documentPath: string): { link: string; file: string; anchor: string }[] {
  return [...markdown.matchAll(/\]\(([^)\s#]*)#([^)\s]+)\)/g)]
    .filter(([, target]) => !/^[a-z]+:/i.test(target!))
    .map(([link, target, anchor]) => ({ link: link!, file: target === "" ? documentPath : resolve(dirname(documentPath), target!), anchor: anchor! }));
}

/** The links whose anchor is no heading of the file they name (or whose file does not exist). */
function brokenLinks(markdown: string, documentPath: string): string[] {
  return anchorLinks(markdown, documentPath).flatMap(({ link, file, anchor }) => {
    if (!existsSync(file)) return [`${link}: no file ${relative(ROOT, file)}`];
    const anchors = headings(readFileSync(file, "utf8")).map((heading) => heading.anchor);
    return anchors.includes(anchor) ? [] : [`${link}: no heading #${anchor} in ${relative(ROOT, file)}`];
  });
}

describe.each(CONTENTS_DOCUMENTS.map((path) => [relative(ROOT, path), path] as const))("%s", (name, path) => {
  const markdown = readFileSync(path, "utf8");

  it("has a table of contents that is its headings (run `npm run docs` after adding, renaming or moving one)", () => {
    expect(markdown).toContain(CONTENTS_START);
    expect(markdown).toContain(CONTENTS_END);
    expect(withContents(markdown, name) === markdown, `${name}'s contents differ from its headings: run \`npm run docs\``).toBe(true);
  });

  it("links only to headings that exist, its own and other files'", () => {
    expect(anchorLinks(markdown, path).length).toBeGreaterThan(0);
    expect(brokenLinks(markdown, path)).toEqual([]);
  });

  it(`keeps table cells to ${MAX_CELL} characters: longer answers are prose or lists`, () => {
    expect(longCells(markdown)).toEqual([]);
  });
});

describe("the anchors", () => {
  it("are GitHub's: lowercase, punctuation dropped, spaces as hyphens, a repeated heading numbered", () => {
    expect(headingSlug("Deviations from `5_database`, and why")).toBe("deviations-from-5_database-and-why");
    expect(headingSlug("CI/CD and Terraform Cloud")).toBe("cicd-and-terraform-cloud");
    expect(headingSlug("After deploy: the Data API toolkit")).toBe("after-deploy-the-data-api-toolkit");
    expect(headingSlug("Security controls (the policy gate)")).toBe("security-controls-the-policy-gate");
    const doc = "# A\n## Notes\n```sh\n# not a heading\n```\n### Notes\n";
    expect(headings(doc).map((heading) => heading.anchor)).toEqual(["a", "notes", "notes-1"]);
  });

  it("and the cells are measured: a cell over the limit is reported with its line", () => {
    const table = `| a | b |\n|---|---|\n| short | ${"x".repeat(MAX_CELL + 1)} |\n| \\| escaped | ${"y".repeat(MAX_CELL)} |`;
    expect(longCells(table)).toEqual([`line 3: ${"x".repeat(60)}…`]);
  });

  it("are checked: a link to a missing heading or file is reported", () => {
    const path = resolve(ROOT, "README.md");
    expect(brokenLinks("[x](#no-such-heading) [y](CONTRIBUTING.md#performance) [z](NOPE.md#a) [w](https://example.com/#a)", path)).toEqual([
      "](#no-such-heading): no heading #no-such-heading in README.md",
      "](NOPE.md#a): no file NOPE.md",
    ]);
  });

  it("include the one the workflows' setup errors link, README.md#bootstrap", () => {
    const script = readFileSync(resolve(ROOT, ".github/scripts/tfc-api.sh"), "utf8");
    const linked = [...script.matchAll(/README\.md#([\w-]+)/g)].map(([, anchor]) => anchor);
    expect(linked).toContain("bootstrap");
    const anchors = headings(readFileSync(resolve(ROOT, "README.md"), "utf8")).map((heading) => heading.anchor);
    for (const anchor of linked) expect(anchors, anchor).toContain(anchor);
  });
});
