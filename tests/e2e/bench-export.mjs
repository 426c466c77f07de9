// Browser benchmark of what a seller takes away from the board, with a large export loaded in
// the release build: for the orders as CSV and the report as JSON, the milliseconds from the
// click to the browser's download and the file's size; for the buyer notices, from the click to
// the page saying how many it copied. For each, the page's tasks over 50 ms meanwhile, and the
// WASM memory of the page and the engine's workers after it (WASM memory never shrinks, so
// anything held whole on the way would show here). Then, clicking the overdue filter while each
// file is being written, how long the board takes to show it. A benchmark, not a test: it
// asserts nothing.
//
//   node tests/e2e/bench-export.mjs [ROWS...]       (default: 1000000; needs dist/, or the build
//                                                    in $SHIPCHECK_DIST)
import { statSync } from "node:fs";
import { describeLoad, exportFile, loadTimed, rowCounts, withBrowser } from "./bench-page.mjs";

/** Clicks `testId` and waits for the download: its size. */
async function download(page, testId) {
  const [saved] = await Promise.all([page.waitForEvent("download", { timeout: 600_000 }), page.getByTestId(testId).click()]);
  const size = statSync(await saved.path()).size;
  await saved.delete();
  return `${(size / 1e6).toFixed(0)} MB`;
}

/** Clicks `testId` and waits for the page to say how many notices it copied: what it says. */
async function copied(page, testId) {
  await page.getByTestId(testId).click();
  const said = page.getByTestId("notices-copied");
  await page.waitForFunction(() => document.querySelector('[data-testid="notices-copied"]')?.textContent, null, {
    timeout: 600_000,
  });
  return said.innerText();
}

// In this order: memory only grows, so what each adds is what it held.
const ACTIONS = [
  ["buyer notices", "copy-notices", copied],
  ["orders CSV", "export-csv", download],
  ["report JSON", "export-json", download],
];

/** The WASM memory of the page and of every engine worker, in bytes. */
async function wasmMemory(page) {
  let bytes = await page.evaluate(() => window.shipcheck.exports.memory.buffer.byteLength);
  for (const worker of page.workers()) bytes += await worker.evaluate(() => self.shipcheckMemory?.buffer.byteLength ?? 0);
  return bytes;
}

await withBrowser(4193, async (browser, baseUrl) => {
  for (const rows of rowCounts([1_000_000])) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const load = await loadTimed(page, baseUrl, exportFile(rows));
    console.log(`${rows} rows loaded in ${load.ms.toFixed(0)} ms; ${describeLoad(load)}`);
    for (const [name, testId, take] of ACTIONS) {
      await page.evaluate(() => (window.longTasks.length = 0));
      const start = Date.now();
      const given = await take(page, testId);
      const ms = Date.now() - start;
      // Long tasks are reported after they end.
      await page.waitForTimeout(1_000);
      const longTasks = (await page.evaluate(() => window.longTasks)).map((t) => `${t.ms.toFixed(0)} ms`);
      const memory = await wasmMemory(page);
      console.log(
        `  ${name}: ${ms} ms, ${given}; ` +
          `WASM memory after ${(memory / 1e6).toFixed(0)} MB; ` +
          `page tasks over 50 ms: ${longTasks.length}${longTasks.length ? ` (${longTasks.join(", ")})` : ""}`,
      );
    }
    // The board asked for other orders while the worker writes a file: how long until it shows them.
    for (const [name, testId] of ACTIONS.filter(([, , take]) => take === download)) {
      const [, filtered] = await Promise.all([
        download(page, testId),
        (async () => {
          await page.waitForTimeout(200);
          const start = Date.now();
          await page.getByTestId("filter-overdue").click();
          await page.waitForFunction(() => document.querySelector('[data-testid="board-count"]')?.textContent.includes(" of "), null, {
            timeout: 600_000,
          });
          return Date.now() - start;
        })(),
      ]);
      console.log(`  the overdue filter, clicked 200 ms into the ${name}: shown in ${filtered} ms`);
      await page.getByTestId("filter-all").click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="board-count"]')?.textContent.includes(" of "), null, {
        timeout: 600_000,
      });
    }
    await page.close();
  }
});
