#!/usr/bin/env node
// The aurora-db command: the built JavaScript when the package is installed; in this
// repository, before any build, the TypeScript sources through tsx (a dev dependency here).
import { existsSync } from "node:fs";
import { URL } from "node:url";

const built = new URL("../dist/cli/main.js", import.meta.url);
let cli;
if (existsSync(built)) {
  cli = await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(new URL("../src/cli/main.ts", import.meta.url).href);
}
process.exitCode = await cli.run(process.argv.slice(2));
