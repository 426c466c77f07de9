// End to end: a seller opens the release build, pastes orders or tries the sample, and reads
// deadlines, states and countdowns.
import { test, expect } from "@playwright/test";

const HOUR = 3600 * 1000;

/** `ms` before now as a Seller Center timestamp in China time (the default profile's zone). */
function chinaTime(msAgo) {
  return new Date(Date.now() - msAgo + 8 * HOUR).toISOString().slice(0, 19).replace("T", " ");
}

function seconds(hms) {
  return hms.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}

// What the page reported as errors during the current test; any fails it.
let problems = [];

test.beforeEach(async ({ page }) => {
  problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto("./");
  await expect(page.getByTestId("check-button")).toBeVisible();
});

test.afterEach(async () => {
  expect(problems, "errors in the page console").toEqual([]);
});

test("pasted orders show overdue, shipped on time, and a countdown that ticks", async ({ page }) => {
  const csv = [
    "Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
    `576461413038785301,${chinaTime(50 * HOUR)},${chinaTime(50 * HOUR)},,,`,
    `576461413038785302,${chinaTime(30 * HOUR)},${chinaTime(30 * HOUR)},${chinaTime(10 * HOUR)},YT2432100012345678,YunExpress`,
    `576461413038785303,${chinaTime(10 * HOUR)},${chinaTime(10 * HOUR)},,,`,
  ].join("\n");
  await page.getByTestId("paste-input").fill(csv);
  await page.getByTestId("check-button").click();

  const rows = page.getByTestId("order-row");
  await expect(rows).toHaveCount(3);
  const overdue = page.locator('[data-order-id="576461413038785301"]');
  await expect(overdue).toContainText("Overdue by");
  await expect(overdue.locator('[data-code="dispatch_overdue"]')).toContainText("Overdue");
  await expect(overdue.locator('[data-code="delay_notice_recommended"]')).toContainText("estimated arrival by");
  const shipped = page.locator('[data-order-id="576461413038785302"]');
  await expect(shipped).toContainText("Shipped on time");
  await expect(shipped.getByTestId("countdown")).toHaveCount(0);

  const countdown = page.locator('[data-order-id="576461413038785303"]').getByTestId("countdown");
  const before = seconds(await countdown.innerText());
  expect(before).toBeGreaterThan(37 * 3600);
  expect(before).toBeLessThanOrEqual(38 * 3600);
  await expect.poll(async () => seconds(await countdown.innerText()), { timeout: 5000 }).toBeLessThan(before);

  await expect(page.getByTestId("import-summary")).toContainText("Read 3 rows: 3 used in 3 orders, 0 skipped.");
  await expect(page.getByTestId("metric-late-dispatch-rate")).toContainText("0 of 1 dispatched orders shipped late");
});

test("a row that cannot be used is listed with its line and reason", async ({ page }) => {
  await page.getByTestId("paste-input").fill(
    "Order ID,Paid Time\n576461413038785401,2024-11-12 09:00:00\n576461413038785402,2024-11-12 9am\n",
  );
  await page.getByTestId("check-button").click();
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("skipped-row")).toHaveText(/^Line 3: Paid Time: "2024-11-12 9am" is not a date/);
});

test("Try sample orders shows results without a file of one's own", async ({ page }) => {
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  expect(await page.getByTestId("order-row").count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId("paste-input")).toHaveValue(/^Order ID,/);
  await expect(page.getByTestId("import-summary")).toContainText("Asia/Shanghai");
  await expect(page.getByTestId("finding").first()).toBeVisible();
  await expect(page.getByTestId("skipped-row")).toHaveCount(2);
  // Most urgent first: the first row is overdue.
  await expect(page.getByTestId("order-row").first()).toContainText("Overdue by");
});

test("a tracking number is checked before the seller uploads it", async ({ page }) => {
  await page.getByTestId("tracking-input").fill("LX123456780CN");
  await page.getByTestId("tracking-carrier").fill("China Post");
  await expect(page.getByTestId("tracking-result")).toHaveText(
    "✗ Invalid: UPU S10 (postal) check digit is 0, expected 5: a digit is mistyped.",
  );
  await page.getByTestId("tracking-input").fill("LX123456785CN");
  await expect(page.getByTestId("tracking-result")).toHaveText("✓ Valid China Post number (UPU S10 (postal)).");
});

test("orders with a mistyped or reused tracking number are flagged", async ({ page }) => {
  const csv = [
    "Order ID,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
    `576461413038785501,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)},LX123456780CN,China Post`,
    `576461413038785502,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)},YT2432100012345678,YunExpress`,
    `576461413038785503,${chinaTime(30 * HOUR)},${chinaTime(20 * HOUR)},YT2432100012345678,YunExpress`,
  ].join("\n");
  await page.getByTestId("paste-input").fill(csv);
  await page.getByTestId("check-button").click();
  await expect(page.locator('[data-order-id="576461413038785501"] [data-code="invalid_tracking"]')).toContainText(
    "check digit is 0, expected 5",
  );
  await expect(page.locator('[data-code="duplicate_tracking"]')).toHaveCount(2);
  await expect(page.getByTestId("metric-valid-tracking-rate")).toContainText("1 of 3");
});
