import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A source's stand-in on 127.0.0.1 (a free port); `stop` also cuts the connections a hanging answer left open. */
export async function listenLocally(handler: Handler): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A source that answers each request with the next handler (the last one repeats). */
export async function startSequentialSource(...handlers: Handler[]) {
  let served = 0;
  const listening = await listenLocally((req, res) => {
    const handler = handlers[Math.min(served, handlers.length - 1)] as Handler;
    served += 1;
    handler(req, res);
  });
  return { ...listening, served: () => served };
}
