// End to end: every file of the hostile corpus (../hostile/corpus) dropped into the page, and
// handed to the custom element on a host page. Each ends with orders or one error the seller
// can read, within 5 s; neither the page nor the host breaks; nothing is thrown.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test, expect } from "@playwright/test";

const corpus = fileURLToPath(new URL("../hostile/corpus/", import.meta.url));
const files = readdirSync(corpus).sort();
const HOST = "http://localhost:4173/test-hosts";

test.setTimeout(400_000);

/** Fails the test on anything the page throws or logs as an error. */
function watch(page) {
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  return problems;
}

test("the page ends every hostile file with orders or an error, and stays usable", async ({ page }) => {
  const problems = watch(page);
  for (const name of files) {
    await page.goto("./");
    await page.getByTestId("file-input").setInputFiles(corpus + name);
    const outcome = page.getByTestId("import-error").or(page.getByTestId("source-chip").filter({ hasText: name }));
    await expect(outcome.first(), name).toBeVisible({ timeout: 5_000 });
    await expect(page.getByTestId("import-progress"), name).toBeHidden();
    expect(problems, name).toEqual([]);
  }
  await page.goto("./");
  await page.getByTestId("sample-button").click();
  await expect(page.getByTestId("order-row").first()).toBeVisible();
});

test("a host page's custom element ends every hostile file, and the host is untouched", async ({ page }) => {
  const problems = watch(page);
  await page.goto(`${HOST}/element.html`);
  await expect(page.locator("ship-check").getByTestId("check-button")).toBeVisible();
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("afterbegin", '<p id="host-marker">the host</p>');
    window.errors = [];
    addEventListener("shipcheck:error", (event) => window.errors.push(event.detail.message));
  });
  for (const name of files) {
    const base64 = readFileSync(corpus + name).toString("base64");
    const outcome = await page.evaluate(
      async ([name, base64]) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const started = performance.now();
        try {
          await document.querySelector("ship-check").load(new File([bytes], name));
          return { ok: true, ms: performance.now() - started };
        } catch (error) {
          return { ok: false, message: String(error?.message ?? error), ms: performance.now() - started };
        }
      },
      [name, base64],
    );
    expect(outcome.ms, name).toBeLessThan(5_000);
    if (!outcome.ok) expect(outcome.message.length, name).toBeLessThan(800);
    expect(problems, name).toEqual([]);
  }
  await expect(page.locator("#host-marker")).toHaveText("the host");
  await page.locator("ship-check").evaluate((el) => el.load("Order ID,Paid Time\n576461413038789101,2026-12-01 10:00:00\n"));
  await expect(page.locator("ship-check").getByTestId("order-row")).toHaveCount(1);
});
