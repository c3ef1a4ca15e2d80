/**
 * A port of 127.0.0.1 that no program listens on right now: one the system gives to a server
 * listening on port 0, closed again before it is returned.
 */
import { createServer, type AddressInfo } from "node:net";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
