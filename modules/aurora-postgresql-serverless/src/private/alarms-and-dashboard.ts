/**
 * The database's alarms (`alarms`) and dashboard (`dashboard`), built from its props and from the
 * instances the construct created: the one place the construct asks for them.
 */
import type { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import type { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import type { Construct } from "constructs";
import type { AccountContext } from "./account-context";
import { DatabaseAlarms, type MonitoredInstance } from "./alarms";
import { databaseDashboard } from "./dashboard";
import type { ResourceNames } from "./naming";
import type { ResolvedProps } from "./resolved-props";

export interface MonitoringProps {
  readonly config: ResolvedProps;
  readonly names: ResourceNames;
  /** Partition, region and account, looked up only when something needs them. */
  readonly context: () => AccountContext;
  /** The writer first, then the readers, each with the number it was created with. */
  readonly instances: readonly NumberedInstance[];
  /** The database's customer-managed key, if any: it encrypts a created alarm topic too. */
  readonly customerKeyArn?: string;
  /** An RDS Proxy whose traffic the dashboard shows. */
  readonly proxyName?: string;
}

export interface Monitoring {
  readonly alarms?: DatabaseAlarms;
  readonly dashboard?: CloudwatchDashboard;
}

/** An instance the construct created, with its number `n`: construct id `Instance<n>`, identifier `<name>-aurora-instance-<n>`. */
export interface NumberedInstance {
  readonly number: number;
  readonly resource: RdsClusterInstance;
}

export function databaseMonitoring(scope: Construct, props: MonitoringProps): Monitoring {
  const { config, names } = props;
  const instances: MonitoredInstance[] = props.instances.map(({ number }) => ({ number, identifier: names.instanceIdentifier(number) }));
  const alarms =
    config.alarms === undefined
      ? undefined
      : new DatabaseAlarms(scope, "Alarms", {
          names,
          instances,
          options: config.alarms,
          minCapacity: config.minCapacity,
          maxCapacity: config.maxCapacity,
          clusterParameters: config.clusterParameters,
          context: props.context,
          customerKeyArn: props.customerKeyArn,
          tags: config.tags,
        });
  const dashboard = !config.dashboard
    ? undefined
    : databaseDashboard(scope, {
        dashboardName: names.dashboardName,
        region: props.context().region,
        clusterIdentifier: names.clusterIdentifier,
        instances: instances.map(({ identifier }, i) => ({
          identifier,
          resourceId: config.performanceInsights ? props.instances[i]!.resource.dbiResourceId : undefined,
        })),
        minCapacity: config.minCapacity,
        maxCapacity: config.maxCapacity,
        dataApi: config.dataApi,
        proxyName: props.proxyName,
      });
  return { alarms, dashboard };
}
