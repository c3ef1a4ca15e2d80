/**
 * `deleteAutomatedBackups`: whether the cluster's automated backups go with it when it is
 * destroyed (`delete_automated_backups`). The construct keeps them by default, where the AWS
 * provider 6.x would delete them (schema `Default: true`); the argument is read only by the
 * provider's delete, and an update of it calls no AWS API and replaces nothing
 * (`internal/service/rds/cluster.go` at 3cdb25397e069c722d250bd5359eafeb377b4483: not ForceNew,
 * and listed in `HasChangesExcept`, so no ModifyDBCluster).
 */
import { TerraformStack, TerraformVariable } from "cdktf";
import { AuroraPostgresServerless } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { testApp } from "../support/app";
import { MINIMAL_PROPS, onlyResource, resourcesOf, synthDatabase, validationProblems } from "../support/synth";

const cluster = (props: Parameters<typeof synthDatabase>[0] = {}) => onlyResource(synthDatabase(props).json, "aws_rds_cluster").body;

/** The keepers of the random_id that lives as long as one cluster. */
function lifetimeKeepers(props: Parameters<typeof synthDatabase>[0]) {
  const ids = Object.values(resourcesOf(synthDatabase(props).json, "random_id")).filter((body) => body.keepers !== undefined);
  expect(ids).toHaveLength(1);
  return ids[0]!.keepers;
}

describe("deleteAutomatedBackups", () => {
  it("keeps the automated backups by default, sending false rather than the provider's true", () => {
    expect(cluster().delete_automated_backups).toBe(false);
  });

  it.each([true, false])("sends %s as given", (value) => {
    expect(cluster({ deleteAutomatedBackups: value }).delete_automated_backups).toBe(value);
  });

  it("is sent with a restored cluster too", () => {
    expect(cluster({ restore: { fromSnapshot: "orders-prod-2026-11-20" } }).delete_automated_backups).toBe(false);
  });

  it("replaces nothing: it is no keeper of the cluster's lifetime, so the final snapshot's name stays", () => {
    const keepers = lifetimeKeepers({});
    expect(keepers).not.toHaveProperty("delete_automated_backups");
    expect(lifetimeKeepers({ deleteAutomatedBackups: true })).toEqual(keepers);
    expect(lifetimeKeepers({ deleteAutomatedBackups: false })).toEqual(keepers);
  });

  it("passes a Terraform variable through to the cluster", () => {
    const { json } = synthDatabase((stack) => ({
      deleteAutomatedBackups: new TerraformVariable(stack, "deleteBackups", { type: "bool" }).booleanValue as unknown as boolean,
    }));
    expect(onlyResource(json, "aws_rds_cluster").body.delete_automated_backups).toBe("${var.deleteBackups}");
  });

  it.each<[unknown, string]>([
    ["false", 'a boolean (false, not the string "false")'],
    [0, "true or false"],
    [null, "true or false (leave the prop out for its default; null is not a value)"],
  ])("refuses %j, naming what is allowed", (value, allowed) => {
    const create = () =>
      new AuroraPostgresServerless(new TerraformStack(testApp(), "test"), "Database", { ...MINIMAL_PROPS, deleteAutomatedBackups: value as boolean });
    expect(validationProblems(create)).toEqual([{ property: "deleteAutomatedBackups", received: value, allowed }]);
  });
});
