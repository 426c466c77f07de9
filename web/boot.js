// Starts ShipCheck on its own page through the same public API a host page uses, and registers
// the service worker that keeps the app working offline after the first visit.
import init, { mount } from "./shipcheck.js";

const exports = await init();
const app = mount(document.getElementById("shipcheck"), { title: true });
// For the benchmarks and tests: the instance's memory, and the handle.
window.shipcheck = { exports, app };

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("./sw.js").catch((error) => console.warn("ShipCheck works without offline use:", error));
}
