/**
 * Local write forwarding: the cluster argument it sets, nothing by default, and every rule (the
 * engine version floors per major, RDS Proxy, readers) with a failing and a passing case.
 */
import { type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { describeRules, type RuleCases } from "../support/rule-table";
import { createDatabase, onlyResource, synthDatabase } from "../support/synth";

type Props = Partial<AuroraPostgresServerlessProps>;

const cluster = (props: Props) => onlyResource(synthDatabase(props).json, "aws_rds_cluster").body;

/** A pinned minor needs autoMinorVersionUpgrade false; the forwarding needs a reader. */
const pinned = (engineVersion: string): Props => ({ localWriteForwarding: true, readers: 1, engineVersion, autoMinorVersionUpgrade: false });

describe("localWriteForwarding", () => {
  it("sets enable_local_write_forwarding on the cluster", () => {
    expect(cluster({ localWriteForwarding: true, readers: 1 }).enable_local_write_forwarding).toBe(true);
  });

  it("sends nothing by default or when false, so existing clusters plan as before", () => {
    const byDefault = synthDatabase({ readers: 1 }).json;
    expect(onlyResource(byDefault, "aws_rds_cluster").body.enable_local_write_forwarding).toBeUndefined();
    expect(synthDatabase({ readers: 1, localWriteForwarding: false }).json).toEqual(byDefault);
  });
});

const RULES: readonly RuleCases[] = [
  {
    rule: "localWriteForwarding is a boolean",
    failing: [[{ localWriteForwarding: "true" as never, readers: 1 }, "localWriteForwarding", "true"]],
    passing: [{ localWriteForwarding: false }],
    allowed: /a boolean/,
  },
  {
    rule: "the engine version has local write forwarding (14.13, 15.8, 16.4 and later minors; none of 13)",
    failing: [
      [pinned("14.12"), "localWriteForwarding", true],
      [pinned("15.7"), "localWriteForwarding", true],
      [pinned("16.3"), "localWriteForwarding", true],
      [pinned("13.15"), "localWriteForwarding", true],
      [{ localWriteForwarding: true, readers: 1, engineVersion: "13", extendedSupport: true }, "localWriteForwarding", true],
    ],
    passing: [
      pinned("14.13"),
      pinned("15.8"),
      pinned("16.4"),
      pinned("16.6"),
      pinned("17.4"),
      { localWriteForwarding: true, readers: 1, engineVersion: "14" },
      { engineVersion: "13" },
    ],
    allowed:
      /needs (14\.13 or later for major 14|15\.8 or later for major 15|16\.4 or later for major 16|Aurora PostgreSQL 14\.13, 15\.8, 16\.4 or a later minor of those majors \(major 13 has no version with it\)).*aurora-postgresql-write-forwarding\.html/,
  },
  {
    rule: "not with RDS Proxy",
    failing: [[{ localWriteForwarding: true, readers: 1, proxy: {} }, "localWriteForwarding", true]],
    passing: [
      { readers: 1, proxy: {} },
      { localWriteForwarding: false, readers: 1, proxy: {} },
    ],
    allowed: /does not support local write forwarding with RDS Proxy/,
  },
  {
    rule: "at least one reader",
    failing: [
      [{ localWriteForwarding: true }, "localWriteForwarding", true],
      [{ localWriteForwarding: true, readers: [] }, "localWriteForwarding", true],
    ],
    passing: [{ localWriteForwarding: true, readers: [{ scaleWithWriter: false }] }],
    allowed: /only readers forward writes/,
  },
];

describeRules(RULES, createDatabase);
