// A tiny static server for the built page (no dependency): `node web/serve.mjs [port]` serves
// web/dist on 127.0.0.1 (default port 8099). `serve(dir, port)` does the same in-process (port 0
// picks a free one) and resolves with `{ url, close() }`.
import { createServer } from 'node:http';
import { createReadStream, existsSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
export const DEFAULT_PORT = 8099;
export const DIST = fileURLToPath(new URL('./dist', import.meta.url));

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a request path names inside `root`, or null when it leaves `root`. */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(root, '.' + (path.startsWith('/') ? path : '/' + path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Serves `dir` on 127.0.0.1:`port`; resolves with `{ url, port, close() }` once listening. */
export function serve(dir = DIST, port = DEFAULT_PORT) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed\n');
    }
    let file = fileFor(root, req.url ?? '/');
    if (!file) return send(res, 403, 'forbidden\n');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) return send(res, 404, 'not found\n');
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      send(res, 404, 'not found\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolvePromise({
        url: `http://${HOST}:${actual}/`,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const arg = process.argv[2];
  const port = arg === undefined ? DEFAULT_PORT : Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`usage: node serve.mjs [port]   (not a port: ${arg})`);
    process.exit(2);
  }
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`no ${join(DIST, 'index.html')}: build it first (cd web && npm ci && npm run build)`);
    process.exit(1);
  }
  serve(DIST, port).then(
    ({ url }) => {
      console.log(`serving ${DIST} at ${url}`);
      console.log(`open ${url}?ws=ws://127.0.0.1:9944`);
    },
    (e) => {
      console.error(`cannot serve on ${HOST}:${port}: ${e.message}`);
      process.exit(1);
    },
  );
}
