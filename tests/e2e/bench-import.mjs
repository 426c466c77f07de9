// Browser benchmark: the same export loaded two ways in one page of the release build —
// ShipCheck's full pipeline (the file picked to its orders on the board: read, import, check,
// metrics, in the engine's workers) and Papa Parse 5.7.1 parsing only, in File mode, on the same
// File — printing MB/s for each, the ratio, the WASM memory of the page and the workers, how many
// workers, and the page's tasks over 50 ms. A benchmark, not a test: it asserts nothing.
//
//   node tests/e2e/bench-import.mjs [ROWS...]      (default: 10000 100000 1000000; needs dist/,
//                                                   or the build in $SHIPCHECK_DIST)
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { describeLoad, exportFile, loadTimed, rowCounts, withBrowser } from "./bench-page.mjs";

const require = createRequire(import.meta.url);

await withBrowser(4190, async (browser, baseUrl) => {
  for (const rows of rowCounts([10_000, 100_000, 1_000_000])) {
    const path = exportFile(rows);
    const megabytes = statSync(path).size / 1e6;
    const page = await browser.newPage();
    const shipcheck = await loadTimed(page, baseUrl, path);
    // Evaluated by the driver: the page's Content-Security-Policy refuses injected <script>s.
    await page.evaluate(readFileSync(require.resolve("papaparse/papaparse.min.js"), "utf8"));
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
    const shipcheckMs = shipcheck.ms;
    console.log(
      `${String(rows).padStart(8)} rows, ${megabytes.toFixed(1).padStart(6)} MB: ` +
        `ShipCheck full pipeline ${shipcheckMs.toFixed(0)} ms (${(megabytes / (shipcheckMs / 1000)).toFixed(1)} MB/s), ` +
        `Papa Parse parse only ${papaMs.toFixed(0)} ms (${(megabytes / (papaMs / 1000)).toFixed(1)} MB/s), ` +
        `ratio ${(papaMs / shipcheckMs).toFixed(2)}x; ${describeLoad(shipcheck)}`,
    );
    await page.close();
  }
});
