/**
 * A workspace package as its users get it: packed with `npm pack` (whose prepack builds dist/),
 * unpacked into a project's node_modules, with the monorepo's installed copies of its peers
 * linked beside it (no network).
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");

export interface Packed {
  /** The files in the tarball, sorted. */
  readonly files: string[];
  /** The package.json that shipped. */
  readonly manifest: Record<string, unknown>;
}

export async function installPacked(packageDirectory: string, project: string, tarballDirectory: string, peers: readonly string[]): Promise<Packed> {
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", tarballDirectory], { cwd: packageDirectory });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { name: string; filename: string; files: { path: string }[] }[];
  const installed = join(project, "node_modules", packed!.name);
  mkdirSync(installed, { recursive: true });
  await run("tar", ["-xzf", join(tarballDirectory, packed!.filename), "-C", installed, "--strip-components=1"]);
  for (const peer of [...peers, "@types/node"]) {
    const link = join(project, "node_modules", peer);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", peer), link, "dir");
  }
  return { files: packed!.files.map((file) => file.path).sort(), manifest: JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) };
}
