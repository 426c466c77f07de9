// End to end: a seller opens the release build, pastes orders or tries the sample, and reads
// deadlines, states and countdowns.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { test, expect } from "@playwright/test";
import { HOUR, chinaTime, check, openTheAppForEachTest } from "./seller.mjs";

const require = createRequire(import.meta.url);
const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Seconds in a countdown, `03:14:07`, `2d 03:14:07`, or `−05:00:01` once passed. */
function seconds(countdown) {
  const [, sign, days = "0", hms] = countdown.match(/^(−?)(?:(\d+)d )?(.*)$/);
  const magnitude = Number(days) * 86400 + hms.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  return sign ? -magnitude : magnitude;
}

openTheAppForEachTest(test);

/** Opens one of the workspace's views: "board", "dashboard" or "import". */
async function view(page, name) {
  await page.getByTestId(`view-${name}`).click();
}

/** The count on one of the urgency strip's buttons. */
const stripCount = (page, id) => page.getByTestId(id).locator(".sc-urgency-count");

/** The order IDs of the rows on the board, top to bottom. */
async function boardIds(page) {
  return page.getByTestId("order-row").evaluateAll((rows) => rows.map((row) => row.dataset.orderId));
}

test("a check brings its own filter counts: the worker is asked to count them again only when the minute turns", async ({
  page,
}) => {
  // Every question the page asks the engine's worker, by its kind.
  await page.addInitScript(() => {
    window.asked = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (typeof message?.request === "string") window.asked.push(JSON.parse(message.request).request);
      return post.call(this, message, ...rest);
    };
  });
  // Five seconds into a minute, the clock stopped there. The page's clock runs from the moment it
  // is installed, so it starts half a minute early: however long the browser takes before the
  // pause, the pause is still ahead of it.
  const start = Math.ceil(Date.now() / 60_000) * 60_000 + 5_000;
  await page.clock.install({ time: start - 30_000 });
  await page.clock.pauseAt(start);
  await page.reload();
  await check(page, `Order ID,Paid Time,Shipped Time\n576461413038785911,${chinaTime(Date.now() - start + HOUR)},\n`);
  const states = page.getByTestId("filter-state");
  await expect(states.locator("option")).toHaveText(["Any", "To dispatch (1)"]);
  const facetQuestions = () => page.evaluate(() => window.asked.filter((kind) => kind === "facets").length);
  expect(await facetQuestions()).toBe(0);
  // Another check, of other orders, in the same minute: its counts, not the first one's.
  await check(
    page,
    `Order ID,Paid Time,Shipped Time\n576461413038785912,${chinaTime(Date.now() - start + HOUR)},\n` +
      `576461413038785913,${chinaTime(Date.now() - start + 50 * HOUR)},\n`,
  );
  await expect(states.locator("option")).toHaveText(["Any", "Dispatch overdue (1)", "To dispatch (1)"]);
  expect(await facetQuestions()).toBe(0);
  // The next minute, they are counted again.
  await page.clock.runFor(60_000);
  await expect.poll(facetQuestions).toBe(1);
  await expect(states.locator("option")).toHaveText(["Any", "Dispatch overdue (1)", "To dispatch (1)"]);
});

test("filter counts follow the clock: an order that falls due moves from to-dispatch to overdue", async ({ page }) => {
  await page.clock.install();
  await page.reload();
  // Paid 47 h 58 min ago: the 48-hour dispatch deadline is two minutes away.
  await check(page, `Order ID,Paid Time,Shipped Time\n576461413038785901,${chinaTime(48 * HOUR - 2 * 60 * 1000)},\n`);
  const states = page.getByTestId("filter-state");
  await expect(states.locator("option")).toHaveText(["Any", "To dispatch (1)"]);
  const badges = page.getByTestId("order-row").getByTestId("finding").first();
  await expect(badges).toHaveAttribute("data-code", "dispatch_due_soon");
  await expect(page.getByTestId("order-row")).toHaveClass(/sc-row-soon/);
  await states.selectOption("awaiting_dispatch");
  await expect(page.getByTestId("order-row")).toHaveCount(1);

  await page.clock.runFor(3 * 60 * 1000);
  await expect(states.locator("option")).toHaveText(["Any", "Dispatch overdue (1)"]);
  await expect(page.getByTestId("filter-finding").locator("option", { hasText: /^Overdue \(1\)$/ })).toHaveCount(1);
  await expect(page.getByTestId("filter-finding").locator("option", { hasText: /^Due soon/ })).toHaveCount(0);
  await expect(stripCount(page, "filter-overdue")).toHaveText("1");
  // The chosen filter stays chosen; the order has left it, and the board says so.
  await expect(page.getByTestId("board-empty")).toBeVisible();
  await states.selectOption("dispatch_overdue");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(states).toHaveValue("dispatch_overdue");
  // The row's badges and colour are worked out again as time passes too.
  await expect(badges).toHaveAttribute("data-code", "dispatch_overdue");
  await expect(page.getByTestId("order-row")).toHaveClass(/sc-row-overdue/);
});

test("pasted orders show overdue in red, shipped on time, and a countdown that ticks", async ({ page }) => {
  await check(
    page,
    [
      "Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
      `576461413038785301,${chinaTime(50 * HOUR)},${chinaTime(50 * HOUR)},,,`,
      `576461413038785302,${chinaTime(30 * HOUR)},${chinaTime(30 * HOUR)},${chinaTime(10 * HOUR)},YT2432100012345678,YunExpress`,
      `576461413038785303,${chinaTime(10 * HOUR)},${chinaTime(10 * HOUR)},,,`,
    ].join("\n"),
  );
  const rows = page.getByTestId("order-row");
  await expect(rows).toHaveCount(3);
  const overdue = page.locator('[data-order-id="576461413038785301"]');
  await expect(overdue).toContainText("Dispatch overdue");
  await expect(overdue).toHaveClass(/sc-row-overdue/);
  await expect(overdue.getByTestId("countdown")).toHaveText(/^−02:00:\d\d$/);
  await expect(overdue.getByTestId("countdown")).toHaveCSS("color", "rgb(164, 14, 38)");
  await expect(overdue.locator('[data-code="dispatch_overdue"]')).toContainText("Overdue");
  const shipped = page.locator('[data-order-id="576461413038785302"]');
  await expect(shipped).toContainText("Shipped on time");
  // Shipped: what is left to count down is delivery.
  await expect(shipped).toContainText("Delivery due in");
  await expect(shipped.getByTestId("tracking-id")).toHaveText("YT2432100012345678");
  // Not shipped yet: the cell says so rather than staying blank.
  await expect(overdue.getByTestId("carrier")).toHaveText("not yet");

  const countdown = page.locator('[data-order-id="576461413038785303"]').getByTestId("countdown");
  const before = seconds(await countdown.innerText());
  expect(before).toBeGreaterThan(37 * 3600);
  expect(before).toBeLessThanOrEqual(38 * 3600);
  await expect.poll(async () => seconds(await countdown.innerText()), { timeout: 5000 }).toBeLessThan(before);

  await view(page, "import");
  await expect(page.getByTestId("read-line")).toHaveText("Read 3 rows: 3 used in 3 orders, 0 not used.");
  await view(page, "dashboard");
  await expect(page.getByTestId("metric-late-dispatch-rate")).toContainText("0 of 1 dispatched order shipped late");
});

test("a row that cannot be used is listed with its line and reason", async ({ page }) => {
  await check(page, "Order ID,Paid Time\n576461413038785401,2024-11-12 09:00:00\n576461413038785402,2024-11-12 9am\n");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("view-import")).toHaveText("How they were read (1 not used)");
  await view(page, "import");
  await expect(page.getByTestId("skipped-row")).toHaveText(/^Line 3: Paid Time: "2024-11-12 9am" is not a date/);
});

test("Try sample orders opens on the board, overdue first, on the first screen", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  const first = page.getByTestId("order-row").first();
  await expect(first).toBeVisible();
  // A new board's lines come a step a frame: the top of the box, the rest, those beyond its edge.
  await expect.poll(() => page.getByTestId("order-row").count()).toBeGreaterThanOrEqual(8);
  // The input folds away, and what was pasted before is not left in it.
  await expect(page.getByTestId("paste-input")).toBeHidden();
  await expect(page.getByTestId("paste-input")).toHaveValue("");
  await expect(page.getByTestId("source-chip")).toHaveText("Sample orders · 12 orders");
  await expect(page.getByTestId("group-heading").first()).toHaveText("Overdue 1 order");
  await expect(first).toHaveClass(/sc-row-overdue/);
  await expect(first).toBeInViewport();
  await expect(page.getByTestId("finding").first()).toBeVisible();
  await expect(page.getByTestId("peak-banner")).toHaveCount(1);
  await view(page, "import");
  await expect(page.getByTestId("zone-select")).toHaveValue("Asia/Shanghai");
  await expect(page.getByTestId("skipped-row")).toHaveCount(2);
});

test("a check's figures are asked for once its board shows the first orders, so the board is drawn first", async ({ page }) => {
  // Every question the page asks the engine's worker, with the order lines on the page then.
  await page.addInitScript(() => {
    window.asked = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (typeof message?.request === "string") {
        const lines = document.querySelectorAll('[data-testid="order-row"]').length;
        window.asked.push({ kind: JSON.parse(message.request).request, lines });
      }
      return post.call(this, message, ...rest);
    };
  });
  await page.reload();
  await page.getByTestId("sample-button").click();
  const figuresAsked = () => page.evaluate(() => window.asked.filter((asked) => asked.kind === "shop"));
  await expect.poll(async () => (await figuresAsked()).length).toBe(1);
  const [asked] = await figuresAsked();
  expect(asked.lines).toBeGreaterThan(0);
  // And the dashboard shows them.
  await view(page, "dashboard");
  await expect(page.getByTestId("trend")).toHaveCount(4);
});

for (const width of [1280, 1024, 820, 768, 375, 320, 280]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    // A phone 320 px wide is 568 px tall: its first screen is the strip's counts, the lines come
    // below it (their texts are tested at that width all the same).
    if (width >= 375) {
      test("the overdue and due-soon orders are on the first screen, marked three ways", async ({ page }) => {
        await page.getByTestId("sample-button").click();
        const overdue = page.locator('[data-order-id="576461413038785005"]');
        await expect(overdue).toBeInViewport({ ratio: 1 });
        await expect(overdue).toHaveClass(/sc-row-overdue/);
        await expect(overdue).toContainText("Dispatch overdue");
        await expect(overdue.locator("svg.sc-icon").first()).toBeVisible();
        await expect(page.locator('[data-order-id="576461413038785006"]')).toHaveClass(/sc-row-soon/);
        await expect(page.locator('[data-order-id="576461413038785006"]')).toBeInViewport();
        // Under the pointer a line dims a little; it keeps its colour. (The sample's button can
        // leave the pointer over the line.)
        await page.mouse.move(0, 0);
        await expect(overdue).toHaveCSS("filter", "none");
        const tint = await overdue.evaluate((row) => getComputedStyle(row).backgroundColor);
        await overdue.hover();
        await expect(overdue).toHaveCSS("filter", "brightness(0.97)");
        await expect(overdue).toHaveCSS("background-color", tint);
      });
    }

    test("no text of any order's line is cut off or lies over another, in English or in Chinese", async ({ page }) => {
      // The sample orders, one with every tick and a note, then Open API orders: a deadline the
      // platform set (its moment says so), a 22-digit tracking number, and the overdue one with
      // every tick and a note (a seller's ticks need not agree with the export); then the US
      // export's, one with a long state ("Shipped on time") ticked all through.
      const markEverything = async (id) => {
        await page.locator(`[data-order-id="${id}"]`).getByTestId("order-open").click();
        for (const step of ["shipped", "tracking-uploaded", "buyer-notified"]) await page.getByTestId(`mark-${step}`).check();
        await page.getByTestId("mark-note").fill("Courier rebooked for 18:00");
        await page.getByTestId("mark-note").blur();
        await page.getByTestId("detail-close").click();
        await expect(page.locator(`[data-order-id="${id}"] [data-mark]`)).toHaveCount(4);
      };
      const sources = [
        ["sample orders", () => page.getByTestId("sample-button").click().then(() => markEverything("576461413038785005"))],
        [
          "open_api_orders.json",
          () => page.getByTestId("file-input").setInputFiles(fixture("open_api_orders.json")).then(() => markEverything("576461413038785901")),
        ],
        ["us_export.tsv", () => page.getByTestId("file-input").setInputFiles(fixture("us_export.tsv")).then(() => markEverything("576461413038785601"))],
      ];
      for (const [source, load] of sources) {
        await load();
        await expect(page.getByTestId("source-chip")).toContainText(source === "sample orders" ? /Sample|示例/ : source);
        for (const language of ["en", "zh-CN"]) {
          await page.getByTestId("locale-switch").selectOption(language);
          await expect(page.locator(".shipcheck")).toHaveAttribute("lang", language);
          // Each cell and each text in it, across (a cell cuts what is too wide for it, a text
          // itself with "…"), and each line whole, down (a line cuts what does not fit its height).
          // And no cell's texts over another's: where a line is too short for them, its rows
          // shrink and the cells' texts run into each other, none of them cut.
          const cut = await page.getByTestId("order-row").evaluateAll((rows) =>
            rows.flatMap((row) => {
              const texts = [...row.children].map((cell) => {
                const boxes = [...cell.querySelectorAll("*")].map((part) => part.getBoundingClientRect()).filter((box) => box.width && box.height);
                const [top, bottom] = [Math.min(...boxes.map((box) => box.top)), Math.max(...boxes.map((box) => box.bottom))];
                const [left, right] = [Math.min(...boxes.map((box) => box.left)), Math.max(...boxes.map((box) => box.right))];
                return { cell: cell.innerText.split("\n")[0], top, bottom, left, right };
              });
              const over = (a, b) => a.top < b.bottom - 1 && b.top < a.bottom - 1 && a.left < b.right - 1 && b.left < a.right - 1;
              return [
                ...[...row.querySelectorAll(".sc-cell, .sc-cell *")]
                  .filter((text) => text.scrollWidth > text.clientWidth + 1)
                  .map((text) => `${row.dataset.orderId}: "${text.innerText}" needs ${text.scrollWidth} px of ${text.clientWidth}`),
                ...[row, ...row.querySelectorAll(".sc-cell, .sc-sub, .sc-findings")]
                  .filter((part) => part.scrollHeight > part.clientHeight + 1)
                  .map((part) => `${row.dataset.orderId}: "${part.innerText}" needs ${part.scrollHeight} px down of ${part.clientHeight}`),
                ...texts.flatMap((a, i) =>
                  texts.slice(i + 1).filter((b) => over(a, b)).map((b) => `${row.dataset.orderId}: "${a.cell}" lies over "${b.cell}"`),
                ),
              ];
            }),
          );
          expect(cut, `${source}, ${language}`).toEqual([]);
        }
      }
    });

    test("the search box says whole what it searches, beside the filters' button", async ({ page }) => {
      await page.getByTestId("sample-button").click();
      const search = page.getByLabel("Search by order ID, tracking number or SKU");
      await expect(search).toBeVisible();
      expect(await page.locator(".sc-search > span").evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
      // Whatever the box itself shows before the seller types fits inside it.
      const room = await search.evaluate((input) => {
        const style = getComputedStyle(input);
        const pen = document.createElement("canvas").getContext("2d");
        pen.font = style.font;
        const inside = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return inside - pen.measureText(input.placeholder).width;
      });
      expect(room).toBeGreaterThanOrEqual(0);
      // Where the filters fold behind a button, the label runs above the box and the button: on
      // one line, not three in the box's width beside the button.
      const toggle = page.getByTestId("filters-toggle");
      if (await toggle.isVisible()) {
        const [label, button] = [await page.locator(".sc-search > span").boundingBox(), await toggle.boundingBox()];
        expect(label.x + label.width).toBeGreaterThanOrEqual(button.x + button.width - 1);
        expect(label.y + label.height).toBeLessThanOrEqual(button.y + 1);
      }
    });
  });
}

test("a tracking number is checked before the seller uploads it, its verdict in colour and words", async ({ page }) => {
  await page.getByTestId("tracking-open").click();
  await page.getByTestId("tracking-input").fill("LX123456780CN");
  await page.getByTestId("tracking-carrier").fill("China Post");
  const result = page.getByTestId("tracking-result");
  await expect(result).toHaveText("Invalid: UPU S10 (postal) check digit is 0, expected 5: a digit is mistyped.");
  await expect(result).toHaveAttribute("data-verdict", "sc-bad");
  await page.getByTestId("tracking-input").fill("LX123456785CN");
  await expect(result).toHaveText("Valid China Post number (UPU S10 (postal)).");
  await expect(result).toHaveAttribute("data-verdict", "sc-ok");
  // Junk is said to be no number at all; a number a digit short, what it nearly is.
  await page.getByTestId("tracking-carrier").fill("");
  await page.getByTestId("tracking-input").fill("abc");
  await expect(result).toHaveText("Not a tracking number: 3 characters, and they have 8 or more.");
  await expect(result).toHaveAttribute("data-verdict", "sc-bad");
  await page.getByTestId("tracking-input").fill("YT243210001234567");
  await expect(result).toContainText("Cannot tell: no known format, but it starts like a YunExpress number");
  await expect(result).toHaveAttribute("data-verdict", "sc-unknown");
  await page.getByTestId("tracking-close").click();
  await expect(page.getByTestId("tracking")).toBeHidden();
});

test("orders with a mistyped or reused tracking number are flagged", async ({ page }) => {
  await check(
    page,
    [
      "Order ID,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
      `576461413038785501,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)},LX123456780CN,China Post`,
      `576461413038785502,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)},YT2432100012345678,YunExpress`,
      `576461413038785503,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)},YT2432100012345678,YunExpress`,
    ].join("\n"),
  );
  const mistyped = page.locator('[data-order-id="576461413038785501"]');
  await expect(mistyped.locator('[data-code="invalid_tracking"]')).toContainText("Invalid tracking");
  await expect(page.locator('[data-code="duplicate_tracking"]')).toHaveCount(2);
  await mistyped.getByTestId("order-open").click();
  await expect(page.locator('[data-testid="detail-finding"][data-code="invalid_tracking"]')).toContainText(
    "check digit is 0, expected 5",
  );
  await page.keyboard.press("Escape");
  await view(page, "dashboard");
  await expect(page.getByTestId("metric-valid-tracking-rate")).toContainText("1 of 3");
});

test("export files are picked, decoded and summarised, and the unused rows download", async ({ page }) => {
  await page.getByTestId("file-input").setInputFiles([
    fixture("excel_unicode_text.txt"),
    fixture("open_api_orders.json"),
    fixture("us_export.tsv"),
  ]);
  await expect(page.getByTestId("source-chip")).toHaveText("3 files · 6 orders");
  await expect(page.locator('[data-order-id="576461413038785702"]')).toBeVisible();
  await view(page, "import");
  await expect(page.getByTestId("read-line")).toHaveText(
    "Read 9 rows: 6 used in 6 orders, 2 not used. Seller Center's row of column descriptions recognised.",
  );
  const files = page.getByTestId("file-read");
  await expect(files.nth(0)).toHaveText(
    "excel_unicode_text.txt: CSV, UTF-16LE, tab-separated, 2 rows, Paid Time read as DD/MM/YYYY (as its values show), " +
      "Shipped Time read as DD/MM/YYYY (as its values show).",
  );
  await expect(files.nth(1)).toContainText("open_api_orders.json: JSON, UTF-8, 3 rows.");
  await expect(files.nth(2)).toContainText("Seller Center's row of column descriptions recognised");
  await expect(page.getByTestId("skipped-row").first()).toHaveText(/^open_api_orders\.json, line 23: Order Status: unknown status/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("skipped-download").click()]);
  expect(download.suggestedFilename()).toBe("shipcheck-rows-not-used.csv");
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.split("\n")[0]).toBe("file,line,reason,reason_zh");
  expect(csv).toContain(`us_export.tsv,2,"Seller Center's row of column descriptions, not an order",卖家中心的列说明行，不是订单`);
});

test("a file dropped on the input is read like a picked one", async ({ page }) => {
  const text = `Order ID,Paid Time\n576461413038785991,${chinaTime(10 * HOUR)}\n`;
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
    return transfer;
  }, text);
  await page.locator(".sc-input").dispatchEvent("drop", { dataTransfer });
  await expect(page.locator('[data-order-id="576461413038785991"]')).toContainText("Dispatch due in");
  await view(page, "import");
  await expect(page.getByTestId("file-read")).toHaveText("dropped.csv: CSV, UTF-8, comma-separated, 1 row.");
});

/** Watches the progress bar in the page: whether it showed, the furthest it got, and (if asked)
 * presses Cancel the moment the first batch is in. */
async function watchProgress(page, { cancel = false } = {}) {
  await page.evaluate((cancel) => {
    window.progressSeen = { shown: false, furthest: 0, cancelled: false, checking: false };
    const bar = document.querySelector('[data-testid="import-progress"]');
    new MutationObserver(() => {
      const value = Number(bar.querySelector("progress").value);
      if (!bar.hidden) window.progressSeen.shown = true;
      if (bar.textContent.includes("Checking orders:")) window.progressSeen.checking = true;
      window.progressSeen.furthest = Math.max(window.progressSeen.furthest, value);
      if (cancel && value > 0 && !window.progressSeen.cancelled) {
        window.progressSeen.cancelled = true;
        bar.querySelector('[data-testid="import-cancel"]').click();
      }
    }).observe(bar, { attributes: true, subtree: true, childList: true, characterData: true });
  }, cancel);
}

test("a large export is read in the engine's worker with progress, and the board holds only the rows in view", async ({ page }) => {
  const { generateExport } = await import("./generate-export.mjs");
  await watchProgress(page);
  const buffer = Buffer.from(generateExport(60_000));
  await page.getByTestId("file-input").setInputFiles({ name: "export-60k.csv", mimeType: "text/csv", buffer });
  await expect(page.getByTestId("source-chip")).toContainText("export-60k.csv", { timeout: 60_000 });
  const seen = await page.evaluate(() => window.progressSeen);
  expect(seen.shown).toBe(true);
  expect(seen.furthest).toBeGreaterThan(0);
  expect(seen.checking).toBe(true);
  await expect(page.getByTestId("import-progress")).toBeHidden();
  const orders = (await page.getByTestId("source-orders").innerText()).match(/^([\d,]+) orders$/)[1];
  await expect(page.getByTestId("board-count")).toHaveText(`${orders} orders`);
  await view(page, "import");
  await expect(page.getByTestId("read-line")).toContainText("Read 60,001 rows: 60,000 used");
  await view(page, "board");
  // Only the rows in view are in the page, however many orders there are (they come a step a
  // frame).
  await expect.poll(() => page.getByTestId("order-row").count()).toBeGreaterThan(5);
  expect(await page.getByTestId("order-row").count()).toBeLessThan(60);
  // Scrolled to the end, the last line is there.
  const lines = Number(await page.locator(".sc-board-table").getAttribute("aria-rowcount"));
  await page.locator(".sc-board-viewport").evaluate((box) => box.scrollTo(0, box.scrollHeight));
  await expect(page.locator(`[role="row"][aria-rowindex="${lines}"]`)).toBeVisible();
  // Thousands of buyer notices are too many to paste, and the clipboard would hold the page while
  // the browser copied them: they are saved as a file, every one of them, as the page says.
  const [saved] = await Promise.all([page.waitForEvent("download"), page.getByTestId("copy-notices").click()]);
  expect(saved.suggestedFilename()).toBe("shipcheck-buyer-notices.txt");
  const notices = (await readFile(await saved.path(), "utf8")).split("\n\n");
  await expect(page.getByTestId("notices-copied")).toHaveText(
    `Saved ${notices.length.toLocaleString("en-US")} buyer notices as a file: too many to paste at once.`,
  );
  expect(notices.every((notice) => notice.startsWith("Hello"))).toBe(true);
});

test("no name or figure of the dashboard's charts is cut off at 1280, 980, 375 or 320 px, in English or in Chinese", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await view(page, "dashboard");
  await expect(page.getByTestId("weekly")).toBeVisible();
  // 980 px once fitted three charts to a row, with too little room for a destination's name;
  // at 320 px a name, its bar and its figure do not fit side by side.
  for (const width of [1280, 980, 375, 320]) {
    await page.setViewportSize({ width, height: 900 });
    for (const language of ["en", "zh-CN"]) {
      await page.getByTestId("locale-switch").selectOption(language);
      await expect(page.locator(".shipcheck")).toHaveAttribute("lang", language);
      // What a box cuts at its edge (a column's label may run over beside its column: not cut).
      const cut = await page.locator(".sc-chart *").evaluateAll((texts) =>
        texts
          .filter((text) => text.innerText.trim() && getComputedStyle(text).overflowX !== "visible")
          .filter((text) => text.scrollWidth > text.clientWidth + 1)
          .map((text) => `"${text.innerText}" needs ${text.scrollWidth} px of ${text.clientWidth}`),
      );
      expect(cut, `${width} px, ${language}`).toEqual([]);
    }
  }
});

test("the rates week by week: on a phone this week's and last week's figures are beside the rates' names, which stay as the older weeks scroll; from a tablet up every week is in view", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await view(page, "dashboard");
  const box = page.getByTestId("weekly").locator(".sc-table-scroll");
  await expect(box).toBeVisible();
  const layout = () =>
    box.evaluate((box) => {
      box.scrollIntoView({ block: "center" });
      const edge = box.getBoundingClientRect();
      const headings = [...box.querySelectorAll("thead th")];
      // A heading's date on more than one line ("11-" over "30") reads as two numbers.
      const splitDates = headings.filter((heading) => {
        const text = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT).nextNode();
        const found = text?.textContent.match(/\d\d\u2060?-\u2060?\d\d/);
        if (!found) return false;
        const date = document.createRange();
        date.setStart(text, found.index);
        date.setEnd(text, found.index + found[0].length);
        return new Set([...date.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
      });
      // The names: in the box, and not under the figures scrolled beside them.
      const names = [...box.querySelectorAll("tbody th")].map((name) => {
        const rect = name.getBoundingClientRect();
        const onTop = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
        return rect.left >= edge.left - 0.5 && rect.right <= edge.right + 0.5 && name.contains(onTop);
      });
      return {
        inView: headings.filter((heading) => heading.getBoundingClientRect().right <= edge.right + 0.5).length,
        columns: headings.length,
        splitDates: splitDates.map((heading) => heading.textContent),
        namesShown: names.every(Boolean),
      };
    });
  for (const language of ["en", "zh-CN"]) {
    await page.getByTestId("locale-switch").selectOption(language);
    await expect(page.locator(".shipcheck")).toHaveAttribute("lang", language);
    for (const width of [1280, 1024, 820]) {
      await page.setViewportSize({ width, height: 900 });
      await expect.poll(layout, { message: `${width} px, ${language}` }).toEqual({ inView: 10, columns: 10, splitDates: [], namesShown: true });
    }
    // A phone: the names, the trend, this week and last week, without scrolling; scrolled to the
    // oldest week, the names are still there, over the figures that went under them.
    for (const width of [390, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await box.evaluate((box) => (box.scrollLeft = 0));
      const phone = await layout();
      expect(phone.inView, `${width} px, ${language}`).toBeGreaterThanOrEqual(4);
      expect(phone, `${width} px, ${language}`).toMatchObject({ splitDates: [], namesShown: true });
      await box.evaluate((box) => (box.scrollLeft = box.scrollWidth));
      await expect.poll(async () => (await layout()).namesShown, { message: `${width} px, ${language}, scrolled` }).toBe(true);
    }
  }
});

test("on a tablet held upright an order's line has three columns: its order, deadline and state side by side", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  const overdue = page.locator('[data-order-id="576461413038785005"]');
  const parts = () =>
    overdue.evaluate((row) => {
      const parts = [".sc-order .sc-link", "[data-testid=countdown]", "[data-testid=state]"].map((part) => row.querySelector(part));
      const [line, id, deadline, state] = [row, ...parts].map((part) => part.getBoundingClientRect());
      return {
        height: line.height,
        sideBySide: id.right <= deadline.left && deadline.right <= state.left,
        topHalf: [id, deadline, state].every((part) => part.top < line.top + line.height / 2),
      };
    });
  // A phone's line stacks the order, the deadline, the carrier and the findings.
  await page.setViewportSize({ width: 375, height: 900 });
  await expect.poll(parts).toMatchObject({ sideBySide: false });
  const phone = (await parts()).height;
  // iPads held upright, 768 to 834 px wide: more orders to a screen, each read across.
  for (const width of [768, 820, 834]) {
    await page.setViewportSize({ width, height: 1100 });
    await expect.poll(parts, { message: `${width} px` }).toMatchObject({ sideBySide: true, topHalf: true });
    expect((await parts()).height, `${width} px`).toBeLessThan(phone * 0.85);
  }
  // Wide, the five columns under their headers, a line a row of its own.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.locator(".sc-board-head")).toBeVisible();
  await expect.poll(async () => (await parts()).height).toBeLessThan(70);
});

test("the board's lines are where it draws them at every width, and after the window changes the same orders are in view", async ({ page }) => {
  const { generateExport } = await import("./generate-export.mjs");
  // The board places lines by the height the stylesheet gives them, on each side of the width
  // where their cells stack and after the window changes. (It once judged that width by its own
  // box while the stylesheet judged it by the window's, and in a 750 px window placed lines of
  // 64 px as if they were a phone's taller ones: half the box blank, the wrong lines shown.)
  await page.setViewportSize({ width: 750, height: 900 });
  // Errors the page hears of that a console does not show: a host's error monitoring would.
  await page.evaluate(() => {
    window.errorsHeard = [];
    window.addEventListener("error", (event) => window.errorsHeard.push(event.message));
  });
  const buffer = Buffer.from(generateExport(10_000));
  await page.getByTestId("file-input").setInputFiles({ name: "export-10k.csv", mimeType: "text/csv", buffer });
  await expect(page.getByTestId("source-chip")).toContainText("export-10k.csv", { timeout: 60_000 });
  // The board counts its lines once the worker has answered (before, only the column headers).
  const table = page.locator(".sc-board-table");
  await expect.poll(async () => Number(await table.getAttribute("aria-rowcount"))).toBeGreaterThan(1);
  const lines = Number(await table.getAttribute("aria-rowcount"));
  const box = page.locator(".sc-board-viewport");
  // The lines drawn in the box, top to bottom: each where the one before it ends, filling the box;
  // the line at the top; and whether the scrolled content has taken the height of the lines the
  // stylesheet now gives (a few headings are shorter).
  const drawn = () =>
    box.evaluate((box) => {
      const inside = box.getBoundingClientRect();
      const shown = [...box.querySelectorAll("[role=row]")]
        .map((line) => ({ index: Number(line.getAttribute("aria-rowindex")), rect: line.getBoundingClientRect() }))
        .filter(({ rect }) => rect.bottom > inside.top + 1 && rect.top < inside.top + box.clientHeight - 1)
        .sort((a, b) => a.rect.top - b.rect.top);
      const joined = shown.every(
        (line, i) => i === 0 || (line.index === shown[i - 1].index + 1 && Math.abs(line.rect.top - shown[i - 1].rect.bottom) < 1),
      );
      const fills = shown.length > 0 && shown[0].rect.top <= inside.top + 1 && shown.at(-1).rect.bottom >= inside.top + box.clientHeight - 1;
      const line = document.querySelector(".sc-line-probe").getBoundingClientRect().height;
      const content = box.querySelector(".sc-board-spacer").getBoundingClientRect().height;
      const settled = Math.abs(content / box.closest("[aria-rowcount]").getAttribute("aria-rowcount") - line) < 1;
      return { joined, fills, settled, top: shown[0]?.index, last: shown.at(-1)?.index };
    });
  let place;
  for (const width of [750, 375, 1280, 820, 750]) {
    await page.setViewportSize({ width, height: 900 });
    // The orders in view before the window changed are in view after it, not the same pixels
    // scrolled: the line at the top is the same. (How far into it the box begins is kept too:
    // the engine's tests check that arithmetic.)
    if (place) {
      await expect.poll(drawn, { message: `${width} px, the same orders` }).toMatchObject({ joined: true, fills: true, settled: true, top: place.top });
    }
    // At the end the last line ends the box (scrolled there again until the content has its height).
    const atTheEnd = async () => {
      await box.evaluate((box) => box.scrollTo(0, box.scrollHeight));
      return drawn();
    };
    await expect.poll(atTheEnd, { message: `${width} px, at the end` }).toMatchObject({ joined: true, fills: true, settled: true, last: lines });
    await box.evaluate((box) => box.scrollTo(0, box.scrollHeight / 2));
    await expect.poll(drawn, { message: `${width} px, halfway` }).toMatchObject({ joined: true, fills: true, settled: true });
    place = await drawn();
  }
  // Taking the narrow layout and leaving it, the app never resized what it was being told the
  // size of ("ResizeObserver loop completed with undelivered notifications").
  expect(await page.evaluate(() => window.errorsHeard)).toEqual([]);
});

test("a JSON export of several slices is read as it arrives, and as GB18030 when its last order says so", async ({ page }) => {
  // 20,000 Open API orders, 3.2 MB: read in slices of 1 MiB.
  const order = (i, carrier) =>
    `{"id": "5764614130${String(i).padStart(8, "0")}", "paid_time": ${1_795_500_000 + i * 60}, ` +
    `"shipping_provider": "${carrier}", "line_items": [{"seller_sku": "MUG-350", "product_name": "Ceramic mug"}]}`;
  const file = (last) =>
    `{"data": {"orders": [\n${[...Array.from({ length: 19_999 }, (_, i) => order(i, "USPS")), order(19_999, last)].join(",\n")}\n]}}`;
  const load = async (name, buffer, encoding) => {
    await page.getByTestId("file-input").setInputFiles({ name, mimeType: "application/json", buffer });
    await expect(page.getByTestId("source-chip")).toContainText(name, { timeout: 60_000 });
    await view(page, "import");
    await expect(page.getByTestId("read-line")).toContainText("Read 20,000 rows: 20,000 used");
    await expect(page.getByTestId("file-read")).toHaveText(`${name}: JSON, ${encoding}, 20,000 rows.`);
    await view(page, "board");
  };
  await load("orders.json", Buffer.from(file("USPS")), "UTF-8");
  await expect(page.getByTestId("filter-carrier").locator("option", { hasText: "USPS (20,000)" })).toHaveCount(1);

  // The last order's carrier in GB18030 (顺丰): the orders read before it are forgotten, and the
  // file is read again in GB18030, each order once.
  const [before, after] = file("@").split('"@"');
  const gb18030 = Buffer.concat([Buffer.from(`${before}"`), Buffer.from([0xcb, 0xb3, 0xb7, 0xe1]), Buffer.from(`"${after}`)]);
  await load("orders-gb18030.json", gb18030, "GB18030");
  await expect(page.getByTestId("filter-carrier").locator("option", { hasText: "顺丰 (1)" })).toHaveCount(1);
  await expect(page.getByTestId("filter-carrier").locator("option", { hasText: "USPS (19,999)" })).toHaveCount(1);
});

test("Cancel stops an import and leaves the page as it was", async ({ page }) => {
  const { generateExport } = await import("./generate-export.mjs");
  await watchProgress(page, { cancel: true });
  const buffer = Buffer.from(generateExport(100_000));
  await page.getByTestId("file-input").setInputFiles({ name: "export-100k.csv", mimeType: "text/csv", buffer });
  await expect.poll(() => page.evaluate(() => window.progressSeen.cancelled), { timeout: 60_000 }).toBe(true);
  await expect(page.getByTestId("import-progress")).toBeHidden();
  await expect(page.getByTestId("order-row")).toHaveCount(0);
  await expect(page.getByTestId("check-button")).toBeVisible();
});

test("a file picked the moment an import is cancelled is read whole, its own slices and no other", async ({ page }) => {
  const { generateExport } = await import("./generate-export.mjs");
  await watchProgress(page, { cancel: true });
  const first = Buffer.from(generateExport(100_000));
  await page.getByTestId("file-input").setInputFiles({ name: "export-100k.csv", mimeType: "text/csv", buffer: first });
  await expect.poll(() => page.evaluate(() => window.progressSeen.cancelled), { timeout: 60_000, intervals: [5] }).toBe(true);
  // The cancelled import may still be waiting for a slice; the next file's slices are its own.
  const next = Buffer.from(generateExport(60_000));
  await page.getByTestId("file-input").setInputFiles({ name: "export-60k.csv", mimeType: "text/csv", buffer: next });
  await expect(page.getByTestId("source-chip")).toContainText("export-60k.csv", { timeout: 60_000 });
  await view(page, "import");
  await expect(page.getByTestId("read-line")).toContainText("Read 60,001 rows: 60,000 used");
  await expect(page.getByTestId("skipped-row")).toHaveCount(0);
});

test("what the seller types in the search box while an import runs is kept, every keystroke", async ({ page }) => {
  const { generateExport } = await import("./generate-export.mjs");
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  const buffer = Buffer.from(generateExport(100_000));
  await page.getByTestId("file-input").setInputFiles({ name: "export-100k.csv", mimeType: "text/csv", buffer });
  await expect(page.getByTestId("import-progress")).toBeVisible();
  const search = page.getByTestId("search-input");
  await search.click();
  const typed = "576461413038780001";
  await page.keyboard.type(typed, { delay: 40 });
  await expect(page.getByTestId("source-chip")).toContainText("export-100k.csv", { timeout: 60_000 });
  await expect(search).toHaveValue(typed);
  await expect(search).toBeFocused();
  await expect(page.getByTestId("board-count")).toHaveText(/^1 of [\d,]+ orders match$/);
  await expect.poll(() => boardIds(page)).toEqual(["576461413038780001"]);
});

test("an XLSX workbook and Excel's UTF-16 text are read together, the workbook from the sheet picked", async ({ page }) => {
  await page.getByTestId("file-input").setInputFiles([fixture("seller_center_export.xlsx"), fixture("excel_unicode_text.txt")]);
  await expect(page.locator('[data-order-id="576461413038786001"]')).toBeVisible();
  await view(page, "import");
  const files = page.getByTestId("file-summary");
  await expect(files.nth(0)).toContainText(
    "seller_center_export.xlsx: XLSX, sheet \u201cOrders\u201d, 4 rows, Seller Center's row of column descriptions recognised.",
  );
  await expect(files.nth(1)).toContainText("excel_unicode_text.txt: CSV, UTF-16LE, tab-separated, 2 rows");
  await expect(page.getByTestId("read-line")).toContainText("Read 6 rows: 4 used in 4 orders, 1 not used.");
  // The ID Excel stored as a number lost its digits: reported by its sheet row, not guessed.
  await expect(page.getByTestId("skipped-row").first()).toContainText("seller_center_export.xlsx, line 5: Order ID 5.76461E+17");

  await files.nth(0).getByTestId("sheet-select").selectOption("Notes");
  await expect(files.nth(0)).toContainText("seller_center_export.xlsx: XLSX, sheet \u201cNotes\u201d");
  await expect(files.nth(0).getByTestId("sheet-select")).toHaveValue("Notes");
  await view(page, "board");
  await expect(page.locator('[data-order-id="576461413038786100"]')).toBeVisible();
  await expect(page.locator('[data-order-id="576461413038786001"]')).toHaveCount(0);
});

test("a Chinese Excel CSV in GB18030 is decoded by the browser", async ({ page }) => {
  await page.getByTestId("file-input").setInputFiles(fixture("chinese_excel_gb18030.csv"));
  await expect(page.getByTestId("order-row")).toHaveCount(2);
  // The carrier as the rules name it, whatever the export called it (here 中国邮政).
  await expect(page.locator('[data-order-id="576461413038787001"]').getByTestId("carrier")).toHaveText("China Post");
  await view(page, "import");
  await expect(page.getByTestId("file-summary")).toContainText("chinese_excel_gb18030.csv: CSV, GB18030, comma-separated");
});

test("unrecognised columns are mapped by hand once and remembered for the same header row", async ({ page }) => {
  const csv = `Bestellnummer,Bezahlt am,Versand\n576461413038788001,${chinaTime(10 * HOUR)},\n`;
  await check(page, csv);
  await expect(page.getByRole("alert")).toContainText("no Order ID column");
  await page.getByTestId("map-order_id").selectOption("Bestellnummer");
  await page.getByTestId("map-paid_time").selectOption("Bezahlt am");
  await page.getByTestId("map-apply").click();
  await expect(page.locator('[data-order-id="576461413038788001"]')).toContainText("Dispatch due in");
  await expect(page.getByTestId("column-mapping")).toHaveCount(0);

  await page.reload();
  await check(page, csv);
  await expect(page.locator('[data-order-id="576461413038788001"]')).toBeVisible();
});

test("a header row with nothing under it gets one clear message", async ({ page }) => {
  await check(page, "Order ID,Paid Time,Shipped Time\n");
  await expect(page.getByTestId("nothing-checked")).toHaveText(
    "The text has a header row but no orders under it: there is nothing to check.",
  );
  await expect(page.getByTestId("order-row")).toHaveCount(0);
  await expect(page.getByTestId("board-empty")).toBeVisible();
});

test("the board filters, searches and sorts, with counts, and the tab title counts overdue orders", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("board-count")).toHaveText("12 orders");
  await expect(page).toHaveTitle(/^\(1 overdue\) ShipCheck/);
  await expect(stripCount(page, "filter-overdue")).toHaveText("1");
  await expect(stripCount(page, "filter-due-24h")).toHaveText("2");
  await expect(stripCount(page, "filter-to-dispatch")).toHaveText("4");

  await page.getByTestId("filter-overdue").click();
  await expect(page.getByTestId("filter-overdue")).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => boardIds(page)).toEqual(["576461413038785005"]);
  await expect(page.getByTestId("board-count")).toHaveText("1 of 12 orders match");

  await page.getByTestId("filter-due-24h").click();
  await expect.poll(() => boardIds(page)).toEqual(["576461413038785006", "576461413038785003"]);
  await page.getByTestId("filter-all").click();

  await expect(page.getByTestId("filter-finding").locator("option", { hasText: "Late dispatch (1)" })).toHaveCount(1);
  await page.getByTestId("filter-finding").selectOption("late_dispatch");
  await expect.poll(() => boardIds(page)).toEqual(["576461413038785002"]);
  await page.getByTestId("filter-finding").selectOption("");

  await page.getByTestId("filter-carrier").selectOption("YunExpress");
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  await page.getByTestId("filter-destination").selectOption("United Kingdom");
  await expect(page.getByTestId("board-empty")).toBeVisible();
  await page.getByTestId("filter-clear").click();
  await expect(page.getByTestId("board-count")).toHaveText("12 orders");

  await page.getByTestId("search-input").fill("cable-c1");
  await expect.poll(() => boardIds(page)).toEqual(["576461413038785003"]);
  await page.getByTestId("search-input").fill("");

  await page.getByTestId("sort-order-id").click();
  const sorted = async () => {
    const ids = await boardIds(page);
    return ids.length === 12 && ids.join() === [...ids].sort().join() ? ids : null;
  };
  await expect.poll(sorted).not.toBeNull();
  const ascending = await sorted();
  // Sorted by anything but urgency, the board has no group headings.
  await expect(page.getByTestId("group-heading")).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Order" })).toHaveAttribute("aria-sort", "ascending");
  await page.getByTestId("sort-order-id").click();
  await expect.poll(() => boardIds(page)).toEqual([...ascending].reverse());
});

test("the view and the filters live in the link: a reload or a shared link opens the same", async ({ page }) => {
  await page.goto("./#board?due=overdue");
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("board-count")).toHaveText("1 of 12 orders match");
  await expect(page.getByTestId("filter-overdue")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("filter-due-24h").click();
  await page.getByTestId("search-input").fill("cable");
  await expect(page).toHaveURL(/#board\?due=24h&q=cable$/);
  await view(page, "dashboard");
  await expect(page).toHaveURL(/#dashboard\?due=24h&q=cable$/);
  await page.reload();
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("view-dashboard")).toHaveAttribute("aria-selected", "true");
  await view(page, "board");
  await expect(page.getByTestId("search-input")).toHaveValue("cable");
  await expect.poll(() => boardIds(page)).toEqual(["576461413038785003"]);
});

test("an order's detail shows its timeline, findings with evidence, items and a buyer notice to copy", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByTestId("sample-button").click();
  const row = page.locator('[data-order-id="576461413038785003"]');
  await row.getByTestId("order-open").click();
  const detail = page.getByTestId("order-detail");
  await expect(detail).toBeVisible();
  await expect(detail).toContainText("Order 576461413038785003");
  await expect(detail.getByTestId("timeline-step")).toHaveCount(5);
  await expect(detail.getByTestId("timeline-step").nth(2)).toContainText(/Shipped: not yet.*Dispatch deadline .* \(from the rule profile\): 7h 59m left/);
  const dueSoon = detail.locator('[data-testid="detail-finding"][data-code="dispatch_due_soon"]');
  await expect(dueSoon).toContainText("left before the dispatch deadline");
  await expect(dueSoon).toContainText("What to do: Ship it now.");
  await expect(dueSoon.locator("dt", { hasText: "dispatch deadline" })).toHaveCount(1);
  await expect(detail.locator(".sc-lines tbody tr")).toHaveCount(2);
  await expect(detail.locator(".sc-lines")).toContainText("CABLE-C1M");
  await expect(detail.getByTestId("detail-rule-version")).toContainText("the rules in effect from 2024-11-12");

  const english = detail.getByTestId("notice-en");
  await expect(english).toHaveValue(/^Hello, and thank you for your order 576461413038785003\. .* arrive by \d{4}-\d{2}-\d{2}\./);
  await expect(detail.getByTestId("notice-zh")).toHaveValue(/预计将于 \d{4}年\d{1,2}月\d{1,2}日前送达/);
  await detail.getByTestId("copy-notice-en").click();
  await expect(detail).toContainText("Copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await english.inputValue());

  await page.keyboard.press("Escape");
  await expect(detail).toBeHidden();
  await row.click();
  await expect(detail).toBeVisible();
  await detail.getByTestId("detail-close").click();
  await expect(detail).toBeHidden();
});

test("the shown orders export as CSV with formulas neutralised, and the full report as JSON", async ({ page }) => {
  await check(
    page,
    [
      "Order ID,Paid Time,Shipped Time",
      `=HYPERLINK("x"),${chinaTime(50 * HOUR)},`,
      `576461413038785601,${chinaTime(10 * HOUR)},`,
      `576461413038785602,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)}`,
    ].join("\n"),
  );
  await page.getByTestId("filter-state").selectOption("awaiting_dispatch");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await page.getByTestId("filter-state").selectOption("");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toBe("shipcheck-orders.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split("\n");
  expect(lines[0]).toBe("order_id,line,state,dispatch_deadline,collection_deadline,auto_cancel_deadline,delivery_deadline,findings,messages");
  expect(lines).toHaveLength(4);
  expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",2,dispatch_overdue,/);

  await page.getByTestId("search-input").fill("5601");
  await expect(page.getByTestId("board-count")).toHaveText("1 of 3 orders match");
  const [shown] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const shownLines = (await readFile(await shown.path(), "utf8")).trim().split("\n");
  expect(shownLines).toHaveLength(2);
  expect(shownLines[1]).toMatch(/^576461413038785601,3,awaiting_dispatch,/);

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  const report = JSON.parse(await readFile(await json.path(), "utf8"));
  expect(report.orders).toHaveLength(3);
  expect(report.import.rows_used).toBe(3);
  expect(report.metrics.late_dispatch_rate.numerator).toBe(0);
});

test("a bulk tracking upload is checked against the orders before it is sent, and the corrected file downloads", async ({ page }) => {
  const soon = chinaTime(10 * HOUR);
  const late = chinaTime(60 * HOUR);
  await check(page, [
    "Order ID,Order Status,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
    `576461413038788001,Awaiting shipment,${soon},,,`,
    `576461413038788002,Awaiting shipment,${late},,,`,
    `576461413038788003,Shipped,${late},${soon},1Z999AA10123456784,UPS`,
  ].join("\n"));
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  const upload = [
    "Order ID,Tracking ID,Shipping Provider",
    "576461413038788001,LX123456785CN,China Post",
    "576461413038788002,YT2432100012345678,yunexpress",
    "576461413038788003,1Z999AA10123456784,UPS",
    "576461413038788999,,Chna Post",
  ].join("\n");
  await page.getByTestId("upload-input").setInputFiles({ name: "upload.csv", mimeType: "text/csv", buffer: Buffer.from(upload) });
  await expect(page.getByTestId("upload-summary")).toHaveText("4 rows: 2 ready to upload (1 due soon or late: upload them first), 2 to fix.");
  const problems = page.getByTestId("upload-problem");
  await expect(problems).toHaveCount(2);
  await expect(problems.first()).toContainText("Line 4 · 576461413038788003: the order is already shipped");
  await expect(problems.nth(1)).toContainText('Shipping Provider "Chna Post" is not on the provider list: did you mean "China Post"?');

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("upload-download").click()]);
  const text = await readFile(await download.path(), "utf8");
  const [ready, toFix] = text.split("\nRows to fix before uploading\n");
  // The provider is written as the list spells it.
  expect(ready.trim().split("\n")).toEqual([
    "Order ID,Tracking ID,Shipping Provider",
    "576461413038788001,LX123456785CN,China Post",
    "576461413038788002,YT2432100012345678,YunExpress",
  ]);
  expect(toFix.trim().split("\n")).toHaveLength(3);

  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page.getByTestId("upload-summary")).toHaveText("共 4 行：2 行可上传（其中 1 行即将截止或已超时：请先上传），2 行需修改。");
  await expect(problems.first()).toContainText("订单已发货");
  // Closed, the result leaves the board where it was.
  await page.getByTestId("upload-close").click();
  await expect(page.getByTestId("upload-summary")).toHaveCount(0);
});

test("reminders: opted in, a notification when a lead time is reached, once, a reload included; the tab's icon counts the overdue", async ({ page, context }) => {
  await context.grantPermissions(["notifications"]);
  // The notifications shown, kept across reloads of the tab.
  await page.addInitScript(() => {
    window.Notification = class {
      static get permission() { return "granted"; }
      static requestPermission() { return Promise.resolve("granted"); }
      constructor(title) {
        const shown = JSON.parse(sessionStorage.getItem("shown") ?? "[]");
        sessionStorage.setItem("shown", JSON.stringify([...shown, title]));
      }
    };
  });
  const start = Date.now();
  await page.clock.install({ time: start });
  await page.goto("./");
  const orders = [
    "Order ID,Paid Time",
    // Due 48 h after payment: in 5 hours, and 2 hours ago.
    `576461413038789301,${chinaTime(43 * HOUR)}`,
    `576461413038789302,${chinaTime(50 * HOUR)}`,
  ].join("\n");
  const shown = () => page.evaluate(() => JSON.parse(sessionStorage.getItem("shown") ?? "[]"));
  await check(page, orders);
  await expect(page.getByTestId("order-row")).toHaveCount(2);
  await page.getByTestId("reminders-switch").check();
  await expect.poll(shown).toEqual([expect.stringMatching(/^1 order due at \d\d:\d\d:\d\d: under 12 h left$/)]);
  // The icon carries the overdue count beside the title, drawn as strokes: an icon's text costs
  // the page a layout of its own with fonts of its own.
  expect(await page.title()).toMatch(/^\(1 overdue\)/);
  const icon = await page.locator("link[rel~=icon]").getAttribute("href");
  expect(icon).toMatch(/^data:image\/svg\+xml,.*%3Ctitle%3E1%3C\/title%3E.*%3Cpath d='M/);
  expect(icon).not.toContain("%3Ctext");

  // An hour later the 4 h lead time is reached: one more.
  await page.clock.fastForward("01:01:00");
  await expect.poll(shown).toHaveLength(2);
  expect((await shown())[1]).toMatch(/under 4 h left$/);
  // After a reload and the same orders again, nothing is shown twice.
  await page.reload();
  await check(page, orders);
  await expect(page.getByTestId("order-row")).toHaveCount(2);
  await expect(page.getByTestId("reminders-switch")).toBeChecked();
  await page.clock.fastForward("02:00");
  expect(await shown()).toHaveLength(2);
});

test("when the engine stops, the page says so in the seller's language, takes the orders off and reads them again when asked", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  // What a panic in the engine does to its worker: an error nothing catches.
  await page.workers()[0].evaluate(() => setTimeout(() => { throw new Error("a panic in the engine"); }));
  await expect(page.getByTestId("import-error")).toContainText("the engine stopped (");
  await expect(page.getByTestId("import-error")).toContainText("load the orders again");
  await expect(page.getByTestId("order-row")).toHaveCount(0);
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page.getByTestId("import-error")).toContainText("检查引擎已停止");
  // A new engine takes the next check.
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await expect(page.getByTestId("import-error")).toHaveCount(0);
});

test("the shown orders' open deadlines download as a calendar with reminders, in the page's language", async ({ page }) => {
  const paid = chinaTime(10 * HOUR);
  await check(page, `Order ID,Paid Time\n576461413038787001,${paid}\n576461413038787002,${paid}\n576461413038787003,${chinaTime(60 * HOUR)}\n`);
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  const calendar = async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-calendar").click()]);
    expect(download.suggestedFilename()).toBe("shipcheck-deadlines.ics");
    return readFile(await download.path(), "utf8");
  };
  const text = await calendar();
  expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
  // The two orders due at one instant are one event; the overdue one is on the board, not in it.
  expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(text).toMatch(/SUMMARY:2 orders due \d\d:\d\d:\d\d/);
  expect(text.replaceAll("\r\n ", "")).toContain("576461413038787001\\n576461413038787002");
  expect(text.match(/TRIGGER:-PT(\d+)H/g)).toEqual(["TRIGGER:-PT24H", "TRIGGER:-PT12H", "TRIGGER:-PT4H"]);

  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page.getByTestId("export-calendar")).toHaveText("导出日历提醒");
  expect(await calendar()).toMatch(/SUMMARY:2 个订单 \d\d:\d\d:\d\d 截止发货/);
});
test("the dashboard's cards filter the board, its weeks and charts have tables, and the what-if answers", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await view(page, "dashboard");
  const late = page.getByTestId("metric-late-dispatch-rate");
  await expect(late).toContainText("1 of 6 dispatched orders shipped late; above the 4.0% limit.");
  await expect(page.getByTestId("metric-valid-tracking-rate")).toContainText("below the 95.0% target");
  await late.getByTestId("metric-late-dispatch-rate-orders").click();
  await expect(page.getByTestId("view-board")).toHaveAttribute("aria-selected", "true");
  await expect.poll(() => boardIds(page)).toEqual(["576461413038785002"]);
  await expect(page.getByTestId("filter-metric")).toContainText("late dispatch rate");
  await page.getByTestId("filter-metric").click();
  await expect(page.getByTestId("board-count")).toHaveText("12 orders");

  // Valid tracking is a floor: the orders against it are those without a valid number.
  await view(page, "dashboard");
  await page.getByTestId("metric-valid-tracking-rate-orders").click();
  await expect.poll(() => boardIds(page)).toEqual(["576461413038785012"]);
  await page.getByTestId("filter-clear").click();

  await view(page, "dashboard");
  // This week and the seven before it, as the platform counts each rate, with the trend first.
  const weekly = page.getByTestId("weekly");
  await expect(weekly.locator("thead th")).toHaveCount(10);
  await expect(weekly.locator("thead th").nth(1)).toHaveText("Trend");
  await expect(weekly.locator("thead th").nth(2)).toHaveText("This week");
  await expect(weekly.locator("tbody tr")).toHaveCount(4);
  const trend = weekly.locator("tbody tr").first().getByTestId("trend");
  await expect(trend.locator(".sc-spark-bar")).toHaveCount(8);
  await expect(trend).toHaveAttribute("aria-label", /^The weeks oldest first: (.+, ){7}.+$/);
  for (const chart of ["chart-daily-late-dispatch", "chart-handling-hours", "chart-transit-days", "chart-carriers", "chart-destinations"]) {
    await expect(page.getByTestId(chart).locator("[role=img]")).toHaveCount(1);
  }
  const daily = page.getByTestId("chart-daily-late-dispatch");
  await daily.locator("summary").click();
  await expect(daily.locator("tr")).toHaveCount(30);
  await expect(page.getByTestId("chart-destinations").locator("tr").first()).toContainText("United States5 orders");

  const result = page.getByTestId("what-if-result");
  await expect(result).toContainText("If the 2 orders due in the next 24 hours ship now");
  await page.getByTestId("what-if-hours").fill("72");
  await expect(result).toContainText("If the 3 orders due in the next 72 hours ship now");
  await expect(result).toContainText("(1 already overdue will count as late)");
});

test("the rules' number fields line up: one width, whatever their labels, and each value fits", async ({ page }) => {
  const fields = page.getByTestId("settings").locator(".sc-field input[type=number]");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const language of ["en", "zh-CN"]) {
      await page.getByTestId("locale-switch").selectOption(language);
      await expect(page.locator(".shipcheck")).toHaveAttribute("lang", language);
      await page.getByTestId("settings-open").click();
      await expect(fields).toHaveCount(6);
      const boxes = await fields.evaluateAll((inputs) =>
        inputs.map((input) => ({ width: Math.round(input.getBoundingClientRect().width), fits: input.scrollWidth <= input.clientWidth })),
      );
      expect(new Set(boxes.map((box) => box.width)).size, `${width} px, ${language}: ${JSON.stringify(boxes)}`).toBe(1);
      expect(boxes.every((box) => box.fits), `${width} px, ${language}`).toBe(true);
      await page.getByTestId("settings-close").click();
    }
  }
});

test("rules are edited in a draft, refused beside the field when impossible, applied, undone and remembered", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await expect(stripCount(page, "filter-overdue")).toHaveText("1");

  await page.getByTestId("settings-open").click();
  const settings = page.getByTestId("settings");
  await expect(settings).toBeVisible();
  await expect(page.getByTestId("profile-select")).toHaveValue("cross-border-article");
  const apply = page.getByTestId("settings-apply");
  await expect(apply).toBeDisabled();
  // An impossible value is refused where it is typed, and nothing changes.
  await page.getByTestId("setting-dispatch").fill("-5");
  await expect(page.getByTestId("setting-dispatch-error")).toHaveText("Must be from 1 to 8784.");
  await expect(apply).toBeDisabled();
  await expect(stripCount(page, "filter-overdue")).toHaveText("1");
  // 24 hours to dispatch instead of 48: the orders paid 40 and 46.5 hours ago are overdue too.
  await page.getByTestId("setting-dispatch").fill("24");
  await expect(page.getByTestId("setting-dispatch-error")).toHaveText("");
  await expect(stripCount(page, "filter-overdue")).toHaveText("1");
  await apply.click();
  await expect(stripCount(page, "filter-overdue")).toHaveText("3");
  await expect(settings).toContainText("In use: Cross-border: ship within 48 hours (edited)");
  await expect(page.getByTestId("rules-chip")).toContainText("(edited)");

  await page.getByTestId("settings-undo").click();
  await expect(stripCount(page, "filter-overdue")).toHaveText("1");
  await expect(page.getByTestId("setting-dispatch")).toHaveValue("48");

  await page.getByTestId("setting-dispatch").fill("24");
  await page.getByTestId("closed-day-input").fill("2026-12-24");
  await page.getByTestId("closed-day-add").click();
  await expect(page.getByTestId("closed-days")).toContainText("2026-12-24");
  await page.getByTestId("setting-late-dispatch-max").fill("10");
  await apply.click();
  await page.getByTestId("settings-close").click();
  await view(page, "dashboard");
  await expect(page.getByTestId("metric-late-dispatch-rate")).toContainText("above the 10.0% limit");

  await page.reload();
  await page.getByTestId("settings-open").click();
  await expect(page.getByTestId("setting-dispatch")).toHaveValue("24");
  await expect(page.getByTestId("closed-days")).toContainText("2026-12-24");

  await page.getByTestId("profile-select").selectOption("us-local");
  await expect(page.getByTestId("setting-time-zone")).toHaveValue("America/Los_Angeles");
  await apply.click();
  await page.getByTestId("settings-close").click();
  await expect(page.getByTestId("rules-chip")).toContainText("US local sellers");
  await page.getByTestId("sample-button").click();
  await view(page, "import");
  await expect(page.getByTestId("zone-select")).toHaveValue("America/Los_Angeles");
});

test("the first time, where the seller ships from and to picks the rules", async ({ page }) => {
  const question = page.getByTestId("first-use");
  await expect(question).toContainText("Where do you ship from, and to which market?");
  await page.getByTestId("first-use-us-cross-border").click();
  await expect(question).toBeHidden();
  await expect(page.getByTestId("rules-chip")).toContainText("US cross-border");
  await page.reload();
  await expect(page.getByTestId("check-button")).toBeVisible();
  await expect(question).toBeHidden();
  await expect(page.getByTestId("rules-chip")).toContainText("US cross-border");
});

test("the whole profile is edited as JSON, exported and imported; a bad one is refused with the reason", async ({ page }) => {
  await page.getByTestId("settings-open").click();
  await page.locator(".sc-profile-json summary").click();
  const json = page.getByTestId("profile-json");
  const profile = JSON.parse(await json.inputValue());
  expect(profile.id).toBe("cross-border-article");

  const metrics = { ...profile.metrics, late_dispatch: { ...profile.metrics.late_dispatch, target: 4 } };
  await json.fill(JSON.stringify({ ...profile, metrics }));
  await page.getByTestId("profile-json-apply").click();
  await expect(page.getByTestId("profile-json-error")).toHaveText(
    "Not used: metrics.late_dispatch.target is 4: a rate is a fraction from 0 to 1 (0.04 = 4 %)",
  );

  await json.fill(JSON.stringify({ ...profile, due_soon_hours: 3 }));
  await page.getByTestId("profile-json-apply").click();
  await expect(page.getByTestId("profile-json-error")).toHaveCount(0);
  await expect(page.getByTestId("setting-due-soon")).toHaveValue("3");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("profile-export").click()]);
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(exported.due_soon_hours).toBe(3);

  const uk = { ...exported, id: "uk-eu-mine", name: "My UK rules", time_zone: "Europe/London" };
  await page.getByTestId("profile-import").setInputFiles({
    name: "mine.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(uk)),
  });
  await expect(page.getByTestId("setting-time-zone")).toHaveValue("Europe/London");
  await page.getByTestId("settings-apply").click();
  await expect(page.getByTestId("rules-in-use")).toContainText("In use: My UK rules");
});

test("saved settings that are damaged or from another version load the defaults and say so", async ({ page }) => {
  await page.evaluate(() => localStorage.setItem("shipcheck.settings", "{broken"));
  await page.reload();
  await expect(page.getByTestId("settings-note")).toContainText("Your saved settings could not be used: the saved settings are damaged");
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();

  await page.evaluate(() => localStorage.setItem("shipcheck.settings", JSON.stringify({ version: 1, profile: {} })));
  await page.reload();
  await expect(page.getByTestId("settings-note")).toContainText("from another version of ShipCheck (version 1, this one reads 2)");
  await expect(page.getByTestId("check-button")).toBeVisible();
});

test("dates that could be read either way say so, and are read the other way with one click", async ({ page }) => {
  await check(page, "Order ID,Paid Time\n576461413038786002,03/04/2026 10:00:00\n");
  const banner = page.getByTestId("date-order-banner");
  await expect(banner).toContainText("No date in Paid Time says which comes first");
  await expect(banner).toContainText("read as MM/DD/YYYY");
  await expect(page.getByTestId("date-example")).toHaveText([
    "Line 2, \u201c03/04/2026 10:00:00\u201d: read as 2026-03-04; as DD/MM/YYYY it would be 2026-04-03.",
  ]);
  await page.getByTestId("date-order-switch").click();
  await expect(banner).toHaveCount(0);
  await view(page, "import");
  await expect(page.getByTestId("file-summary")).toContainText("Paid Time read as DD/MM/YYYY (as chosen)");
});

test("an invalid date decides nothing: 31/02 is reported and 12/01 is not taken for January", async ({ page }) => {
  await check(page, "Order ID,Paid Time\n576461413038786010,31/02/2026 10:00\n576461413038786011,12/01/2026 10:00\n");
  await expect(page.getByTestId("date-order-banner")).toContainText("read as MM/DD/YYYY");
  await expect(page.getByTestId("view-import")).toHaveText("How they were read (1 not used)");
  await view(page, "import");
  await expect(page.getByTestId("skipped-row")).toContainText('Line 2: Paid Time: "31/02/2026 10:00" is not a date');
});

test("dotted dates are day-first", async ({ page }) => {
  await check(page, "Order ID;Paid Time\n576461413038786012;02.12.2026 10:00\n");
  await expect(page.getByTestId("date-order-banner")).toHaveCount(0);
  await view(page, "import");
  await expect(page.getByTestId("file-summary")).toContainText("Paid Time read as DD/MM/YYYY (as its values show)");
});

test("US dates read in China time are questioned, and read in US time with one click", async ({ page }) => {
  await check(page, "Order ID,Paid Time\n576461413038786013,11/25/2026 9:05:00 PM\n");
  const banner = page.getByTestId("zone-banner");
  await expect(banner).toContainText("written month first, as US exports write them, but were read in Asia/Shanghai time");
  await expect(banner).toContainText("every deadline is 16 hours off");
  await page.getByTestId("zone-switch").click();
  await expect(banner).toHaveCount(0);
  await view(page, "import");
  await expect(page.getByTestId("zone-select")).toHaveValue("America/Los_Angeles");
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("a browser set to Chinese gets the page in Chinese, and the board, detail and dashboard read in it", async ({ page }) => {
    await expect(page.locator(".shipcheck")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByTestId("check-button")).toHaveText("检查订单");
    await page.getByTestId("sample-button").click();
    await expect(page.getByTestId("board-count")).toHaveText("12 个订单");
    await expect(page).toHaveTitle(/^（1 个已逾期）ShipCheck/);

    await page.getByTestId("filter-overdue").click();
    await expect(page.getByTestId("board-count")).toHaveText("12 个订单中有 1 个符合");
    const row = page.getByTestId("order-row").first();
    await expect(row).toContainText("发货已逾期");
    await expect(row.locator('[data-code="dispatch_overdue"]')).toHaveText("已逾期");
    await expect(row.getByTestId("countdown")).toHaveText(/^−\d{2}:\d{2}:\d{2}$/);
    await expect(row.getByTestId("destination")).toHaveText("美国");

    await row.getByTestId("order-open").click();
    const detail = page.getByTestId("order-detail");
    await expect(detail.locator('[data-code="dispatch_overdue"]')).toContainText("尚未发货，已超过发货截止时间");
    await expect(detail.locator('[data-code="dispatch_overdue"]')).toContainText("处理建议：立即发货。");
    await expect(detail.getByTestId("timeline-step").nth(2)).toContainText("发货截止时间");
    // The seller's language first: the Chinese notice leads.
    await expect(detail.locator("textarea[data-testid^=notice]").first()).toHaveAttribute("data-testid", "notice-zh");
    // The rules' source, a Chinese article, by its own title.
    const article = "《TikTok Shop跨境电商发货新规,订单处理必知指南!》（独角兽资讯，2024-11-12）";
    await expect(detail.getByTestId("detail-rule-version").locator("cite")).toHaveText(article);
    await page.keyboard.press("Escape");

    await view(page, "import");
    await expect(page.getByTestId("read-line")).toHaveText("共读取 16 行：14 行用于 12 个订单，2 行未使用。");
    await expect(page.getByTestId("rule-versions").locator("cite")).toHaveText([article]);
    await view(page, "dashboard");
    await expect(page.getByTestId("metric-late-dispatch-rate")).toContainText("6 个已发货订单中有 1 个延迟发货；高于 4.0% 的上限。");
    await expect(page.getByTestId("metric-valid-tracking-rate")).toContainText("低于 95.0% 的目标");
    await expect(page.getByTestId("what-if-result")).toContainText("小时内到期的");
    await page.getByTestId("settings-open").click();
    await expect(page.getByTestId("settings")).toContainText("规则与设置");
    await page.getByTestId("settings-close").click();

    await page.getByTestId("tracking-open").click();
    await page.getByTestId("tracking-input").fill("LX123456780CN");
    await page.getByTestId("tracking-carrier").fill("China Post");
    await expect(page.getByTestId("tracking-result")).toHaveText("无效：UPU S10 (postal) 校验位是 0，应为 5：有数字输错了。");
  });

  test("the Chinese page shows no English word outside IDs, codes and carrier names", async ({ page }) => {
    // Brand and format names, codes sellers see in Seller Center too, and the sample's carriers.
    const allowed = ["ShipCheck", "TikTok", "CSV", "JSON", "XLSX", "TSV", "UTF", "LE", "BE", "GB", "SKU", "MM", "DD", "YYYY",
      "RTS", "UTC", "Excel", "Unicode", "ID", "HH", "SS", "ISO", "Unix", "YunExpress", "PX", "China", "Post", "Speedy",
      "English", "Shop"];
    const english = () =>
      page.evaluate((allowed) => {
        const root = document.querySelector(".shipcheck");
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const found = new Set();
        // IDs, tracking numbers, zone names and the sample's own data.
        const exempt = ".sc-mono, [data-testid=carrier], [data-testid=zone-select], [data-testid=setting-time-zone], .sc-lines, textarea, [data-testid=locale-switch]";
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const element = node.parentElement;
          if (element.closest(exempt) || !element.checkVisibility()) continue;
          // A cell quoted from the file is the seller's own data.
          const text = node.textContent.replace(/"[^"]*"|\u201c[^\u201d]*\u201d/g, "");
          for (const word of text.match(/[A-Za-z][A-Za-z'’]+/g) ?? []) if (!allowed.includes(word)) found.add(word);
        }
        return [...found];
      }, allowed);
    await page.getByTestId("sample-button").click();
    await expect(page.getByTestId("order-row").first()).toBeVisible();
    expect(await english(), "the board").toEqual([]);
    await view(page, "dashboard");
    await expect(page.getByTestId("weekly")).toBeVisible();
    expect(await english(), "the shop metrics").toEqual([]);
    await view(page, "import");
    expect(await english(), "how the orders were read").toEqual([]);
    await view(page, "board");
    await page.getByTestId("order-open").first().click();
    await expect(page.getByTestId("detail-finding").first()).toBeVisible();
    expect(await english(), "an order's detail").toEqual([]);
    await page.keyboard.press("Escape");
    await page.getByTestId("settings-open").click();
    expect(await english(), "the settings").toEqual([]);
  });

  test("in Chinese the orders export, the rules are edited and the reading options apply", async ({ page }) => {
    await page.getByTestId("sample-button").click();
    await expect(page.getByTestId("export-csv")).toHaveText("导出当前订单（CSV）");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const lines = (await readFile(await download.path(), "utf8")).trim().split("\n");
    // The file is for spreadsheets and programs: its header and codes stay the same in every language.
    expect(lines[0]).toBe("order_id,line,state,dispatch_deadline,collection_deadline,auto_cancel_deadline,delivery_deadline,findings,messages");
    expect(lines).toHaveLength(13);

    await page.getByTestId("copy-notices").click();
    await expect(page.getByTestId("notices-copied")).toContainText("条买家通知");

    await page.getByTestId("settings-open").click();
    await expect(page.getByTestId("settings")).toContainText("发货时限（小时）");
    await page.getByTestId("setting-dispatch").fill("0");
    await expect(page.getByTestId("setting-dispatch-error")).toHaveText("必须在 1 到 8784 之间。");
    await page.getByTestId("setting-dispatch").fill("24");
    await page.getByTestId("closed-day-input").fill("2026-12-24");
    await page.getByTestId("closed-day-add").click();
    await expect(page.getByRole("button", { name: "删除 2026-12-24" })).toBeVisible();
    await page.getByTestId("settings-apply").click();
    await page.getByTestId("settings-close").click();
    await expect(stripCount(page, "filter-overdue")).toHaveText("3");

    await check(page, "Order ID,Paid Time\n576461413038786003,03/04/2026 10:00:00\n");
    await view(page, "import");
    await page.locator(".sc-reading summary").click();
    await expect(page.locator(".sc-reading")).toContainText("斜杠日期");
    await page.getByTestId("date-order-select").selectOption("day-first");
    await expect(page.getByTestId("file-summary")).toContainText("付款时间 按 DD/MM/YYYY 读取（按您的选择）");
  });

  test("the language switches in place: filters, what is typed and the focus stay, and it is remembered", async ({ page }) => {
    await page.getByTestId("sample-button").click();
    await page.getByTestId("filter-due-24h").click();
    await expect(page.getByTestId("board-count")).toHaveText("12 个订单中有 2 个符合");
    await page.getByTestId("search-input").fill("5766");
    await page.getByTestId("locale-switch").selectOption("en");
    await expect(page.getByTestId("board-count")).toHaveText("0 of 12 orders match");
    await expect(page.getByTestId("search-input")).toHaveValue("5766");
    await expect(page.getByTestId("filter-due-24h")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("check-button")).toHaveText("Check orders");
    await page.reload();
    await expect(page.getByTestId("check-button")).toHaveText("Check orders");
    await page.getByTestId("locale-switch").selectOption("zh-CN");
    await expect(page.getByTestId("check-button")).toHaveText("检查订单");
  });
});

/** What axe-core finds serious or critical on the page as it is now, one line per problem. */
async function accessibilityProblems(page) {
  // Evaluated by the test driver, not added as a <script>: the page's own policy forbids those.
  await page.evaluate(await readFile(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  return violations;
}

for (const [scheme, locale, width] of [["light", "en-US", 1280], ["dark", "zh-CN", 375]]) {
  test.describe(`accessibility, ${scheme}, ${locale}, ${width} px`, () => {
    test.use({ colorScheme: scheme, locale, viewport: { width, height: 900 } });

    test("axe finds nothing serious on the page, the board, the views, the detail or the settings", async ({ page }) => {
      expect(await accessibilityProblems(page), "empty page").toEqual([]);
      await page.getByTestId("sample-button").click();
      await expect(page.getByTestId("order-row").first()).toBeVisible();
      expect(await accessibilityProblems(page), "with orders").toEqual([]);
      await view(page, "dashboard");
      await expect(page.getByTestId("weekly")).toBeVisible();
      expect(await accessibilityProblems(page), "dashboard").toEqual([]);
      await view(page, "import");
      expect(await accessibilityProblems(page), "how the orders were read").toEqual([]);
      await view(page, "board");
      await page.getByTestId("order-open").first().click();
      await expect(page.getByTestId("order-detail")).toBeVisible();
      expect(await accessibilityProblems(page), "order detail").toEqual([]);
      await page.keyboard.press("Escape");
      await page.getByTestId("settings-open").click();
      await expect(page.getByTestId("settings")).toBeVisible();
      expect(await accessibilityProblems(page), "settings").toEqual([]);
    });
  });
}

test("the board and the detail are used with the keyboard alone", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await page.getByTestId("filter-overdue").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("board-count")).toHaveText("1 of 12 orders match");
  await page.getByTestId("order-open").first().focus();
  await page.keyboard.press("Enter");
  const detail = page.getByTestId("order-detail");
  await expect(detail).toBeVisible();
  await expect(page.getByTestId("detail-close")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(detail).toBeHidden();
  // Focus goes back to where the seller was.
  await expect(page.getByTestId("order-open").first()).toBeFocused();
});

test("the shown orders print as a plain table, and their buyer notices copy at once", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByTestId("sample-button").click();
  await page.getByTestId("filter-due-24h").click();
  await expect(page.getByTestId("board-count")).toHaveText("2 of 12 orders match");

  // What the page holds when the browser prints.
  await page.evaluate(() => {
    window.print = () => {
      window.printed = [...document.querySelectorAll('[data-testid="print-view"] tbody tr')].map((row) => row.cells[0].textContent);
    };
  });
  await page.getByTestId("print").click();
  await expect.poll(() => page.evaluate(() => window.printed)).toEqual(["576461413038785006", "576461413038785003"]);
  await expect(page.getByTestId("print-view")).toHaveCount(0);

  // Orders due soon ship on time: their buyers need no notice.
  await page.getByTestId("copy-notices").click();
  await expect(page.getByTestId("notices-copied")).toHaveText("No shown order needs a buyer notice now.");

  // The overdue one ships late: its buyer gets a notice. Of all twelve it is the only one that
  // will miss the date its buyer was promised (the slow parcel in transit is not past its own).
  await page.getByTestId("filter-overdue").click();
  await expect(page.getByTestId("board-count")).toHaveText("1 of 12 orders match");
  await page.getByTestId("copy-notices").click();
  await expect(page.getByTestId("notices-copied")).toHaveText("Copied 1 buyer notice.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("order 576461413038785005");
  await page.getByTestId("filter-all").click();
  await expect(page.getByTestId("board-count")).toHaveText("12 orders");
  await page.getByTestId("copy-notices").click();
  await expect(page.getByTestId("notices-copied")).toHaveText("Copied 1 buyer notice.");
});

test("the seller overrides the encoding and the order of slashed dates, and the orders are read again", async ({ page }) => {
  const text = `Order ID\tPaid Time\n576461413038786001\t${chinaTime(10 * HOUR)}\n`;
  // UTF-16 without its byte-order mark: nothing says how to read it.
  const bytes = Buffer.from(text, "utf16le");
  await page.getByTestId("file-input").setInputFiles({ name: "no-bom.txt", mimeType: "text/plain", buffer: bytes });
  await expect(page.getByTestId("import-error")).toBeVisible();
  await expect(page.getByTestId("order-row")).toHaveCount(0);
  // The reading options are under the failure itself.
  await page.locator(".sc-reading summary").click();
  await page.getByTestId("encoding-select").selectOption("utf-16le");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("import-error")).toHaveCount(0);
  await view(page, "import");
  await expect(page.getByTestId("file-summary")).toContainText("no-bom.txt: CSV, UTF-16LE, tab-separated, 1 row");

  await page.locator(".sc-reading summary").click();
  await page.getByTestId("encoding-select").selectOption("");
  await check(page, "Order ID,Paid Time\n576461413038786002,03/04/2026 10:00:00\n");
  await view(page, "import");
  await expect(page.getByTestId("file-summary")).toContainText("Paid Time read as MM/DD/YYYY (no value decides");
  // The view stayed open through the check, its options with it.
  await page.getByTestId("date-order-select").selectOption("day-first");
  await expect(page.getByTestId("file-summary")).toContainText("Paid Time read as DD/MM/YYYY (as chosen)");
});
