import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Commands } from '../../shared/api';
import type { ExportPlan } from '../../shared/export';
import { maxImportBytes } from '../../shared/image-import';
import { fail } from '../../shared/result';
import type { Result } from '../../shared/result';
import { makeRepo, publishedPost, writeFiles } from '../../tests/export-fixture';
import { createEventHub } from '../events';
import { createService } from '../service';
import type { Host } from '../service';
import { settingsStore } from '../settings';
import { startServer } from './server';
import type { RunningServer } from './server';

const secretMarker = 'TOP-SECRET-7f3a9c';
/** A 1x1 PNG. */
const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const passwdMarker = 'root:x:0:0';

let base: string;
let root: string;
let other: string;
let server: RunningServer;
/** Every response body, to check that no secret ever left the server. */
const bodies: string[] = [];

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Call {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A raw HTTP request with node:http, so Host and Origin can be set (fetch forbids both). */
function call(path: string, { method = 'GET', headers = {}, body }: Call = {}): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        bodies.push(text);
        resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs a command the way the renderer's HTTP client does. */
async function command(
  name: string,
  args: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return call(`/api/commands/${name}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Postwright-Token': server.token,
      ...headers,
    },
    body: JSON.stringify({ args }),
  });
}

function json(reply: Reply): { ok: boolean; value?: unknown; error?: { kind: string } } {
  return JSON.parse(reply.body) as { ok: boolean; value?: unknown; error?: { kind: string } };
}

/** The desktop's part of the service, as browser mode has it: no dialogs, no OS trash. */
const testHost: Host = {
  chooseFolder: () => Promise.resolve(null),
  setUnsavedChanges: () => undefined,
  openExternal: () => Promise.resolve(fail('unsupported', 'not in tests')),
  trash: null,
  showInFolder: () => Promise.resolve(fail('unsupported', 'not in tests')),
};

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-server-')));
  root = join(base, 'posts');
  other = join(base, 'other');
  const rendererDir = join(base, 'renderer');
  await mkdir(root);
  await mkdir(other);
  await mkdir(join(base, 'outside'));
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(root, 'hello.md'), '---\ntitle: Hello\n---\nBody\n');
  await writeFile(join(base, 'outside', 'secret.md'), `---\ntitle: ${secretMarker}\n---\n`);
  await writeFile(join(base, 'secret'), secretMarker);
  await symlink(join(base, 'outside', 'secret.md'), join(root, 'link.md'));
  await writeFile(join(root, 'postwright.config.yml'), 'publicFolder: ../public\n');
  await mkdir(join(base, 'public', 'images'), { recursive: true });
  await writeFile(join(base, 'public', 'images', 'site.png'), pngBytes);
  await mkdir(join(root, 'bundle', 'folder.png'), { recursive: true });
  await writeFile(join(root, 'bundle', 'index.md'), '---\ntitle: Bundle\n---\n![c](cover.png)\n');
  await writeFile(join(root, 'bundle', 'cover.png'), pngBytes);
  await writeFile(
    join(root, 'logo.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  await writeFile(join(root, 'notes.txt'), 'notes');
  await writeFile(join(base, 'outside', 'secret.png'), secretMarker);
  await symlink(join(base, 'outside', 'secret.png'), join(root, 'out.png'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Postwright</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  const events = createEventHub();
  const service = createService({
    root,
    settings: settingsStore(join(base, 'config')),
    emit: events.emit,
    host: testHost,
  });
  server = await startServer({ service, events, rendererDir, port: 0 });
});

afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

afterEach(() => {
  for (const body of bodies) {
    expect(body).not.toContain(secretMarker);
    expect(body).not.toContain(passwdMarker);
  }
});

describe('address', () => {
  test('listens on 127.0.0.1 by default and prints that address with the token', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const reply = await call(`/?token=${server.token}`);
    expect(reply.status).toBe(200);
  });

  test('is not reachable on any other interface', async () => {
    const others = ['127.0.0.2'];
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) {
        if (address.family === 'IPv4' && !address.internal) others.push(address.address);
      }
    }
    for (const host of others) {
      const outcome = await new Promise<string>((resolveOutcome) => {
        const socket = connect({ host, port: server.port, timeout: 1000 });
        socket.on('connect', () => {
          socket.destroy();
          resolveOutcome('connected');
        });
        socket.on('timeout', () => {
          socket.destroy();
          resolveOutcome('timeout');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolveOutcome(error.code ?? 'error'));
      });
      expect(outcome, host).not.toBe('connected');
    }
  });
});

describe('token', () => {
  test('without the token, the page, the commands and the event stream are 401', async () => {
    expect((await call('/')).status).toBe(401);
    expect((await call('/assets/app.js')).status).toBe(401);
    expect((await call('/api/events')).status).toBe(401);
    const listed = await call('/api/commands/listPosts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"args":[]}',
    });
    expect(listed.status).toBe(401);
    expect(listed.body).not.toContain('hello.md');
  });

  test('a wrong token is 401, wherever it is given', async () => {
    const wrong = `${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await call(`/?token=${wrong}`)).status).toBe(401);
    expect((await call(`/?token=`)).status).toBe(401);
    expect((await command('listPosts', [], { 'X-Postwright-Token': wrong })).status).toBe(401);
    expect((await call(`/api/events?token=${wrong}`)).status).toBe(401);
    expect(
      (await call('/', { headers: { Cookie: `postwright_${server.port}=${wrong}` } })).status,
    ).toBe(401);
  });

  test('the token in the header runs a command', async () => {
    const reply = await command('listPosts', []);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(json(reply)).toMatchObject({
      ok: true,
      value: expect.arrayContaining([
        expect.objectContaining({ path: 'hello.md', title: 'Hello' }),
      ]),
    });
  });

  test('opening the page with the token sets an HttpOnly, SameSite=Strict cookie that then works alone', async () => {
    const reply = await call(`/?token=${server.token}`);
    expect(reply.status).toBe(200);
    const cookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^postwright_${server.port}=${server.token};`));
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    const pair = cookie.split(';')[0] ?? '';
    expect((await call('/', { headers: { Cookie: pair } })).status).toBe(200);
    // A cookie for another port (another run) does not count.
    const otherPort = `postwright_${server.port + 1}=${server.token}`;
    expect((await call('/', { headers: { Cookie: otherPort } })).status).toBe(401);
  });
});

describe('Host and Origin', () => {
  test('a foreign Origin is 403, even with the token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`]) {
      const reply = await command('listPosts', [], { Origin: origin });
      expect(reply.status, origin).toBe(403);
      expect(reply.body).not.toContain('hello.md');
    }
    expect(
      (await call(`/?token=${server.token}`, { headers: { Origin: 'http://evil.example' } }))
        .status,
    ).toBe(403);
  });

  test('our own Origin is accepted', async () => {
    const reply = await command('listPosts', [], { Origin: `http://127.0.0.1:${server.port}` });
    expect(reply.status).toBe(200);
  });

  test('a cross-site fetch is 403, even with the token', async () => {
    const reply = await command('listPosts', [], { 'Sec-Fetch-Site': 'cross-site' });
    expect(reply.status).toBe(403);
  });

  test('a foreign Host (DNS rebinding) is 403, even with the token', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      'evil.example',
      `127.0.0.1:${server.port + 1}`,
    ]) {
      const reply = await command('listPosts', [], { Host: host });
      expect(reply.status, host).toBe(403);
      expect(reply.body).not.toContain('hello.md');
    }
  });

  test('localhost with our port is accepted as Host', async () => {
    const reply = await command('listPosts', [], { Host: `localhost:${server.port}` });
    expect(reply.status).toBe(200);
  });
});

describe('commands', () => {
  test('readPost outside the folder is outsideFolder: "..", an absolute path, a symlink out', async () => {
    for (const path of ['../outside/secret.md', join(base, 'outside', 'secret.md'), 'link.md']) {
      const reply = await command('readPost', [path]);
      expect(reply.status).toBe(200);
      expect(json(reply), path).toMatchObject({ ok: false, error: { kind: 'outsideFolder' } });
    }
  });

  test('readPost inside the folder returns the post', async () => {
    const reply = json(await command('readPost', ['hello.md']));
    expect(reply).toMatchObject({
      ok: true,
      value: { path: 'hello.md', text: '---\ntitle: Hello\n---\nBody\n' },
    });
  });

  test('wrong argument types, counts and unknown commands are invalidArgument', async () => {
    for (const [name, args] of [
      ['readPost', [42]],
      ['readPost', []],
      ['readPost', 'hello.md'],
      ['savePost', ['hello.md', null, 'v']],
      ['deleteEverything', []],
      ['__proto__', []],
    ] as const) {
      const reply = await command(name, args);
      expect(reply.status).toBe(200);
      expect(json(reply), `${name} ${JSON.stringify(args)}`).toMatchObject({
        ok: false,
        error: { kind: 'invalidArgument' },
      });
    }
  });

  test('a command needs a JSON body sent with POST', async () => {
    const headers = { 'X-Postwright-Token': server.token };
    const asText = await call('/api/commands/listPosts', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'text/plain' },
      body: '{"args":[]}',
    });
    expect(asText.status).toBe(415);
    const noType = await call('/api/commands/listPosts', {
      method: 'POST',
      headers,
      body: '{"args":[]}',
    });
    expect(noType.status).toBe(415);
    const form = await call('/api/commands/listPosts', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'args=',
    });
    expect(form.status).toBe(415);
    expect((await call('/api/commands/listPosts', { headers })).status).toBe(405);
    const malformed = await call('/api/commands/listPosts', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{"args":',
    });
    expect(malformed.status).toBe(400);
  });
});

describe('importImage over HTTP', () => {
  test('copies an image into the folder with the token, and not without it', async () => {
    const args = ['bundle/index.md', 'Imported Shot.png', pngBytes.toString('base64')];
    const refused = await call('/api/commands/importImage', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args }),
    });
    expect(refused.status).toBe(401);
    await expect(readFile(join(root, 'bundle', 'imported-shot.png'))).rejects.toThrow();
    const reply = await command('importImage', args);
    expect(json(reply)).toEqual({ ok: true, value: { path: 'imported-shot.png', reused: false } });
    expect(await readFile(join(root, 'bundle', 'imported-shot.png'))).toEqual(pngBytes);
  });

  test('an image at the size limit fits in the body limit; a larger one is refused, naming the limit', async () => {
    const largest = Buffer.alloc(maxImportBytes);
    pngBytes.copy(largest);
    const atLimit = json(
      await command('importImage', ['hello.md', 'large.png', largest.toString('base64')]),
    );
    expect(atLimit).toEqual({ ok: true, value: { path: 'images/large.png', reused: false } });
    const over = Buffer.alloc(maxImportBytes + 1);
    pngBytes.copy(over);
    const reply = await command('importImage', ['hello.md', 'over.png', over.toString('base64')]);
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
    expect(reply.body).toContain('25.0 MB');
    await rm(join(root, 'images'), { recursive: true });
  });
});

describe('static files', () => {
  test('serves the page and its assets with the CSP and no-store', async () => {
    const page = await call(`/?token=${server.token}`);
    expect(page.body).toContain('<title>Postwright</title>');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const asset = await call(`/assets/app.js?token=${server.token}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  test('refusals carry the CSP too', async () => {
    const refused = await call('/');
    expect(refused.status).toBe(401);
    expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
  });

  test('path traversal never reaches files outside the renderer folder', async () => {
    for (const path of [
      '/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/..%2Fsecret',
      '/%2e%2e/secret',
      '/%2E%2E%2Fsecret',
      '/../secret',
      '/assets/..%2F..%2Fsecret',
      '/..%5Csecret',
      `/${encodeURIComponent(join(base, 'secret'))}`,
    ]) {
      const separator = path.includes('?') ? '&' : '?';
      const reply = await call(`${path}${separator}token=${server.token}`);
      expect(reply.status, path).toBe(404);
    }
  });

  test('malformed percent-encoding is refused cleanly, not an internal error', async () => {
    expect((await call(`/%E0%A4%A?token=${server.token}`)).status).toBe(404);
    const reply = await command('%', []);
    expect(reply.status).toBe(400);
  });

  test('a missing file is 404', async () => {
    expect((await call(`/nope.js?token=${server.token}`)).status).toBe(404);
  });
});

/** The image route's address for a post and a reference, as the renderer builds it. */
function imagePath(post: string, src: string): string {
  return `/api/image?post=${encodeURIComponent(post)}&src=${encodeURIComponent(src)}`;
}

/** Fetches an image with the token in the header, as raw bytes. */
function image(post: string, src: string, headers: Record<string, string> = {}): Promise<Reply> {
  return call(imagePath(post, src), {
    headers: { 'X-Postwright-Token': server.token, ...headers },
  });
}

describe('images', () => {
  test('need the token, from the header, the query or the cookie', async () => {
    const path = imagePath('bundle/index.md', 'cover.png');
    expect((await call(path)).status).toBe(401);
    expect(
      (await call(path, { headers: { Cookie: `postwright_${server.port}=nope` } })).status,
    ).toBe(401);
    expect(
      (await call(path, { headers: { Cookie: `postwright_${server.port}=${server.token}` } }))
        .status,
    ).toBe(200);
    expect((await call(`${path}&token=${server.token}`)).status).toBe(200);
  });

  test('refuse a foreign Origin or Host and cross-site loads, even with the token', async () => {
    expect(
      (await image('bundle/index.md', 'cover.png', { Origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect(
      (await image('bundle/index.md', 'cover.png', { Host: `evil.example:${server.port}` })).status,
    ).toBe(403);
    expect(
      (await image('bundle/index.md', 'cover.png', { 'Sec-Fetch-Site': 'cross-site' })).status,
    ).toBe(403);
  });

  test('serve a page bundle image and a site path from the public folder, as PNG', async () => {
    for (const [post, src] of [
      ['bundle/index.md', 'cover.png'],
      ['bundle/index.md', './cover.png'],
      ['hello.md', '/images/site.png'],
      ['bundle/index.md', '../../public/images/site.png'],
    ] as const) {
      const reply = await image(post, src);
      expect(reply.status, src).toBe(200);
      expect(reply.headers['content-type'], src).toBe('image/png');
      expect(Buffer.from(reply.body, 'utf8').length).toBeGreaterThan(0);
    }
  });

  test('refuse traversal, encoded traversal, symlinks out and absolute paths with 403', async () => {
    for (const [post, src] of [
      ['hello.md', '../outside/secret.png'],
      ['hello.md', '%2e%2e/outside/secret.png'],
      ['hello.md', '/../outside/secret.png'],
      ['hello.md', '/%2E%2E/%2e%2e/outside/secret.png'],
      ['hello.md', 'out.png'],
      ['../outside/x.md', 'secret.png'],
      [join(base, 'outside', 'x.md'), 'secret.png'],
    ] as const) {
      const reply = await image(post, src);
      expect(reply.status, `${post} ${src}`).toBe(403);
    }
    expect((await image('hello.md', `file://${join(base, 'outside', 'secret.png')}`)).status).toBe(
      400,
    );
  });

  test('refuse non-image files (403) and serve no directory (404)', async () => {
    expect((await image('hello.md', 'notes.txt')).status).toBe(403);
    expect((await image('hello.md', 'hello.md')).status).toBe(403);
    expect((await image('hello.md', 'postwright.config.yml')).status).toBe(403);
    expect((await image('hello.md', 'bundle/folder.png')).status).toBe(404);
  });

  test('a missing image is 404; a request without post or src is 400; only GET and HEAD', async () => {
    expect((await image('hello.md', 'nope.png')).status).toBe(404);
    expect((await image('hello.md', '/images/nope.png')).status).toBe(404);
    const headers = { 'X-Postwright-Token': server.token };
    expect((await call('/api/image?post=hello.md', { headers })).status).toBe(400);
    expect((await call(imagePath('hello.md', 'x.png'), { headers, method: 'POST' })).status).toBe(
      405,
    );
    const head = await call(imagePath('bundle/index.md', 'cover.png'), { headers, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  test('SVG comes with a CSP of its own and nosniff, so opening it runs no script', async () => {
    const reply = await image('hello.md', 'logo.svg');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('image/svg+xml');
    expect(reply.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  test('an ETag lets the browser keep the image: a revalidation is 304 with no body', async () => {
    const first = await image('bundle/index.md', 'cover.png');
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^"/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await image('bundle/index.md', 'cover.png', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(
      (await image('bundle/index.md', 'cover.png', { 'If-None-Match': '"other"' })).status,
    ).toBe(200);
  });
});

describe('events', () => {
  test('an event reaches the stream as "event: NAME" with JSON data', async () => {
    const received = new Promise<string>((resolveEvent, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let buffered = '';
          res.on('data', (chunk: Buffer) => {
            buffered += chunk.toString('utf8');
            if (buffered === ': connected\n\n') {
              // Subscribed: now change the folder through a command, as the UI would.
              void command('openFolder', [other]);
            }
            const frame = /event: workspaceChanged\ndata: (.*)\n\n/.exec(buffered);
            if (frame !== null) {
              clearTimeout(timer);
              req.destroy();
              resolveEvent(frame[1] ?? '');
            }
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') reject(error);
      });
      req.end();
      const timer = setTimeout(() => reject(new Error('no event within 3 s')), 3000);
    });
    expect(JSON.parse(await received)).toEqual({ root: other, name: 'other' });
  });
});

describe('a plan whose page is gone', () => {
  test('is cancelled when its request closes before the answer; a plan answered in full is not', async () => {
    // Its own folder, target and git repository, with enough posts that a plan takes a while.
    const blog = join(base, 'gone-blog');
    const repo = await makeRepo({ 'README.md': '# Site\n' });
    const posts: Record<string, string> = {};
    for (let n = 0; n < 300; n++) posts[`post-${n}.md`] = publishedPost(`Post ${n}`);
    await writeFiles(blog, {
      ...posts,
      'postwright.config.yml': `export:\n  targets:\n    - name: site\n      repo: ${JSON.stringify(repo)}\n      content: content/posts/{slug}.md\n`,
    });
    const events = createEventHub();
    const service = createService({
      root: blog,
      settings: settingsStore(join(base, 'gone-config')),
      emit: events.emit,
      watch: false,
      host: testHost,
    });
    // The plans' answers as the service gives them, whether or not anyone is left to send them to.
    const answers = new Map<string, Promise<Result<ExportPlan>>>();
    const watched: Commands = {
      ...service,
      planExport(id, request) {
        const answer = service.planExport(id, request);
        answers.set(id, answer);
        return answer;
      },
    };
    const served = await startServer({ service: watched, events, rendererDir: base, port: 0 });
    const plan = (): ClientRequest =>
      request({
        host: '127.0.0.1',
        port: served.port,
        path: '/api/commands/planExport',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Postwright-Token': served.token },
      });
    const body = (id: string): string =>
      JSON.stringify({ args: [id, { target: 'site', scope: { kind: 'changed' } }] });
    try {
      // The page goes while its plan is under way (its first progress report): the plan stops.
      const gone = plan();
      gone.on('error', () => undefined);
      const off = events.subscribe((event, payload) => {
        if (event === 'exportProgress' && (payload as { id: string }).id === 'tab-closed-0001')
          gone.destroy();
      });
      gone.end(body('tab-closed-0001'));
      await expect.poll(() => answers.has('tab-closed-0001')).toBe(true);
      const stopped = await answers.get('tab-closed-0001');
      off();
      expect(stopped).toMatchObject({ ok: true, value: { cancelled: true, posts: [] } });

      // A page that waits for its answer gets the whole plan.
      const reply = await new Promise<string>((resolveReply, reject) => {
        const stays = plan();
        stays.on('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolveReply(text));
        });
        stays.on('error', reject);
        stays.end(body('tab-stays-0001'));
      });
      const answer = JSON.parse(reply) as Result<ExportPlan>;
      expect(answer.ok && answer.value.cancelled).toBe(false);
      expect(answer.ok && answer.value.posts).toHaveLength(300);
    } finally {
      await served.close();
      await service.close();
      await rm(repo, { recursive: true, force: true });
    }
  });
});
