/**
 * Options of the cluster's instances: the certificate authority of their server certificates.
 * Each is applied to the writer and every reader alike, and left unsent when not given, so that
 * an existing database plans nothing new.
 */
import { describe, expect, it } from "vitest";
import { type Block, MINIMAL_PROPS, databaseStack, resourcesOf, synthDatabase, validationProblems } from "../support/synth";
import { testApp } from "../support/app";

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
