// Browser benchmark: the generated export as the other files sellers have — an XLSX workbook
// (Seller Center's default; its texts as shared strings, then inline in the cells), Excel's
// "Unicode text" (UTF-16LE, tab-separated) and a JSON array of orders — each picked on a page of
// the release build, printing the time to the import summary (read, import, check, metrics,
// first render), the WASM memory after it and every task over 50 ms. A benchmark, not a test:
// it asserts nothing. The files are written once into target/bench-data.
//
//   node tests/e2e/bench-formats.mjs [ROWS...]     (default: 10000 100000; needs dist/, or the
//                                                  build in $SHIPCHECK_DIST)
import { statSync } from "node:fs";
import { describeLoad, exportFileAs, loadTimed, rowCounts, withBrowser } from "./bench-page.mjs";

await withBrowser(4195, async (browser, baseUrl) => {
  for (const rows of rowCounts([10_000, 100_000])) {
    for (const format of ["xlsx", "inline-xlsx", "utf16", "json"]) {
      const path = await exportFileAs(rows, format);
      const megabytes = statSync(path).size / 1e6;
      const page = await browser.newPage();
      const load = await loadTimed(page, baseUrl, path);
      console.log(
        `${String(rows).padStart(8)} rows as ${format.padEnd(5)} ${megabytes.toFixed(1).padStart(6)} MB: ` +
          `${load.ms.toFixed(0)} ms (${(megabytes / (load.ms / 1000)).toFixed(1)} MB/s); ${describeLoad(load)}`,
      );
      await page.close();
    }
  }
});
