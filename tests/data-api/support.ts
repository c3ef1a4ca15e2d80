/**
 * Running `aurora-db` in-process, scratch folders that are removed after each test file, and the
 * AWS SDK's Data API client mocked for a test file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RDSDataClient } from "@aws-sdk/client-rds-data";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach } from "vitest";
import { main } from "../../modules/aurora-data-api/src/cli/main";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aurora-db <args>` in `cwd` with only the given environment. */
export async function cli(args: readonly string[], options: { cwd: string; env?: Record<string, string>; signal?: AbortSignal }): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd,
    signal: options.signal,
  });
  return { code, stdout, stderr };
}

/** A new empty folder, removed when the test file ends. */
export function scratchFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "aurora-db-test-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** An error as the AWS SDK throws it for a service exception of this name. */
export function awsError(name: string, message = `${name} message`): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

/**
 * The SDK's Data API client mocked for the calling test file: its answers reset after each test,
 * the real client put back after the file (test files share workers: isolate is false).
 */
export function mockedDataApi() {
  const rds = mockClient(RDSDataClient);
  afterEach(() => rds.reset());
  afterAll(() => rds.restore());
  return rds;
}
