// What the browser benchmarks share: the cached generated exports, and the release build served
// statically to Debian's Chromium.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { generateExport } from "./generate-export.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The path of a generated export of `rows` rows, written once into target/bench-data. */
export function exportFile(rows) {
  const path = here(`../../target/bench-data/export-${rows}.csv`);
  if (!existsSync(path)) {
    mkdirSync(here("../../target/bench-data"), { recursive: true });
    writeFileSync(path, generateExport(rows));
  }
  return path;
}

/** Rows counts from the command line, else `defaults`. */
export function rowCounts(defaults) {
  const asked = process.argv.slice(2);
  return (asked.length ? asked : defaults).map(Number);
}

/** Serves dist/ (or $SHIPCHECK_DIST) on `port` and runs `body(browser, baseUrl)` in Chromium. */
export async function withBrowser(port, body) {
  const dist = process.env.SHIPCHECK_DIST ?? here("../../dist");
  const server = spawn("node", [here("serve.mjs"), dist, String(port)], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    await body(browser, `http://127.0.0.1:${port}/`);
  } finally {
    await browser.close();
    server.kill();
  }
}
