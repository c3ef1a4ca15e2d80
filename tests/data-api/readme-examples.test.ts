/**
 * The toolkit's TypeScript examples type-check against its sources: each `ts` block of its
 * README, and the newest CHANGELOG entry's upgrade snippet, whose code for the version before
 * must fail to compile and whose code after must compile: one TypeScript program, in process,
 * over the examples, the toolkit's sources and the declarations they import.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const TOOLKIT = resolve(ROOT, "modules/aurora-data-api");

/** The toolkit's names an example uses without importing them. */
const IMPORTS = 'import { DataApiClient, startLocalDataApi } from "aurora-data-api-toolkit";\n';

/** The values an example assumes without declaring them, with their types. */
const ASSUMED: Readonly<Record<string, string>> = { db: "DataApiClient", ownerId: "string" };

/** An example as a module: its own imports or the toolkit's names, and the values it assumes but does not declare. */
function asModule(source: string): string {
  const assumed = Object.entries(ASSUMED)
    .filter(([name]) => !new RegExp(`\\b(const|let) ${name}\\b`).test(source))
    .map(([name, type]) => `declare const ${name}: ${type};\n`);
  return `${/^import /m.test(source) ? "" : IMPORTS}${source}\n${assumed.join("")}export {};\n`;
}

/** The `ts` blocks of a Markdown text. */
const blocks = (text: string) => [...text.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((match) => match[1]!);

/** The type errors of each example, by name, checked in one program against the toolkit's sources. */
function typeErrors(examples: Readonly<Record<string, string>>): Record<string, string[]> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
    paths: { "aurora-data-api-toolkit": [resolve(TOOLKIT, "src/index.ts")] },
  };
  const files = new Map(Object.entries(examples).map(([name, source]) => [resolve(ROOT, `tests/data-api/${name}.example.ts`), asModule(source)]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) =>
    files.has(file) ? ts.createSourceFile(file, files.get(file)!, language) : getSourceFile(file, language, ...rest);
  const program = ts.createProgram([...files.keys()], options, host);
  const names = new Map([...files.keys()].map((file, index) => [file, Object.keys(examples)[index]!]));
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(examples).map((name) => [name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const name = diagnostic.file === undefined ? undefined : names.get(diagnostic.file.fileName);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (name === undefined) throw new Error(`outside the examples: ${diagnostic.file?.fileName ?? ""} ${message}`);
    errors[name]!.push(message);
  }
  return errors;
}

describe("the toolkit's TypeScript examples", () => {
  const readme = blocks(readFileSync(resolve(TOOLKIT, "README.md"), "utf8"));
  const changelog = readFileSync(resolve(TOOLKIT, "CHANGELOG.md"), "utf8");
  const newest = changelog.slice(changelog.indexOf("\n## ["), changelog.indexOf("\n## [", changelog.indexOf("\n## [") + 1));
  const [upgrade] = blocks(newest.slice(newest.indexOf("\n### Upgrading")));
  const version = /^## \[(\d+\.\d+\.\d+)\]/m.exec(newest)![1]!;
  const [before, after] = upgrade!.split(new RegExp(`^// ${version.replace(/\./g, "\\.")}$`, "m"));

  it("are found where expected: the README's, and an upgrade snippet with code before and after", () => {
    expect(readme.length).toBeGreaterThanOrEqual(2);
    expect(before).toMatch(/^\/\/ \d+\.\d+\.\d+\n/);
    expect(after).toBeDefined();
  });

  it("compile, but for the code of the version before the upgrade", () => {
    const errors = typeErrors({
      ...Object.fromEntries(readme.map((source, index) => [`readme-${index + 1}`, source])),
      upgraded: after!,
      "not-upgraded": before!,
    });
    const { "not-upgraded": notUpgraded, ...rest } = errors;
    expect(rest).toEqual(Object.fromEntries(Object.keys(rest).map((name) => [name, []])));
    expect(notUpgraded).not.toEqual([]);
    expect(notUpgraded!.join("\n")).toContain("Expected 1-2 arguments, but got 3");
  });
});
