/**
 * Provider classes are imported by deep path only: the package roots load ~2,200 modules and
 * make synth about eight times slower. (What an import of the app loads is measured in
 * deep-imports.integration.test.ts.)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SOURCE_DIRECTORIES = ["modules", "stacks", "tests", "scripts"];
const SKIPPED = /(^|[\\/])(node_modules|dist|cdktf\.out)([\\/]|$)/;

/** Module specifiers of provider packages in import, export-from, dynamic import and require. */
export function providerSpecifiers(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](@cdktf\/provider-[^"']*)["']/g;
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

const isDeep = (specifier: string) => /^@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+$/.test(specifier) && !specifier.endsWith("/index");

function sourceFiles(): string[] {
  return SOURCE_DIRECTORIES.filter((directory) => existsSync(join(ROOT, directory))).flatMap((directory) =>
    readdirSync(join(ROOT, directory), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => !SKIPPED.test(relative(ROOT, file))),
  );
}

describe("provider imports", () => {
  it("are deep in every source file", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) =>
      providerSpecifiers(readFileSync(file, "utf8"))
        .filter((specifier) => !isDeep(specifier))
        .map((specifier) => `${relative(ROOT, file)}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it("are recognized in every import form, so the check above can fail", () => {
    // Built at run time, so this file holds no root import for the scan above (or a grep) to find.
    const aws = ["@cdktf", "provider-aws"].join("/");
    const random = ["@cdktf", "provider-random"].join("/");
    const sample = [
      `import { RdsCluster } from "${aws}";`,
      `import * as random from '${random}/lib';`,
      `export { IamRole } from "${aws}/lib/index";`,
      `const aws = require("${aws}");`,
      `const lazy = await import("${aws}");`,
      `import { RdsCluster as Deep } from "${aws}/lib/rds-cluster";`,
    ].join("\n");
    const specifiers = providerSpecifiers(sample);
    expect(specifiers).toHaveLength(6);
    expect(specifiers.filter((s) => !isDeep(s))).toHaveLength(5);
  });
});
