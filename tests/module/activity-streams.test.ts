/**
 * Database Activity Streams: AWS does not support them on Aurora Serverless v2, so there is no
 * prop; asked for by name, the error says why and cites AWS's page instead of "no such prop".
 */
import { describe, expect, it } from "vitest";
import { createDatabase, validationProblems } from "../support/synth";

const PAGE = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.DBActivityStreams.html";

describe("Database Activity Streams", () => {
  it.each(["activityStream", "activityStreams", "databaseActivityStream", "databaseActivityStreams"])("refuses %s, citing AWS's page", (name) => {
    const value = { mode: "async", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" };
    const problems = validationProblems(() => createDatabase({ [name]: value }));
    expect(problems).toEqual([{ property: name, received: value, allowed: expect.stringContaining(PAGE) as string }]);
    expect(problems[0]!.allowed).toMatch(/^nothing: AWS does not support Database Activity Streams on Aurora Serverless v2/);
  });

  it("keeps every other problem, and the nearest-name hint for other unknown props", () => {
    const problems = validationProblems(() => createDatabase({ activityStream: {}, readerz: 1, minCapacity: -1 }));
    expect(problems.map((problem) => problem.property)).toEqual(["activityStream", "readerz", "minCapacity"]);
    expect(problems[1]!.allowed).toBe("no such prop; did you mean readers?");
  });
});
