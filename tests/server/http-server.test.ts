import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import { HttpServer, loggedPath, readBody, sendJson } from '../../src/server/http.ts';

describe('loggedPath', () => {
  it('keeps ordinary paths and cuts segments that carry data (a Teams file link carries the file)', () => {
    expect(loggedPath('/console/cases/clx0abc123')).toBe('/console/cases/clx0abc123');
    const payload = 'eJyrVkrOzytJzSvRUVBQUkrOzytJzSvRUVBQUkrOzytJzSvRUVBQUkrO';
    const logged = loggedPath(`/api/teams/files/${payload}.c2lnbmF0dXJl/receipt.txt`);
    expect(logged).not.toContain(payload.slice(8, 30));
    expect(logged).toMatch(/^\/api\/teams\/files\/eJyrVkrO…\(\d+\)\/receipt\.txt$/);
  });
});

/** Sends raw bytes on one connection and collects what comes back until the server closes it or `ms` pass. */
function raw(port: number, bytes: string, ms = 3_000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, ms);
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.write(bytes);
  });
}

describe('HttpServer connections', () => {
  it('closes a connection whose request body was not read to its end, so no later request on it is swallowed', async () => {
    const server = new HttpServer(createLogger('silent'));
    server.route('POST', '/refuse', async (_req, res) => sendJson(res, 415, { error: 'invalid_input' }));
    server.route('POST', '/echo', async (req, res) => sendJson(res, 200, { length: (await readBody(req)).length }));
    const { port } = await server.listen(0, '127.0.0.1');
    try {
      // The body is shorter than declared and is never read: the answer closes the connection.
      const refused = await raw(port, 'POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789');
      expect(refused.text).toMatch(/^HTTP\/1\.1 415/);
      expect(refused.text.toLowerCase()).toContain('connection: close');
      expect(refused.closed).toBe(true);
      // A request whose body was read keeps its connection for the next request.
      const two = 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc';
      const kept = await raw(port, two + two, 1_500);
      expect(kept.text.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
      expect(kept.text.toLowerCase()).toContain('connection: keep-alive');
    } finally {
      await server.close();
    }
  });
});
