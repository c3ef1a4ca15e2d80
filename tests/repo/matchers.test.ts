/**
 * The registered cdktf matchers can fail: a test built on them proves something.
 */
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { expect, it } from "vitest";
import { inHook, synthDatabase } from "../support/synth";

const text = inHook(() => synthDatabase().text);

it("toHaveResourceWithProperties passes on a match and fails on a mismatch", () => {
  expect(text()).toHaveResourceWithProperties(RdsCluster, { engine: "aurora-postgresql" });
  expect(() => expect(text()).toHaveResourceWithProperties(RdsCluster, { engine: "aurora-mysql" })).toThrow();
  expect(() => expect(text()).toHaveResourceWithProperties(SecurityGroup, { name: "not-this-one" })).toThrow();
});

it("toHaveResource fails for a type that is absent", () => {
  expect(text()).toHaveResource(RdsCluster);
  expect(() => expect(synthDatabase({}).text).toHaveResource({ tfResourceType: "aws_db_proxy" })).toThrow();
});
