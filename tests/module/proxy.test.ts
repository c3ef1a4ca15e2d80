/**
 * The RDS Proxy (`proxy`): its resources and their wiring, its role's exact policy, its
 * security groups, the read-only endpoint, grantProxyConnect, and every rule of its options.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless, MAX_NAME_LENGTH, type DatabaseProxyUser } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import {
  accountRefs,
  databaseStack,
  jsonDocument,
  onlyResource,
  policyStatements,
  ref,
  resourcesOf,
  resourceWhere,
  synthDatabase,
  synthesize,
  validationProblems,
  type Block,
} from "../support/synth";
import { synthesizeReadmeExample } from "./readme-example";
import { decryptSecretStatement } from "./secret-statements";

const WITH_PROXY = { minCapacity: 0.5, proxy: {} } as const;
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/app-user-AbC123";

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
    expect(onlyResource(json, "aws_db_proxy").body.depends_on).toEqual([
      `aws_iam_role_policy.${resourceWhere(json, "aws_iam_role_policy", "name", "test-aurora-proxy-policy").name}`,
    ]);
  });

  it("lets the role decrypt a customer-managed key only through Secrets Manager for this secret, and reads RDS's secret in managed mode", () => {
    const { json } = synthDatabase({ ...WITH_PROXY, credentials: "managed", encryptionKey: { existingKeyArn: KEY_ARN } });
    const { region } = accountRefs(json);
    const cluster = onlyResource(json, "aws_rds_cluster").name;
    const managedSecret = `\${aws_rds_cluster.${cluster}.master_user_secret[0].secret_arn}`;
    const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-aurora-proxy-policy").body;
    expect(policyStatements(policy)).toEqual([
      { Sid: "ReadThisClusterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [managedSecret] },
      decryptSecretStatement({ key: KEY_ARN, secret: managedSecret, region }),
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

  it("describes its role, group and rules by the proxy's and the cluster's names; a group's description is fixed at creation", () => {
    // Changing aws_security_group's description replaces the group (ForceNew); the others change in place.
    const { json } = synthDatabase(WITH_PROXY);
    const described = (type: string) => Object.values(resourcesOf(json, type)).map((body) => body.description as string);
    const cluster = ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "cluster_identifier");
    expect(resourceWhere(json, "aws_iam_role", "name", "test-aurora-proxy-role").body.description).toBe(
      `RDS Proxy test-aurora-proxy reading the credentials of ${cluster}`,
    );
    expect(Object.values(resourcesOf(json, "aws_security_group")).find((group) => group.name_prefix === "test-aurora-proxy-sg-")?.description).toBe(
      "Access to the test-aurora-proxy RDS Proxy",
    );
    expect(described("aws_vpc_security_group_egress_rule")).toEqual([`PostgreSQL to the ${cluster} Aurora cluster`]);
    expect(described("aws_vpc_security_group_ingress_rule")).toContain("PostgreSQL from the test-aurora-proxy RDS Proxy");
  });

  it("keys the proxy's rules by their source, so removing one leaves the others as they are", () => {
    const rules = (blocks: string[]) =>
      resourcesOf(synthDatabase({ ...WITH_PROXY, proxy: { allowedCidrBlocks: blocks } }).json, "aws_vpc_security_group_ingress_rule");
    const both = rules(["10.1.0.0/16", "10.2.0.0/16"]);
    const one = rules(["10.2.0.0/16"]);
    for (const [name, body] of Object.entries(one)) expect(both[name]).toEqual(body);
    expect(Object.keys(both)).toHaveLength(Object.keys(one).length + 1);
  });

  it("adds a read-only endpoint only when there are readers, in the proxy's subnets and security group", () => {
    expect(resourcesOf(synthDatabase(WITH_PROXY).json, "aws_db_proxy_endpoint")).toEqual({});
    const { stack, database } = databaseStack({ ...WITH_PROXY, readers: 1 });
    new TerraformOutput(stack, "readOnly", { value: database.proxyReadOnlyEndpoint });
    const { json } = synthesize(stack);
    const endpoint = onlyResource(json, "aws_db_proxy_endpoint");
    const proxyGroup = ref("aws_security_group", resourceWhere(json, "aws_security_group", "name_prefix", "test-aurora-proxy-sg-").name, "id");
    expect(endpoint.body).toMatchObject({
      db_proxy_name: ref("aws_db_proxy", onlyResource(json, "aws_db_proxy").name, "name"),
      db_proxy_endpoint_name: "test-aurora-proxy-ro",
      target_role: "READ_ONLY",
    });
    // The endpoint is reached through the proxy's group (which the cluster's admits), never the cluster's own.
    expect(endpoint.body.vpc_security_group_ids).toEqual([proxyGroup]);
    expect(endpoint.body.vpc_subnet_ids).toEqual(onlyResource(json, "aws_db_proxy").body.vpc_subnet_ids);
    expect(endpoint.body.vpc_subnet_ids).toBe(`${"$"}{tolist(aws_db_subnet_group.${onlyResource(json, "aws_db_subnet_group").name}.subnet_ids)}`);
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
    expect(problem!.allowed).toMatch(/aurora-serverless-v2-auto-pause\.html\); give minCapacity 0\.5 or more, or no proxy$/);
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
    expect(problems({ minCapacity: 1, proxy: { [field]: bad } })).toEqual([expect.objectContaining({ property: `proxy.${field}`, received: bad })]);
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
    expect(problems({ minCapacity: 1, proxy: { iamAuth: true } })[0]!.allowed).toMatch(/did you mean iamAuthentication\?$/);
    expect(problems({ minCapacity: 1, proxy: { user: [] } })[0]!.allowed).toMatch(/did you mean users\?$/);
    expect(problems({ minCapacity: 1, proxy: { iamAuthentication: null } })).toEqual([
      expect.objectContaining({ property: "proxy.iamAuthentication", received: null }),
    ]);
    expect(problems({ minCapacity: 1, proxy: true })).toEqual([expect.objectContaining({ property: "proxy", received: true })]);
  });
});

describe("grantProxyConnect", () => {
  it("grants rds-db:connect on the proxy's resource id, taken from its ARN", () => {
    const { stack, database } = databaseStack({ minCapacity: 1, proxy: { iamAuthentication: true, users: [{ username: "app_user", secretArn: SECRET_ARN }] } });
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

describe("proxy users", () => {
  const OTHER_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/reporting-XyZ789";
  const USER_KEY = "arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef";
  const USERS: readonly DatabaseProxyUser[] = [
    { username: "app_user", secretArn: SECRET_ARN },
    { username: "reporting", secretArn: OTHER_SECRET, kmsKeyArn: USER_KEY },
  ];

  it("registers one auth entry per user after the master user's, with the same IAM and password settings and no user name", () => {
    const { json } = synthDatabase({ minCapacity: 1, proxy: { iamAuthentication: true, users: USERS } });
    const master = ref("aws_secretsmanager_secret", onlyResource(json, "aws_secretsmanager_secret").name, "arn");
    const cluster = ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "cluster_identifier");
    const entry = (secretArn: string, description: string) => ({
      auth_scheme: "SECRETS",
      secret_arn: secretArn,
      iam_auth: "REQUIRED",
      client_password_auth_type: "POSTGRES_SCRAM_SHA_256",
      description,
    });
    expect(onlyResource(json, "aws_db_proxy").body.auth).toEqual([
      entry(master, `Master user of ${cluster}`),
      entry(SECRET_ARN, `User app_user of ${cluster}`),
      entry(OTHER_SECRET, `User reporting of ${cluster}`),
    ]);
  });

  it("lets the proxy's role read exactly the registered secrets, and decrypt each with its own key only through Secrets Manager for it", () => {
    const { json } = synthDatabase({ minCapacity: 1, proxy: { users: USERS } });
    const { region } = accountRefs(json);
    const master = ref("aws_secretsmanager_secret", onlyResource(json, "aws_secretsmanager_secret").name, "arn");
    const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-aurora-proxy-policy").body;
    expect(policyStatements(policy)).toEqual([
      { Sid: "ReadThisClusterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [master] },
      { Sid: "ReadRegisteredUserSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [SECRET_ARN, OTHER_SECRET] },
      decryptSecretStatement({ sid: "DecryptUserSecret2", key: USER_KEY, secret: OTHER_SECRET, region }),
    ]);
  });

  it("keeps the master user's decrypt statement next to its secret when the cluster has a customer-managed key", () => {
    const { json } = synthDatabase({ minCapacity: 1, encryptionKey: { existingKeyArn: KEY_ARN }, proxy: { users: [USERS[0]!] } });
    const policy = resourceWhere(json, "aws_iam_role_policy", "name", "test-aurora-proxy-policy").body;
    expect(policyStatements(policy).map((statement) => statement.Sid)).toEqual(["ReadThisClusterSecret", "DecryptThisSecretOnly", "ReadRegisteredUserSecrets"]);
  });

  it("accept a secret given as a reference", () => {
    const { json } = synthDatabase((stack) => ({
      minCapacity: 1,
      proxy: { users: [{ username: "app_user", secretArn: new SecretsmanagerSecret(stack, "AppUser", { name: "app-user" }).arn }] },
    }));
    const secret = resourceWhere(json, "aws_secretsmanager_secret", "name", "app-user").name;
    expect(onlyResource(json, "aws_db_proxy").body.auth[1].secret_arn).toBe(ref("aws_secretsmanager_secret", secret, "arn"));
  });
});

describe("proxy users rules", () => {
  const problems = (users: unknown, extra: Record<string, unknown> = {}) =>
    validationProblems(() => databaseStack({ minCapacity: 1, ...extra, proxy: { users } } as never));
  const user = (username: string, secretArn = SECRET_ARN) => ({ username, secretArn });
  const secret = (n: number) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:user${n}-AbC123`;

  it.each([
    ["app-user", "a hyphen"],
    ["1user", "a leading digit"],
    ["a".repeat(64), "64 characters"],
    ["user", "a reserved word"],
    ["pg_monitor", "the pg_ prefix"],
    ["rdsadmin", "an RDS role"],
  ])("refuse the user name %j (%s) as masterUsername's reserved names and PostgreSQL's role names refuse it", (username) => {
    expect(problems([user(username)])).toEqual([
      {
        property: "proxy.users[0].username",
        received: username,
        allowed: "a PostgreSQL role name: 1 to 63 letters, digits or '_', starting with a letter, not reserved",
      },
    ]);
  });

  it("accept a PostgreSQL role name longer than a master user name may be, with underscores", () => {
    expect(() => databaseStack({ minCapacity: 1, proxy: { users: [user(`api_${"u".repeat(59)}`)] } })).not.toThrow();
  });

  it("refuse a user listed twice and the master user, which the proxy always registers", () => {
    expect(problems([user("app_user", secret(1)), user("app_user", secret(2))])).toEqual([
      { property: "proxy.users[1].username", received: "app_user", allowed: "a user listed once: it repeats an earlier user, and each user has one secret" },
    ]);
    expect(problems([user("ordersadmin")], { masterUsername: "ordersadmin" })).toEqual([
      {
        property: "proxy.users[0].username",
        received: "ordersadmin",
        allowed: 'a user other than the master user "ordersadmin", whose secret the proxy always registers',
        related: ["masterUsername", "restore"],
      },
    ]);
    expect(problems([user("dbadmin")])).toEqual([expect.objectContaining({ property: "proxy.users[0].username", received: "dbadmin" })]);
    expect(() => databaseStack({ minCapacity: 1, masterUsername: "ordersadmin", proxy: { users: [user("dbadmin")] } })).not.toThrow();
  });

  it("take the default master user's name while the master user is unknown at synth: the source's with restore, or a masterUsername reference", () => {
    expect(() => databaseStack({ minCapacity: 1, restore: { fromSnapshot: "orders-prod-2026-11-20" }, proxy: { users: [user("dbadmin")] } })).not.toThrow();
    expect(() =>
      databaseStack((stack) => ({
        minCapacity: 1,
        masterUsername: new TerraformVariable(stack, "master", { type: "string" }).stringValue,
        proxy: { users: [user("dbadmin")] },
      })),
    ).not.toThrow();
  });

  it("hold at most 199 users: a proxy holds at most 200 secrets, the master user's among them", () => {
    const users = (count: number) => Array.from({ length: count }, (_, i) => user(`user${i}`, secret(i)));
    expect(() => databaseStack({ minCapacity: 1, proxy: { users: users(199) } })).not.toThrow();
    expect(problems(users(200))).toEqual([
      {
        property: "proxy.users",
        received: users(200),
        allowed: expect.stringMatching(/^at most 199 users: a proxy holds at most 200 secrets, one of them the master user's \(https:/),
      },
    ]);
  });

  it.each<[string, string, RegExp]>([
    ["a partial ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/app-user", /it does not end in secret:<name>-<6 characters>/],
    ["a secret's name", "orders/app-user", /it is not an ARN/],
    ["another service's ARN", "arn:aws:ssm:us-east-1:123456789012:parameter/orders/app-user", /it is an ARN of ssm, not of secretsmanager$/],
    ["white space", `${SECRET_ARN} `, /it holds white space/],
    ["no region", "arn:aws:secretsmanager::123456789012:secret:orders/app-user-AbC123", /its region "" is not a region's name/],
    ["a short account", "arn:aws:secretsmanager:us-east-1:1234:secret:orders/app-user-AbC123", /its account "1234" is not 12 digits/],
    [
      "a region of another partition than the ARN's",
      "arn:aws:secretsmanager:cn-north-1:123456789012:secret:orders/app-user-AbC123",
      /its region cn-north-1 is in the aws-cn partition, not in aws$/,
    ],
    ["a character Secrets Manager refuses", "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders*app-user-AbC123", /secret:<name>-<6 characters>/],
  ])("refuse as a secret %s", (_case, secretArn, reason) => {
    const [problem, ...others] = problems([user("app_user", secretArn)]);
    expect(others).toEqual([]);
    expect(problem).toEqual({
      property: "proxy.users[0].secretArn",
      received: secretArn,
      allowed: expect.stringMatching(/^a secret's full ARN, "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>": /),
    });
    expect(problem!.allowed).toMatch(reason);
  });

  it("refuse one secret for two users, literal or the same reference, and a malformed key", () => {
    expect(problems([user("app_user"), user("reporting")])).toEqual([
      expect.objectContaining({ property: "proxy.users[1].secretArn", received: SECRET_ARN, allowed: expect.stringMatching(/^a secret of this user's own/) }),
    ]);
    const shared = validationProblems(() =>
      databaseStack((stack) => {
        const arn = new SecretsmanagerSecret(stack, "Shared", { name: "shared" }).arn;
        return { minCapacity: 1, proxy: { users: [user("app_user", arn), user("reporting", arn)] } };
      }),
    );
    expect(shared).toEqual([
      expect.objectContaining({ property: "proxy.users[1].secretArn", allowed: expect.stringMatching(/a secret holds one user's credentials/) }),
    ]);
    expect(problems([{ ...user("app_user"), kmsKeyArn: "alias/orders" }])).toEqual([
      { property: "proxy.users[0].kmsKeyArn", received: "alias/orders", allowed: expect.stringMatching(/^a KMS key ARN such as/) },
    ]);
  });

  it("refuse types the construct cannot judge: a user name reference, a list reference, missing and unknown fields", () => {
    const stack = new TerraformStack(testApp(), "typed");
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    const list = new TerraformVariable(stack, "users", { type: "list(any)" }).listValue;
    expect(problems([user(name)])).toEqual([{ property: "proxy.users[0].username", received: name, allowed: "a string, known at synth" }]);
    expect(problems(list)).toEqual([expect.objectContaining({ property: "proxy.users", allowed: expect.stringMatching(/known at synth$/) })]);
    expect(problems([{ username: "app_user" }])).toEqual([{ property: "proxy.users[0].secretArn", received: undefined, allowed: "a string (required)" }]);
    expect(problems([{ ...user("app_user"), secret: "x" }])).toEqual([
      { property: "proxy.users[0].secret", received: "x", allowed: "no such field; did you mean secretArn?" },
    ]);
    expect(problems("app_user")).toEqual([expect.objectContaining({ property: "proxy.users", received: "app_user" })]);
  });
});

describe("proxy users and the stack's region", () => {
  const inRegion = (region: string, users: readonly unknown[]) => {
    const stack = new TerraformStack(testApp(), "regional");
    new AwsProvider(stack, "aws", { region });
    new RandomProvider(stack, "random");
    return new AuroraPostgresServerless(stack, "Database", { name: "test", databaseName: "app", minCapacity: 1, proxy: { users: users as never } });
  };
  const CHINA_SECRET = "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:orders/app-user-AbC123";
  const WEST_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/app-user-AbC123";

  it("refuse a secret or a key of another partition than the region's", () => {
    expect(validationProblems(() => inRegion("us-east-1", [{ username: "app_user", secretArn: CHINA_SECRET }]))).toEqual([
      {
        property: "proxy.users[0].secretArn",
        received: CHINA_SECRET,
        allowed: expect.stringMatching(
          /^a secret in the aws partition, that of us-east-1, the region of the stack's AWS provider: each partition has its own IAM/,
        ),
      },
    ]);
    const chinaKey = "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(validationProblems(() => inRegion("us-east-1", [{ username: "app_user", secretArn: SECRET_ARN, kmsKeyArn: chinaKey }]))).toEqual([
      expect.objectContaining({ property: "proxy.users[0].kmsKeyArn", received: chinaKey, allowed: expect.stringMatching(/^a key in the aws partition/) }),
    ]);
    expect(() => inRegion("cn-north-1", [{ username: "app_user", secretArn: CHINA_SECRET }])).not.toThrow();
  });

  it("weigh a key by region in a region no partition claims", () => {
    const problems = validationProblems(() => inRegion("xx-test-1", [{ username: "app_user", secretArn: SECRET_ARN, kmsKeyArn: KEY_ARN }]));
    expect(problems).toContainEqual(expect.objectContaining({ property: "proxy.users[0].kmsKeyArn", allowed: expect.stringMatching(/^a key in xx-test-1/) }));
  });

  it("leave a malformed secret with a key to the secret's form rule, and a key of another region to the key's region rule", () => {
    expect(validationProblems(() => inRegion("us-east-1", [{ username: "app_user", secretArn: "orders/app-user", kmsKeyArn: KEY_ARN }]))).toEqual([
      expect.objectContaining({ property: "proxy.users[0].secretArn", received: "orders/app-user" }),
    ]);
    const westKey = KEY_ARN.replace(":us-east-1:", ":eu-west-1:");
    const westKeyProblems = validationProblems(() => inRegion("us-east-1", [{ username: "app_user", secretArn: SECRET_ARN, kmsKeyArn: westKey }]));
    expect(westKeyProblems).toContainEqual(
      expect.objectContaining({
        property: "proxy.users[0].kmsKeyArn",
        received: westKey,
        allowed: expect.stringMatching(/^a key in us-east-1, the region of the stack's AWS provider \(this one is in eu-west-1\)/),
      }),
    );
  });

  it("refuse a secret of another region only with a key, which the role may use only through Secrets Manager in the stack's region", () => {
    expect(() => inRegion("us-east-1", [{ username: "app_user", secretArn: WEST_SECRET }])).not.toThrow();
    expect(validationProblems(() => inRegion("us-east-1", [{ username: "app_user", secretArn: WEST_SECRET, kmsKeyArn: KEY_ARN }]))).toEqual([
      {
        property: "proxy.users[0].secretArn",
        received: WEST_SECRET,
        allowed: expect.stringMatching(/^a secret in us-east-1, the region of the stack's AWS provider, while kmsKeyArn is given: .*\(kms:ViaService\)$/),
      },
    ]);
    const westKey = KEY_ARN.replace(":us-east-1:", ":eu-west-1:");
    expect(validationProblems(() => inRegion("us-east-1", [{ username: "app_user", secretArn: SECRET_ARN, kmsKeyArn: westKey }]))).toEqual([
      {
        property: "proxy.users[0].kmsKeyArn",
        received: westKey,
        allowed: expect.stringContaining("the user's secret is read through Secrets Manager in us-east-1, which decrypts only with keys of its region"),
      },
    ]);
    expect(() => inRegion("eu-west-1", [{ username: "app_user", secretArn: WEST_SECRET, kmsKeyArn: westKey }])).not.toThrow();
  });
});

describe("grantProxyConnect and the users the proxy holds secrets for", () => {
  const withUsers = (extra: Record<string, unknown> = {}) =>
    databaseStack({
      minCapacity: 1,
      ...extra,
      proxy: {
        iamAuthentication: true,
        users: [
          { username: "app_user", secretArn: SECRET_ARN },
          { username: "reporting", secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:r-AbC123" },
        ],
      },
    } as never);

  it("grants the master user and every registered user", () => {
    const { stack, database } = withUsers();
    database.grantProxyConnect("Master", { name: "admin-role" }, "dbadmin");
    database.grantProxyConnect("App", { name: "app-role" }, "app_user");
    database.grantProxyConnect("Reporting", { name: "reporting-role" }, "reporting");
    const { json } = synthesize(stack);
    const resources = (role: string) => policyStatements(resourceWhere(json, "aws_iam_role_policy", "role", role).body)[0]!.Resource as string[];
    expect(resources("admin-role")[0]).toMatch(/\/dbadmin$/);
    expect(resources("app-role")[0]).toMatch(/\/app_user$/);
    expect(resources("reporting-role")[0]).toMatch(/\/reporting$/);
  });

  it("refuses a user the proxy holds no secret for, naming the master user and the registered users", () => {
    expect(validationProblems(() => withUsers().database.grantProxyConnect("Other", { name: "r" }, "analytics"))).toEqual([
      {
        property: "dbUser",
        received: "analytics",
        allowed:
          'a user the proxy holds a secret for, the only users it can log in as: the master user "dbadmin" or a user of proxy.users ("app_user", "reporting")',
      },
    ]);
    expect(
      validationProblems(() =>
        databaseStack({ minCapacity: 1, proxy: { iamAuthentication: true } }).database.grantProxyConnect("A", { name: "r" }, "app_user"),
      ),
    ).toEqual([
      {
        property: "dbUser",
        received: "app_user",
        allowed:
          'a user the proxy holds a secret for, the only users it can log in as: the master user "dbadmin" (register other users, each with its secret, in proxy.users)',
      },
    ]);
  });

  it("takes another user as the master user while that is unknown at synth (restore, a masterUsername reference), and passes a reference", () => {
    const restored = withUsers({ restore: { fromSnapshot: "orders-prod-2026-11-20" } }).database;
    expect(() => restored.grantProxyConnect("Source", { name: "r" }, "ordersadmin")).not.toThrow();
    const referenced = databaseStack((stack) => ({
      minCapacity: 1,
      masterUsername: new TerraformVariable(stack, "master", { type: "string" }).stringValue,
      proxy: { iamAuthentication: true },
    })).database;
    expect(() => referenced.grantProxyConnect("Master", { name: "r" }, "ordersadmin")).not.toThrow();
    const { stack, database } = withUsers();
    const user = new TerraformVariable(stack, "user", { type: "string" }).stringValue;
    expect(() => database.grantProxyConnect("Variable", { name: "r" }, user)).not.toThrow();
  });
});

describe("the module README's proxy example", () => {
  it("synthesizes as written: a proxy with IAM authentication, a read-only endpoint, a registered user and a connect grant", () => {
    const { json } = synthesizeReadmeExample("## RDS Proxy", (stack) => ({
      functionsSecurityGroup: new SecurityGroup(stack, "Functions", { namePrefix: "functions-", description: "Functions" }),
      apiUserSecret: new SecretsmanagerSecret(stack, "ApiUser", { name: "orders-prod/api-user" }),
      apiRole: { name: "api-role" },
    }));
    const proxy = resourceWhere(json, "aws_db_proxy", "name", "orders-prod-aurora-proxy").body;
    expect(proxy.auth.map((entry: Block) => entry.iam_auth)).toEqual(["REQUIRED", "REQUIRED"]);
    expect(proxy.auth[1].secret_arn).toBe(
      ref("aws_secretsmanager_secret", resourceWhere(json, "aws_secretsmanager_secret", "name", "orders-prod/api-user").name, "arn"),
    );
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
