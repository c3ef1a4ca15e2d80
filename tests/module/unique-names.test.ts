/**
 * Names AWS keeps unique in an account and region, across the constructs of one app: two
 * constructs that would create the same cluster identifier, KMS alias, SSM parameter or backup
 * vault where one provider deploys are refused at synth, naming both; the same names in other
 * regions, other apps, or while nothing is created, pass.
 */
import { TerraformStack } from "cdktf";
import {
  AuroraBackupPlan,
  AuroraBackupVault,
  AuroraEncryptionKey,
  AuroraPostgresServerless,
  type AuroraPostgresServerlessProps,
} from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { MINIMAL_PROPS, regionalStack, validationProblems } from "../support/synth";

const database = (stack: TerraformStack, id: string, props: Partial<AuroraPostgresServerlessProps> = {}) =>
  new AuroraPostgresServerless(stack, id, { ...MINIMAL_PROPS, ...props });

describe("two databases of one name", () => {
  it("are refused in one stack, naming the other and the names they share", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    database(stack, "Orders");
    expect(validationProblems(() => database(stack, "Reports"))).toEqual([
      {
        property: "name",
        received: "test",
        allowed:
          'a value whose names no other construct of this app creates in us-east-1: AuroraPostgresServerless "dev/Orders" already creates ' +
          'the cluster identifier "test-aurora-cluster" and the log group "/aws/rds/cluster/test-aurora-cluster/postgresql" there, ' +
          "and AWS keeps these names unique in an account and region",
      },
    ]);
  });

  it("are refused in two stacks of one app deploying to one region", () => {
    const app = testApp();
    database(regionalStack("eu-west-1", app, "dev"), "Database");
    expect(validationProblems(() => database(regionalStack("eu-west-1", app, "staging"), "Database"))).toEqual([
      expect.objectContaining({
        property: "name",
        allowed: expect.stringMatching(/^a value whose names no other construct of this app creates in eu-west-1: AuroraPostgresServerless "dev\/Database"/),
      }),
    ]);
  });

  it("pass in two regions, in two apps, and in two stacks whose regions are references", () => {
    const app = testApp();
    database(regionalStack("us-east-1", app, "east"), "Database");
    expect(() => database(regionalStack("us-west-2", app, "west"), "Database")).not.toThrow();
    expect(() => database(regionalStack("us-east-1", testApp(), "east"), "Database")).not.toThrow();
    database(regionalStack("variable", app, "a"), "Database");
    expect(() => database(regionalStack("variable", app, "b"), "Database")).not.toThrow();
  });

  it("leave no claim behind when refused for another reason", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    expect(() => database(stack, "Broken", { minCapacity: 7.2 })).toThrow();
    expect(() => database(stack, "Database")).not.toThrow();
  });
});

describe("a KMS alias", () => {
  it("is refused when a database creates the alias an AuroraEncryptionKey of its name already has", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    new AuroraEncryptionKey(stack, "Key", { name: "orders" });
    expect(validationProblems(() => database(stack, "Database", { name: "orders", encryptionKey: "create", skipFinalSnapshot: true }))).toEqual([
      expect.objectContaining({
        property: "name",
        allowed: expect.stringContaining('AuroraEncryptionKey "dev/Key" already creates the KMS alias "alias/orders-aurora" there'),
      }),
    ]);
  });

  it("passes for a database that uses that key instead of creating one", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    const key = new AuroraEncryptionKey(stack, "Key", { name: "orders" });
    expect(() => database(stack, "Database", { name: "orders", encryptionKey: { existingKeyArn: key.keyArn } })).not.toThrow();
  });
});

describe("SSM parameters", () => {
  it("are refused under one path for two databases, naming ssmParameters", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    database(stack, "Orders", { name: "orders", ssmParameters: "/shop/db" });
    expect(validationProblems(() => database(stack, "Reports", { name: "reports", ssmParameters: "/shop/db" }))).toEqual([
      {
        property: "ssmParameters",
        received: "/shop/db",
        allowed: expect.stringMatching(
          /^a value whose names no other construct of this app creates in us-east-1: AuroraPostgresServerless "dev\/Orders" already creates the SSM parameter "\/shop\/db\/cluster-arn" and /,
        ),
      },
    ]);
  });

  it("pass under two paths", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    database(stack, "Orders", { name: "orders", ssmParameters: "/shop/orders" });
    expect(() => database(stack, "Reports", { name: "reports", ssmParameters: "/shop/reports" })).not.toThrow();
  });
});

describe("backup vaults", () => {
  it("are refused when a plan creates the vault an AuroraBackupVault of its name already is", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    const db = database(stack, "Database", { name: "orders" });
    new AuroraBackupVault(stack, "Vault", { name: "orders" });
    expect(validationProblems(() => new AuroraBackupPlan(stack, "Backup", { name: "orders", database: db }))).toEqual([
      expect.objectContaining({
        property: "name",
        allowed: expect.stringContaining(
          'AuroraBackupVault "dev/Vault" already creates the backup vault "orders-aurora-backup" and the KMS alias "alias/orders-aurora-backup" there',
        ),
      }),
    ]);
  });

  it("pass when the plan writes to that vault instead of creating one", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    const db = database(stack, "Database", { name: "orders" });
    const vault = new AuroraBackupVault(stack, "Vault", { name: "orders" });
    expect(() => new AuroraBackupPlan(stack, "Backup", { name: "orders", database: db, vault: { existingVaultName: vault.vaultName } })).not.toThrow();
  });
});

describe("custom endpoints", () => {
  const endpoint = (identifier: string) => ({ readers: 1, customEndpoints: [{ identifier }] });

  it("are refused when two databases of one region give one identifier, naming the endpoint's prop", () => {
    const stack = regionalStack("us-east-1", testApp(), "dev");
    database(stack, "Orders", { name: "orders", ...endpoint("shop-analytics") });
    expect(validationProblems(() => database(stack, "Reports", { name: "reports", ...endpoint("shop-analytics") }))).toEqual([
      {
        property: "customEndpoints[0].identifier",
        received: "shop-analytics",
        allowed: expect.stringMatching(/already creates the cluster endpoint identifier "shop-analytics"/),
      },
    ]);
  });

  it("pass with identifiers of their own, or in two regions", () => {
    const app = testApp();
    const stack = regionalStack("us-east-1", app, "dev");
    database(stack, "Orders", { name: "orders", ...endpoint("orders-analytics") });
    expect(() => database(stack, "Reports", { name: "reports", ...endpoint("reports-analytics") })).not.toThrow();
    expect(() => database(regionalStack("eu-west-1", app, "eu"), "Orders", { name: "orders", ...endpoint("orders-analytics") })).not.toThrow();
  });
});
