/**
 * The module's source layout: no import cycles between its files (type-only imports included:
 * a cycle of types is still two files that cannot be read apart), and no public file hands out a
 * name from `private/` (public names are declared in public files, so moving an internal file
 * never changes the package's surface).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/src");

/** Every TypeScript file under src, as a path relative to src. */
function sourceFiles(folder = SRC): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [relative(SRC, path)] : [];
  });
}

/** The relative module specifiers a file imports or re-exports from, `import type` and `export ... from` included. */
function specifiers(file: string): string[] {
  return relativeSpecifiers(readFileSync(join(SRC, file), "utf8"));
}

/** The relative paths a source imports or re-exports from, type-only ones included. */
function relativeSpecifiers(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((imported) => imported.fileName).filter((name) => name.startsWith("."));
}

/** The file a relative specifier of `from` names, relative to src (`./x`, `./x.js` and `./x/index` alike). */
function resolveSpecifier(from: string, specifier: string, files: ReadonlySet<string>): string {
  const base = join(dirname(from), specifier).replace(/\.js$/, "");
  const candidate = [`${base}.ts`, join(base, "index.ts")].find((path) => files.has(path));
  if (candidate === undefined) throw new Error(`${from} imports ${specifier}, which is no file of src`);
  return candidate;
}

/** Each file's imports, as files relative to src. */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles();
  const known = new Set(files);
  return new Map(files.map((file) => [file, [...new Set(specifiers(file).map((specifier) => resolveSpecifier(file, specifier, known)))]]));
}

/** Every strongly connected group of files that import each other, as one cycle through it (`a -> b -> a`). */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  // Tarjan's algorithm: each component of more than one file, or a file importing itself, holds a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component);
    }
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return components.map((component) => {
    // One cycle inside the component: a shortest way from its first file back to itself.
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const next of graph.get(queue[i]!) ?? []) {
        if (!members.has(next)) continue;
        if (next === start) {
          const path = [start];
          for (let at: string | undefined = queue[i]; at !== undefined && at !== start; at = previous.get(at)) path.splice(1, 0, at);
          return [...path, start].join(" -> ");
        }
        if (!previous.has(next)) {
          previous.set(next, queue[i]!);
          queue.push(next);
        }
      }
    }
    return component.join(" <-> ");
  });
}

/** The public files (outside every `private/` folder) that import or re-export from a `private/` folder, and what. */
function publicReExportsOfPrivate(): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles()) {
    if (file.split("/").includes("private")) continue;
    const source = ts.createSourceFile(file, readFileSync(join(SRC, file), "utf8"), ts.ScriptTarget.Latest);
    /** The names this file imports from a private/ folder, with that folder's file. */
    const privateImports = new Map<string, string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (!specifier.split("/").includes("private")) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings !== undefined && ts.isNamedImports(bindings)) for (const element of bindings.elements) privateImports.set(element.name.text, specifier);
    }
    for (const statement of source.statements) {
      if (!ts.isExportDeclaration(statement)) continue;
      if (statement.moduleSpecifier !== undefined) {
        const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
        if (specifier.split("/").includes("private")) problems.push(`${file} re-exports from ${specifier}`);
      } else if (statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          const local = (element.propertyName ?? element.name).text;
          const from = privateImports.get(local);
          if (from !== undefined) problems.push(`${file} exports ${local}, imported from ${from}`);
        }
      }
    }
  }
  return problems;
}

describe("the module's import graph", () => {
  it("has no cycle", () => {
    expect(importCycles(importGraph())).toEqual([]);
  });

  it("names a cycle when there is one", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts", "d.ts"]],
      ["d.ts", []],
      ["e.ts", ["e.ts"]],
    ]);
    expect(importCycles(graph).sort()).toEqual(["a.ts -> b.ts -> c.ts -> a.ts", "e.ts -> e.ts"]);
  });

  it("sees type-only imports and re-exports", () => {
    // A cycle through types alone is still a cycle of files; the reader must see these edges.
    const source = 'import type { A } from "./a";\nexport type { B } from "./b";\nimport { c } from "c-package";\nexport * from "./d";\n';
    expect(relativeSpecifiers(source)).toEqual(["./a", "./b", "./d"]);
  });
});

describe("the public files", () => {
  it("re-export nothing from private/", () => {
    expect(publicReExportsOfPrivate()).toEqual([]);
  });
});
