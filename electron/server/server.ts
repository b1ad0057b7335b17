import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Commands } from '../../shared/api';
import { imageRoute } from '../../shared/image-url';
import type { EventHub } from '../events';
import { imageErrorStatus, imageHeaders, imageQuery, imageSource } from '../library/images';
import { cancelIfCallerGone, dispatch } from '../service';

/** Options for the browser-mode server. */
export interface ServerOptions {
  readonly service: Commands;
  readonly events: EventHub;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** Interface to listen on; 127.0.0.1 unless the user asks otherwise. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed token, for tests; a random one otherwise. */
  readonly token?: string;
}

/** A running browser-mode server. */
export interface RunningServer {
  /** The address to open, with the token. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const maxBodyBytes = 64 * 1024 * 1024;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function cookieToken(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * Starts browser mode: the built renderer and the service over HTTP (commands) and server-sent
 * events, on loopback. Every request needs the per-run token (query, header or the cookie set when
 * the page is opened with it); Host and Origin must be this server's own, which stops other web
 * pages and DNS rebinding from reaching the user's files.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bindHost = options.host ?? '127.0.0.1';
  let port = 0;
  const cookieName = (): string => `postwright_${port}`;
  const allowedHosts = (): Set<string> =>
    new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bindHost}:${port}`]);

  const findImage = imageSource(options.service);

  // An image of a post, from the posts or public folder only (see resolveImage).
  const sendImage = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const query = imageQuery(url.searchParams);
    if (query === null) return send(res, 400, 'An image needs post and src');
    const image = await findImage(query.post, query.src);
    if (!image.ok) return send(res, imageErrorStatus(image.error), image.error.message);
    const headers = imageHeaders(image.value);
    if (req.headers['if-none-match'] === image.value.etag) {
      const { ETag, 'Cache-Control': cacheControl } = headers;
      res.writeHead(304, { ETag, 'Cache-Control': cacheControl });
      return void res.end();
    }
    let content: Buffer;
    try {
      content = await readFile(image.value.path);
    } catch {
      return send(res, 404, `Image not found: ${query.src}`);
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(content.length) });
    res.end(req.method === 'HEAD' ? undefined : content);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');

    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, 'Forbidden: unexpected Host');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`)
      return send(res, 403, 'Forbidden: foreign Origin');
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site') return send(res, 403, 'Forbidden: cross-site request');

    const url = new URL(req.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token');
    const headerToken = req.headers['x-postwright-token'];
    const given =
      typeof headerToken === 'string'
        ? headerToken
        : (queryToken ?? cookieToken(req, cookieName()));
    if (given === null || !sameSecret(given, token)) {
      return send(res, 401, 'Unauthorized: open the address Postwright printed, with its token');
    }

    if (url.pathname === imageRoute) return sendImage(req, res, url);

    if (url.pathname.startsWith('/api/commands/')) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'Commands take JSON');
      }
      const name = safeDecode(url.pathname.slice('/api/commands/'.length));
      if (name === null) return sendJson(res, 400, { error: 'Malformed command name' });
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { error: 'Request too large' });
      let args: unknown;
      try {
        args = (JSON.parse(body) as { args?: unknown }).args;
      } catch {
        return sendJson(res, 400, { error: 'Malformed JSON' });
      }
      const whenGone = cancelIfCallerGone(options.service, name, args);
      if (whenGone !== null) {
        // Closed before the answer was sent: the page that asked is gone (or gave up).
        res.once('close', () => {
          if (!res.writableFinished) whenGone();
        });
      }
      return sendJson(res, 200, await dispatch(options.service, name, args));
    }

    if (url.pathname === '/api/events') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const unsubscribe = options.events.subscribe((event, payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const relative = url.pathname === '/' ? 'index.html' : safeDecode(url.pathname.slice(1));
    if (relative === null) return send(res, 404, 'Not found');
    const file = normalize(join(options.rendererDir, relative));
    if (!file.startsWith(options.rendererDir + sep)) return send(res, 404, 'Not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return send(res, 404, 'Not found');
    }
    if (queryToken !== null) {
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    res.writeHead(200, {
      'Content-Type': mimeTypes[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : content);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug, not an expected failure: report it once, keep serving.
      console.error('postwright: internal error:', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
