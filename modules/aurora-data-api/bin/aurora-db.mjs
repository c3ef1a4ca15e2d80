#!/usr/bin/env node
// The aurora-db command: the built JavaScript when the package is installed (it ships no
// sources); in this repository, the TypeScript sources through tsx (a dev dependency here), so
// that a build left in dist/ never runs instead of the code being edited.
import { existsSync } from "node:fs";
import { URL } from "node:url";

const sources = new URL("../src/cli/main.ts", import.meta.url);
let cli;
if (existsSync(sources)) {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(sources.href);
} else {
  cli = await import(new URL("../dist/cli/main.js", import.meta.url).href);
}
process.exitCode = await cli.run(process.argv.slice(2));
