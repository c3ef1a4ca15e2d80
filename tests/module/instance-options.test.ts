/**
 * Options of the cluster's instances: the certificate authority of their server certificates and
 * the DB parameter group. Each is applied to the writer and every reader alike, and left unsent when not given, so that
 * an existing database plans nothing new.
 */
import { TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { databaseStack, MINIMAL_PROPS, onlyResource, ref, resourcesOf, synthDatabase, validationProblems, type Block } from "../support/synth";

const instances = (json: Block) => Object.values(resourcesOf(json, "aws_rds_cluster_instance"));

describe("caCertificateIdentifier", () => {
  it.each(["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"] as const)("sets %s on the writer and every reader", (ca) => {
    const { json } = synthDatabase({ caCertificateIdentifier: ca, readers: [{}, { scaleWithWriter: false }] });
    expect(instances(json)).toHaveLength(3);
    for (const instance of instances(json)) expect(instance.ca_cert_identifier).toBe(ca);
  });

  it("is not sent by default, so RDS picks the account's default CA and existing instances plan nothing", () => {
    const { json } = synthDatabase({ readers: 1 });
    for (const instance of instances(json)) expect(instance).not.toHaveProperty("ca_cert_identifier");
  });

  it.each(["rds-ca-2019", "rds-ca-2015", "RDS-CA-RSA2048-G1", "rds-ca-rsa2048-g2", ""])("refuses %j, listing the CAs RDS offers", (ca) => {
    const create = () => databaseStack({ ...MINIMAL_PROPS, caCertificateIdentifier: ca as "rds-ca-rsa2048-g1" }, testApp());
    expect(validationProblems(create)).toEqual([
      { property: "caCertificateIdentifier", received: ca, allowed: '"rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1" or "rds-ca-ecc384-g1"' },
    ]);
  });
});

describe("instanceParameters", () => {
  const engineAndParameters = {
    engineVersion: "16",
    readers: 2,
    clusterParameters: { log_statement: "ddl" },
    instanceParameters: {
      log_min_duration_statement: "1000",
      "auto_explain.log_min_duration": { value: "5000", applyMethod: "pending-reboot" as const },
    },
  };

  it("go into a DB parameter group of the engine major's family, beside the cluster's, named by a prefix and replaced create-before-destroy", () => {
    const { json } = synthDatabase(engineAndParameters);
    const group = onlyResource(json, "aws_db_parameter_group");
    expect(group.body.name).toBeUndefined();
    expect(group.body).toMatchObject({
      name_prefix: "test-aurora-postgresql16-instance-",
      family: "aurora-postgresql16",
      description: "Instance parameters of test-aurora-cluster (aurora-postgresql16)",
      lifecycle: { create_before_destroy: true },
      parameter: [
        { name: "auto_explain.log_min_duration", value: "5000", apply_method: "pending-reboot" },
        { name: "log_min_duration_statement", value: "1000", apply_method: "immediate" },
      ],
    });
    expect(onlyResource(json, "aws_rds_cluster_parameter_group").body.name_prefix).toBe("test-aurora-postgresql16-");
  });

  it("are used by the writer and every reader", () => {
    const { json } = synthDatabase(engineAndParameters);
    const group = onlyResource(json, "aws_db_parameter_group").name;
    expect(instances(json)).toHaveLength(3);
    for (const instance of instances(json)) expect(instance.db_parameter_group_name).toBe(ref("aws_db_parameter_group", group, "name"));
  });

  it("may be empty: a group with no overrides", () => {
    const { json } = synthDatabase({ instanceParameters: {} });
    expect(onlyResource(json, "aws_db_parameter_group").body).toMatchObject({ family: "aurora-postgresql17" });
    expect(onlyResource(json, "aws_db_parameter_group").body.parameter ?? []).toEqual([]);
  });

  it("are optional: without them the instances keep the AWS default group and nothing is sent", () => {
    const { json } = synthDatabase({ readers: 1, clusterParameters: { log_statement: "ddl" } });
    expect(resourcesOf(json, "aws_db_parameter_group")).toEqual({});
    for (const instance of instances(json)) expect(instance).not.toHaveProperty("db_parameter_group_name");
  });

  it("need a concrete engineVersion to name their family; with a token they are refused, without them the token passes", () => {
    const stack = new TerraformStack(testApp(), "test");
    const engineVersion = new TerraformVariable(stack, "version", { type: "string" }).stringValue;
    const problems = validationProblems(
      () => new AuroraPostgresServerless(stack, "Database", { ...MINIMAL_PROPS, engineVersion, instanceParameters: { log_min_duration_statement: "1000" } }),
    );
    expect(problems).toEqual([
      {
        property: "instanceParameters",
        received: { log_min_duration_statement: "1000" },
        allowed: "a concrete engineVersion alongside, to name the parameter group family (aurora-postgresql<major>)",
        related: ["engineVersion"],
      },
    ]);
    expect(() => new AuroraPostgresServerless(stack, "Other", { ...MINIMAL_PROPS, name: "other", engineVersion })).not.toThrow();
  });
});
