/**
 * The names each construct claims in `name-registry.ts`: those AWS keeps unique in an account and
 * region that the construct creates, each with the prop that decides it. Names AWS completes with
 * a random suffix (the secret, security groups, parameter groups, final snapshots) never collide
 * and are not claimed; nor are IAM role names, which are unique across regions, where a global
 * database's secondary shares its primary's `name` by design.
 */
import type { NameClaim } from "./name-registry";
import { resourceNames } from "./naming";
import type { ResolvedEncryptionKeyProps, ResolvedProps, ResolvedSecondaryProps } from "./resolved-props";
import { parameterNames } from "./ssm-parameters";
import { exportedLogTypes } from "./validation/log-exports";

const byName =
  (name: string) =>
  (kind: string, value: string): NameClaim => ({ kind, name: value, property: "name", received: name });

/** An AuroraPostgresServerless: its cluster, custom endpoints, log groups, keys' aliases, alarm topic, global cluster and SSM parameters. */
export function databaseNameClaims(config: ResolvedProps): NameClaim[] {
  const names = resourceNames(config.name);
  const claim = byName(config.name);
  const claims = [
    claim("cluster identifier", names.clusterIdentifier),
    ...exportedLogTypes(config.logExports).map((type) => claim("log group", names.logGroupName(type))),
    // A custom endpoint's identifier is unique among the account's endpoints in the region, not only the cluster's.
    ...config.customEndpoints.map(({ identifier }, i) => ({
      kind: "cluster endpoint identifier",
      name: identifier,
      property: `customEndpoints[${i}].identifier`,
      received: identifier,
    })),
  ];
  if (config.encryptionKey === "create") claims.push(claim("KMS alias", names.keyAlias));
  if (config.alarms !== undefined && config.alarms.topicArn === undefined) {
    claims.push(claim("SNS topic", names.alarmTopicName));
    if (config.encryptionKey === "aws-managed") claims.push(claim("KMS alias", names.alarmTopicKeyAlias));
  }
  if (config.globalCluster !== undefined) {
    const identifier = config.globalCluster.identifier;
    claims.push(
      identifier === undefined
        ? claim("global cluster identifier", names.globalClusterIdentifier)
        : { kind: "global cluster identifier", name: identifier, property: "globalCluster.identifier", received: identifier },
    );
  }
  if (config.ssmParameters !== undefined) {
    const path = config.ssmParameters;
    claims.push(...Object.values(parameterNames(path)).map((name) => ({ kind: "SSM parameter", name, property: "ssmParameters", received: path })));
  }
  return claims;
}

/** An AuroraEncryptionKey: its alias, the one `encryptionKey: "create"` of the same name would make. */
export function encryptionKeyNameClaims(config: ResolvedEncryptionKeyProps): NameClaim[] {
  return [byName(config.name)("KMS alias", resourceNames(config.name).keyAlias)];
}

/** An AuroraGlobalSecondary: its cluster and log group, in its own region. */
export function secondaryNameClaims(config: ResolvedSecondaryProps): NameClaim[] {
  const names = resourceNames(config.name);
  const claim = byName(config.name);
  return [claim("cluster identifier", names.clusterIdentifier), ...(config.exportPostgresLogs ? [claim("log group", names.logGroupName("postgresql"))] : [])];
}
