import { exportFile, withBrowser } from "./bench-page.mjs";
import { writeFileSync } from "node:fs";
const rows = Number(process.argv[2] || 100000);
await withBrowser(4196, async (browser, baseUrl) => {
  const path = exportFile(rows);
  const page = await browser.newPage();
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.shipcheck);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await page.evaluate(() => {
    window.done = false;
    new MutationObserver(() => { if (document.querySelector('[data-testid="import-summary"]')) window.done = true; })
      .observe(document.body, { childList: true, subtree: true });
  });
  await cdp.send("Profiler.start");
  const t0 = Date.now();
  await page.getByTestId("file-input").setInputFiles(path);
  await page.waitForFunction(() => window.done, null, { timeout: 600000 });
  console.log("elapsed", Date.now() - t0);
  const { profile } = await cdp.send("Profiler.stop");
  // self time per function
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split("/").pop()})`;
    self.set(name, (self.get(name) || 0) + (dt[i] || 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45).forEach(([name, us]) =>
    console.log((us / 1000).toFixed(1).padStart(8), "ms", (100 * us / total).toFixed(1).padStart(5), "%", name.slice(0, 150)));
  // inclusive time for some frames
  const children = new Map(profile.nodes.map((n) => [n.id, n.children || []]));
  const selfById = new Map();
  profile.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) || 0) + (dt[i] || 0)));
  const incl = new Map();
  function walk(id, stack) {
    const n = byId.get(id);
    const name = n.callFrame.functionName;
    let sum = selfById.get(id) || 0;
    const fresh = !stack.has(name);
    const next = new Set(stack); next.add(name);
    for (const c of children.get(id)) sum += walk(c, next);
    if (fresh) incl.set(name, (incl.get(name) || 0) + sum);
    return sum;
  }
  walk(profile.nodes[0].id, new Set());
  console.log("--- inclusive");
  [...incl.entries()].filter(([n]) => /shipcheck|leptos|tachys|csv|chrono/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, 60).forEach(([name, us]) =>
    console.log((us / 1000).toFixed(1).padStart(8), "ms", name.slice(0, 160)));
});
