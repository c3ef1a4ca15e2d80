/**
 * Local write forwarding (`localWriteForwarding`, `enable_local_write_forwarding`): the engine
 * versions that have it and what it cannot be combined with.
 *
 * Sources: "Local write forwarding in Aurora PostgreSQL"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-postgresql-write-forwarding.html)
 * lists 16.4, 15.8 and 14.13 and the later minors of those majors; no version of 13. Its
 * limitations page
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-postgresql-write-forwarding-limitations.html)
 * says it is not supported with RDS Proxy. Neither page names a restriction for Serverless v2
 * instances or for a global database's primary, and the feature needs no parameter: it is a
 * cluster setting (`EnableLocalWriteForwarding`), sessions choose their consistency with
 * `apg_write_forward.consistency_mode`. The AWS provider updates it in place (no ForceNew).
 */
import { parseEngineVersion, type EngineVersion } from "../engine-version";
import { readerPlacement } from "../readers";
import type { ResolvedProps } from "../resolved-props";
import { rulesFor, type Rule } from "./engine";

const LOCAL_WRITE_FORWARDING_PAGE = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-postgresql-write-forwarding.html";

/** Lowest minor, per major, with local write forwarding. */
const MINIMUM_MINOR: Readonly<Record<number, number>> = { 14: 13, 15: 8, 16: 4 };
/** Majors below this have no version with it. */
const FIRST_MAJOR = 14;

/**
 * Whether a version has local write forwarding: none before 14, a pinned minor from the table's
 * floor. A major alone gets RDS's current default minor, and a major newer than the table (17) is
 * taken to have it, as the module reads every version table.
 */
export function supportsLocalWriteForwarding(version: EngineVersion): boolean {
  if (version.major < FIRST_MAJOR) return false;
  const minimum = MINIMUM_MINOR[version.major];
  return version.minor === undefined || minimum === undefined || version.minor >= minimum;
}

/** The versions that have it, in words. */
function floors(major: number): string {
  const minimum = MINIMUM_MINOR[major];
  const all = Object.entries(MINIMUM_MINOR)
    .map(([m, minor]) => `${m}.${minor}`)
    .join(", ");
  return minimum === undefined
    ? `Aurora PostgreSQL ${all} or a later minor of those majors (major ${major} has no version with it)`
    : `${major}.${minimum} or later for major ${major} (or "${major}" for the current default minor)`;
}

const rule = rulesFor<ResolvedProps>();

export const LOCAL_WRITE_FORWARDING_RULES: readonly Rule<ResolvedProps>[] = [
  rule("localWriteForwarding", {
    involves: ["engineVersion"],
    check: (on, p) => {
      const version = parseEngineVersion(p.engineVersion);
      // A malformed version is engineVersion's own problem.
      return !on || version === undefined || supportsLocalWriteForwarding(version);
    },
    allowed: (_, p) =>
      `false with engineVersion "${p.engineVersion}": local write forwarding needs ${floors(parseEngineVersion(p.engineVersion)!.major)} ` +
      `(${LOCAL_WRITE_FORWARDING_PAGE})`,
  }),
  rule("localWriteForwarding", {
    involves: ["proxy"],
    judgesTokens: true, // reads only whether a proxy is given; a token for the switch passes
    check: (on, p) => on !== true || p.proxy === undefined,
    allowed:
      "false while a proxy is given: AWS does not support local write forwarding with RDS Proxy " +
      "(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-postgresql-write-forwarding-limitations.html)",
  }),
  rule("localWriteForwarding", {
    involves: ["readers"],
    check: (on, p) => !on || readerPlacement(p.readers).length > 0,
    allowed: "false while readers is 0: only readers forward writes, and the cluster has none",
  }),
];
