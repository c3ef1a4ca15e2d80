/**
 * `alarms`: CloudWatch alarms on every instance, sent to an SNS topic that only this database's
 * alarms may publish to, encrypted with a customer-managed key CloudWatch may use; silent while a
 * paused database sleeps.
 */
import { TerraformOutput } from "cdktf";
import { evaluateControls, type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { databaseStack, inHook, onlyResource, policyStatements, ref, resourcesOf, synthDatabase, synthesize, type Block } from "../support/synth";
import { cloudWatchKeyStatement, cloudWatchTopicStatement, topicArns } from "./alarm-topic-statements";

const EXISTING_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const EXISTING_TOPIC = "arn:aws:sns:us-east-1:123456789012:team-alarms";
const GIB = 2 ** 30;

const alarmsOf = (json: Block) => Object.entries(resourcesOf(json, "aws_cloudwatch_metric_alarm")).map(([name, body]) => ({ name, body }));
const alarmNamed = (json: Block, alarmName: string) => {
  const found = alarmsOf(json).filter(({ body }) => body.alarm_name === alarmName);
  expect(found, alarmName).toHaveLength(1);
  return found[0]!.body;
};

describe("without alarms", () => {
  it("creates no topic, key, subscription or alarm, and leaves the created key's policy to RDS and Secrets Manager", () => {
    const { stack, database } = databaseStack({ encryptionKey: "create", skipFinalSnapshot: true });
    const { json } = synthesize(stack);
    for (const type of ["aws_sns_topic", "aws_sns_topic_subscription", "aws_cloudwatch_metric_alarm"]) expect(resourcesOf(json, type)).toEqual({});
    expect(policyStatements(onlyResource(json, "aws_kms_key").body).map((statement) => statement.Sid)).not.toContain("CloudWatchPublishesThisDatabaseAlarms");
    expect(database.alarmTopicArn).toBeUndefined();
  });
});

describe("alarms: {} on a database with the AWS managed keys", () => {
  const managedKeys = inHook(() => {
    const { stack, database } = databaseStack({ alarms: {} });
    new TerraformOutput(stack, "topic", { value: database.alarmTopicArn });
    const { json } = synthesize(stack);
    const topic = onlyResource(json, "aws_sns_topic");
    const topicArn = ref("aws_sns_topic", topic.name, "arn");
    return { stack, database, json, topic, topicArn };
  });

  it("creates the topic <name>-aurora-alarms and exposes its ARN", () => {
    expect(managedKeys().topic.body).toMatchObject({ name: "test-aurora-alarms", display_name: "Alarms of test-aurora-cluster" });
    expect(managedKeys().json.output.topic.value).toBe(managedKeys().topicArn);
  });

  it("encrypts the topic with a key of its own, since CloudWatch cannot publish to a topic encrypted with aws/sns", () => {
    const key = onlyResource(managedKeys().json, "aws_kms_key");
    expect(managedKeys().topic.body.kms_master_key_id).toBe(ref("aws_kms_key", key.name, "arn"));
    expect(key.body).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 7 });
    expect(onlyResource(managedKeys().json, "aws_kms_alias").body).toEqual({
      name: "alias/test-aurora-alarms",
      target_key_id: ref("aws_kms_key", key.name, "key_id"),
    });
    expect(JSON.stringify(managedKeys().topic.body)).not.toContain("alias/aws/sns");
  });

  it("lets the account administer that key and only CloudWatch use it, for this database's alarms on this topic", () => {
    const statements = policyStatements(onlyResource(managedKeys().json, "aws_kms_key").body);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Sid: "AccountAdministersTheKey", Principal: { AWS: topicArns(managedKeys().json).root }, Resource: "*" });
    for (const action of statements[0]!.Action as string[]) expect(action).toMatch(/^kms:(?!Encrypt|Decrypt|ReEncrypt|GenerateDataKey|CreateGrant)[A-Za-z]+$/);
    expect(statements[1]).toEqual(cloudWatchKeyStatement(managedKeys().json));
  });

  it("lets only CloudWatch publish to the topic, for this account's alarms of this database", () => {
    expect(policyStatements(managedKeys().topic.body)).toEqual([cloudWatchTopicStatement(managedKeys().json)]);
  });

  it("creates one alarm of each kind for the writer, named <name>-aurora-instance-1-<what>, and no replica lag alarm without readers", () => {
    expect(
      alarmsOf(managedKeys().json)
        .map(({ body }) => body.alarm_name)
        .sort(),
    ).toEqual(["acu-utilization", "cpu-utilization", "database-connections", "deadlocks", "freeable-memory"].map((what) => `test-aurora-instance-1-${what}`));
    expect(resourcesOf(managedKeys().json, "aws_sns_topic_subscription")).toEqual({});
  });

  it("watches the instance by DBInstanceIdentifier every minute, sends ALARM and OK to the topic, and treats missing data as not breaching", () => {
    for (const { body } of alarmsOf(managedKeys().json)) {
      expect(body).toMatchObject({
        namespace: "AWS/RDS",
        dimensions: { DBInstanceIdentifier: "test-aurora-instance-1" },
        period: 60,
        treat_missing_data: "notBreaching",
        actions_enabled: true,
        alarm_actions: [managedKeys().topicArn],
        ok_actions: [managedKeys().topicArn],
      });
      expect(body.datapoints_to_alarm).toBe(body.evaluation_periods);
      expect(body.insufficient_data_actions).toBeUndefined();
    }
  });

  it("fires on Serverless v2's thresholds: capacity and CPU near the maximum, memory short at the maximum, connections near max_connections, any deadlocks", () => {
    const watched = (what: string) => {
      const body = alarmNamed(managedKeys().json, `test-aurora-instance-1-${what}`);
      return [body.metric_name, body.statistic, body.comparison_operator, body.threshold, body.evaluation_periods];
    };
    expect(watched("acu-utilization")).toEqual(["ACUUtilization", "Average", "GreaterThanOrEqualToThreshold", 90, 15]);
    expect(watched("cpu-utilization")).toEqual(["CPUUtilization", "Average", "GreaterThanOrEqualToThreshold", 90, 15]);
    // 10% of the memory at maxCapacity (1 ACU, about 2 GiB).
    expect(watched("freeable-memory")).toEqual(["FreeableMemory", "Average", "LessThanThreshold", Math.floor(0.1 * 2 * GIB), 15]);
    // 80% of max_connections, 189 at 1 ACU.
    expect(watched("database-connections")).toEqual(["DatabaseConnections", "Maximum", "GreaterThanOrEqualToThreshold", 152, 5]);
    expect(watched("deadlocks")).toEqual(["Deadlocks", "Average", "GreaterThanThreshold", 0, 5]);
  });

  it("says in each description what fired and what to do", () => {
    const description = (what: string) => alarmNamed(managedKeys().json, `test-aurora-instance-1-${what}`).alarm_description as string;
    expect(description("acu-utilization")).toMatch(/^test-aurora-instance-1 has run at 90% or more of maxCapacity \(1 ACU\) for 15 minutes.*raise maxCapacity/);
    expect(description("cpu-utilization")).toMatch(/90% or more of the CPU.*Performance Insights/);
    expect(description("freeable-memory")).toMatch(/less than 10% \(204 MiB\) of the memory of maxCapacity.*Raise maxCapacity/);
    expect(description("database-connections")).toMatch(/152 or more connections \(80% of max_connections, 189\).*pg_stat_activity/);
    expect(description("deadlocks")).toMatch(/deadlocks in each of 5 consecutive minutes.*same order/);
    for (const { body } of alarmsOf(managedKeys().json)) expect((body.alarm_description as string).length).toBeLessThanOrEqual(1024);
  });

  it("gives each alarm a construct id of its kind under its instance's", () => {
    expect(
      alarmsOf(managedKeys().json)
        .map(({ name }) => name.replace(/_[0-9A-F]{8}$/, ""))
        .sort(),
    ).toEqual(["AcuUtilization", "CpuUtilization", "DatabaseConnections", "Deadlocks", "FreeableMemory"].map((id) => `Database_Alarms_Instance1_${id}`));
  });
});

describe("thresholds", () => {
  it("take the given values and evaluation periods", () => {
    const { json } = synthDatabase({
      maxCapacity: 8,
      alarms: {
        acuUtilization: { threshold: 80, evaluationPeriods: 30 },
        cpuUtilization: { threshold: 75 },
        freeableMemory: { threshold: 5, evaluationPeriods: 10 },
        databaseConnections: { threshold: 50 },
        deadlocks: { threshold: 0.5, evaluationPeriods: 1 },
      },
    });
    const alarm = (what: string) => alarmNamed(json, `test-aurora-instance-1-${what}`);
    expect(alarm("acu-utilization")).toMatchObject({ threshold: 80, evaluation_periods: 30, datapoints_to_alarm: 30 });
    expect(alarm("cpu-utilization")).toMatchObject({ threshold: 75, evaluation_periods: 15 });
    expect(alarm("freeable-memory")).toMatchObject({ threshold: Math.floor(0.05 * 8 * 2 * GIB), evaluation_periods: 10 });
    // 1,669 connections at 8 ACU, capped at 2,000 while the minimum is 0.5.
    expect(alarm("database-connections")).toMatchObject({ threshold: Math.ceil(0.5 * 1669), evaluation_periods: 5 });
    expect(alarm("deadlocks")).toMatchObject({ threshold: 0.5, evaluation_periods: 1 });
    expect(alarm("deadlocks").alarm_description).toMatch(/more than 0.5 deadlocks a second in a minute/);
  });

  it("derive connections from max_connections: Aurora's default for the capacity range, or the cluster parameter when it is a number", () => {
    const connections = (props: Partial<AuroraPostgresServerlessProps>) =>
      alarmNamed(synthDatabase({ ...props, alarms: {} }).json, "test-aurora-instance-1-database-connections").threshold;
    expect(connections({ minCapacity: 2, maxCapacity: 16 })).toBe(Math.ceil(0.8 * 3360));
    expect(connections({ minCapacity: 2, maxCapacity: 4 })).toBe(Math.ceil(0.8 * 823));
    expect(connections({ minCapacity: 1, maxCapacity: 64 })).toBe(Math.ceil(0.8 * 5000));
    expect(connections({ minCapacity: 0.5, maxCapacity: 64 })).toBe(Math.ceil(0.8 * 2000));
    expect(connections({ maxCapacity: 2 })).toBe(Math.ceil(0.8 * 400));
    expect(connections({ clusterParameters: { max_connections: "100" } })).toBe(80);
    expect(connections({ clusterParameters: { max_connections: { value: "250", applyMethod: "pending-reboot" } } })).toBe(200);
    expect(connections({ clusterParameters: { max_connections: "LEAST({DBInstanceClassMemory/9531392},5000)" } })).toBe(Math.ceil(0.8 * 189));
  });
});

describe("readers", () => {
  const names = (props: Partial<AuroraPostgresServerlessProps>) => {
    const { json } = synthDatabase({ ...props, alarms: {} });
    return Object.fromEntries(alarmsOf(json).map(({ name, body }) => [body.alarm_name as string, name]));
  };

  it("get every alarm too, and every instance a replica lag alarm, since a failover can make any of them a reader", () => {
    const { json } = synthDatabase({ readers: 1, alarms: {} });
    for (const instance of [1, 2]) {
      expect(alarmNamed(json, `test-aurora-instance-${instance}-replica-lag`)).toMatchObject({
        metric_name: "AuroraReplicaLag",
        statistic: "Maximum",
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1000,
        evaluation_periods: 5,
        dimensions: { DBInstanceIdentifier: `test-aurora-instance-${instance}` },
      });
      expect(alarmNamed(json, `test-aurora-instance-${instance}-acu-utilization`).dimensions).toEqual({
        DBInstanceIdentifier: `test-aurora-instance-${instance}`,
      });
    }
    expect(alarmsOf(json)).toHaveLength(12);
  });

  it("are keyed by instance number: removing the last reader removes its alarms and keeps every other alarm's address", () => {
    const three = names({ readers: [{}, { scaleWithWriter: false }] });
    const two = names({ readers: [{}] });
    expect(Object.keys(three)).toHaveLength(18);
    for (const [alarmName, address] of Object.entries(two)) expect(three[alarmName], alarmName).toBe(address);
    expect(
      Object.keys(three)
        .filter((alarmName) => !(alarmName in two))
        .sort(),
    ).toEqual(
      ["acu-utilization", "cpu-utilization", "database-connections", "deadlocks", "freeable-memory", "replica-lag"].map(
        (what) => `test-aurora-instance-3-${what}`,
      ),
    );
  });
});

describe("a database that pauses at 0 ACU", () => {
  const paused = inHook(() => {
    const { json } = synthDatabase({ minCapacity: 0, readers: 1, alarms: {} });
    return { json };
  });

  /** What an alarm sees while the instance is paused: 0 (or nothing) from every metric, or its guard's value. */
  function valueWhilePaused(body: Block): number {
    if (body.metric_query === undefined) return 0;
    const guard = (body.metric_query as Block[]).find((query) => query.return_data === true)!;
    const match = /^IF\(capacity > 0, value, (\d+)\)$/.exec(guard.expression as string);
    expect(match, guard.expression).not.toBeNull();
    return Number(match![1]);
  }

  const breaches = (value: number, comparison: string, threshold: number) =>
    ({ GreaterThanOrEqualToThreshold: value >= threshold, GreaterThanThreshold: value > threshold, LessThanThreshold: value < threshold })[comparison];

  it("treats missing data as not breaching on every alarm", () => {
    expect(alarmsOf(paused().json).length).toBeGreaterThan(0);
    for (const { body } of alarmsOf(paused().json)) expect(body.treat_missing_data).toBe("notBreaching");
  });

  it("has no alarm that a paused instance's values breach", () => {
    for (const { body } of alarmsOf(paused().json)) {
      expect(breaches(valueWhilePaused(body), body.comparison_operator, body.threshold), body.alarm_name).toBe(false);
    }
  });

  it("counts a paused instance's memory as free: the memory alarm reads FreeableMemory only while the instance has capacity", () => {
    const memory = alarmNamed(paused().json, "test-aurora-instance-2-freeable-memory");
    const metric = (metricName: string) => ({
      namespace: "AWS/RDS",
      metric_name: metricName,
      dimensions: { DBInstanceIdentifier: "test-aurora-instance-2" },
      period: 60,
      stat: "Average",
    });
    expect(memory.metric_query).toEqual([
      { id: "value", metric: metric("FreeableMemory"), return_data: false },
      { id: "capacity", metric: metric("ServerlessDatabaseCapacity"), return_data: false },
      {
        id: "guarded",
        expression: `IF(capacity > 0, value, ${2 * GIB})`,
        label: "FreeableMemory, counting a paused instance's memory as free",
        return_data: true,
      },
    ]);
    expect(memory).toMatchObject({ comparison_operator: "LessThanThreshold", threshold: Math.floor(0.1 * 2 * GIB) });
    expect(memory.metric_name).toBeUndefined();
  });

  it("while a database that never pauses watches FreeableMemory directly", () => {
    const memory = alarmNamed(synthDatabase({ alarms: {} }).json, "test-aurora-instance-1-freeable-memory");
    expect(memory.metric_query).toBeUndefined();
    expect(memory.metric_name).toBe("FreeableMemory");
  });
});

describe("the topic's key", () => {
  it("is the key the database creates, whose policy then lets CloudWatch publish this database's alarms", () => {
    const { json } = synthDatabase({ encryptionKey: "create", skipFinalSnapshot: true, alarms: {} });
    const key = onlyResource(json, "aws_kms_key");
    expect(onlyResource(json, "aws_sns_topic").body.kms_master_key_id).toBe(ref("aws_kms_key", key.name, "arn"));
    const statements = policyStatements(key.body);
    expect(statements.map((statement) => statement.Sid)).toEqual([
      "AccountAdministersTheKey",
      "RdsCreatesGrantsForItself",
      "SecretsManagerProtectsTheCredentials",
      "PerformanceInsightsReaders",
      "CloudWatchPublishesThisDatabaseAlarms",
    ]);
    expect(statements.at(-1)).toEqual(cloudWatchKeyStatement(json));
  });

  it("is the database's existing key, whose policy its owner must open to CloudWatch (an AuroraEncryptionKey's does)", () => {
    const { json } = synthDatabase({ encryptionKey: { existingKeyArn: EXISTING_KEY }, alarms: {} });
    expect(resourcesOf(json, "aws_kms_key")).toEqual({});
    expect(onlyResource(json, "aws_sns_topic").body.kms_master_key_id).toBe(EXISTING_KEY);
  });

  it("is not needed with a topic of your own: no topic, key or key policy statement is created", () => {
    const { stack, database } = databaseStack({ encryptionKey: "create", skipFinalSnapshot: true, alarms: { topicArn: EXISTING_TOPIC } });
    const { json } = synthesize(stack);
    expect(resourcesOf(json, "aws_sns_topic")).toEqual({});
    expect(policyStatements(onlyResource(json, "aws_kms_key").body).map((statement) => statement.Sid)).not.toContain("CloudWatchPublishesThisDatabaseAlarms");
    expect(database.alarmTopicArn).toBe(EXISTING_TOPIC);
    for (const { body } of alarmsOf(json)) expect(body).toMatchObject({ alarm_actions: [EXISTING_TOPIC], ok_actions: [EXISTING_TOPIC] });
  });

  it("needs no account lookups with a topic of your own and the AWS managed keys", () => {
    const { json } = synthDatabase({ alarms: { topicArn: EXISTING_TOPIC }, createLambdaRole: false, monitoringIntervalSeconds: 0 });
    expect(json.data?.aws_caller_identity).toBeUndefined();
  });
});

describe("email addresses", () => {
  const subscriptions = (emailAddresses: string[]) =>
    Object.entries(resourcesOf(synthDatabase({ alarms: { emailAddresses } }).json, "aws_sns_topic_subscription")).map(([name, body]) => ({ name, body }));

  it("are subscribed to the topic, one subscription each", () => {
    const { json } = synthDatabase({ alarms: { emailAddresses: ["oncall@example.com", "dba+alarms@example.org"] } });
    const topicArn = ref("aws_sns_topic", onlyResource(json, "aws_sns_topic").name, "arn");
    const byEndpoint = (a: Block, b: Block) => String(a.endpoint).localeCompare(String(b.endpoint));
    expect(Object.values(resourcesOf(json, "aws_sns_topic_subscription")).sort(byEndpoint)).toEqual([
      { topic_arn: topicArn, protocol: "email", endpoint: "dba+alarms@example.org" },
      { topic_arn: topicArn, protocol: "email", endpoint: "oncall@example.com" },
    ]);
  });

  it("key their subscriptions by address: removing one leaves the others where they are", () => {
    const both = subscriptions(["first@example.com", "second@example.com"]);
    const second = subscriptions(["second@example.com"]);
    expect(second).toEqual([both.find(({ body }) => body.endpoint === "second@example.com")]);
  });
});

describe("names", () => {
  it("fit AWS's limits for the longest name: topic, key alias, alarms", () => {
    const name = `a${"b".repeat(43)}`;
    const { json } = synthDatabase({ name, readers: 15, alarms: {} });
    expect(onlyResource(json, "aws_sns_topic").body.name).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(onlyResource(json, "aws_kms_alias").body.name).toMatch(/^alias\/[A-Za-z0-9/_-]{1,250}$/);
    expect(onlyResource(json, "aws_sns_topic").body.display_name.length).toBeLessThanOrEqual(100);
    const alarmNames = alarmsOf(json).map(({ body }) => body.alarm_name as string);
    expect(alarmNames).toContain(`${name}-aurora-instance-16-database-connections`);
    for (const alarmName of alarmNames) expect(alarmName.length, alarmName).toBeLessThanOrEqual(255);
  });
});

describe("the policy gate", () => {
  it("passes every control for a hardened database with alarms, subscriptions and a dashboard", () => {
    const { stack } = databaseStack({
      credentials: "managed",
      encryptionKey: "create",
      skipFinalSnapshot: true,
      readers: 1,
      alarms: { emailAddresses: ["oncall@example.com"] },
      dashboard: true,
    });
    expect([...evaluateControls(synthesize(stack).json).keys()]).toEqual([]);
  });

  it("passes SNS.1, CloudWatch.15 and KMS.4 with the topic's own key, on the AWS managed keys", () => {
    const failing = [...evaluateControls(synthDatabase({ alarms: {} }).json).keys()];
    for (const control of ["SNS.1", "CloudWatch.15", "KMS.4"]) expect(failing).not.toContain(control);
  });
});
