/**
 * Data API endpoints other than AWS's: a loopback one is a local Data API, signed with dummy
 * credentials and the only kind read from the environment or `.env`; any endpoint that is not
 * AWS's is named in error messages, so that a failure is never mistaken for the cluster's.
 */

/** Why `endpoint` is not a Data API endpoint URL, or undefined when it is one. */
export function endpointProblem(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `not an http or https URL (its scheme is ${url.protocol})`;
  if (url.hostname === "") return "a URL without a host";
  return undefined;
}

function hostnameOf(endpoint: string): string {
  const problem = endpointProblem(endpoint);
  if (problem !== undefined) throw new TypeError(`endpoint "${endpoint}" is ${problem}: expected such as http://127.0.0.1:8432`);
  return new URL(endpoint).hostname;
}

/** Whether a Data API endpoint is this machine (a local Data API). */
export function isLoopback(endpoint: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(hostnameOf(endpoint));
}

/** How an error message names the endpoint: undefined for AWS's own (none given, or an AWS host). */
export function describeEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined || endpointProblem(endpoint) !== undefined) return endpoint === undefined ? undefined : `the Data API at ${endpoint}`;
  if (isLoopback(endpoint)) return `the local Data API at ${endpoint}`;
  return /\.(amazonaws\.com(\.cn)?|api\.aws)$/.test(new URL(endpoint).hostname) ? undefined : `the Data API at ${endpoint}`;
}

/** The port a loopback endpoint's URL names, or its scheme's default. */
export function portOf(endpoint: string): string {
  const url = new URL(endpoint);
  return url.port || (url.protocol === "https:" ? "443" : "80");
}
