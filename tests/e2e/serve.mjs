// A static file server for the release build, as any static host would serve it: files only,
// with the content types browsers need (application/wasm for streaming compilation).
// The same files are also served from a sub-path, /tools/shipcheck/, and from /plain-host/ with
// the wasm as application/octet-stream, as a host that does not know the type would.
// For the embedding tests, /test-hosts/ serves the host pages in ./hosts, and the server also
// listens on PORT + 1, so that a host page can be on an origin other than the app's.
// Usage: node serve.mjs DIR PORT
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const [dir = "../../dist", port = "4173"] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

const SUB_PATH = "/tools/shipcheck/";
const PLAIN_HOST = "/plain-host/";
const TEST_HOSTS = "/test-hosts/";
const hosts = fileURLToPath(new URL("./hosts", import.meta.url));

async function serve(request, response) {
  let path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  let root = dir;
  if (path.startsWith(TEST_HOSTS)) {
    root = hosts;
    path = path.slice(TEST_HOSTS.length - 1);
  }
  const plain = path.startsWith(PLAIN_HOST);
  for (const prefix of [SUB_PATH, PLAIN_HOST]) {
    if (path.startsWith(prefix)) path = path.slice(prefix.length - 1);
  }
  // normalize() of an absolute path drops any "..", so requests stay inside dir.
  const file = join(root, normalize(path), path.endsWith("/") ? "index.html" : "");
  try {
    const body = await readFile(file);
    const type = plain && extname(file) === ".wasm" ? undefined : types[extname(file)];
    // Any origin may load the files, as public static hosts allow: a host page elsewhere imports
    // ship-check.js and the wasm as modules, which browsers fetch with CORS.
    response.writeHead(200, { "content-type": type ?? "application/octet-stream", "access-control-allow-origin": "*" });
    response.end(body);
  } catch {
    response.writeHead(404).end("not found");
  }
}

for (const listening of [Number(port), Number(port) + 1]) {
  createServer(serve).listen(listening, "127.0.0.1", () => console.log(`serving ${dir} on http://127.0.0.1:${listening}/`));
}
