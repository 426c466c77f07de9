// End to end: several shops on one board, and successive exports of one shop kept as a local
// history. A seller names each file's shop (or the sheet has a shop column); the board filters by
// shop, the dashboard counts the chosen shop's orders, the calendar names each order's shop. With
// the history on, each export picked joins those kept, each order as the newest says.
import { readFile, writeFile } from "node:fs/promises";
import { test, expect } from "@playwright/test";
import { HOUR, chinaTime, openTheAppForEachTest } from "./seller.mjs";

const csvFile = (name, lines) => ({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });

openTheAppForEachTest(test);

const HEADER = "Order ID,Paid Time,Shipped Time";

test("two shops' exports, each file named its shop: the board, the metrics and the calendar per shop and combined", async ({ page }) => {
  await page.getByTestId("file-input").setInputFiles([
    csvFile("east.csv", [HEADER, `576461413038787001,${chinaTime(10 * HOUR)},`, `576461413038787002,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)}`]),
    csvFile("west.csv", [HEADER, `576461413038787101,${chinaTime(20 * HOUR)},`, `576461413038787102,${chinaTime(90 * HOUR)},${chinaTime(10 * HOUR)}`]),
  ]);
  await expect(page.getByTestId("source-chip")).toHaveText("2 files · 4 orders");
  // One shop or none named: no shop filter yet.
  await expect(page.getByTestId("filter-shop")).toHaveCount(0);

  await page.getByTestId("view-import").click();
  await page.getByTestId("file-shop").nth(0).fill("East Shop");
  await page.getByTestId("file-shop").nth(0).blur();
  await expect(page.getByTestId("file-shop").nth(0)).toHaveValue("East Shop");
  await page.getByTestId("file-shop").nth(1).fill("West Shop");
  await page.getByTestId("file-shop").nth(1).blur();
  await expect(page.getByTestId("file-shop").nth(1)).toHaveValue("West Shop");

  await page.getByTestId("view-board").click();
  const shops = page.getByTestId("filter-shop");
  await expect(shops.locator("option")).toHaveText(["Any", "East Shop (2)", "West Shop (2)"]);
  await expect(page.locator('[data-order-id="576461413038787101"]').getByTestId("shop")).toHaveText("West Shop");

  // Combined: one of the two dispatched orders shipped late (West's, 80 h after payment).
  await page.getByTestId("view-dashboard").click();
  const late = page.getByTestId("metric-late-dispatch-rate");
  await expect(late).toContainText("1 of 2 dispatched orders shipped late");
  await page.getByTestId("dashboard-shop").selectOption("East Shop");
  await expect(late).toContainText("0 of 1 dispatched order shipped late");
  await page.getByTestId("dashboard-shop").selectOption("West Shop");
  await expect(late).toContainText("1 of 1 dispatched order shipped late");

  // The shop chosen there is the board's: West's orders, and West's deadlines in the calendar.
  await page.getByTestId("view-board").click();
  await expect(shops).toHaveValue("West Shop");
  await expect(page.getByTestId("order-row")).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-calendar").click()]);
  const calendar = (await readFile(await download.path(), "utf8")).replaceAll("\r\n ", "");
  expect(calendar).toContain("576461413038787101 (West Shop)");
  expect(calendar).not.toContain("East Shop");

  await shops.selectOption("");
  await expect(page.getByTestId("board-count")).toHaveText("4 orders");
});

test("a sheet with a shop column names each order's shop", async ({ page }) => {
  await page.getByTestId("paste-input").fill(
    ["Order ID,Shop Name,Paid Time", `576461413038787201,North,${chinaTime(5 * HOUR)}`, `576461413038787202,South,${chinaTime(6 * HOUR)}`].join("\n"),
  );
  await page.getByTestId("check-button").click();
  await expect(page.getByTestId("filter-shop").locator("option")).toHaveText(["Any", "North (1)", "South (1)"]);
  await page.getByTestId("filter-shop").selectOption("South");
  // The worker answers the filter a moment later: one row, once it has (a locator of two rows
  // fails an attribute check at once instead of waiting).
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row")).toHaveAttribute("data-order-id", "576461413038787202");
});

test("with the history on, each export joins those kept: an order is as the newest says, over eight weeks", async ({ page }) => {
  await page.getByTestId("settings-open").click();
  await page.getByTestId("keep-history").check();
  await page.getByTestId("settings-close").click();

  // A file on disk, so that picking it again is picking the same file (same time made, same size):
  // in the test's own output folder, which Playwright empties before each run.
  const monday = test.info().outputPath("monday.csv");
  await writeFile(monday, [HEADER, `576461413038787301,${chinaTime(30 * HOUR)},`, `576461413038787302,${chinaTime(20 * HOUR)},`].join("\n"));
  await page.getByTestId("file-input").setInputFiles(monday);
  await expect(page.getByTestId("source-chip")).toHaveText("monday.csv · 2 orders");

  // Tuesday's export, picked alone: Monday's is read first, and Tuesday's word stands.
  await page.getByTestId("input-change").click();
  await page.getByTestId("file-input").setInputFiles(
    csvFile("tuesday.csv", [HEADER, `576461413038787301,${chinaTime(30 * HOUR)},${chinaTime(2 * HOUR)}`, `576461413038787303,${chinaTime(1 * HOUR)},`]),
  );
  await expect(page.getByTestId("source-chip")).toHaveText("2 files · 3 orders");
  await expect(page.locator('[data-order-id="576461413038787301"]').getByTestId("state")).toHaveText("Shipped on time");
  await page.getByTestId("view-import").click();
  await expect(page.getByTestId("orders-updated")).toHaveText("1 order was also in an earlier export: the newest export's word stands.");
  await page.getByTestId("view-dashboard").click();
  await expect(page.getByTestId("weekly").locator("thead th")).toHaveCount(10);

  // The same file again is kept once.
  await page.getByTestId("input-change").click();
  await page.getByTestId("file-input").setInputFiles(monday);
  await expect(page.getByTestId("source-chip")).toHaveText("2 files · 3 orders");
  await page.getByTestId("settings-open").click();
  await page.getByTestId("forget-all").click();
  await expect(page.getByTestId("forgot")).toContainText("kept exports");
});
