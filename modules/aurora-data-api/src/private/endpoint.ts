/**
 * Whether a Data API endpoint is this machine (a local Data API): such an endpoint is signed with
 * dummy credentials, and it is the only kind read from the environment or `.env`.
 */
export function isLoopback(endpoint: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(endpoint).hostname;
  } catch {
    throw new TypeError(`endpoint "${endpoint}" is not a URL: expected such as http://127.0.0.1:8432`);
  }
  return ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
}
