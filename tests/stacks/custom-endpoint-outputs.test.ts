/**
 * The database stacks' output of each custom endpoint's address, and that the shipped rows, which
 * have none, gain no output.
 */
import { describe, expect, it } from "vitest";
import { customEndpointOutputs } from "../../stacks/database-stack";
import { databaseStack, ref, resourcesOf, synthEnvironments, synthesize } from "../support/synth";

describe("customEndpointOutputs", () => {
  it("writes one output per custom endpoint, named after its identifier, holding its address", () => {
    const { stack, database } = databaseStack({
      readers: [{}, { scaleWithWriter: false }],
      customEndpoints: [
        { identifier: "orders-analytics", members: { scaleWithWriter: false } },
        { identifier: "reports", type: "ANY" },
      ],
    });
    customEndpointOutputs(stack, database);
    const { json } = synthesize(stack);
    const address = (identifier: string) =>
      Object.entries(resourcesOf(json, "aws_rds_cluster_endpoint")).find(([, body]) => body.cluster_endpoint_identifier === identifier)![0];
    expect(json.output).toEqual({
      aurora_custom_endpoint_orders_analytics: {
        value: ref("aws_rds_cluster_endpoint", address("orders-analytics"), "endpoint"),
        description: "Custom endpoint orders-analytics (READER) of the Aurora cluster",
      },
      aurora_custom_endpoint_reports: {
        value: ref("aws_rds_cluster_endpoint", address("reports"), "endpoint"),
        description: "Custom endpoint reports (ANY) of the Aurora cluster",
      },
    });
  });

  it("writes none for a database without custom endpoints", () => {
    const { stack, database } = databaseStack();
    expect(customEndpointOutputs(stack, database)).toEqual([]);
    expect(synthesize(stack).json.output).toBeUndefined();
  });

  it("adds no output to the shipped environments, which have no custom endpoints", () => {
    for (const { json } of Object.values(synthEnvironments())) {
      expect(resourcesOf(json, "aws_rds_cluster_endpoint")).toEqual({});
      expect(Object.keys(json.output).filter((name) => name.startsWith("aurora_custom_endpoint_"))).toEqual([]);
    }
  });
});
