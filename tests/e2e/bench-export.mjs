// Browser benchmark of the files a seller saves from the board, with a large export loaded in
// the release build: for the orders as CSV and the report as JSON, the milliseconds from the
// click to the browser's download, the file's size, the page's tasks over 50 ms meanwhile, and
// the WASM memory of the page and the engine's workers after it (WASM memory never shrinks, so
// a file held whole on the way would show here). A benchmark, not a test: it asserts nothing.
//
//   node tests/e2e/bench-export.mjs [ROWS...]       (default: 1000000; needs dist/, or the build
//                                                    in $SHIPCHECK_DIST)
import { statSync } from "node:fs";
import { describeLoad, exportFile, loadTimed, rowCounts, withBrowser } from "./bench-page.mjs";

const EXPORTS = [
  ["orders CSV", "export-csv"],
  ["report JSON", "export-json"],
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
    for (const [name, testId] of EXPORTS) {
      await page.evaluate(() => (window.longTasks.length = 0));
      const start = Date.now();
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 600_000 }), page.getByTestId(testId).click()]);
      const ms = Date.now() - start;
      const size = statSync(await download.path()).size;
      // Long tasks are reported after they end.
      await page.waitForTimeout(1_000);
      const longTasks = await page.evaluate(() => window.longTasks);
      const memory = await wasmMemory(page);
      console.log(
        `  ${name}: ${ms} ms to the download, ${(size / 1e6).toFixed(0)} MB; ` +
          `WASM memory after ${(memory / 1e6).toFixed(0)} MB; ` +
          `page tasks over 50 ms: ${longTasks.length} (${longTasks.map((t) => t.toFixed(0)).join(" ")} ms)`,
      );
      await download.delete();
    }
    await page.close();
  }
});
