import { describe, expect, it } from "vitest";
import { defineStacks } from "../../../stacks/app";
import { synthesize } from "../../support/synth";
import { testApp } from "../../support/app";
import { control, findingsOn } from "./evaluate";


const notSpread = (reason: string, cluster: string) =>
  `RDS.15 the cluster is not provably in several availability zones (${reason}) on aws_rds_cluster.${cluster} (${cluster.replaceAll("_", "-")})`;

describe("RDS.15: instances in more than one availability zone", () => {
  it("fails every cluster whose zones are not provably different, and says why", () => {
    expect(findingsOn("RDS.15", "failing")).toEqual([
      notSpread("it has one instance", "single"),
      // element() wraps modulo the list's length: with two zones, 0, 2 and 4 are one zone.
      notSpread("wrapped-1, wrapped-2, wrapped-3 take elements 0, 2, 4 of one list of zones, no two adjacent, which may wrap into one zone", "wrapped"),
      notSpread("same-zone-1, same-zone-2 are all in us-east-1a", "same_zone"),
      notSpread("no availability zone is set for unplaced-1, unplaced-2", "unplaced"),
      notSpread("two-lists-1, two-lists-2 take zones from different lists, or literal and computed zones, which cannot be compared", "two_lists"),
      notSpread("mixed-1, mixed-2 take zones from different lists, or literal and computed zones, which cannot be compared", "mixed"),
      notSpread("the zones of not-distinct-1, not-distinct-2 are neither literal nor element(list, index) over a distinct list of zones", "not_distinct"),
      notSpread("the zones of computed-1, computed-2 are neither literal nor element(list, index) over a distinct list of zones", "computed"),
    ]);
  });

  it("passes adjacent elements of one distinct list (0 and 1, or 3 and 4 beside an unplaced instance), and different literal zones", () => {
    expect(findingsOn("RDS.15", "passing")).toEqual([]);
  });

  it("passes the prod stack, whose writer and reader take elements 0 and 1 of its subnets' zones", () => {
    const { json } = synthesize(defineStacks(testApp(), {}).environments.prod);
    const zones = Object.values(json.resource.aws_rds_cluster_instance as Record<string, { availability_zone: string }>).map(
      (instance) => instance.availability_zone,
    );
    expect(zones).toEqual([expect.stringMatching(/^\$\{element\(sort\(distinct\(.*\), 0\)\}$/), expect.stringMatching(/, 1\)\}$/)]);
    expect(control("RDS.15").evaluate(json)).toEqual([]);
  });
});
