/**
 * What `aurora-db` loads before it does anything: `aurora-db --help` and each command's --help
 * load neither the AWS SDK nor PGlite nor pg (each command's module is imported when it runs),
 * checked on the sources' static imports; the launcher imports only Node's own modules; and the
 * AWS SDK's Node-version warning is turned off unless the user set its variable.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { COMMANDS, quietSdkNodeWarning, run, SDK_NODE_WARNING_KEY } from "../../modules/aurora-data-api/src/cli/main";

const TOOLKIT = resolve(import.meta.dirname, "../../modules/aurora-data-api");
/** Packages whose loading costs what --help must not: the AWS SDK, PGlite, pg. */
const HEAVY = /^(@aws-sdk\/|@smithy\/|@electric-sql\/|pg$|pg\/)/;

/** The modules a file imports when it loads, before any code runs: static imports, not `import type`, not `import()`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const imports = [...text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^;"']*?\sfrom\s+)?["']([^"']+)["'];?\s*$/gm)].map((match) => match[1]!);
  return imports;
}

/** Every module reachable from `entry` through static imports: the package's own files and the packages they name. */
function loadedBy(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files].map((file) => file.slice(TOOLKIT.length + 1)).sort(), packages: [...packages].sort() };
}

describe("aurora-db's start-up", () => {
  it("finds static imports, and only those", () => {
    // The check below is only as good as this reading of the sources: a static import of the SDK is seen.
    const client = loadedBy(join(TOOLKIT, "src/client.ts"));
    expect(client.packages).toContain("@aws-sdk/client-rds-data");
    expect(client.files).toContain("src/values.ts");
    // connection.ts imports the client with import(), when a command connects.
    expect(loadedBy(join(TOOLKIT, "src/cli/connection.ts")).files).not.toContain("src/client.ts");
  });

  it("loads no command, and none of the AWS SDK, PGlite or pg, for aurora-db --help", () => {
    const { files, packages } = loadedBy(join(TOOLKIT, "src/cli/main.ts"));
    expect(packages.filter((name) => HEAVY.test(name))).toEqual([]);
    expect(files.filter((file) => file.endsWith("-command.ts"))).toEqual([]);
    expect(packages.every((name) => name.startsWith("node:"))).toBe(true);
  });

  it.each(["env", "check", "migrate", "cost"])("loads none of the AWS SDK, PGlite or pg for aurora-db %s --help", (name) => {
    const { files, packages } = loadedBy(join(TOOLKIT, `src/cli/${name}-command.ts`));
    expect(packages.filter((specifier) => HEAVY.test(specifier))).toEqual([]);
    expect(files).not.toContain("src/client.ts");
  });

  it("loads, for each command --help lists, that command's own module", async () => {
    expect(Object.keys(COMMANDS)).toEqual(["env", "check", "migrate", "cost", "local"]);
    for (const [name, entry] of Object.entries(COMMANDS)) expect((await entry.load()).help, name).toMatch(new RegExp(`^Usage: aurora-db ${name} `));
  });

  it("launches with Node's own modules only: tsx and the build are imported when chosen", () => {
    expect(staticImports(join(TOOLKIT, "bin/aurora-db.mjs")).every((name) => name.startsWith("node:"))).toBe(true);
  });
});

describe("the AWS SDK's Node-version warning", () => {
  it("is turned off unless the user set its variable", () => {
    const env: NodeJS.ProcessEnv = {};
    quietSdkNodeWarning(env);
    expect(env).toEqual({ [SDK_NODE_WARNING_KEY]: "true" });
    const chosen: NodeJS.ProcessEnv = { [SDK_NODE_WARNING_KEY]: "false" };
    quietSdkNodeWarning(chosen);
    expect(chosen).toEqual({ [SDK_NODE_WARNING_KEY]: "false" });
  });

  it("is turned off by the process entry point, before any command runs", async () => {
    const before = process.env[SDK_NODE_WARNING_KEY];
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      delete process.env[SDK_NODE_WARNING_KEY];
      expect(await run(["--help"])).toBe(0);
      expect(process.env[SDK_NODE_WARNING_KEY]).toBe("true");
      expect(write).toHaveBeenCalledWith(expect.stringMatching(/^Usage: aurora-db <command>/));
    } finally {
      write.mockRestore();
      if (before === undefined) delete process.env[SDK_NODE_WARNING_KEY];
      else process.env[SDK_NODE_WARNING_KEY] = before;
    }
  });
});
