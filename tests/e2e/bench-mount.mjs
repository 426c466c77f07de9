// Browser benchmark of what a host page pays to embed ShipCheck: the bytes of each file (raw and
// gzip -9), the time to fetch and compile the module (`init()`), and the time from `mount()` to
// the app on screen (the call, then the next frame), on fresh pages of headless Chromium.
// A benchmark, not a test: it prints figures and asserts nothing.
//
//   node tests/e2e/bench-mount.mjs [RUNS]            (default 5; needs dist/, or $SHIPCHECK_DIST)
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { withBrowser } from "./bench-page.mjs";

const dist = process.env.SHIPCHECK_DIST ?? fileURLToPath(new URL("../../dist", import.meta.url));
for (const file of ["shipcheck_bg.wasm", "shipcheck.js", "shipcheck.css", "ship-check.js"]) {
  const path = `${dist}/${file}`;
  const gzipped = gzipSync(readFileSync(path), { level: 9 }).length;
  console.log(`${file.padEnd(18)} ${String(statSync(path).size).padStart(9)} B raw, ${String(gzipped).padStart(8)} B gzip -9`);
}

const runs = Number(process.argv[2] ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

await withBrowser(4194, async (browser, baseUrl) => {
  const timings = [];
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage();
    // The app's own page with its styles but without its start-up script: nothing mounted yet.
    await page.route("**/boot.js", (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
    await page.goto(baseUrl);
    timings.push(
      await page.evaluate(async (base) => {
        const start = performance.now();
        const module = await import(`${base}shipcheck.js`);
        await module.default();
        const compiled = performance.now();
        const element = document.createElement("div");
        document.body.append(element);
        module.mount(element, { locale: "en" });
        const mounted = performance.now();
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return { init: compiled - start, mount: mounted - compiled, onScreen: performance.now() - compiled };
      }, baseUrl),
    );
    await page.close();
  }
  const figure = (key) => `${median(timings.map((t) => t[key])).toFixed(1)} ms`;
  console.log(`median of ${runs} fresh pages: init() ${figure("init")}, mount() ${figure("mount")}, mount() to the next frame ${figure("onScreen")}`);
});
