// Browser benchmark: the same export loaded two ways in one page of the release build —
// ShipCheck's full pipeline (read the file, import, check every order, metrics, first render)
// and Papa Parse 5.7.1 parsing only — printing MB/s for each, the ratio, and the WASM memory
// after the import. A benchmark, not a test: it asserts nothing.
//
//   node tests/e2e/bench-import.mjs [ROWS...]      (default: 10000 100000 1000000; needs dist/,
//                                                   or the build in $SHIPCHECK_DIST)
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { exportFile, rowCounts, withBrowser } from "./bench-page.mjs";

const require = createRequire(import.meta.url);

await withBrowser(4190, async (browser, baseUrl) => {
  for (const rows of rowCounts([10_000, 100_000, 1_000_000])) {
    const path = exportFile(rows);
    const megabytes = statSync(path).size / 1e6;
    const page = await browser.newPage();
    await page.goto(baseUrl);
    await page.waitForFunction(() => window.shipcheck);
    // Evaluated by the driver: the page's Content-Security-Policy refuses injected <script>s.
    await page.evaluate(readFileSync(require.resolve("papaparse/papaparse.min.js"), "utf8"));
    await page.evaluate(() => {
      window.timing = {};
      window.longTasks = [];
      new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: "longtask",
      });
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
        if (!window.timing.end && document.querySelector('[data-testid="import-summary"]')) {
          window.timing.end = performance.now();
          window.timing.memory = window.shipcheck.exports.memory.buffer.byteLength;
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId("file-input").setInputFiles(path);
    await page.waitForFunction(() => window.timing.end, null, { timeout: 600_000 });
    // Long tasks are reported after they end: the last ones arrive after the summary shows.
    await page.waitForTimeout(1_000);
    const shipcheck = await page.evaluate(() => ({ ...window.timing, longTasks: window.longTasks }));
    const papaMs = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const file = window.benchFile;
          const start = performance.now();
          let rowsSeen = 0;
          // Papa Parse reads the File in chunks and parses; `step` keeps no rows, like a fair parse-only run.
          window.Papa.parse(file, { step: () => rowsSeen++, complete: () => resolve(performance.now() - start) });
        }),
    );
    const shipcheckMs = shipcheck.end - shipcheck.start;
    console.log(
      `${String(rows).padStart(8)} rows, ${megabytes.toFixed(1).padStart(6)} MB: ` +
        `ShipCheck full pipeline ${shipcheckMs.toFixed(0)} ms (${(megabytes / (shipcheckMs / 1000)).toFixed(1)} MB/s), ` +
        `Papa Parse parse only ${papaMs.toFixed(0)} ms (${(megabytes / (papaMs / 1000)).toFixed(1)} MB/s), ` +
        `ratio ${(papaMs / shipcheckMs).toFixed(2)}x; WASM memory after import ${(shipcheck.memory / 1e6).toFixed(0)} MB; ` +
        `tasks over 50 ms: ${shipcheck.longTasks.length} (${shipcheck.longTasks.map((t) => t.toFixed(0)).join(" ")} ms)`,
    );
    await page.close();
  }
});
