/**
 * Floors of `engineVersion` that hold whatever else is chosen: every instance the constructs make
 * is `db.serverless`, which RDS offers only from a minor of each major on. The floors of features
 * (the Data API, auto-pause at 0 ACU) sit beside the rules of those features.
 */
import { dataApiMinimum, OLDEST_SUPPORTED_MAJOR, parseEngineVersion, serverlessV2Minimum, supportsDataApi, supportsServerlessV2 } from "../engine-version";
import { rulesFor, type Rule } from "./engine";

const rule = rulesFor<{ readonly engineVersion: string }>();

/** The version `engineVersion` names when it is of a major the constructs support; undefined otherwise. */
export const supportedEngine = (engineVersion: string) => {
  const version = parseEngineVersion(engineVersion);
  return version !== undefined && version.major >= OLDEST_SUPPORTED_MAJOR ? version : undefined;
};

export const SERVERLESS_V2_ENGINE_RULES: readonly Rule<{ readonly engineVersion: string }>[] = [
  rule("engineVersion", {
    check: (engineVersion) => {
      const version = parseEngineVersion(engineVersion);
      return version === undefined || supportsServerlessV2(version);
    },
    allowed: (engineVersion) => {
      const { major } = parseEngineVersion(engineVersion)!;
      return (
        `${serverlessV2Minimum(major)} or later for major ${major}: earlier minors have no Serverless v2 (db.serverless) instances ` +
        `(or "${major}" for the current default minor; ` +
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.ServerlessV2.html)"
      );
    },
  }),
];

const pinnedRule = rulesFor<{ readonly engineVersion: string; readonly autoMinorVersionUpgrade: boolean }>();

/** A pinned minor with automatic minor upgrades: after AWS upgrades it, every plan would ask RDS for a downgrade it refuses. */
export const PINNED_MINOR_RULES: readonly Rule<{ readonly engineVersion: string; readonly autoMinorVersionUpgrade: boolean }>[] = [
  pinnedRule("engineVersion", {
    involves: ["autoMinorVersionUpgrade"],
    check: (engineVersion, p) => parseEngineVersion(engineVersion)?.minor === undefined || !p.autoMinorVersionUpgrade,
    allowed: (engineVersion) =>
      `a major alone ("${parseEngineVersion(engineVersion)!.major}") while autoMinorVersionUpgrade is true: after AWS upgrades the minor, ` +
      "Terraform would plan a downgrade to the pinned one, which RDS refuses (or set autoMinorVersionUpgrade: false)",
  }),
];

const dataApiRule = rulesFor<{ readonly engineVersion: string; readonly dataApi: boolean }>();

/** The Data API's floor with the Data API on; `orElse(major)` says what else the caller may set. */
export function dataApiEngineRule(orElse: (major: number) => string): Rule<{ readonly engineVersion: string; readonly dataApi: boolean }> {
  return dataApiRule("engineVersion", {
    involves: ["dataApi"],
    check: (engineVersion, p) => {
      const version = supportedEngine(engineVersion);
      return !p.dataApi || version === undefined || supportsDataApi(version);
    },
    allowed: (engineVersion) => {
      const { major } = supportedEngine(engineVersion)!;
      return `${dataApiMinimum(major)} or later for major ${major}: earlier versions have no RDS Data API (${orElse(major)})`;
    },
  });
}
