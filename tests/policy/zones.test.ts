/**
 * How the gate decides whether a cluster's instances are provably in more than one availability
 * zone (RDS.15): literal zones, `element(list, index)` over a distinct list of the subnets' zones
 * however the call is written, and the reasons it gives when the spread is not proven.
 */
import { expect, describe as group, it } from "vitest";
import type { Resource } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/document";
import { zoneSpreadProblem } from "../../modules/aurora-postgresql-serverless/src/policy-gate/private/zones";

/** A cluster instance named `identifier`, with the given `availability_zone` (none when undefined). */
function instance(identifier: string, zone?: unknown): Resource {
  const address = `aws_rds_cluster_instance.${identifier.replaceAll("-", "_")}`;
  const body = zone === undefined ? { identifier } : { identifier, availability_zone: zone };
  return { type: "aws_rds_cluster_instance", name: identifier, body, address, path: address };
}

/** The sorted distinct zones of the cluster's subnets, as the module writes them. */
const SUBNET_ZONES = "sort(distinct([ for key, val in data.aws_subnet.subnets: val.availability_zone]))";
const element = (index: number | string, list = SUBNET_ZONES) => `\${element(${list}, ${index})}`;

const UNREADABLE = "neither literal nor element(list, index) over a distinct list of zones";

group("instances in more than one availability zone", () => {
  it("names a cluster without instances, or with only one, as not spread", () => {
    expect(zoneSpreadProblem([])).toBe("it has no instance");
    expect(zoneSpreadProblem([instance("writer", "us-east-1a")])).toBe("it has one instance");
  });

  it("proves the spread by two different literal zones, or adjacent elements of one list of the subnets' zones", () => {
    expect(zoneSpreadProblem([instance("writer", "us-east-1a"), instance("reader", "us-east-1b")])).toBeUndefined();
    expect(zoneSpreadProblem([instance("writer", element(0)), instance("reader", element(1))])).toBeUndefined();
    // Indices of several digits are indices too: 10 and 11 are adjacent.
    expect(zoneSpreadProblem([instance("writer", element(10)), instance("reader", element(11))])).toBeUndefined();
  });

  it("reads an unsorted distinct list of zones, and a call written over several lines with spaces around its arguments", () => {
    const unsorted = "distinct([ for key, val in data.aws_subnet.subnets: val.availability_zone])";
    expect(zoneSpreadProblem([instance("writer", element(0, unsorted)), instance("reader", element(1, unsorted))])).toBeUndefined();
    const spaced = (index: number) => `\${ element(\n  ${SUBNET_ZONES} ,\n  ${index}\n) }`;
    expect(zoneSpreadProblem([instance("writer", spaced(0)), instance("reader", spaced(1))])).toBeUndefined();
    // The same list however it is spaced: a spaced element 0 and a plain element 1 are adjacent.
    expect(zoneSpreadProblem([instance("writer", spaced(0)), instance("reader", element(1))])).toBeUndefined();
  });

  it("reads a list whose quoted strings hold brackets and escaped quotes, which do not end the call", () => {
    const filtered = 'sort(distinct([ for key, val in data.aws_subnet.subnets: val.availability_zone if key != "legacy (\\"old)\\" [zone"]))';
    expect(zoneSpreadProblem([instance("writer", element(0, filtered)), instance("reader", element(1, filtered))])).toBeUndefined();
  });
});

group("zones the gate cannot read", () => {
  it("does not read an empty zone, a variable, or a distinct list of something other than zones", () => {
    expect(zoneSpreadProblem([instance("writer", ""), instance("reader", "us-east-1b")])).toBe(`the zone of writer is ${UNREADABLE}`);
    expect(zoneSpreadProblem([instance("writer", "${var.zone}"), instance("reader", "us-east-1b")])).toBe(`the zone of writer is ${UNREADABLE}`);
    const subnetIds = "sort(distinct([ for key, val in data.aws_subnet.subnets: val.id]))";
    expect(zoneSpreadProblem([instance("writer", element(0, subnetIds)), instance("reader", element(1, subnetIds))])).toBe(
      `the zones of writer, reader are ${UNREADABLE}`,
    );
  });

  it("does not read an element call with text around it as the element alone", () => {
    expect(zoneSpreadProblem([instance("writer", `${element(0)}-suffix`), instance("reader", element(1))])).toBe(`the zone of writer is ${UNREADABLE}`);
    expect(zoneSpreadProblem([instance("writer", `prefix-${element(0)}`), instance("reader", element(1))])).toBe(`the zone of writer is ${UNREADABLE}`);
  });

  it("does not read an expression that only begins with an element call, or whose brackets do not match", () => {
    const longer = "${element(distinct(val.availability_zone)) + max(distinct(val.availability_zone), 1)}";
    expect(zoneSpreadProblem([instance("writer", longer), instance("reader", "us-east-1b")])).toBe(`the zone of writer is ${UNREADABLE}`);
    const mismatched = `\${element(${SUBNET_ZONES}, 0]}`;
    expect(zoneSpreadProblem([instance("writer", mismatched), instance("reader", element(1))])).toBe(`the zone of writer is ${UNREADABLE}`);
  });

  it("does not read an index that is an expression, even one that starts or ends with digits", () => {
    expect(zoneSpreadProblem([instance("writer", element("count.index + 1")), instance("reader", element("1 + count.index"))])).toBe(
      `the zones of writer, reader are ${UNREADABLE}`,
    );
  });
});

group("why the spread is not proven", () => {
  it("says which instances have no zone and which share one", () => {
    expect(zoneSpreadProblem([instance("writer"), instance("reader")])).toBe("no availability zone is set for writer, reader");
    expect(zoneSpreadProblem([instance("writer", "us-east-1a"), instance("reader", "us-east-1a")])).toBe("writer, reader are all in us-east-1a");
  });

  it("says that elements of one list that are not adjacent may wrap into one zone", () => {
    // With two zones in the list, elements 0 and 2 are the same zone.
    expect(zoneSpreadProblem([instance("writer", element(0)), instance("reader", element(2))])).toBe(
      "writer, reader take elements 0, 2 of one list of zones, no two adjacent, which may wrap into one zone",
    );
  });

  it("gives every reason, separated, and compares only the zones it could read", () => {
    expect(zoneSpreadProblem([instance("writer", "us-east-1a"), instance("reader-1", element(0)), instance("reader-2", "${var.zone}")])).toBe(
      `the zone of reader-2 is ${UNREADABLE}; writer, reader-1 take zones from different lists, or literal and computed zones, which cannot be compared`,
    );
  });
});
