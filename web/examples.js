// The examples page: the JS API and the iframe driven live (the custom element needs no script).
import init, { mount } from "./shipcheck.js";

/** Three orders paid 50, 30 and 10 hours ago, in China time, one of them shipped. */
function orders() {
  const at = (hoursAgo) => new Date(Date.now() - hoursAgo * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
  return [
    "Order ID,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
    `576461413038789001,${at(50)},,,`,
    `576461413038789002,${at(30)},${at(10)},YT2432100012345678,YunExpress`,
    `576461413038789003,${at(10)},,,`,
  ].join("\n");
}

await init();
const app = mount(document.getElementById("api-demo"), { locale: "zh-CN" });
const apiStatus = document.getElementById("api-status");
document.getElementById("api-load").addEventListener("click", async () => {
  await app.load(orders());
  const report = await app.results();
  apiStatus.value = `results(): ${report.orders.length} orders, late dispatch rate ${report.metrics.late_dispatch_rate.value}`;
});

const frame = document.getElementById("frame-demo");
frame.src = `embed.html?origins=${encodeURIComponent(location.origin)}`;
const frameStatus = document.getElementById("frame-status");
addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow || event.data?.shipcheck !== 1) return;
  if (event.data.type === "height") frame.height = String(event.data.height);
  if (event.data.type === "checked") frameStatus.value = `checked: ${event.data.summary.import.orders} orders`;
});
document.getElementById("frame-load").addEventListener("click", () => {
  frame.contentWindow.postMessage({ shipcheck: 1, type: "load", data: orders() }, location.origin);
});
