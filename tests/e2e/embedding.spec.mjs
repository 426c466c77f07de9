// End to end: ShipCheck embedded the three ways a host site can (custom element, JS API, iframe),
// served from a sub-path and from a host that does not know the wasm type, offline after a first
// visit, and never sending a request anywhere but to its own files.
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "@playwright/test";
import { HOUR, chinaTime, watchErrors } from "./seller.mjs";

const APP = "http://127.0.0.1:4173";
// Host sites on other origins: the test server's host pages (./hosts), reached by another name
// and another port. (On loopback, as Chromium blocks a public page's requests into it.)
const HOST = "http://localhost:4173/test-hosts";
const STRANGER = "http://localhost:4174/test-hosts";

const ORDERS = () =>
  [
    "Order ID,Paid Time,Shipped Time",
    `576461413038789101,${chinaTime(50 * HOUR)},`,
    `576461413038789102,${chinaTime(10 * HOUR)},`,
  ].join("\n");

// Every request each test's pages make, and what the pages reported as errors.
let requests = [];
let problems = [];

test.beforeEach(async ({ context }) => {
  requests = [];
  problems = [];
  context.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
});

/** Collects what `page` reports as errors. */
const watch = (page) => watchErrors(page, problems);

test.afterEach(async () => {
  expect(problems, "errors in the page console").toEqual([]);
});

/** Fails unless every request went to the app's own files under `base`, or to the host pages.
 * A `blob:` URL the app or a host page made itself (the engine's worker, started on a host's
 * page; the engine's reader, started by the worker) never leaves the browser. */
function expectOnlyOwnFiles(base, hostPages = []) {
  const origins = [base, ...hostPages].map((page) => new URL(page).origin);
  const local = (url) => url.startsWith("blob:") && origins.includes(new URL(url.slice(5)).origin);
  const strays = requests.filter((line) => {
    const [method, url] = line.split(" ");
    return method !== "GET" || !(url.startsWith(base) || hostPages.includes(url) || local(url));
  });
  expect(strays, "requests beyond the app's own files").toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
}

test("the custom element looks the same on a hostile page and changes nothing outside itself", async ({ page }) => {
  watch(page);
  const workers = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  const looks = async () => {
    const button = page.getByTestId("check-button");
    await expect(button).toBeVisible();
    return button.evaluate((b) => {
      const style = getComputedStyle(b);
      const box = b.getBoundingClientRect();
      return { background: style.backgroundColor, color: style.color, font: style.font, width: Math.round(box.width) };
    });
  };
  const outside = () =>
    page.locator("#outside").evaluate((p) => {
      const style = getComputedStyle(p);
      return { color: style.color, font: style.font, title: document.title };
    });

  await page.goto(`${HOST}/plain.html`);
  const plain = await looks();
  await page.goto(`${HOST}/bare.html`);
  const hostAlone = await outside();
  await page.goto(`${HOST}/hostile.html`);
  const checked = page.evaluate(
    () => new Promise((resolve) => document.addEventListener("shipcheck:checked", (event) => resolve(event.detail.import.orders))),
  );
  expect(await looks()).toEqual(plain);
  expect(await outside()).toEqual(hostAlone);

  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  expect(await checked, "shipcheck:checked reached the host page with the import summary").toBe(12);
  // The app's files are on another origin than the page: its engine's worker starts from a Blob.
  expect(workers.some((url) => url.startsWith(`blob:${new URL(HOST).origin}/`)), workers.join()).toBe(true);
  // A widget in someone else's page leaves the tab title alone.
  expect(await outside()).toEqual(hostAlone);
  expectOnlyOwnFiles(`${APP}/`, [`${HOST}/plain.html`, `${HOST}/bare.html`, `${HOST}/hostile.html`, `${HOST}/hostile.css`]);
});

test("in a portal's narrow column of a wide page, the board is laid out for the column", async ({ page }) => {
  watch(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${HOST}/column.html`);
  await page.getByTestId("sample-button").click();
  const first = page.getByTestId("order-row").first();
  await expect(first).toBeVisible();
  // A row's cells stack, as on a phone: each is inside its row, none cut off at its edge.
  const cut = await first.evaluate((row) => {
    const edge = row.getBoundingClientRect();
    return [...row.children].filter((cell) => {
      const box = cell.getBoundingClientRect();
      return box.left < edge.left - 1 || box.right > edge.right + 1;
    }).length;
  });
  expect(cut, "cells of the first row beyond its edges").toBe(0);
  // The filters and exports fold behind one button, as on a phone.
  await expect(page.getByTestId("filters-toggle")).toHaveText("Filters and export");
  await expect(page.getByTestId("export-csv")).toBeHidden();

  // The portal lets its column take the width its content asks for: the app is as wide as the
  // page leaves it (not squeezed to nothing), and laid out wide again, with its columns.
  await page.locator("main").evaluate((column) => (column.style.width = ""));
  await expect(page.getByTestId("export-csv")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Findings" })).toBeVisible();
  const width = await page.locator("ship-check").evaluate((app) => app.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(1000);
});

test("where the host's policy forbids workers, the engine runs on the page and checks the same", async ({ page }) => {
  const workers = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  // The browser reports the refused worker on the console; the app's own errors still fail the test.
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${HOST}/no-workers.html`);
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await expect(page.getByTestId("filter-overdue").locator(".sc-urgency-count")).toHaveText("1");
  await page.getByTestId("order-open").first().click();
  await expect(page.getByTestId("order-detail")).toContainText("Order 576461413038785005");
  // A file of more than one slice: its reader cannot start either, and the page reads it itself.
  const { generateExport } = await import("./generate-export.mjs");
  const buffer = Buffer.from(generateExport(6_000));
  expect(buffer.length).toBeGreaterThan(2 << 20);
  await page.getByTestId("file-input").setInputFiles({ name: "export-6k.csv", mimeType: "text/csv", buffer });
  await expect(page.getByTestId("source-chip")).toContainText("export-6k.csv", { timeout: 60_000 });
  await expect(page.getByTestId("source-orders")).toHaveText(/^[\d,]+ orders$/);
  expect(workers, "no worker was started").toEqual([]);
});

test("the custom element takes its profile from a URL, its locale and theme from attributes", async ({ page }) => {
  watch(page);
  await page.goto(`${HOST}/element.html`);
  await expect(page.getByTestId("check-button")).toHaveText("检查订单");
  await expect(page.locator("ship-check .shipcheck")).toHaveAttribute("data-theme", "dark");
  await page.getByTestId("settings-open").click();
  await expect(page.getByTestId("settings")).toContainText("My UK rules");
  await page.getByTestId("settings-close").click();

  await page.locator("ship-check").evaluate((el) => el.setAttribute("locale", "en"));
  await expect(page.getByTestId("check-button")).toHaveText("Check orders");
});

test("the JS API works from a sub-path, beside a second widget that keeps its own state", async ({ page }) => {
  watch(page);
  await page.goto(`${APP}/tools/shipcheck/examples.html`);
  await page.locator("#api-load").click();
  await expect(page.locator("#api-status")).toHaveText(/^results\(\): 3 orders, late dispatch rate /);
  const api = page.locator("#api-demo");
  await expect(api.getByTestId("order-row")).toHaveCount(3);
  await expect(api.getByTestId("check-button")).toHaveText("检查订单");
  // The custom element on the same page saw none of it.
  const element = page.locator("#element-demo");
  await expect(element.getByTestId("check-button")).toHaveText("Check orders");
  await expect(element.getByTestId("order-row")).toHaveCount(0);
  await element.getByTestId("sample-button").click();
  await expect(element.getByTestId("order-row").first()).toBeVisible();
  await expect(api.getByTestId("order-row")).toHaveCount(3);
  expectOnlyOwnFiles(`${APP}/tools/shipcheck/`);
});

test("the app loads from a host that serves the wasm without its type, and from a sub-path", async ({ page }) => {
  watch(page);
  for (const base of [`${APP}/plain-host/`, `${APP}/tools/shipcheck/`]) {
    await page.goto(base);
    await page.getByTestId("sample-button").click();
    await expect(page.getByTestId("order-row").first()).toBeVisible();
  }
});

/** Starts collecting the frame's messages in the host page. */
async function listen(page) {
  await page.evaluate(() => {
    window.received = [];
    addEventListener("message", (event) => window.received.push(event.data));
  });
}

/** The page posts the orders to its `#frame` as a host would, to whatever origin the frame is. */
async function postOrders(page) {
  await page.evaluate((orders) => {
    document.getElementById("frame").contentWindow.postMessage({ shipcheck: 1, type: "load", data: orders }, "*");
  }, ORDERS());
}

test("the iframe is driven by postMessage from a listed origin and ignores every other", async ({ page }) => {
  watch(page);
  const listed = new URL(HOST).origin;
  // A stranger's page may frame it, but the frame listens only to the host.
  await page.goto(`${STRANGER}/frame.html?listed=${encodeURIComponent(listed)}`);
  await listen(page);
  const frame = page.frameLocator("#frame");
  await expect(frame.getByTestId("check-button")).toBeVisible();
  await postOrders(page);
  await page.waitForTimeout(500);
  await expect(frame.getByTestId("order-row")).toHaveCount(0);
  expect(await page.evaluate(() => window.received)).toEqual([]);

  await page.goto(`${HOST}/frame.html?listed=${encodeURIComponent(listed)}`);
  await listen(page);
  await expect(frame.getByTestId("check-button")).toBeVisible();
  await page.evaluate((orders) => {
    const target = document.getElementById("frame").contentWindow;
    target.postMessage({ shipcheck: 1, type: "load", data: orders }, "*");
    target.postMessage({ shipcheck: 2, type: "load", data: "Order ID\nX" }, "*");
  }, ORDERS());
  await expect(frame.getByTestId("order-row")).toHaveCount(2);
  await expect.poll(() => page.evaluate(() => window.received.map((m) => m.type))).toContain("loaded");
  const messages = await page.evaluate(() => window.received);
  const checked = messages.find((m) => m.type === "checked");
  expect(checked.summary.import.orders).toBe(2);
  expect(messages.every((m) => m.shipcheck === 1)).toBe(true);
  await expect.poll(() => page.evaluate(() => window.received.filter((m) => m.type === "height").at(-1)?.height)).toBeGreaterThan(300);

  await page.evaluate(() => document.getElementById("frame").contentWindow.postMessage({ shipcheck: 1, type: "results" }, "*"));
  await expect.poll(() => page.evaluate(() => window.received.find((m) => m.type === "results")?.report.orders.length)).toBe(2);
  // The same report as a file, for a host whose report would be too large for one object.
  await page.evaluate(() => document.getElementById("frame").contentWindow.postMessage({ shipcheck: 1, type: "resultsFile" }, "*"));
  await expect.poll(() => page.evaluate(() => window.received.find((m) => m.type === "resultsFile")?.file?.type)).toBe("application/json");
  const filed = await page.evaluate(async () => JSON.parse(await window.received.find((m) => m.type === "resultsFile").file.text()));
  expect(filed.orders.map((order) => order.order_id)).toHaveLength(2);
  await page.evaluate(() => document.getElementById("frame").contentWindow.postMessage({ shipcheck: 1, type: "setProfile", profile: "nonsense" }, "*"));
  await expect.poll(() => page.evaluate(() => window.received.find((m) => m.type === "error")?.message)).toContain("the profile cannot be used");
  expectOnlyOwnFiles(`${APP}/`, [
    `${STRANGER}/frame.html?listed=${encodeURIComponent(listed)}`,
    `${HOST}/frame.html?listed=${encodeURIComponent(listed)}`,
  ]);
});

test("the app keeps working offline after the first visit", async ({ page, context }) => {
  watch(page);
  await page.goto(`${APP}/`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker controls the page from its next load; every file it needs is kept by then.
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await context.setOffline(false);
});

test("a new release replaces the one kept for offline use", async ({ page, context }) => {
  watch(page);
  // A host of its own, whose files the test can change between visits as a new release would.
  const root = mkdtempSync(join(tmpdir(), "shipcheck-release-"));
  cpSync(fileURLToPath(new URL("../../dist", import.meta.url)), root, { recursive: true });
  const server = spawn("node", [fileURLToPath(new URL("./serve.mjs", import.meta.url)), root, "4198"], { stdio: "ignore" });
  try {
    const app = "http://127.0.0.1:4198/";
    await expect.poll(() => fetch(app).then((r) => r.ok, () => false)).toBe(true);
    await page.goto(app);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    const index = join(root, "index.html");
    writeFileSync(index, readFileSync(index, "utf8").replace("<head>", '<head><meta name="shipcheck-release" content="B">'));
    appendFileSync(join(root, "boot.js"), "\n// release B\n");
    const release = () => page.evaluate(() => document.querySelector('meta[name="shipcheck-release"]')?.content ?? "A");
    const bootScript = () => page.evaluate(() => fetch("boot.js").then((r) => r.text()));
    await page.reload();
    expect(await release()).toBe("B");

    // Offline, the release seen last is the one that runs, whole: no file of the old one is left.
    await context.setOffline(true);
    await page.reload();
    expect(await release()).toBe("B");
    expect(await bootScript()).toContain("// release B");
    await page.getByTestId("sample-button").click();
    await expect(page.getByTestId("order-row").first()).toBeVisible();
  } finally {
    await context.setOffline(false);
    server.kill();
    rmSync(root, { recursive: true, force: true });
  }
});

test("the page checks orders without a request beyond its own files", async ({ page }) => {
  watch(page);
  await page.goto(`${APP}/`);
  await page.getByTestId("paste-input").fill(ORDERS());
  await page.getByTestId("check-button").click();
  await expect(page.getByTestId("order-row")).toHaveCount(2);
  await page.getByTestId("input-change").click();
  await page.getByTestId("file-input").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(ORDERS()) });
  await expect(page.getByTestId("source-chip")).toContainText("orders.csv");
  await page.getByTestId("order-open").first().click();
  await page.keyboard.press("Escape");
  expectOnlyOwnFiles(`${APP}/`);
});

test("an iframe told a non-origin such as null ignores it and still serves its host", async ({ page }) => {
  watch(page);
  const listed = new URL(HOST).origin;
  await page.goto(`${HOST}/frame.html?listed=${encodeURIComponent(`null,not an origin,${listed}`)}`);
  await listen(page);
  const frame = page.frameLocator("#frame");
  await expect(frame.getByTestId("check-button")).toBeVisible();
  await postOrders(page);
  await expect(frame.getByTestId("order-row")).toHaveCount(2);
  await expect.poll(() => page.evaluate(() => window.received.map((m) => m.type))).toContain("loaded");
});

test("the custom element fetches a profile only from its host's own site", async ({ page }) => {
  watch(page);
  await page.goto(`${HOST}/bare.html`);
  const message = await page.evaluate(async (stranger) => {
    await import("http://127.0.0.1:4173/ship-check.js");
    const element = document.createElement("ship-check");
    element.setAttribute("profile", `${stranger}/rules.json`);
    const failed = new Promise((resolve) => element.addEventListener("shipcheck:error", (event) => resolve(event.detail.message)));
    document.body.append(element);
    return failed;
  }, STRANGER);
  expect(message).toContain("is not on this site (http://localhost:4173): it is not fetched");
  expect(requests.filter((line) => line.includes("4174"))).toEqual([]);
});
