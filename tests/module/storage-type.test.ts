/**
 * storageType: Aurora Standard or I/O-Optimized on the cluster, always sent, and refused on the
 * engine versions that lack I/O-Optimized.
 */
import { type AuroraPostgresServerlessProps } from "cdktf-aurora-postgresql-serverless";
import { describe, expect, it } from "vitest";
import { describeRules, type RuleCases } from "../support/rule-table";
import { createDatabase, onlyResource, resourcesOf, synthDatabase, validationProblems } from "../support/synth";

type Props = Partial<AuroraPostgresServerlessProps>;

const cluster = (props: Props) => onlyResource(synthDatabase(props).json, "aws_rds_cluster").body;

describe("storageType", () => {
  it('sends Aurora Standard ("aurora") by default, so that leaving I/O-Optimized is a change Terraform makes', () => {
    expect(cluster({}).storage_type).toBe("aurora");
    expect(cluster({ storageType: "aurora" }).storage_type).toBe("aurora");
  });

  it("sends I/O-Optimized when asked, and changes nothing else of the cluster", () => {
    const { storage_type: optimized, ...rest } = cluster({ storageType: "aurora-iopt1" });
    const { storage_type: standard, ...restByDefault } = cluster({});
    expect([optimized, standard]).toEqual(["aurora-iopt1", "aurora"]);
    expect(rest).toEqual(restByDefault);
  });

  it("is not among the arguments that replace the cluster (the keepers of its final snapshot's name)", () => {
    const keepers = (props: Props) => Object.values(resourcesOf(synthDatabase(props).json, "random_id")).map((id) => id.keepers);
    expect(keepers({}).filter((kept) => kept !== undefined)).toHaveLength(1);
    expect(keepers({ storageType: "aurora-iopt1" })).toEqual(keepers({}));
    expect(JSON.stringify(keepers({ storageType: "aurora-iopt1" }))).not.toContain("storage_type");
  });
});

const RULES: readonly RuleCases[] = [
  {
    rule: 'storageType is "aurora" or "aurora-iopt1"',
    failing: [
      [{ storageType: "io1" as never }, "storageType", "io1"],
      [{ storageType: "aurora-iopt2" as never }, "storageType", "aurora-iopt2"],
    ],
    passing: [{ storageType: "aurora" }, { storageType: "aurora-iopt1" }],
    allowed: /"aurora" or "aurora-iopt1"/,
  },
  {
    rule: "I/O-Optimized needs 13.10, 14.7, 15.2, 16.1 or 17.4 and later",
    failing: [
      [
        { storageType: "aurora-iopt1", engineVersion: "13.9", autoMinorVersionUpgrade: false, dataApi: false, createLambdaRole: false },
        "storageType",
        "aurora-iopt1",
      ],
      [
        { storageType: "aurora-iopt1", engineVersion: "14.6", autoMinorVersionUpgrade: false, dataApi: false, createLambdaRole: false },
        "storageType",
        "aurora-iopt1",
      ],
      // 15.2, 16.1 and 17.4 are also the first minors with Serverless v2, which engineVersion's own rule holds to.
    ],
    passing: [
      // Each major's floor itself.
      { storageType: "aurora-iopt1", engineVersion: "13.10", autoMinorVersionUpgrade: false, dataApi: false, createLambdaRole: false },
      { storageType: "aurora-iopt1", engineVersion: "14.7", autoMinorVersionUpgrade: false, dataApi: false, createLambdaRole: false },
      { storageType: "aurora-iopt1", engineVersion: "16.1", autoMinorVersionUpgrade: false },
      { storageType: "aurora-iopt1", engineVersion: "13.14", autoMinorVersionUpgrade: false },
      { storageType: "aurora-iopt1", engineVersion: "15.2", autoMinorVersionUpgrade: false, dataApi: false, createLambdaRole: false },
      { storageType: "aurora-iopt1", engineVersion: "17.4", autoMinorVersionUpgrade: false },
      { storageType: "aurora-iopt1", engineVersion: "16" },
      { storageType: "aurora", engineVersion: "14.6", autoMinorVersionUpgrade: false, dataApi: false, createLambdaRole: false },
    ],
    allowed: /"aurora" with engineVersion "1\d\.\d+": Aurora I\/O-Optimized needs Aurora PostgreSQL 1\d\.\d+ or later/,
  },
];

describeRules(RULES, createDatabase);

it("names the floor of the version's own major", () => {
  const [problem] = validationProblems(() =>
    createDatabase({ storageType: "aurora-iopt1", engineVersion: "14.6", autoMinorVersionUpgrade: false, dataApi: false, createLambdaRole: false }),
  );
  expect(problem!.allowed).toBe(
    '"aurora" with engineVersion "14.6": Aurora I/O-Optimized needs Aurora PostgreSQL 14.7 or later (or "14" for the current default minor)',
  );
});
