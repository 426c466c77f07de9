// Screenshots of the release build as a seller sees it: 1280, 820 (a tablet) and 375 px wide,
// light and dark, English and Chinese, after "Try sample orders": the board, then the first
// order's detail with a mark and a note, the board with that mark, the dashboard, and the
// settings' end (what this browser keeps). Usage (with serve.mjs running on PORT):
//   node shots.mjs OUT_DIR [PORT]
import { chromium } from "@playwright/test";

const [out = "screenshots", port = "4173"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
for (const width of [1280, 820, 375]) {
  for (const scheme of ["light", "dark"]) {
    for (const locale of ["en-US", "zh-CN"]) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme, locale });
      page.on("pageerror", (e) => console.error("pageerror", e.message));
      page.on("console", (m) => m.type() === "error" && console.error("console", m.text()));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByTestId("sample-button").click();
      await page.getByTestId("order-row").first().waitFor();
      await page.waitForTimeout(300);
      const name = (what) => `${out}/${width}-${scheme}-${locale}${what}.png`;
      await page.screenshot({ path: name("") });
      await page.getByTestId("order-open").first().click();
      await page.getByTestId("mark-buyer-notified").check();
      await page.getByTestId("mark-note").fill("Courier rebooked for 18:00");
      await page.getByTestId("mark-note").blur();
      await page.waitForTimeout(200);
      await page.screenshot({ path: name("-detail") });
      await page.getByTestId("detail-close").click();
      await page.waitForTimeout(200);
      await page.screenshot({ path: name("-marked") });
      await page.getByTestId("view-dashboard").click();
      await page.getByTestId("weekly").waitFor();
      await page.screenshot({ path: name("-dashboard"), fullPage: true });
      await page.getByTestId("settings-open").click();
      await page.getByTestId("kept-in-browser").scrollIntoViewIfNeeded();
      await page.screenshot({ path: name("-settings") });
      console.log(name("*"));
      await page.close();
    }
  }
}
await browser.close();
