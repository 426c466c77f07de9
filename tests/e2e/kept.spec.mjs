// End to end: what the seller keeps in this browser and takes away from it. Marks and notes
// survive a reload and a later import; the last import opens again when asked; one button
// forgets it all and says what it removed; the appeal pack downloads and prints with the notes;
// the reminders' lead times are the seller's. Nothing of it leaves the browser.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { test, expect } from "@playwright/test";
import { HOUR, chinaTime, check as paste, watchErrors } from "./seller.mjs";

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const OVERDUE = "576461413038786001";
const DUE_SOON = "576461413038786002";
const SHIPPED = "576461413038786003";

/** Monday's export: one order overdue, one due soon, one shipped. */
const monday = () =>
  [
    "Order ID,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
    `${OVERDUE},${chinaTime(50 * HOUR)},,,`,
    `${DUE_SOON},${chinaTime(30 * HOUR)},,,`,
    `${SHIPPED},${chinaTime(40 * HOUR)},${chinaTime(20 * HOUR)},LX123456785CN,China Post`,
  ].join("\n");

/** Tuesday's: the overdue order has shipped, and a new one came in. */
const tuesday = () =>
  [
    "Order ID,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
    `${OVERDUE},${chinaTime(50 * HOUR)},${chinaTime(1 * HOUR)},LX987654321CN,China Post`,
    `${DUE_SOON},${chinaTime(30 * HOUR)},,,`,
    `576461413038786004,${chinaTime(2 * HOUR)},,,`,
  ].join("\n");

let problems = [];
let requests = [];

test.beforeEach(async ({ page, context }) => {
  problems = [];
  requests = [];
  context.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
  watchErrors(page, problems);
  await page.goto("./");
  await expect(page.getByTestId("check-button")).toBeVisible();
});

test.afterEach(async ({ baseURL }) => {
  expect(problems, "errors in the page console").toEqual([]);
  // Nothing the seller keeps, marks or pastes goes anywhere: every request is a GET of the app's
  // files, or of a `blob:` URL the app made itself (the engine's reader), which never leaves the
  // browser.
  const own = [`GET ${baseURL}`, `GET blob:${new URL(baseURL).origin}/`];
  const strays = requests.filter((line) => !own.some((start) => line.startsWith(start)));
  expect(strays, "requests beyond the app's own files").toEqual([]);
});

/** Pastes and checks `csv`; done when the board shows it. */
async function check(page, csv) {
  await paste(page, csv);
  await expect(page.getByTestId("order-row").first()).toBeVisible();
}

const row = (page, id) => page.locator(`[data-testid="order-row"][data-order-id="${id}"]`);

async function openDetail(page, id) {
  await row(page, id).getByTestId("order-open").click();
  await expect(page.getByTestId("order-detail")).toBeVisible();
}

async function closeDetail(page) {
  await page.getByTestId("detail-close").click();
  await expect(page.getByTestId("order-detail")).toBeHidden();
}

/** What this origin keeps: local storage keys and the IndexedDB databases with their entry counts. */
function storage(page) {
  return page.evaluate(async () => {
    const databases = await indexedDB.databases();
    const counts = {};
    for (const { name } of databases) {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        counts[`${name}/${store}`] = await new Promise((resolve) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
        });
      }
      db.close();
    }
    return { local: Object.keys(localStorage).sort(), databases: databases.map((d) => d.name), counts };
  });
}

test("marks and a note survive a reload and the next day's export, filter the board, and go into the appeal pack", async ({ page }) => {
  await check(page, monday());
  await openDetail(page, OVERDUE);
  await page.getByTestId("mark-buyer-notified").check();
  await page.getByTestId("mark-note").fill("Courier missed the pickup; rebooked for 18:00, receipt photo kept");
  await page.getByTestId("mark-note").blur();
  await closeDetail(page);
  await openDetail(page, SHIPPED);
  await page.getByTestId("mark-shipped").check();
  await page.getByTestId("mark-tracking-uploaded").check();
  await closeDetail(page);
  await expect(row(page, OVERDUE).getByTestId("marks")).toHaveText("✓ Notified✎ Note");
  await expect(row(page, SHIPPED).getByTestId("marks")).toHaveText("✓ Shipped✓ Tracking");
  // A line says a tick in a word; the pointer shows it whole.
  await expect(row(page, SHIPPED).locator('[data-mark="tracking-uploaded"]')).toHaveAttribute("title", "Tracking uploaded");

  // What is left to handle: the order nobody has ticked.
  await page.getByTestId("filter-mark").selectOption("not-handled");
  await expect(page.getByTestId("board-count")).toHaveText("1 of 3 orders match");
  await expect(page.getByTestId("order-row")).toHaveAttribute("data-order-id", DUE_SOON);
  // Ticking it off takes it out of the list at once.
  await openDetail(page, DUE_SOON);
  await page.getByTestId("mark-shipped").check();
  await closeDetail(page);
  await expect(page.getByTestId("board-empty")).toBeVisible();
  await page.getByTestId("filter-mark").selectOption("shipped");
  await expect(page.getByTestId("board-count")).toHaveText("2 of 3 orders match");
  // Unticked, it leaves the shipped ones.
  await openDetail(page, DUE_SOON);
  await page.getByTestId("mark-shipped").uncheck();
  await closeDetail(page);
  await expect(page.getByTestId("order-row")).toHaveAttribute("data-order-id", SHIPPED);
  await page.getByTestId("filter-mark").selectOption("");

  // A reload: the marks are read back before anything is checked.
  await page.reload();
  await check(page, monday());
  await expect(row(page, OVERDUE).getByTestId("marks")).toHaveText("✓ Notified✎ Note");
  await openDetail(page, OVERDUE);
  await expect(page.getByTestId("mark-note")).toHaveValue("Courier missed the pickup; rebooked for 18:00, receipt photo kept");
  await expect(page.getByTestId("mark-buyer-notified")).toBeChecked();
  await expect(page.getByTestId("mark-shipped")).not.toBeChecked();
  await closeDetail(page);

  // Tuesday's export: the same orders keep their marks, by ID; the new one has none.
  await check(page, tuesday());
  await expect(row(page, OVERDUE).getByTestId("marks")).toHaveText("✓ Notified✎ Note");
  await expect(row(page, "576461413038786004").getByTestId("marks")).toHaveText("");
  await page.getByTestId("filter-mark").selectOption("noted");
  await expect(page.getByTestId("order-row")).toHaveCount(1);

  // The appeal pack of the shown order: its times with their offsets, the rule version, the note.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("appeal-csv").click()]);
  expect(download.suggestedFilename()).toBe("shipcheck-appeal-pack.csv");
  const csv = await readFile(await download.path(), "utf8");
  const [header, line] = csv.trim().split("\n");
  expect(header).toBe(
    "Order ID,Rule version,Time zone,Paid,Awaiting shipment since,Dispatch deadline,Shipped (handed over)," +
      "First carrier scan,Delivered,Carrier,Tracking ID,Finding,Seller's note",
  );
  expect(line).toMatch(
    new RegExp(
      `^${OVERDUE},"cross-border-article from 2024-11-12 \\(.*\\)",Asia/Shanghai,` +
        "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00,){3}\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00,,,China Post,LX987654321CN,",
    ),
  );
  // The finding, in as many lines as it has, then the note.
  expect(csv).toContain(",\"Dispatched 1h 0m after the dispatch deadline");
  expect(csv.trim()).toMatch(/,"Courier missed the pickup; rebooked for 18:00, receipt photo kept"$/);
});

test("a note being typed keeps its words and the focus when the minute turns and the detail is written again", async ({ page }) => {
  // The engine's answers with an order's detail, counted as the page hears them.
  await page.addInitScript(() => {
    window.detailsHeard = 0;
    const { get, set } = Object.getOwnPropertyDescriptor(Worker.prototype, "onmessage");
    Object.defineProperty(Worker.prototype, "onmessage", {
      get,
      set(listener) {
        set.call(this, (event) => {
          if (String(event.data?.answer?.json).startsWith('{"detail"')) window.detailsHeard += 1;
          return listener(event);
        });
      },
    });
  });
  await page.clock.install();
  await page.reload();
  await check(page, monday());
  await openDetail(page, OVERDUE);
  const note = page.getByTestId("mark-note");
  await note.click();
  await page.keyboard.type("Courier rebooked");
  // The detail is asked for again each minute, its state and findings written to the minute,
  // and drawn again with the answer.
  const heard = () => page.evaluate(() => window.detailsHeard);
  expect(await heard()).toBe(1);
  await page.clock.runFor(61_000);
  await expect.poll(heard).toBe(2);
  await expect(note).toBeFocused();
  await page.keyboard.type(" for 18:00");
  await expect(note).toHaveValue("Courier rebooked for 18:00");
  await closeDetail(page);
  await expect(row(page, OVERDUE).locator('[data-mark="noted"]')).toHaveAttribute("title", "Courier rebooked for 18:00");
});

test("one order's appeal pack prints as a dispatch manifest with the seller's note", async ({ page }) => {
  await check(page, monday());
  await openDetail(page, SHIPPED);
  // Closed with Escape while the note is still being typed: it is kept all the same.
  await page.getByTestId("mark-note").fill("Handed to China Post, Shenzhen depot");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("order-detail")).toBeHidden();
  await expect(row(page, SHIPPED).getByTestId("marks")).toHaveText("✎ Note");
  await openDetail(page, SHIPPED);
  await page.evaluate(() => {
    window.print = () => {
      window.printed = [...document.querySelectorAll('[data-testid="appeal-line"]')].map((row) =>
        [...row.cells].map((cell) => cell.innerText),
      );
    };
  });
  await page.getByTestId("order-detail").getByTestId("appeal-print").click();
  await expect.poll(() => page.evaluate(() => window.printed?.length)).toBe(1);
  const [cells] = await page.evaluate(() => window.printed);
  expect(cells[0]).toMatch(new RegExp(`^${SHIPPED}cross-border-article from 2024-11-12`));
  expect(cells[4]).toMatch(/\+08:00$/);
  expect(cells[7]).toBe("China Post LX123456785CN");
  expect(cells[9]).toBe("Handed to China Post, Shenzhen depot");
  await expect(page.getByTestId("appeal-view")).toHaveCount(0);
  await expect(page.getByTestId("order-detail")).toBeHidden();
});

test("the last import opens again on reload when asked, and one button forgets everything and says what", async ({ page }) => {
  await check(page, monday());
  await openDetail(page, OVERDUE);
  await page.getByTestId("mark-note").fill("called the buyer");
  await page.getByTestId("mark-note").blur();
  await closeDetail(page);
  await page.getByTestId("settings-open").click();
  await page.getByTestId("restore-last").check();
  await page.getByTestId("settings-close").click();

  await page.reload();
  await expect(row(page, OVERDUE)).toBeVisible();
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  await expect(row(page, OVERDUE).getByTestId("marks")).toHaveText("✎ Note");
  let kept = await storage(page);
  expect(kept.counts).toEqual({ "shipcheck/marks": 1, "shipcheck/imports": 1, "shipcheck/history": 0 });
  expect(kept.local).toContain("shipcheck.restore");

  await page.getByTestId("settings-open").click();
  await page.getByTestId("forget-all").click();
  await expect(page.getByTestId("forgot")).toHaveText(
    /^Removed from this browser: 1 mark or note, the last import, \d+ settings?\.$/,
  );
  await expect(page.getByTestId("restore-last")).not.toBeChecked();
  await page.getByTestId("settings-close").click();
  await expect(row(page, OVERDUE).getByTestId("marks")).toHaveText("");
  kept = await storage(page);
  expect(kept.local).toEqual([]);
  expect(kept.databases).toEqual([]);

  // Nothing comes back: the reload opens empty.
  await page.reload();
  await expect(page.getByTestId("paste-input")).toBeVisible();
  await expect(page.getByTestId("order-row")).toHaveCount(0);
  kept = await storage(page);
  expect(kept.local).toEqual([]);
  await page.getByTestId("settings-open").click();
  await page.getByTestId("forget-all").click();
  await expect(page.getByTestId("forgot")).toHaveText("This browser kept nothing of ShipCheck's.");
});

test("a picked file opens again on reload once the seller asks, from this browser's own copy", async ({ page }) => {
  await page.getByTestId("file-input").setInputFiles(fixture("us_export.tsv"));
  await expect(page.getByTestId("source-chip")).toHaveText(/^us_export\.tsv · \d+ orders?$/);
  const chip = await page.getByTestId("source-chip").textContent();
  // Asked after the check: what is on the page is kept at once.
  await page.getByTestId("settings-open").click();
  await page.getByTestId("restore-last").check();
  await page.getByTestId("settings-close").click();
  await page.reload();
  await expect(page.getByTestId("source-chip")).toHaveText(chip);
  // Turned off, the copy goes.
  await page.getByTestId("settings-open").click();
  await page.getByTestId("restore-last").uncheck();
  await expect.poll(async () => (await storage(page)).counts["shipcheck/imports"]).toBe(0);
});

test("the reminders' lead times are the seller's: the calendar's alarms and the switch follow them", async ({ page }) => {
  await check(page, monday());
  const leads = page.getByTestId("reminder-leads");
  await expect(leads).toHaveValue("24, 12, 4");
  await leads.fill("48, 2, 200");
  await leads.blur();
  await expect(page.getByTestId("reminder-leads-refused")).toBeVisible();
  await leads.fill("2h, 48");
  await leads.blur();
  await expect(page.getByTestId("reminder-leads-refused")).toBeHidden();
  await expect(leads).toHaveValue("48, 2");
  await expect(page.getByTestId("reminders")).toHaveText("Notify me 48 and 2 h before deadlines");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-calendar").click()]);
  const calendar = await readFile(await download.path(), "utf8");
  expect(calendar).toContain("TRIGGER:-PT48H");
  expect(calendar).toContain("TRIGGER:-PT2H");
  expect(calendar).not.toContain("TRIGGER:-PT24H");

  await page.reload();
  await check(page, monday());
  await expect(page.getByTestId("reminder-leads")).toHaveValue("48, 2");
});
