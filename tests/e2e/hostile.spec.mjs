// End to end: every file of the hostile corpus (../hostile/corpus), and the large ones
// (../hostile/large.mjs, made in a temporary folder), dropped into the page and handed to the
// custom element on a host page. Each ends with orders or one error the seller can read; neither
// the page nor the host breaks; nothing is thrown. How long the slowest took is printed, not
// asserted.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "@playwright/test";
import { makeLarge } from "../hostile/large.mjs";

const corpus = fileURLToPath(new URL("../hostile/corpus/", import.meta.url));
const files = readdirSync(corpus).sort().map((name) => [name, corpus + name]);
let large = [];
let largeDir;

test.beforeAll(async () => {
  largeDir = mkdtempSync(join(tmpdir(), "shipcheck-large-"));
  large = Object.entries(await makeLarge(largeDir));
});

test.afterAll(() => rmSync(largeDir, { recursive: true, force: true }));
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
  let slowest = [0, ""];
  for (const [name, path] of [...files, ...large]) {
    await page.goto("./");
    const started = Date.now();
    await page.getByTestId("file-input").setInputFiles(path);
    const outcome = page.getByTestId("import-error").or(page.getByTestId("source-chip").filter({ hasText: name }));
    await expect(outcome.first(), name).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("import-progress"), name).toBeHidden();
    if (Date.now() - started > slowest[0]) slowest = [Date.now() - started, name];
    expect(problems, name).toEqual([]);
  }
  console.log(`page: slowest ${slowest[1]}, ${slowest[0]} ms`);
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
  let slowest = [0, ""];
  for (const [name, path] of [...files, ...large]) {
    const base64 = readFileSync(path).toString("base64");
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
    if (outcome.ms > slowest[0]) slowest = [outcome.ms, name];
    if (!outcome.ok) expect(outcome.message.length, name).toBeLessThan(800);
    expect(problems, name).toEqual([]);
  }
  console.log(`host: slowest ${slowest[1]}, ${Math.round(slowest[0])} ms`);
  await expect(page.locator("#host-marker")).toHaveText("the host");
  await page.locator("ship-check").evaluate((el) => el.load("Order ID,Paid Time\n576461413038789101,2026-12-01 10:00:00\n"));
  await expect(page.locator("ship-check").getByTestId("order-row")).toHaveCount(1);
});
