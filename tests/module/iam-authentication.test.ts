/**
 * IAM database authentication and the rds-db:connect grant.
 */
import { describe, expect, it } from "vitest";
import {
  accountRefs,
  databaseStack,
  onlyResource,
  policyStatements,
  ref,
  resourceWhere,
  synthDatabase,
  synthesize,
  validationProblems,
} from "../support/synth";

describe("IAM database authentication", () => {
  it("is on by default and can be turned off", () => {
    expect(onlyResource(synthDatabase().json, "aws_rds_cluster").body.iam_database_authentication_enabled).toBe(true);
    expect(onlyResource(synthDatabase({ iamAuthentication: false }).json, "aws_rds_cluster").body.iam_database_authentication_enabled).toBe(false);
  });
});

describe("grantConnect", () => {
  it("grants rds-db:connect as one database user, on an ARN built from the cluster resource id and the partition", () => {
    const { stack, database } = databaseStack();
    database.grantConnect("AppConnect", { name: "app-role" }, "app_user");
    const { json } = synthesize(stack);
    const policy = resourceWhere(json, "aws_iam_role_policy", "role", "app-role").body;
    expect(policy.name).toBe("test-aurora-connect-AppConnect");
    const { partition, region, account } = accountRefs(json);
    const resourceId = ref("aws_rds_cluster", onlyResource(json, "aws_rds_cluster").name, "cluster_resource_id");
    expect(policyStatements(policy)).toEqual([
      {
        Sid: "ConnectAsThisDatabaseUser",
        Effect: "Allow",
        Action: ["rds-db:connect"],
        Resource: [`arn:${partition}:rds-db:${region}:${account}:dbuser:${resourceId}/app_user`],
      },
    ]);
  });

  it("refuses a user name PostgreSQL would not accept, naming it", () => {
    const { database } = databaseStack();
    expect(validationProblems(() => database.grantConnect("Bad", { name: "r" }, "app-user"))).toEqual([
      {
        property: "dbUser",
        received: "app-user",
        allowed: "a PostgreSQL role name: 1 to 63 letters, digits or '_', starting with a letter, not reserved",
      },
    ]);
    expect(() => database.grantConnect("Reserved", { name: "r" }, "rdsadmin")).toThrow(/dbUser: received "rdsadmin"/);
  });

  it("refuses to grant when IAM authentication is off", () => {
    const { database } = databaseStack({ iamAuthentication: false });
    expect(validationProblems(() => database.grantConnect("Off", { name: "r" }, "app_user"))).toEqual([
      { property: "iamAuthentication", received: false, allowed: "true, so that IAM principals can log in" },
    ]);
  });
});
