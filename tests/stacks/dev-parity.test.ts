/**
 * The dev stack against the 5_database design, resource by resource. Where dev deliberately
 * differs from the original (engine version, no open egress, no managed policy), the test
 * asserts the decision.
 */
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { describe, expect, it } from "vitest";
import { databaseResourceName, environmentTags, PROJECT } from "../../stacks/environments";
import { dataRef, inHook, onlyDataSource, onlyResource, ref, resourcesOf, resourceWhere, synthEnvironments } from "../support/synth";

const dev = inHook(() => {
  const { json, text } = synthEnvironments().dev;
  return {
    json,
    text,
    cluster: onlyResource(json, "aws_rds_cluster"),
    vpc: onlyDataSource(json, "aws_vpc"),
    subnets: onlyDataSource(json, "aws_subnets"),
    subnetGroup: onlyResource(json, "aws_db_subnet_group"),
    securityGroup: onlyResource(json, "aws_security_group"),
  };
});
const tags = environmentTags("dev");
/** The prefix of dev's AWS names. */
const NAME = databaseResourceName("dev");

describe("dev stack: networking", () => {
  it("looks up the default VPC and its subnets", () => {
    expect(dev().text).toHaveDataSourceWithProperties(DataAwsVpc, { default: true });
    expect(dev().text).toHaveDataSourceWithProperties(DataAwsSubnets, {
      filter: [{ name: "vpc-id", values: [dataRef("aws_vpc", dev().vpc.name, "id")] }],
    });
  });

  it("groups those subnets in a DB subnet group", () => {
    expect(dev().text).toHaveResourceWithProperties(DbSubnetGroup, {
      name: `${NAME}-aurora-subnet-group`,
      subnet_ids: dataRef("aws_subnets", dev().subnets.name, "ids"),
      tags,
    });
  });

  it("creates a security group in that VPC admitting TCP 5432 from the VPC CIDR, with a description", () => {
    expect(dev().text).toHaveResourceWithProperties(SecurityGroup, {
      name_prefix: `${NAME}-aurora-sg-`,
      vpc_id: dataRef("aws_vpc", dev().vpc.name, "id"),
      tags: { ...tags, Name: `${NAME}-aurora-sg` },
    });
    expect(dev().securityGroup.body.description).toMatch(/\S/);
    expect(dev().text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: ref("aws_security_group", dev().securityGroup.name, "id"),
      ip_protocol: "tcp",
      from_port: 5432,
      to_port: 5432,
      cidr_ipv4: dataRef("aws_vpc", dev().vpc.name, "cidr_block"),
      description: "PostgreSQL from the VPC CIDR block",
    });
  });

  it("opens no egress (deviation: the cluster needs none; the original allowed all)", () => {
    expect(resourcesOf(dev().json, "aws_vpc_security_group_egress_rule")).toEqual({});
    expect(dev().securityGroup.body.egress).toBeUndefined();
  });
});

describe("dev stack: credentials", () => {
  // Deviation: 5_database keeps a random password in its own secret, so Terraform state holds the
  // password and every refresh reads the secret's value. Every plan of dev, a pull request's
  // included, runs with the plan role: a role that can read the value could hand it to the pull
  // request's configuration. With RDS managing the password, no plan needs it.
  it("lets RDS generate, store and rotate the master password: none in the configuration or in state (deviation)", () => {
    expect(dev().cluster.body.manage_master_user_password).toBe(true);
    expect(dev().cluster.body.master_password).toBeUndefined();
    expect(resourcesOf(dev().json, "random_password")).toEqual({});
    expect(resourcesOf(dev().json, "aws_secretsmanager_secret")).toEqual({});
    expect(resourcesOf(dev().json, "aws_secretsmanager_secret_version")).toEqual({});
  });

  it("rotates the RDS-managed secret on a schedule", () => {
    const rotation = onlyResource(dev().json, "aws_secretsmanager_secret_rotation").body;
    expect(rotation.secret_id).toBe(`\${aws_rds_cluster.${dev().cluster.name}.master_user_secret[0].secret_arn}`);
  });
});

describe("dev stack: cluster", () => {
  it("is an encrypted Serverless v2 aurora-postgresql cluster with the Data API", () => {
    expect(dev().text).toHaveResourceWithProperties(RdsCluster, {
      cluster_identifier: `${NAME}-aurora-cluster`,
      engine: "aurora-postgresql",
      engine_mode: "provisioned",
      database_name: PROJECT.databaseName,
      master_username: PROJECT.masterUsername,
      manage_master_user_password: true,
      enable_http_endpoint: true,
      storage_encrypted: true,
      copy_tags_to_snapshot: true,
      db_subnet_group_name: ref("aws_db_subnet_group", dev().subnetGroup.name, "name"),
      vpc_security_group_ids: [ref("aws_security_group", dev().securityGroup.name, "id")],
      tags,
    });
  });

  it("uses a major-only engine version that supports the Data API and auto-pause (deviation: 15.4 is retired)", () => {
    expect(dev().cluster.body.engine_version).toBe("17");
  });

  it("scales 0-1 ACU and pauses after 300 s", () => {
    expect(dev().cluster.body.serverlessv2_scaling_configuration).toEqual({
      min_capacity: 0,
      max_capacity: 1,
      seconds_until_auto_pause: 300,
    });
  });

  it("keeps the original backup and maintenance settings", () => {
    expect(dev().text).toHaveResourceWithProperties(RdsCluster, {
      backup_retention_period: 7,
      preferred_backup_window: "03:00-04:00",
      preferred_maintenance_window: "sun:04:00-sun:05:00",
      skip_final_snapshot: true,
      apply_immediately: true,
      deletion_protection: false,
    });
    expect(dev().cluster.body.final_snapshot_identifier).toBeUndefined();
  });

  it("has one db.serverless writer taking engine and version from the cluster (deviation: Performance Insights on, free 7-day retention)", () => {
    expect(dev().text).toHaveResourceWithProperties(RdsClusterInstance, {
      identifier: `${NAME}-aurora-instance-1`,
      cluster_identifier: ref("aws_rds_cluster", dev().cluster.name, "id"),
      instance_class: "db.serverless",
      engine: ref("aws_rds_cluster", dev().cluster.name, "engine"),
      engine_version: ref("aws_rds_cluster", dev().cluster.name, "engine_version"),
      performance_insights_enabled: true,
      performance_insights_retention_period: 7,
      publicly_accessible: false,
      tags,
    });
    expect(Object.keys(resourcesOf(dev().json, "aws_rds_cluster_instance"))).toHaveLength(1);
  });
});

describe("dev stack: Lambda role", () => {
  it("attaches no managed policy (deviation: AWSLambdaBasicExecutionRole allows logs on every resource)", () => {
    const role = resourceWhere(dev().json, "aws_iam_role", "name", `${NAME}-lambda-aurora-role`);
    const attachments = Object.values(resourcesOf(dev().json, "aws_iam_role_policy_attachment"));
    expect(attachments.filter((a) => a.role === ref("aws_iam_role", role.name, "name"))).toEqual([]);
    expect(role.body.managed_policy_arns).toBeUndefined();
  });
});
