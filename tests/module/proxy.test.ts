/**
 * The RDS Proxy (`proxy`): its resources and their wiring, its role's exact policy, its
 * security groups, the read-only endpoint, grantProxyConnect, and every rule of its options.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, MAX_NAME_LENGTH } from "cdktf-aurora-postgresql-serverless";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  type Block,
  databaseStack,
  onlyResource,
  policyStatements,
  ref,
  resourceWhere,
  resourcesOf,
  synthDatabase,
  synthesize,
  validationProblems,
  accountRefs,
  jsonDocument,
} from "../support/synth";
import { testApp } from "../support/app";

const WITH_PROXY = { minCapacity: 0.5, proxy: {} } as const;
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";


describe("proxy", () => {
  it("creates nothing of a proxy unless asked", () => {
    const { json } = synthDatabase();
    for (const type of ["aws_db_proxy", "aws_db_proxy_default_target_group", "aws_db_proxy_target", "aws_db_proxy_endpoint"]) {
      expect(resourcesOf(json, type)).toEqual({});
    }
  });

  it("puts a PostgreSQL proxy that requires TLS in the cluster's subnets, logging in with the cluster's secret", () => {
    const { json } = synthDatabase(WITH_PROXY);
    const proxy = onlyResource(json, "aws_db_proxy").body;
    const secret = onlyResource(json, "aws_secretsmanager_secret").name;
    expect(proxy).toMatchObject({
      name: "test-aurora-proxy",
      engine_family: "POSTGRESQL",
      require_tls: true,
      debug_logging: false,
      idle_client_timeout: 1800,
      vpc_subnet_ids: `${"$"}{tolist(aws_db_subnet_group.${onlyResource(json, "aws_db_subnet_group").name}.subnet_ids)}`,
      auth: [
        {
          auth_scheme: "SECRETS",
          secret_arn: ref("aws_secretsmanager_secret", secret, "arn"),
          iam_auth: "DISABLED",
          client_password_auth_type: "POSTGRES_SCRAM_SHA_256",
        },
      ],
    });
  });

  it("pools connections with the default target group and targets the cluster once its instances exist", () => {
    const { json } = synthDatabase({ ...WITH_PROXY, readers: 1 });
    const proxyName = onlyResource(json, "aws_db_proxy").name;
    const group = onlyResource(json, "aws_db_proxy_default_target_group");
    expect(group.body).toMatchObject({
      db_proxy_name: ref("aws_db_proxy", proxyName, "name"),
      connection_pool_config: { max_connections_percent: 100, max_idle_connections_percent: 50, connection_borrow_timeout: 120 },
    });
    const target = onlyResource(json, "aws_db_proxy_target").body;
    expect(target).toMatchObject({
      db_proxy_name: ref("aws_db_proxy", proxyName, "name"),
      target_group_name: ref("aws_db_proxy_default_target_group", group.name, "name"),
      db_cluster_identifier: ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "cluster_identifier"),
    });
    const instances = Object.keys(resourcesOf(json, "aws_rds_cluster_instance")).map((name) => `aws_rds_cluster_instance.${name}`);
    expect(instances).toHaveLength(2);
    expect(target.depends_on).toEqual(expect.arrayContaining(instances));
  });

  it("takes the pool settings and the idle timeout given", () => {
    const { json } = synthDatabase({
      minCapacity: 1,
      proxy: { idleClientTimeoutSeconds: 600, maxConnectionsPercent: 80, maxIdleConnectionsPercent: 20, connectionBorrowTimeoutSeconds: 30 },
    });
    expect(onlyResource(json, "aws_db_proxy").body.idle_client_timeout).toBe(600);
    expect(onlyResource(json, "aws_db_proxy_default_target_group").body.connection_pool_config).toEqual({
      max_connections_percent: 80,
      max_idle_connections_percent: 20,
      connection_borrow_timeout: 30,
    });
  });

  it("gives the proxy a role trusted by RDS for this account only, reading only this cluster's secret", () => {
    const { json } = synthDatabase(WITH_PROXY);
    const { account } = accountRefs(json);
    const role = resourceWhere(json, "aws_iam_role", "name", "test-aurora-proxy-role");
    expect(jsonDocument(role.body.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "rds.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": account } },
        },
      ],
    });
    const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-aurora-proxy-policy").body;
    expect(policy.role).toBe(ref("aws_iam_role", role.name, "name"));
    expect(policyStatements(policy)).toEqual([
      {
        Sid: "ReadThisClusterSecret",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: [ref("aws_secretsmanager_secret", onlyResource(json, "aws_secretsmanager_secret").name, "arn")],
      },
    ]);
    expect(onlyResource(json, "aws_db_proxy").body.role_arn).toBe(ref("aws_iam_role", role.name, "arn"));
    expect(onlyResource(json, "aws_db_proxy").body.depends_on).toEqual([`aws_iam_role_policy.${resourceWhere(json, "aws_iam_role_policy", "name", "test-aurora-proxy-policy").name}`]);
  });

  it("lets the role decrypt a customer-managed key only through Secrets Manager for this secret, and reads RDS's secret in managed mode", () => {
    const { json } = synthDatabase({ ...WITH_PROXY, credentials: "managed", encryptionKey: { existingKeyArn: KEY_ARN } });
    const { region } = accountRefs(json);
    const cluster = onlyResource(json, "aws_rds_cluster").name;
    const managedSecret = `\${aws_rds_cluster.${cluster}.master_user_secret[0].secret_arn}`;
    const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-aurora-proxy-policy").body;
    expect(policyStatements(policy)).toEqual([
      { Sid: "ReadThisClusterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [managedSecret] },
      {
        Sid: "DecryptThisSecretOnly",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [KEY_ARN],
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com`, "kms:EncryptionContext:SecretARN": managedSecret } },
      },
    ]);
    expect(onlyResource(json, "aws_db_proxy").body.auth[0].secret_arn).toBe(managedSecret);
  });

  it("gives the proxy its own group, admitted to the cluster's on 5432, reaching only the cluster, admitting only the sources given", () => {
    const { json } = synthDatabase({
      ...WITH_PROXY,
      allowVpcCidrIngress: false,
      proxy: { allowedCidrBlocks: ["10.1.0.0/16"], allowedSecurityGroupIds: ["sg-0123456789abcdef0"] },
    });
    const groups = resourcesOf(json, "aws_security_group");
    const [proxyGroup] = Object.entries(groups).filter(([, body]) => body.name_prefix === "test-aurora-proxy-sg-");
    const [clusterGroup] = Object.entries(groups).filter(([, body]) => body.name_prefix === "test-aurora-sg-");
    expect(proxyGroup![1]).toMatchObject({ tags: { Name: "test-aurora-proxy-sg" }, lifecycle: { create_before_destroy: true } });
    const proxyId = ref("aws_security_group", proxyGroup![0], "id");
    const clusterId = ref("aws_security_group", clusterGroup![0], "id");
    const postgres = { ip_protocol: "tcp", from_port: 5432, to_port: 5432 };
    const ingress = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
    expect(ingress.filter((rule) => rule.security_group_id === clusterId)).toEqual([
      expect.objectContaining({ ...postgres, referenced_security_group_id: proxyId }),
    ]);
    expect(ingress.filter((rule) => rule.security_group_id === proxyId)).toEqual([
      expect.objectContaining({ ...postgres, cidr_ipv4: "10.1.0.0/16" }),
      expect.objectContaining({ ...postgres, referenced_security_group_id: "sg-0123456789abcdef0" }),
    ]);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule"))).toEqual([
      expect.objectContaining({ ...postgres, security_group_id: proxyId, referenced_security_group_id: clusterId }),
    ]);
    expect(onlyResource(json, "aws_db_proxy").body.vpc_security_group_ids).toEqual([proxyId]);
  });

  it("keys the proxy's rules by their source, so removing one leaves the others as they are", () => {
    const rules = (blocks: string[]) =>
      resourcesOf(synthDatabase({ ...WITH_PROXY, proxy: { allowedCidrBlocks: blocks } }).json, "aws_vpc_security_group_ingress_rule");
    const both = rules(["10.1.0.0/16", "10.2.0.0/16"]);
    const one = rules(["10.2.0.0/16"]);
    for (const [name, body] of Object.entries(one)) expect(both[name]).toEqual(body);
    expect(Object.keys(both)).toHaveLength(Object.keys(one).length + 1);
  });

  it("adds a read-only endpoint only when there are readers", () => {
    expect(resourcesOf(synthDatabase(WITH_PROXY).json, "aws_db_proxy_endpoint")).toEqual({});
    const { stack, database } = databaseStack({ ...WITH_PROXY, readers: 1 });
    new TerraformOutput(stack, "readOnly", { value: database.proxyReadOnlyEndpoint });
    const { json } = synthesize(stack);
    const endpoint = onlyResource(json, "aws_db_proxy_endpoint");
    expect(endpoint.body).toMatchObject({
      db_proxy_name: ref("aws_db_proxy", onlyResource(json, "aws_db_proxy").name, "name"),
      db_proxy_endpoint_name: "test-aurora-proxy-ro",
      target_role: "READ_ONLY",
    });
    expect(json.output.readOnly.value).toBe(ref("aws_db_proxy_endpoint", endpoint.name, "endpoint"));
    expect(databaseStack(WITH_PROXY).database.proxyReadOnlyEndpoint).toBeUndefined();
  });

  it("exposes the proxy's endpoint and security group as references to them", () => {
    const { stack, database } = databaseStack(WITH_PROXY);
    new TerraformOutput(stack, "endpoint", { value: database.proxyEndpoint });
    new TerraformOutput(stack, "securityGroup", { value: database.proxySecurityGroupId });
    const { json } = synthesize(stack);
    const proxySecurityGroup = resourceWhere(json, "aws_security_group", "name_prefix", "test-aurora-proxy-sg-").name;
    expect(json.output.endpoint.value).toBe(ref("aws_db_proxy", onlyResource(json, "aws_db_proxy").name, "endpoint"));
    expect(json.output.securityGroup.value).toBe(ref("aws_security_group", proxySecurityGroup, "id"));
    const plain = databaseStack().database;
    expect([plain.proxyEndpoint, plain.proxyReadOnlyEndpoint, plain.proxySecurityGroupId]).toEqual([undefined, undefined, undefined]);
  });

  it("keeps every proxy name within its AWS limit for the longest name", () => {
    const name = `a${"b".repeat(MAX_NAME_LENGTH - 1)}`;
    const { json } = synthDatabase({ name, minCapacity: 1, readers: 1, proxy: {} });
    expect(onlyResource(json, "aws_db_proxy").body.name).toHaveLength(MAX_NAME_LENGTH + "-aurora-proxy".length);
    expect((onlyResource(json, "aws_db_proxy").body.name as string).length).toBeLessThanOrEqual(63);
    expect((onlyResource(json, "aws_db_proxy_endpoint").body.db_proxy_endpoint_name as string).length).toBeLessThanOrEqual(63);
    expect(resourceWhere(json, "aws_iam_role", "name", `${name}-aurora-proxy-role`).body.name.length).toBeLessThanOrEqual(64);
  });

  it("turns on IAM authentication of clients when asked", () => {
    expect(onlyResource(synthDatabase({ minCapacity: 1, proxy: { iamAuthentication: true } }).json, "aws_db_proxy").body.auth[0].iam_auth).toBe("REQUIRED");
  });

  it("tags every proxy resource that takes tags", () => {
    const { json } = synthDatabase({ ...WITH_PROXY, readers: 1, tags: { Team: "data" } });
    expect(onlyResource(json, "aws_db_proxy").body.tags).toEqual({ Team: "data" });
    expect(onlyResource(json, "aws_db_proxy_endpoint").body.tags).toEqual({ Team: "data" });
    expect(resourceWhere(json, "aws_iam_role", "name", "test-aurora-proxy-role").body.tags).toEqual({ Team: "data" });
  });
});

describe("proxy rules", () => {
  const problems = (props: Record<string, unknown>) => validationProblems(() => databaseStack(props));

  it("refuses a proxy on a cluster that pauses at 0 ACU, saying why", () => {
    const [problem] = problems({ minCapacity: 0, proxy: {} });
    expect(problem).toMatchObject({ property: "proxy", related: ["minCapacity"] });
    expect(problem!.allowed).toMatch(/never pause/);
    expect(() => databaseStack({ minCapacity: 0.5, proxy: {} })).not.toThrow();
  });

  it.each([
    ["idleClientTimeoutSeconds", 0, 1],
    ["idleClientTimeoutSeconds", 28_801, 28_800],
    ["idleClientTimeoutSeconds", 1.5, 60],
    ["maxConnectionsPercent", 0, 1],
    ["maxConnectionsPercent", 101, 100],
    ["connectionBorrowTimeoutSeconds", -1, 0],
    ["connectionBorrowTimeoutSeconds", 3601, 3600],
  ])("refuses %s = %s and accepts %s", (field, bad, good) => {
    expect(problems({ minCapacity: 1, proxy: { [field]: bad } })).toEqual([
      expect.objectContaining({ property: `proxy.${field}`, received: bad }),
    ]);
    expect(() => databaseStack({ minCapacity: 1, proxy: { [field]: good } })).not.toThrow();
  });

  it("keeps idle connections within maxConnectionsPercent", () => {
    expect(problems({ minCapacity: 1, proxy: { maxConnectionsPercent: 40, maxIdleConnectionsPercent: 41 } })).toEqual([
      { property: "proxy.maxIdleConnectionsPercent", received: 41, allowed: "an integer from 0 to maxConnectionsPercent (40)" },
    ]);
    expect(() => databaseStack({ minCapacity: 1, proxy: { maxConnectionsPercent: 40, maxIdleConnectionsPercent: 40 } })).not.toThrow();
  });

  it("refuses open, malformed and repeated sources, and malformed group ids", () => {
    expect(problems({ minCapacity: 1, proxy: { allowedCidrBlocks: ["0.0.0.0/0", "10.0.0.1/16", "10.1.0.0/16", "10.1.0.0/16"] } })).toEqual([
      expect.objectContaining({ property: "proxy.allowedCidrBlocks[1]", received: "10.0.0.1/16", allowed: expect.stringMatching(/host bits are zero/) }),
      expect.objectContaining({ property: "proxy.allowedCidrBlocks[0]", received: "0.0.0.0/0", allowed: expect.stringMatching(/bounded network/) }),
      expect.objectContaining({ property: "proxy.allowedCidrBlocks[3]", received: "10.1.0.0/16", allowed: expect.stringMatching(/listed once/) }),
    ]);
    expect(problems({ minCapacity: 1, proxy: { allowedSecurityGroupIds: ["group-1", "sg-0123456789abcdef0", "sg-0123456789abcdef0"] } })).toEqual([
      expect.objectContaining({ property: "proxy.allowedSecurityGroupIds[0]", received: "group-1" }),
      expect.objectContaining({ property: "proxy.allowedSecurityGroupIds[2]", received: "sg-0123456789abcdef0" }),
    ]);
    expect(() => databaseStack({ minCapacity: 1, proxy: { allowedCidrBlocks: ["10.1.0.0/16", "2001:db8::/32"] } })).not.toThrow();
  });

  it("refuses wrong types, unknown fields and null, naming the field", () => {
    expect(problems({ minCapacity: 1, proxy: { maxConnectionsPercent: "80" } })).toEqual([
      expect.objectContaining({ property: "proxy.maxConnectionsPercent", received: "80" }),
    ]);
    expect(problems({ minCapacity: 1, proxy: { iamAuth: true } })[0]!.allowed).toMatch(/did you mean iamAuthentication/);
    expect(problems({ minCapacity: 1, proxy: { iamAuthentication: null } })).toEqual([
      expect.objectContaining({ property: "proxy.iamAuthentication", received: null }),
    ]);
    expect(problems({ minCapacity: 1, proxy: true })).toEqual([expect.objectContaining({ property: "proxy", received: true })]);
  });
});

describe("grantProxyConnect", () => {
  it("grants rds-db:connect on the proxy's resource id, taken from its ARN", () => {
    const { stack, database } = databaseStack({ minCapacity: 1, proxy: { iamAuthentication: true } });
    database.grantProxyConnect("App", { name: "app-role" }, "app_user");
    const { json } = synthesize(stack);
    const { partition, region, account } = accountRefs(json);
    const proxy = onlyResource(json, "aws_db_proxy").name;
    expect(Object.keys(json.locals as Block)).toHaveLength(1);
    const [local, expression] = Object.entries(json.locals as Block)[0]!;
    expect(expression).toBe(`\${element(split(":", aws_db_proxy.${proxy}.arn), 6)}`);
    const policy = resourceWhere(json, "aws_iam_role_policy", "role", "app-role").body;
    expect(policy.name).toBe("test-aurora-proxy-connect-App");
    expect(policyStatements(policy)).toEqual([
      {
        Sid: "ConnectAsThisDatabaseUser",
        Effect: "Allow",
        Action: ["rds-db:connect"],
        Resource: [`arn:${partition}:rds-db:${region}:${account}:dbuser:\${local.${local}}/app_user`],
      },
    ]);
  });

  it("adds the resource id local only for a grant: a proxy nobody is granted leaves no locals", () => {
    expect(synthDatabase({ minCapacity: 1, proxy: { iamAuthentication: true } }).json.locals).toBeUndefined();
  });

  it("refuses without a proxy, without IAM authentication on the proxy, and for a bad user name", () => {
    expect(validationProblems(() => databaseStack().database.grantProxyConnect("A", { name: "r" }, "app_user"))).toEqual([
      expect.objectContaining({ property: "proxy", received: undefined }),
    ]);
    expect(validationProblems(() => databaseStack({ minCapacity: 1, proxy: {} }).database.grantProxyConnect("A", { name: "r" }, "app-user"))).toEqual([
      expect.objectContaining({ property: "dbUser", received: "app-user" }),
      expect.objectContaining({ property: "proxy.iamAuthentication", received: false }),
    ]);
  });
});

describe("the module README's proxy example", () => {
  it("synthesizes as written: a proxy with IAM authentication, a read-only endpoint and a connect grant", () => {
    const readme = readFileSync(resolve(import.meta.dirname, "../../modules/aurora-postgresql-serverless/README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## RDS Proxy"));
    const source = /```ts\n([\s\S]*?)\n```/.exec(section)![1]!;
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.None, target: ts.ScriptTarget.ES2022 } });
    const stack = new TerraformStack(testApp(), "readme");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new RandomProvider(stack, "random");
    const functionsSecurityGroup = new SecurityGroup(stack, "Functions", { namePrefix: "functions-", description: "Functions" });
    const run = new Function("stack", "AuroraPostgresServerless", "functionsSecurityGroup", "apiRole", outputText);
    run(stack, AuroraPostgresServerless, functionsSecurityGroup, { name: "api-role" });
    const { json } = synthesize(stack);
    const proxy = resourceWhere(json, "aws_db_proxy", "name", "orders-prod-aurora-proxy").body;
    expect(proxy.auth[0].iam_auth).toBe("REQUIRED");
    expect(resourceWhere(json, "aws_db_proxy_endpoint", "db_proxy_endpoint_name", "orders-prod-aurora-proxy-ro")).toBeDefined();
    expect(resourceWhere(json, "aws_iam_role_policy", "name", "orders-prod-aurora-proxy-connect-Api").body.role).toBe("api-role");
  });
});

describe("proxy sources given as references", () => {
  it("accept references as entries, refuse a reference for the whole list", () => {
    const { json } = synthDatabase((stack) => ({
      minCapacity: 1,
      proxy: { allowedSecurityGroupIds: [new SecurityGroup(stack, "Fns", { namePrefix: "fns-", description: "Functions" }).id] },
    }));
    const functions = Object.entries(resourcesOf(json, "aws_security_group")).find(([, body]) => body.name_prefix === "fns-")![0];
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).map((rule) => rule.referenced_security_group_id)).toContain(
      ref("aws_security_group", functions, "id"),
    );
    expect(
      validationProblems(() =>
        databaseStack((stack) => ({
          minCapacity: 1,
          proxy: { allowedSecurityGroupIds: new TerraformVariable(stack, "groups", { type: "list(string)" }).listValue },
        })),
      ),
    ).toEqual([expect.objectContaining({ property: "proxy.allowedSecurityGroupIds" })]);
  });

  it("refuse one reference listed twice, which would make two equal rules", () => {
    const problems = validationProblems(() =>
      databaseStack((stack) => {
        const functions = new SecurityGroup(stack, "Fns", { namePrefix: "fns-", description: "Functions" }).id;
        return { minCapacity: 1, proxy: { allowedSecurityGroupIds: [functions, functions] } };
      }),
    );
    expect(problems).toEqual([expect.objectContaining({ property: "proxy.allowedSecurityGroupIds[1]", allowed: expect.stringMatching(/listed once/) })]);
  });
});
