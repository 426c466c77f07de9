// Browser benchmark of the deadline board with a large export loaded in the release build:
// the main-thread cost of one clock tick, the longest task and frame while scrolling the board
// end to end, how many rows are in the page meanwhile, and how long a filter and a search take.
// A benchmark, not a test: it prints figures and asserts nothing.
//
//   node tests/e2e/bench-board.mjs [ROWS...]        (default: 1000000; needs dist/, or the build
//                                                    in $SHIPCHECK_DIST)
//
// A tick is timed from the start of the clock's interval callback until a task queued right
// after it runs, so it includes the reactive updates Leptos runs in microtasks after the signal
// is set. When the browser renders a frame in between (style, layout and paint of the changed
// countdowns), that frame is in the time too: such ticks are reported apart.
import { exportFile, rowCounts, withBrowser } from "./bench-page.mjs";

const SCROLL_STEPS = 200;

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return `median ${at(0.5).toFixed(2)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(2)} ms over ${values.length}`;
}

await withBrowser(4192, async (browser, baseUrl) => {
  for (const rows of rowCounts([1_000_000])) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      window.tickTimes = [];
      window.tickFramed = [];
      window.longTasks = [];
      new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: "longtask",
        buffered: true,
      });
      const setInterval = window.setInterval.bind(window);
      window.setInterval = (callback, ms, ...args) =>
        setInterval(() => {
          const start = performance.now();
          callback(...args);
          let framed = false;
          requestAnimationFrame(() => (framed = true));
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (framed ? window.tickFramed : window.tickTimes).push(performance.now() - start);
          channel.port2.postMessage(0);
        }, ms);
    });
    await page.goto(baseUrl);
    await page.getByTestId("file-input").setInputFiles(exportFile(rows));
    await page.getByTestId("board-count").waitFor({ timeout: 900_000 });
    const orders = await page.getByTestId("board-count").innerText();

    await page.evaluate(() => (window.tickTimes.length = window.tickFramed.length = 0));
    await page.waitForTimeout(20_500);
    const [ticks, framed] = await page.evaluate(() => [window.tickTimes, window.tickFramed]);

    const scroll = await page.evaluate(async (steps) => {
      const box = document.querySelector(".sc-board-viewport");
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      window.longTasks.length = 0;
      let rowsMax = 0;
      let frameMax = 0;
      let last = await frame();
      for (let step = 1; step <= steps; step++) {
        box.scrollTop = ((box.scrollHeight - box.clientHeight) * step) / steps;
        const now = await frame();
        await frame();
        frameMax = Math.max(frameMax, now - last);
        last = performance.now();
        rowsMax = Math.max(rowsMax, document.querySelectorAll('[data-testid="order-row"]').length);
      }
      const lastRow = document.querySelector('[data-testid="order-row"]:last-child')?.getAttribute("aria-rowindex");
      return { rowsMax, frameMax, longTasks: [...window.longTasks], lastRow };
    }, SCROLL_STEPS);

    // How long an action takes to show its answer, and the longest task meanwhile.
    const timed = async (action, done, before) => {
      await page.evaluate(() => (window.longTasks.length = 0));
      const start = Date.now();
      await action();
      await page.waitForFunction(done, before, { timeout: 300_000 });
      const ms = Date.now() - start;
      await page.waitForTimeout(100);
      const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
      return `${ms} ms, longest task ${longest > 0 ? `${longest.toFixed(0)} ms` : "under 50 ms"}`;
    };
    const before = await page.getByTestId("board-count").innerText();
    const overdueMs = await timed(
      () => page.getByTestId("filter-overdue").click(),
      (before) => document.querySelector('[data-testid="board-count"]').textContent !== before,
      before,
    );
    const overdueCount = await page.getByTestId("board-count").innerText();
    await page.getByTestId("filter-all").click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="board-count"]').textContent === before, before);
    const searchMs = await timed(
      () => page.getByTestId("search-input").fill("576461413039000"),
      (before) => document.querySelector('[data-testid="board-count"]').textContent !== before,
      before,
    );
    const searchCount = await page.getByTestId("board-count").innerText();

    console.log(`${rows} rows (${orders}):`);
    console.log(`  tick, script and reactive updates: ${summary(ticks)} (${ticks.map((t) => t.toFixed(1)).join(" ")})`);
    console.log(`  tick with a rendered frame in it: ${summary(framed)} (${framed.map((t) => t.toFixed(1)).join(" ")})`);
    console.log(
      `  scroll end to end in ${SCROLL_STEPS} jumps: at most ${scroll.rowsMax} rows in the page, ` +
        `longest frame ${scroll.frameMax.toFixed(1)} ms, tasks over 50 ms: ${scroll.longTasks.length}` +
        (scroll.longTasks.length ? ` (longest ${Math.max(...scroll.longTasks).toFixed(0)} ms)` : "") +
        `, last row on screen ${scroll.lastRow}`,
    );
    // The search figure includes the pause the board waits for after the last key (150 ms).
    console.log(`  overdue filter: ${overdueMs} (${overdueCount}); search "576461413039000": ${searchMs} (${searchCount})`);
    await page.close();
  }
});
