/**
 * `aurora-db` without a database: help, usage errors and exit codes, `env` (outputs files of
 * both formats, terraform output, the .env update), and settings from the environment, .env and
 * SSM, all in process. (The installed command is run as users run it in
 * data-api-package.integration.test.ts; `local` with the local Data API, in
 * local-endpoint.integration.test.ts.)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { ConfigError, ENV_KEYS, resolveConfig } from "aurora-data-api-toolkit";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { cli, scratchFolder } from "./support";

const CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:alex-dev-aurora-cluster";
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:alex-dev-aurora-credentials-AbCdEf";
const OUTPUTS = {
  aurora_cluster_arn: CLUSTER,
  aurora_secret_arn: SECRET,
  aurora_cluster_endpoint: "alex-dev-aurora-cluster.cluster-abc.us-east-1.rds.amazonaws.com",
  lambda_role_arn: "arn:aws:iam::123456789012:role/alex-dev-lambda-aurora-role",
  database_name: "alex",
  ssm_parameter_path: "/alex/dev",
};
const EXPECTED_ENV = [
  `AURORA_CLUSTER_ARN=${CLUSTER}`,
  `AURORA_SECRET_ARN=${SECRET}`,
  `AURORA_ENDPOINT=${OUTPUTS.aurora_cluster_endpoint}`,
  `LAMBDA_ROLE_ARN=${OUTPUTS.lambda_role_arn}`,
  "DATABASE_NAME=alex",
  "AURORA_SSM_PARAMETER_PATH=/alex/dev",
];

describe("aurora-db help and usage", () => {
  const folder = scratchFolder();

  it("lists every command with --help (exit 0) and without a command (exit 2)", async () => {
    const help = await cli(["--help"], { cwd: folder });
    expect(help.code).toBe(0);
    for (const command of ["env", "check", "migrate", "cost", "local"]) expect(help.stdout).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
    expect(await cli([], { cwd: folder })).toMatchObject({ code: 2, stderr: help.stdout, stdout: "" });
  });

  it.each(["env", "check", "migrate", "cost", "local"])("%s --help prints its usage (exit 0)", async (command) => {
    const run = await cli([command, "--help"], { cwd: folder });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(new RegExp(`^Usage: aurora-db ${command}`));
  });

  it("refuses an unknown command or option, and a bad value, with exit 2", async () => {
    expect(await cli(["deploy"], { cwd: folder })).toMatchObject({
      code: 2,
      stderr: 'unknown command "deploy": expected one of env, check, migrate, cost, local\n',
    });
    const unknown = await cli(["check", "--cluster", "x"], { cwd: folder });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^aurora-db check: Unknown option '--cluster'/);
    const env = { AURORA_CLUSTER_ARN: CLUSTER, AURORA_SECRET_ARN: SECRET, DATABASE_NAME: "alex" };
    expect(await cli(["check", "--timeout", "soon"], { cwd: folder, env })).toMatchObject({
      code: 2,
      stderr: 'aurora-db check: --timeout must be a number of seconds above 0: received "soon"\n',
    });
    expect(await cli(["local", "--port", "70000"], { cwd: folder })).toMatchObject({
      code: 2,
      stderr: 'aurora-db local: --port must be a port number from 0 to 65535: received "70000"\n',
    });
    expect(await cli(["env"], { cwd: folder })).toMatchObject({ code: 2, stderr: "aurora-db env: --stack is required\n" });
  });

  it("exits 3 when no settings are found, saying where it looked and how to get them", async () => {
    const run = await cli(["check"], { cwd: folder });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `aurora-db check: missing AURORA_CLUSTER_ARN, AURORA_SECRET_ARN, DATABASE_NAME: looked in explicit options, the environment, ${join(folder, ".env")}. Run "aurora-db env --stack <stack>" to write them to .env, or set AURORA_SSM_PARAMETER_PATH to the stack's ssm_parameter_path output\n`,
    );
  });
});

describe("aurora-db env", () => {
  const folder = scratchFolder();

  it("writes the settings from a cdktf outputs file and keeps the user's other lines", async () => {
    writeFileSync(join(folder, "outputs.json"), JSON.stringify({ dev: OUTPUTS, staging: { aurora_cluster_arn: "other" } }));
    writeFileSync(join(folder, ".env"), "# mine\nAPI_KEY=abc\nexport DATABASE_NAME=old\n");
    const run = await cli(["env", "--stack", "dev", "--outputs-file", "outputs.json"], { cwd: folder });
    expect(run).toMatchObject({ code: 0, stdout: `wrote ${ENV_KEYS.map(({ key }) => key).join(", ")} to .env\n` });
    expect(readFileSync(join(folder, ".env"), "utf8")).toBe(
      [
        "# mine",
        "API_KEY=abc",
        "export DATABASE_NAME=alex",
        "",
        "# written by aurora-db env --stack dev",
        ...EXPECTED_ENV.filter((line) => !line.startsWith("DATABASE_NAME")),
        "",
      ].join("\n"),
    );
    // Run again: nothing is appended twice.
    const before = readFileSync(join(folder, ".env"), "utf8");
    await cli(["env", "--stack", "dev", "--outputs-file", "outputs.json"], { cwd: folder });
    expect(readFileSync(join(folder, ".env"), "utf8")).toBe(before);
  });

  it("reads terraform output -json, never a sensitive output, and writes no password", async () => {
    const terraform = Object.fromEntries(Object.entries(OUTPUTS).map(([name, value]) => [name, { value, type: "string", sensitive: false }]));
    terraform.aurora_secret_arn = { value: SECRET, type: "string", sensitive: true };
    terraform.master_password = { value: "hunter2", type: "string", sensitive: true };
    writeFileSync(join(folder, "terraform.json"), JSON.stringify(terraform));
    const run = await cli(["env", "--stack", "dev", "--outputs-file", "terraform.json", "--env-file", "fresh.env"], { cwd: folder });
    expect(run).toMatchObject({ code: 3, stderr: "aurora-db env: stack dev has no output aurora_secret_arn: is it a database stack?\n" });
    terraform.aurora_secret_arn = { value: SECRET, type: "string", sensitive: false };
    writeFileSync(join(folder, "terraform.json"), JSON.stringify(terraform));
    expect((await cli(["env", "--stack", "dev", "--outputs-file", "terraform.json", "--env-file", "fresh.env"], { cwd: folder })).code).toBe(0);
    const written = readFileSync(join(folder, "fresh.env"), "utf8");
    expect(written).toBe(["# written by aurora-db env --stack dev", ...EXPECTED_ENV, ""].join("\n"));
    expect(written).not.toContain("hunter2");
  });

  it("names the stacks an outputs file has when the asked one is not there", async () => {
    writeFileSync(join(folder, "other.json"), JSON.stringify({ staging: OUTPUTS, "staging-key": {} }));
    expect(await cli(["env", "--stack", "dev", "--outputs-file", "other.json"], { cwd: folder })).toMatchObject({
      code: 3,
      stderr: "aurora-db env: stack dev does not exist in other.json: its stacks are staging, staging-key\n",
    });
  });

  it("names the synthesized stacks when the asked one is not among them, before running terraform", async () => {
    const app = join(folder, "app");
    for (const stack of ["dev", "staging"]) mkdirSync(join(app, "cdktf.out/stacks", stack), { recursive: true });
    writeFileSync(join(app, "cdktf.out/stacks/manifest-like.json"), "{}");
    // In process no program may start: a stack that exists would fail here by running terraform.
    expect(await cli(["env", "--stack", "nope"], { cwd: app })).toMatchObject({
      code: 3,
      stdout: "",
      stderr: "aurora-db env: stack nope does not exist: the stacks in cdktf.out/stacks are dev, staging\n",
    });
    expect(await cli(["check", "--stack", "nope", "--out-dir", "elsewhere"], { cwd: app })).toMatchObject({
      code: 3,
      stderr:
        "aurora-db check: stack nope does not exist: there is no synthesized stack in elsewhere/stacks. Run npx cdktf synth (npm run synth) first, or pass --outputs-file\n",
    });
  });

  it("removes a local Data API's endpoint from .env, and says so; says nothing when there is none", async () => {
    writeFileSync(join(folder, "outputs.json"), JSON.stringify({ dev: OUTPUTS }));
    writeFileSync(
      join(folder, "local.env"),
      "AURORA_DATA_API_ENDPOINT=http://127.0.0.1:8432\nAURORA_CLUSTER_ARN=arn:aws:rds:us-east-1:000000000000:cluster:aurora-local\nAPI_KEY=abc\n",
    );
    const run = await cli(["env", "--stack", "dev", "--outputs-file", "outputs.json", "--env-file", "local.env"], { cwd: folder });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(
      `wrote ${ENV_KEYS.map(({ key }) => key).join(", ")} to local.env\n` +
        "removed AURORA_DATA_API_ENDPOINT=http://127.0.0.1:8432 from local.env: check and migrate now reach the stack's cluster, not that endpoint\n",
    );
    const written = readFileSync(join(folder, "local.env"), "utf8");
    expect(written).not.toContain("AURORA_DATA_API_ENDPOINT");
    expect(written.split("\n").slice(0, 2)).toEqual([`AURORA_CLUSTER_ARN=${CLUSTER}`, "API_KEY=abc"]);
    // Run again: nothing left to remove, nothing said about it.
    expect((await cli(["env", "--stack", "dev", "--outputs-file", "outputs.json", "--env-file", "local.env"], { cwd: folder })).stdout).not.toContain(
      "removed",
    );
  });

  it("says when the environment still sets a Data API endpoint, which .env cannot override", async () => {
    writeFileSync(join(folder, "outputs.json"), JSON.stringify({ dev: OUTPUTS }));
    const run = await cli(["env", "--stack", "dev", "--outputs-file", "outputs.json", "--env-file", "env.env"], {
      cwd: folder,
      env: { AURORA_DATA_API_ENDPOINT: "http://127.0.0.1:8432" },
    });
    expect(run).toMatchObject({
      code: 0,
      stderr: "AURORA_DATA_API_ENDPOINT is still set in the environment (http://127.0.0.1:8432): check and migrate go there until you unset it\n",
    });
  });
});

describe("resolveConfig", () => {
  const folder = scratchFolder();

  it("takes explicit options first, then the environment, then .env, and says where each came from", async () => {
    writeFileSync(join(folder, "a.env"), `AURORA_CLUSTER_ARN=${CLUSTER}\nAURORA_SECRET_ARN=from-file\nDATABASE_NAME=from-file\n`);
    const config = await resolveConfig({
      explicit: { database: "explicit" },
      env: { AURORA_SECRET_ARN: SECRET, DATABASE_NAME: "from-env" },
      envFile: join(folder, "a.env"),
    });
    expect(config).toMatchObject({
      resourceArn: CLUSTER,
      secretArn: SECRET,
      database: "explicit",
      sources: { resourceArn: ".env", secretArn: "environment", database: "option" },
    });
  });

  it("takes a Data API endpoint from the environment or .env only when it is this machine", async () => {
    const env = { AURORA_CLUSTER_ARN: CLUSTER, AURORA_SECRET_ARN: SECRET, DATABASE_NAME: "alex" };
    await expect(resolveConfig({ env: { ...env, AURORA_DATA_API_ENDPOINT: "https://data-api.example.com" }, envFile: false })).rejects.toThrow(
      'AURORA_DATA_API_ENDPOINT (from the environment) is "https://data-api.example.com", which is not this machine',
    );
    expect((await resolveConfig({ env: { ...env, AURORA_DATA_API_ENDPOINT: "http://127.0.0.1:8432" }, envFile: false })).endpoint).toBe(
      "http://127.0.0.1:8432",
    );
    const explicit = await resolveConfig({ explicit: { endpoint: "https://data-api.example.com" }, env, envFile: false });
    expect(explicit.endpoint).toBe("https://data-api.example.com");
  });

  it("reads what is missing from the SSM parameters under AURORA_SSM_PARAMETER_PATH", async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: "/alex/dev/secret-arn", Value: SECRET },
        { Name: "/alex/dev/database-name", Value: "alex" },
      ],
    });
    try {
      const config = await resolveConfig({
        env: { AURORA_CLUSTER_ARN: CLUSTER, AURORA_SSM_PARAMETER_PATH: "/alex/dev", AWS_REGION: "us-east-1" },
        envFile: false,
      });
      expect(config).toMatchObject({ secretArn: SECRET, database: "alex", sources: { resourceArn: "environment", secretArn: "ssm", database: "ssm" } });
      expect(ssm.commandCalls(GetParametersCommand)[0]!.args[0].input).toEqual({ Names: ["/alex/dev/secret-arn", "/alex/dev/database-name"] });
      ssm.on(GetParametersCommand).resolves({ Parameters: [] });
      await expect(resolveConfig({ env: { AURORA_SSM_PARAMETER_PATH: "/alex/dev", AWS_REGION: "us-east-1" }, envFile: false })).rejects.toThrow(
        new ConfigError(
          'missing AURORA_CLUSTER_ARN, AURORA_SECRET_ARN, DATABASE_NAME: looked in explicit options, the environment, no .env file, SSM parameters under /alex/dev. Run "aurora-db env --stack <stack>" to write them to .env, or set AURORA_SSM_PARAMETER_PATH to the stack\'s ssm_parameter_path output',
        ),
      );
    } finally {
      ssm.restore();
    }
  });
});

describe("the settings' values", () => {
  const folder = scratchFolder();
  const env = { AURORA_CLUSTER_ARN: CLUSTER, AURORA_SECRET_ARN: SECRET, DATABASE_NAME: "alex" };

  it.each([
    ["AURORA_CLUSTER_ARN", SECRET, "not an Aurora cluster ARN: expected arn:<partition>:rds:<region>:<account>:cluster:<name>"],
    ["AURORA_CLUSTER_ARN", "alex-dev-aurora-cluster", "not an Aurora cluster ARN: expected arn:<partition>:rds:<region>:<account>:cluster:<name>"],
    ["AURORA_SECRET_ARN", CLUSTER, "not a Secrets Manager secret ARN: expected arn:<partition>:secretsmanager:<region>:<account>:secret:<name>"],
    ["AURORA_DATA_API_ENDPOINT", "127.0.0.1:8432", "not a URL: expected such as http://127.0.0.1:8432"],
    ["AURORA_DATA_API_ENDPOINT", "ftp://127.0.0.1:8432", "not an http or https URL (its scheme is ftp:): expected such as http://127.0.0.1:8432"],
    [
      "AURORA_SSM_PARAMETER_PATH",
      "alex/dev",
      "not a parameter path: expected one that starts with /, such as /alex/dev (the stack's ssm_parameter_path output)",
    ],
  ])("refuses %s=%s from the environment and from .env, naming the variable, where it was read, and the value", async (key, value, why) => {
    // The parameter path is read only for a setting missing elsewhere.
    const base = key === "AURORA_SSM_PARAMETER_PATH" ? { AURORA_CLUSTER_ARN: CLUSTER } : env;
    await expect(resolveConfig({ env: { ...base, [key]: value }, envFile: false })).rejects.toThrow(
      new ConfigError(`${key} (from the environment) is "${value}", which is ${why}`),
    );
    const file = join(folder, "bad.env");
    writeFileSync(file, `${key}=${value}\n`);
    await expect(resolveConfig({ env: { ...base, [key]: undefined }, envFile: file })).rejects.toThrow(
      new ConfigError(`${key} in ${file} is "${value}", which is ${why}`),
    );
    // As aurora-db reports it: exit 3, settings.
    const run = await cli(["check", "--env-file", "bad.env"], { cwd: folder, env: { ...base, [key]: value } });
    expect(run).toMatchObject({ code: 3, stderr: `aurora-db check: ${key} (from the environment) is "${value}", which is ${why}\n` });
  });

  it("takes valid values, and does not check a variable an explicit option overrides", async () => {
    const local = { ...env, AURORA_DATA_API_ENDPOINT: "http://localhost:8432", AURORA_SSM_PARAMETER_PATH: "/alex/dev" };
    expect(await resolveConfig({ env: local, envFile: false })).toMatchObject({ resourceArn: CLUSTER, secretArn: SECRET, endpoint: "http://localhost:8432" });
    const partialSecret = "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:alex/dev/credentials";
    expect((await resolveConfig({ env: { ...env, AURORA_SECRET_ARN: partialSecret }, envFile: false })).secretArn).toBe(partialSecret);
    const overridden = await resolveConfig({
      explicit: { resourceArn: CLUSTER, endpoint: "https://data-api.example.com" },
      env: { ...env, AURORA_CLUSTER_ARN: "typo", AURORA_DATA_API_ENDPOINT: "typo" },
      envFile: false,
    });
    expect(overridden).toMatchObject({ resourceArn: CLUSTER, endpoint: "https://data-api.example.com" });
  });

  it("refuses a value read from SSM that is not what its parameter holds, naming the parameter", async () => {
    const ssm = { send: async () => ({ Parameters: [{ Name: "/alex/dev/cluster-arn", Value: "alex-dev" }] }) };
    await expect(
      resolveConfig({ env: { AURORA_SECRET_ARN: SECRET, DATABASE_NAME: "alex", AURORA_SSM_PARAMETER_PATH: "/alex/dev/" }, envFile: false, ssm }),
    ).rejects.toThrow(
      new ConfigError(
        'SSM parameter /alex/dev/cluster-arn is "alex-dev", which is not an Aurora cluster ARN: expected arn:<partition>:rds:<region>:<account>:cluster:<name>',
      ),
    );
  });

  it.each([
    ["--cluster-arn", "alex-dev", "not an Aurora cluster ARN: expected arn:<partition>:rds:<region>:<account>:cluster:<name>"],
    ["--secret-arn", "alex-dev-credentials", "not a Secrets Manager secret ARN: expected arn:<partition>:secretsmanager:<region>:<account>:secret:<name>"],
    ["--endpoint", "localhost", "not a URL: expected such as http://127.0.0.1:8432"],
  ])("refuses %s %s as a usage error (exit 2), naming the option and the value", async (flag, value, why) => {
    expect(await cli(["check", flag, value], { cwd: folder, env })).toMatchObject({
      code: 2,
      stdout: "",
      stderr: `aurora-db check: ${flag} is "${value}", which is ${why}\n`,
    });
  });
});
