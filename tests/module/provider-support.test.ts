/**
 * The AWS provider major: the constructs refuse bindings generated for another major, whose
 * attributes would synthesize broken policies without a word.
 */
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { AuroraEncryptionKey } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { assertSupportedAwsProvider } from "../../modules/aurora-postgresql-serverless/src/private/provider-support";
import { testApp } from "../support/app";
import { databaseStack } from "../support/synth";

const generatedFor = (providerVersion?: string) => ({ terraformGeneratorMetadata: { providerName: "aws", providerVersion } });

describe("assertSupportedAwsProvider", () => {
  it("refuses bindings generated for AWS provider 5.x (@cdktf/provider-aws 20.x), naming what to install", () => {
    expect(() => assertSupportedAwsProvider(generatedFor("5.94.1"))).toThrow(
      "AuroraPostgresServerless needs the AWS provider 6.x: @cdktf/provider-aws 21.x (or, on CDK Terrain, @cdktn/provider-aws 25.x). This app's @cdktf/provider-aws was generated for AWS provider 5.94.1, with which the module would synthesize broken policies. Install @cdktf/provider-aws@^21.",
    );
    expect(() => assertSupportedAwsProvider(generatedFor("7.0.0"))).toThrow("generated for AWS provider 7.0.0");
  });

  it("accepts every 6.x (cdktf's 6.25.0, the fork's 6.66.0) and bindings that record no version", () => {
    for (const version of ["6.0.0", "6.25.0", "6.66.0"]) expect(() => assertSupportedAwsProvider(generatedFor(version))).not.toThrow();
    expect(() => assertSupportedAwsProvider(generatedFor(undefined))).not.toThrow();
    expect(() => assertSupportedAwsProvider({})).not.toThrow();
  });

  it("is checked by both constructs: bindings for 5.x are refused, this repository's 6.x pass", () => {
    expect(databaseStack().database.subnetGroup!.terraformGeneratorMetadata?.providerVersion).toMatch(/^6\./);
    // The two resources the constructs judge report 5.94.1, as @cdktf/provider-aws 20.x would.
    // (Patched on their own classes: on CDK Terrain, the bindings extend cdktn's base classes.)
    const patched = [DbSubnetGroup.prototype, KmsKey.prototype];
    for (const prototype of patched) {
      Object.defineProperty(prototype, "terraformGeneratorMetadata", {
        configurable: true,
        get: () => ({ providerName: "aws", providerVersion: "5.94.1" }),
        set: () => undefined,
      });
    }
    try {
      expect(() => databaseStack()).toThrow("generated for AWS provider 5.94.1");
      const stack = new TerraformStack(testApp(), "keys");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      expect(() => new AuroraEncryptionKey(stack, "Key", { name: "orders-prod" })).toThrow("generated for AWS provider 5.94.1");
    } finally {
      for (const prototype of patched) delete (prototype as { terraformGeneratorMetadata?: unknown }).terraformGeneratorMetadata;
    }
    expect(() => databaseStack()).not.toThrow();
  });
});
