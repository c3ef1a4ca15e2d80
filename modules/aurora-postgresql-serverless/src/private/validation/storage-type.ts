/**
 * The cluster's storage configuration (`storageType`): Aurora Standard (`"aurora"`) or Aurora
 * I/O-Optimized (`"aurora-iopt1"`), its type and its rule.
 *
 * Sources: the engine versions that offer I/O-Optimized are the Aurora User Guide's "Supported
 * Regions and Aurora DB engines for cluster storage configurations"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.storage-type.html):
 * Aurora PostgreSQL 17.4, 16.1, 15.2, 14.7 and 13.10 and higher, Standard on every version. A
 * cluster may switch back to Standard once every 30 days
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html#aurora-storage-type),
 * which depends on the cluster's history and is not judged here. The AWS provider changes
 * `storage_type` in place for Aurora engines and forces a new cluster only for the others
 * (`internal/service/rds/cluster.go`, CustomizeDiff of `aws_rds_cluster`, provider 6.25).
 */
import type { StorageType } from "../../props";
import { OLDEST_SUPPORTED_MAJOR, parseEngineVersion, type EngineVersion } from "../engine-version";
import type { ResolvedProps } from "../resolved-props";
import { oneOf, rulesFor, type Rule } from "./engine";

export const STORAGE_TYPES = ["aurora", "aurora-iopt1"] as const satisfies readonly StorageType[];

export const STORAGE_TYPE = oneOf(...STORAGE_TYPES);

/** The lowest minor, per major, with Aurora I/O-Optimized. */
const IO_OPTIMIZED_MINIMUM_MINOR: Readonly<Record<number, number>> = { 13: 10, 14: 7, 15: 2, 16: 1, 17: 4 };

/**
 * Whether the version offers I/O-Optimized: a pinned minor below the floor does not; a major
 * alone gets that major's current default minor, and majors newer than the table are assumed to.
 */
export function supportsIoOptimized(version: EngineVersion): boolean {
  const minimum = IO_OPTIMIZED_MINIMUM_MINOR[version.major];
  return version.minor === undefined || minimum === undefined || version.minor >= minimum;
}

/** The parsed version when it is one the module supports; engineVersion's own rules judge the rest. */
function knownVersion(engineVersion: string): EngineVersion | undefined {
  const version = parseEngineVersion(engineVersion);
  return version !== undefined && version.major >= OLDEST_SUPPORTED_MAJOR ? version : undefined;
}

const rule = rulesFor<ResolvedProps>();

export const STORAGE_TYPE_RULES: readonly Rule<ResolvedProps>[] = [
  rule("storageType", {
    involves: ["engineVersion"],
    check: (storageType, p) => {
      const version = knownVersion(p.engineVersion);
      return storageType !== "aurora-iopt1" || version === undefined || supportsIoOptimized(version);
    },
    allowed: (_, p) => {
      const { major } = knownVersion(p.engineVersion)!;
      return (
        `"aurora" with engineVersion "${p.engineVersion}": Aurora I/O-Optimized needs Aurora PostgreSQL ` +
        `${major}.${IO_OPTIMIZED_MINIMUM_MINOR[major]} or later (or "${major}" for the current default minor)`
      );
    },
  }),
];
