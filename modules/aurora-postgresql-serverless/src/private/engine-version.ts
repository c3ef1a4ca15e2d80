/**
 * What we know about Aurora PostgreSQL engine versions, as data.
 *
 * Sources: Aurora User Guide (Data API and Serverless v2 requirements, release calendar).
 * The tables only grow: a retired minor never comes back, a minimum never drops.
 */

/** Oldest major that AWS still runs for Aurora PostgreSQL. */
export const OLDEST_SUPPORTED_MAJOR = 13;

/**
 * Lowest minor, per major, that runs Serverless v2 (`db.serverless`) in any region: "Supported
 * Regions and Aurora DB engines for Aurora Serverless v2"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.ServerlessV2.html).
 */
const SERVERLESS_V2_MINIMUM_MINOR: Readonly<Record<number, number>> = { 13: 6, 14: 3, 15: 2, 16: 1, 17: 4 };

/** Lowest minor, per major, on which the RDS Data API is available. */
const DATA_API_MINIMUM_MINOR: Readonly<Record<number, number>> = { 13: 11, 14: 8, 15: 3, 16: 1, 17: 4 };

/** Lowest minor, per major, that supports a minimum capacity of 0 ACU (auto-pause). */
const AUTO_PAUSE_MINIMUM_MINOR: Readonly<Record<number, number>> = { 13: 15, 14: 12, 15: 7, 16: 3, 17: 0 };

/** Minors that no longer accept new clusters ("Cannot find version 15.4 for aurora-postgresql"). */
const RETIRED_MINORS: Readonly<Record<number, readonly number[]>> = {
  13: [11, 12, 13],
  14: [8, 9, 10],
  15: [3, 4, 5],
};

/** End of standard support per major; after it, RDS Extended Support is billed. */
const END_OF_STANDARD_SUPPORT: Readonly<Record<number, string>> = {
  13: "2026-02-28",
  14: "2027-02-28",
  15: "2028-02-29",
  16: "2029-02-28",
  17: "2030-02-28",
};

/** A parsed `engine_version`: a major alone, or major.minor. */
export interface EngineVersion {
  readonly major: number;
  /** Undefined for a major-only version. */
  readonly minor?: number;
}

const VERSION_PATTERN = /^(\d{1,3})(?:\.(\d{1,3}))?$/;

/** Parses `"17"` or `"16.6"`; returns undefined for anything else. */
export function parseEngineVersion(text: string): EngineVersion | undefined {
  const match = VERSION_PATTERN.exec(text);
  if (!match) return undefined;
  const major = Number(match[1]);
  return match[2] === undefined ? { major } : { major, minor: Number(match[2]) };
}

/**
 * A pinned minor below `table[major]` lacks the feature. A major-only version gets a current
 * default minor, and majors newer than the table are assumed to have the feature.
 */
function meetsMinimum(version: EngineVersion, table: Readonly<Record<number, number>>): boolean {
  const minimum = table[version.major];
  if (version.minor === undefined || minimum === undefined) return true;
  return version.minor >= minimum;
}

/** The lowest version string of this major that runs Serverless v2, if known. */
export function serverlessV2Minimum(major: number): string | undefined {
  const minor = SERVERLESS_V2_MINIMUM_MINOR[major];
  return minor === undefined ? undefined : `${major}.${minor}`;
}

export function supportsServerlessV2(version: EngineVersion): boolean {
  return meetsMinimum(version, SERVERLESS_V2_MINIMUM_MINOR);
}

/** The lowest version string of this major with the RDS Data API, if known. */
export function dataApiMinimum(major: number): string | undefined {
  const minor = DATA_API_MINIMUM_MINOR[major];
  return minor === undefined ? undefined : `${major}.${minor}`;
}

/** The lowest version string of this major with auto-pause (0 ACU), if known. */
export function autoPauseMinimum(major: number): string | undefined {
  const minor = AUTO_PAUSE_MINIMUM_MINOR[major];
  return minor === undefined ? undefined : `${major}.${minor}`;
}

export function supportsDataApi(version: EngineVersion): boolean {
  return meetsMinimum(version, DATA_API_MINIMUM_MINOR);
}

export function supportsAutoPause(version: EngineVersion): boolean {
  return meetsMinimum(version, AUTO_PAUSE_MINIMUM_MINOR);
}

export function isRetiredMinor(version: EngineVersion): boolean {
  return version.minor !== undefined && (RETIRED_MINORS[version.major] ?? []).includes(version.minor);
}

/** The date standard support of this major ended, if it has ended by `today`. */
export function standardSupportEnded(major: number, today: Date = new Date()): string | undefined {
  const end = END_OF_STANDARD_SUPPORT[major];
  return end !== undefined && end < today.toISOString().slice(0, 10) ? end : undefined;
}
