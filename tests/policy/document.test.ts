/**
 * How the gate reads a document: resources with their addresses and construct paths relative to
 * the stack, data sources, list attributes, literal names, and the labels findings use.
 */
import type { TerraformDocument } from "cdktf-aurora-postgresql-serverless";
import { expect, describe as group, it } from "vitest";
import { asList, dataSource, describe, isLiteral, isSet, label, resources } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/document";

const withPath = (path: string) => ({ "//": { metadata: { path } } });

group("reading a document", () => {
  it("gives each resource its address, and its construct path below the stack, or its address without metadata", () => {
    const document = {
      "//": { metadata: { stackName: "dev" } },
      resource: {
        aws_rds_cluster: { a: { ...withPath("dev/Database/Cluster"), cluster_identifier: "orders-dev" }, b: { cluster_identifier: "plain" } },
        aws_db_proxy: { c: { ...withPath("other/Proxy"), name: "" }, d: { "//": {} } },
      },
    } as unknown as TerraformDocument;
    expect(resources(document, "aws_rds_cluster", "aws_db_proxy").map(({ address, path }) => [address, path])).toEqual([
      ["aws_rds_cluster.a", "Database/Cluster"],
      ["aws_rds_cluster.b", "aws_rds_cluster.b"],
      // A path outside the stack's name is kept below its first segment.
      ["aws_db_proxy.c", "Proxy"],
      ["aws_db_proxy.d", "aws_db_proxy.d"],
    ]);
    const [first, second, third] = resources(document, "aws_rds_cluster", "aws_db_proxy");
    expect(describe(first!)).toBe("aws_rds_cluster.a (orders-dev) at Database/Cluster");
    expect(describe(second!)).toBe("aws_rds_cluster.b (plain)");
    // An empty name is no name: the label falls back to the address.
    expect(label(third!)).toBe("aws_db_proxy.c");
    expect(describe(third!)).toBe("aws_db_proxy.c at Proxy");
    expect(resources({} as TerraformDocument, "aws_rds_cluster")).toEqual([]);
  });

  it("finds data sources by type and name, and nothing where there is none", () => {
    const document = { data: { aws_kms_key: { shared: { key_id: "alias/shared" } } } } as unknown as TerraformDocument;
    expect(dataSource(document, "aws_kms_key", "shared")).toEqual({ key_id: "alias/shared" });
    expect(dataSource(document, "aws_kms_key", "other")).toBeUndefined();
    expect(dataSource(document, "aws_region", "here")).toBeUndefined();
    expect(dataSource({} as TerraformDocument, "aws_kms_key", "shared")).toBeUndefined();
  });

  it("reads a list attribute, a single value as a list of one, and a missing one as empty", () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList(null)).toEqual([]);
    expect(asList("one")).toEqual(["one"]);
    expect(asList(["a", "b"])).toEqual(["a", "b"]);
    expect(asList(0)).toEqual([0]);
  });

  it("tells a literal from an interpolation, and an empty string from a set one", () => {
    expect([isLiteral("name"), isLiteral(""), isLiteral("${aws_kms_key.k.arn}"), isLiteral("prefix-${var.x}"), isLiteral(3)]).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([isSet("name"), isSet("${var.x}"), isSet(""), isSet(undefined), isSet(1)]).toEqual([true, true, false, false, false]);
  });
});
