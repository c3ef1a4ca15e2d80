/**
 * The database's CloudWatch alarms: which ones, on which metric of which instance, when they
 * fire and what to do then, as data (`alarmDefinitions`), and the alarms themselves
 * (`DatabaseAlarms`), sent to the alarm topic.
 *
 * Every alarm watches one instance (`DBInstanceIdentifier`), is named
 * `<name>-aurora-instance-<n>-<what>` and has a stable construct id under `Instance<n>`, the
 * instance's own construct id: removing a reader removes its alarms and touches no other. Missing
 * data is not breaching, and every alarm fires on a value above its threshold, except the memory
 * alarm, which fires below it: a paused instance (0 ACU) reports capacity and utilization 0 or
 * nothing, so no alarm pages while the database sleeps. For the memory alarm of a database that
 * can pause, metric math counts a paused instance's memory as free (`IF(capacity > 0, memory,
 * <memory at maxCapacity>)`).
 */
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import type { DatabaseMetric, InstanceMetricName, MetricStatistic } from "../database-metric";
import type { AlarmOptions, ClusterParameter } from "../props";
import type { AccountScope } from "./account-context";
import { AlarmTopic } from "./alarm-topic";
import { AURORA_METRICS, AURORA_STATISTICS, auroraMetric, maxConnections, memoryAtMaxCapacity } from "./metrics";
import type { ResourceNames } from "./naming";
import { ALARM_DEFAULTS, type AlarmKind } from "./resolved-props";

/** One instance of the cluster, by its number (`Instance<n>`, `<name>-aurora-instance-<n>`). */
export interface MonitoredInstance {
  readonly number: number;
  readonly identifier: string;
}

export type Comparison = "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold";

/** One alarm, as data. */
export interface AlarmDefinition {
  readonly kind: AlarmKind;
  /** Construct id under the instance's `Instance<n>`. */
  readonly id: string;
  readonly instance: MonitoredInstance;
  /** `<name>-aurora-instance-<n>-<what>`. */
  readonly name: string;
  /** What fired and what to do. */
  readonly description: string;
  readonly metricName: InstanceMetricName;
  /** The metric's statistic in AURORA_STATISTICS, which the dashboard and the public metrics share. */
  readonly statistic: MetricStatistic;
  readonly comparison: Comparison;
  /** In the metric's unit (percent, bytes, connections, milliseconds, deadlocks per second). */
  readonly threshold: number;
  readonly evaluationPeriods: number;
  /**
   * The value the alarm sees instead of the metric while the instance is paused (its capacity is
   * 0), for an alarm that fires below its threshold on a database that can pause.
   */
  readonly whilePaused?: number;
}

export interface AlarmInputs {
  readonly names: ResourceNames;
  /** The writer and the readers. */
  readonly instances: readonly MonitoredInstance[];
  readonly options: AlarmOptions;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly clusterParameters?: Readonly<Record<string, string | ClusterParameter>>;
}

/** Each alarm's construct id and the end of its name. */
const KINDS: { readonly [K in AlarmKind]: { readonly id: string; readonly what: string } } = {
  acuUtilization: { id: "AcuUtilization", what: "acu-utilization" },
  cpuUtilization: { id: "CpuUtilization", what: "cpu-utilization" },
  freeableMemory: { id: "FreeableMemory", what: "freeable-memory" },
  databaseConnections: { id: "DatabaseConnections", what: "database-connections" },
  replicaLag: { id: "ReplicaLag", what: "replica-lag" },
  deadlocks: { id: "Deadlocks", what: "deadlocks" },
};

const MIB = 2 ** 20;
const minutes = (periods: number) => (periods === 1 ? "1 minute" : `${periods} minutes`);
const everyMinute = (periods: number) => (periods === 1 ? "in a minute" : `in each of ${periods} consecutive minutes`);

/** Every alarm of the database: one per kind and instance, replica lag only with readers. */
export function alarmDefinitions(inputs: AlarmInputs): AlarmDefinition[] {
  const { names, instances, options, minCapacity, maxCapacity } = inputs;
  const setting = (kind: AlarmKind) => ({ ...ALARM_DEFAULTS[kind], ...options[kind] });
  const canPause = minCapacity === 0;
  const connectionLimit = maxConnections(minCapacity, maxCapacity, inputs.clusterParameters);
  const memoryAtMax = memoryAtMaxCapacity(maxCapacity);

  return instances.flatMap((instance) => {
    const define = (
      kind: AlarmKind,
      spec: Omit<AlarmDefinition, "kind" | "id" | "instance" | "name" | "evaluationPeriods" | "metricName" | "statistic">,
    ): AlarmDefinition => ({
      kind,
      id: KINDS[kind].id,
      instance,
      name: names.alarmName(`instance-${instance.number}-${KINDS[kind].what}`),
      evaluationPeriods: setting(kind).evaluationPeriods,
      metricName: AURORA_METRICS[kind],
      statistic: AURORA_STATISTICS[AURORA_METRICS[kind]],
      ...spec,
    });
    const on = instance.identifier;
    const acu = setting("acuUtilization");
    const cpu = setting("cpuUtilization");
    const memory = setting("freeableMemory");
    const memoryThreshold = Math.floor((memory.threshold / 100) * memoryAtMax);
    const connections = setting("databaseConnections");
    const connectionThreshold = Math.max(1, Math.ceil((connections.threshold / 100) * connectionLimit));
    const lag = setting("replicaLag");
    const deadlocks = setting("deadlocks");

    const definitions: AlarmDefinition[] = [
      define("acuUtilization", {
        description:
          `${on} has run at ${acu.threshold}% or more of maxCapacity (${maxCapacity} ACU) for ${minutes(acu.evaluationPeriods)}: it cannot scale further. ` +
          "Find the load in Performance Insights (top SQL, waits); raise maxCapacity if the load is expected, add readers for read load.",
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: acu.threshold,
      }),
      define("cpuUtilization", {
        description:
          `${on} has used ${cpu.threshold}% or more of the CPU of maxCapacity (${maxCapacity} ACU) for ${minutes(cpu.evaluationPeriods)}. ` +
          "Find the top SQL by CPU in Performance Insights and tune it; raise maxCapacity, or add readers for read load.",
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: cpu.threshold,
      }),
      define("freeableMemory", {
        description:
          `${on} has had less than ${memory.threshold}% (${Math.floor(memoryThreshold / MIB)} MiB) of the memory of maxCapacity (${maxCapacity} ACU) free ` +
          `for ${minutes(memory.evaluationPeriods)}: it is at its maximum and may restart out of memory. ` +
          "Raise maxCapacity; look for memory-heavy queries (sorts, hashes, work_mem) and idle connections.",
        comparison: "LessThanThreshold",
        threshold: memoryThreshold,
        ...(canPause ? { whilePaused: memoryAtMax } : {}),
      }),
      define("databaseConnections", {
        description:
          `${on} has had ${connectionThreshold} or more connections (${connections.threshold}% of max_connections, ${connectionLimit}) ` +
          `for ${minutes(connections.evaluationPeriods)}; new connections will be refused at the limit. ` +
          "Look for leaked or idle sessions (pg_stat_activity); pool connections (RDS Proxy), or raise maxCapacity and reboot to raise max_connections.",
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: connectionThreshold,
      }),
      define("deadlocks", {
        description:
          `${on} has had ${deadlocks.threshold === 0 ? "deadlocks" : `more than ${deadlocks.threshold} deadlocks a second`} ${everyMinute(deadlocks.evaluationPeriods)}. ` +
          "Find the transactions in the PostgreSQL log (deadlock detected) and make them lock rows in the same order, or retry them.",
        comparison: "GreaterThanThreshold",
        threshold: deadlocks.threshold,
      }),
    ];
    if (instances.length > 1) {
      definitions.push(
        define("replicaLag", {
          description:
            `${on}, as a reader, has lagged the writer by ${lag.threshold} ms or more for ${minutes(lag.evaluationPeriods)}: reads return stale data. ` +
            "Check the writer's write load and the reader's capacity; raise minCapacity if an independent reader (tier 2-15) is too small to keep up.",
          comparison: "GreaterThanOrEqualToThreshold",
          threshold: lag.threshold,
        }),
      );
    }
    return definitions;
  });
}

/** The arguments of one alarm's `aws_cloudwatch_metric_alarm`, sending to `topicArn`. */
export function alarmConfig(definition: AlarmDefinition, topicArn: string, tags: Readonly<Record<string, string>>): CloudwatchMetricAlarmConfig {
  const of = (metricName: InstanceMetricName, statistic?: MetricStatistic) =>
    auroraMetric(metricName, "instance", definition.instance.identifier, { statistic });
  const queried = ({ namespace, metricName, dimensions, period, statistic }: DatabaseMetric) => ({
    namespace,
    metricName,
    dimensions,
    period,
    stat: statistic,
  });
  const watched =
    definition.whilePaused === undefined
      ? of(definition.metricName, definition.statistic)
      : {
          metricQuery: [
            { id: "value", metric: queried(of(definition.metricName, definition.statistic)), returnData: false },
            { id: "capacity", metric: queried(of(AURORA_METRICS.capacity)), returnData: false },
            {
              id: "guarded",
              expression: `IF(capacity > 0, value, ${definition.whilePaused})`,
              label: `${definition.metricName}, counting a paused instance's memory as free`,
              returnData: true,
            },
          ],
        };
  return {
    alarmName: definition.name,
    alarmDescription: definition.description,
    ...watched,
    comparisonOperator: definition.comparison,
    threshold: definition.threshold,
    evaluationPeriods: definition.evaluationPeriods,
    datapointsToAlarm: definition.evaluationPeriods,
    treatMissingData: "notBreaching",
    actionsEnabled: true,
    alarmActions: [topicArn],
    okActions: [topicArn],
    tags: { ...tags },
  };
}

export interface DatabaseAlarmsProps extends AlarmInputs {
  /** Partition, region and account, asked for only when the topic is created here. */
  readonly context: () => AccountScope;
  /** The database's customer-managed key, which then encrypts a created topic too. */
  readonly customerKeyArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The alarms and, unless `topicArn` is given, the topic they publish to. */
export class DatabaseAlarms extends Construct {
  /** The topic the alarms publish to: created here, or `topicArn`. */
  public readonly topicArn: string;
  /** The topic created here; undefined with `topicArn`. */
  public readonly topic?: AlarmTopic;
  public readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    const { options, tags } = props;
    if (options.topicArn === undefined) {
      this.topic = new AlarmTopic(this, "Notifications", {
        names: props.names,
        context: props.context(),
        customerKeyArn: props.customerKeyArn,
        emailAddresses: options.emailAddresses ?? ALARM_DEFAULTS.emailAddresses,
        backupNotifications: options.backupNotifications ?? ALARM_DEFAULTS.backupNotifications,
        tags,
      });
      this.topicArn = this.topic.topic.arn;
    } else {
      this.topicArn = options.topicArn;
    }
    const perInstance = new Map<number, Construct>();
    const scopeOf = (instance: MonitoredInstance) => {
      let found = perInstance.get(instance.number);
      if (!found) perInstance.set(instance.number, (found = new Construct(this, `Instance${instance.number}`)));
      return found;
    };
    this.alarms = alarmDefinitions(props).map(
      (definition) => new CloudwatchMetricAlarm(scopeOf(definition.instance), definition.id, alarmConfig(definition, this.topicArn, tags)),
    );
  }
}
