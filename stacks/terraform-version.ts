/**
 * The Terraform version every stack is built and deployed with, read from `.terraform-version`
 * at the repository root: the one place it is written. The stacks' `required_version` and every
 * GitHub workflow read that same file, so a local deploy, CI and Terraform Cloud cannot drift.
 */
import { readFileSync } from "node:fs";

const VERSION_FILE = new URL("../.terraform-version", import.meta.url);

/** Parses the file's content: one `major.minor.patch` line. */
export function parseTerraformVersion(text: string): string {
  const version = text.trim();
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`.terraform-version must hold one version such as "1.11.4"; it holds ${JSON.stringify(text)}`);
  }
  return version;
}

/** The version in `.terraform-version`, e.g. `1.11.4`. */
export const TERRAFORM_VERSION = parseTerraformVersion(readFileSync(VERSION_FILE, "utf8"));

/**
 * The stacks' `required_version`: the version we test with or any later 1.x. Write-only
 * credentials and ephemeral resources need 1.11, `removed` blocks 1.7.
 */
export const REQUIRED_TERRAFORM_VERSION = `>= ${TERRAFORM_VERSION}, < 2.0.0`;
