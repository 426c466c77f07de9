// What the end-to-end specs share: times written as an export writes them, a page watched for
// errors, the app opened for each test, and orders pasted and checked as a seller would.
import { expect } from "@playwright/test";

export const HOUR = 3600 * 1000;

/** `ms` before now as a Seller Center timestamp in China time (the default profile's zone). */
export function chinaTime(msAgo) {
  return new Date(Date.now() - msAgo + 8 * HOUR).toISOString().slice(0, 19).replace("T", " ");
}

/** Collects what `page` reports as errors into `problems`. */
export function watchErrors(page, problems) {
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
}

/** Opens the app before each of the file's tests, and fails a test the page reported an error
 * in. */
export function openTheAppForEachTest(test) {
  let problems = [];
  test.beforeEach(async ({ page }) => {
    problems = [];
    watchErrors(page, problems);
    await page.goto("./");
    await expect(page.getByTestId("check-button")).toBeVisible();
  });
  test.afterEach(async () => {
    expect(problems, "errors in the page console").toEqual([]);
  });
}

/** Pastes `csv` and checks it; the input may be folded away over earlier orders. */
export async function check(page, csv) {
  const paste = page.getByTestId("paste-input");
  await expect(paste.or(page.getByTestId("input-change")).first()).toBeVisible();
  if (!(await paste.isVisible())) await page.getByTestId("input-change").click();
  await page.getByTestId("paste-input").fill(csv);
  await page.getByTestId("check-button").click();
}
