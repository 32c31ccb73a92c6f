import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const SEED_HTML = readFileSync(resolve(FIXTURES, 'seed-article/index.html'), 'utf8');

/**
 * A local page server on 127.0.0.1. Pages are set per path and can be replaced between
 * visits, so a test can serve an edited copy of an article at the same URL.
 */
export class PageServer {
  private readonly pages = new Map<string, { body: string; headers: Record<string, string> }>();
  private server: Server | null = null;
  origin = '';

  set(path: string, body: string, headers: Record<string, string> = {}): string {
    this.pages.set(path, { body, headers });
    return this.origin + path;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const page = this.pages.get(path);
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers }).end(page.body);
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.origin = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
