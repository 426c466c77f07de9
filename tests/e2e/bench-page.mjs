// What the browser benchmarks share: the cached generated exports, and the release build served
// statically to Debian's Chromium.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { writeInlineXlsx, writeJson, writeUnicodeText, writeXlsx } from "./export-formats.mjs";
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

/** How each other format is written, and its file's ending. */
const FORMATS = {
  xlsx: [writeXlsx, "xlsx"],
  "inline-xlsx": [writeInlineXlsx, "inline.xlsx"],
  utf16: [writeUnicodeText, "utf16.txt"],
  json: [writeJson, "json"],
};

/** The path of the generated export of `rows` rows as an XLSX workbook (`xlsx`, its texts
 * shared strings; `inline-xlsx`, inline), Excel's "Unicode text" (`utf16`) or a JSON array
 * (`json`), written once into target/bench-data. */
export async function exportFileAs(rows, format) {
  const [write, ending] = FORMATS[format];
  const path = here(`../../target/bench-data/export-${rows}.${ending}`);
  if (!existsSync(path)) {
    mkdirSync(here("../../target/bench-data"), { recursive: true });
    await write(rows, path);
  }
  return path;
}

/** Picks the file at `path` on a fresh page of ShipCheck and waits for the board to show its
 * orders, then for the dashboard's figures: the milliseconds from the pick to the first row,
 * the WASM memory then (the page's and every engine worker's), the workers, and every task over
 * 50 ms on the page until a second after the figures (the page's File is kept as
 * `window.benchFile`). */
export async function loadTimed(page, baseUrl, path) {
  await page.addInitScript(watchEngine);
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.shipcheck);
  // A seller takes a moment to pick a file: the page has a second to settle, as it would.
  await page.waitForTimeout(1_000);
  const name = path.split("/").at(-1);
  await page.evaluate((name) => {
    window.timing = {};
    window.longTasks = [];
    new PerformanceObserver((list) =>
      window.longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration }))),
    ).observe({ type: "longtask" });
    const input = document.querySelector('[data-testid="file-input"]');
    // Kept at the change event: the app clears the input so the same file can be picked again.
    input.addEventListener(
      "change",
      () => {
        window.timing.start = performance.now();
        window.benchFile = input.files[0];
      },
      { capture: true },
    );
    new MutationObserver(() => {
      const source = document.querySelector('[data-testid="source-chip"]');
      if (!window.timing.end && source?.textContent.includes(name) && document.querySelector('[data-testid="order-row"]')) {
        window.timing.end = performance.now();
        window.timing.memory = window.shipcheck.exports.memory.buffer.byteLength;
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, name);
  await page.getByTestId("file-input").setInputFiles(path);
  await page.waitForFunction(() => window.timing.end, null, { timeout: 600_000 });
  let workerMemory = 0;
  const workers = page.workers();
  for (const worker of workers) workerMemory += await worker.evaluate(() => self.shipcheckMemory?.buffer.byteLength ?? 0);
  // The dashboard's figures come after the board (the worker counts them once it is drawn):
  // the page is watched until they are shown too.
  await page.waitForFunction(
    () => window.engineMessages.some((m) => m.kind === "answer shop" && m.at > window.timing.end),
    null,
    { timeout: 600_000 },
  );
  // Long tasks are reported after they end: the last ones arrive after the figures show.
  await page.waitForTimeout(1_000);
  const { start, end, memory, longTasks, messages } = await page.evaluate(() => ({
    ...window.timing,
    longTasks: window.longTasks,
    messages: window.engineMessages,
  }));
  const tasks = longTasks.map(({ at, ms }) => ({ at: at - start, ms }));
  return { ms: end - start, memory, workerMemory, workers: workers.length, longTasks: tasks, phases: phases(messages, start, end) };
}

/** Runs in the page before its scripts: notes when each message to and from the engine's
 * worker passes, by its kind, so a benchmark can say where the time went. */
function watchEngine() {
  window.engineMessages = [];
  const note = (kind) => window.engineMessages.push({ at: performance.now(), kind });
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data?.progress) note(data.progress.includes('"checked":null') ? "read" : "checked");
        else if (typeof data?.answer?.json === "string") note(`answer ${data.answer.json.match(/^"?\{?"?([a-z_]+)/)?.[1]}`);
      });
    }
    postMessage(message, ...rest) {
      if (typeof message?.request === "string") note(`ask ${JSON.parse(message.request).request}`);
      return super.postMessage(message, ...rest);
    }
  };
}

/** Where the time from the pick to the first row went, from the engine's messages: until the
 * worker read its first slice (the page's request, the rules set up), reading and importing
 * the file, checking the orders, the rest of the check (urgency order, indexes, the summary)
 * until its answer, and the page drawing it (with its further questions); then, after the
 * first row, until the dashboard's figures came (the worker counts them once the board is
 * drawn). */
function phases(messages, start, end) {
  const after = messages.filter((m) => m.at >= start);
  const first = (kind) => after.find((m) => m.kind === kind)?.at;
  const last = (kind) => after.findLast((m) => m.kind === kind)?.at;
  const answered = first("answer checked") ?? end;
  const [read, readDone] = [first("read") ?? answered, last("read") ?? answered];
  const checkDone = last("checked") ?? readDone;
  const figures = after.find((m) => m.kind === "answer shop" && m.at > end)?.at ?? end;
  return {
    starting: read - start,
    reading: readDone - read,
    checking: checkDone - readDone,
    finishing: answered - checkDone,
    drawing: end - answered,
    figures: figures - end,
  };
}

/** How a load went, for a benchmark's line: where its time went, memory and the tasks over 50 ms. */
export function describeLoad({ memory, workerMemory, workers, longTasks, phases }) {
  const tasks = longTasks.map(({ at, ms }) => `${ms.toFixed(0)} ms at ${at.toFixed(0)} ms, ${phaseAt(phases, at)}`).join("; ");
  const spent = Object.entries(phases)
    .map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`)
    .join(", ");
  return (
    `ms spent: ${spent}; ` +
    `WASM memory ${((memory + workerMemory) / 1e6).toFixed(0)} MB (page ${(memory / 1e6).toFixed(0)}, ` +
    `${workers} worker${workers === 1 ? "" : "s"} ${(workerMemory / 1e6).toFixed(0)}); ` +
    `page tasks over 50 ms: ${longTasks.length}${tasks ? ` (${tasks})` : ""}`
  );
}

/** Which of `phases` (in order, each a duration from the pick) the moment `at` fell in. */
function phaseAt(phases, at) {
  let end = 0;
  for (const [phase, ms] of Object.entries(phases)) {
    end += ms;
    if (at < end) return phase;
  }
  return "after";
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
