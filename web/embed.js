// embed.html: ShipCheck in an iframe, driven by its host page through postMessage.
//
// Protocol version 1. Every message, both ways, is an object with `shipcheck: 1` and a `type`.
//   host → frame: load {data: text | File | File[]}, setProfile {profile: id | JSON | object},
//                 setLocale {locale}, results {}, resultsFile {}
//   frame → host: ready, height {height}, checked {summary}, error {message},
//                 loaded, profileSet, localeSet, results {report}, resultsFile {file: Blob}
// The frame listens only to the origins its URL lists (`?origins=https://a.example,https://b.example`;
// its own origin when none are listed) and ignores every other message. An entry that is no
// origin (`null`, which every sandboxed frame shares, a path, a typo) is left out, with a warning.
import init, { mount } from "./shipcheck.js";

const PROTOCOL = 1;
const params = new URLSearchParams(location.search);

/** `text` if it is an http(s) origin as the browser writes one, else null. */
function originOf(text) {
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) && url.origin === text ? text : null;
  } catch {
    return null;
  }
}

const listed = (params.get("origins") ?? location.origin).split(",").map((origin) => origin.trim()).filter(Boolean);
const allowed = new Set(listed.filter(originOf));
for (const origin of listed) if (!originOf(origin)) console.warn(`ShipCheck: ${JSON.stringify(origin)} is not an origin; messages from it are ignored`);

await init();
const element = document.getElementById("shipcheck");
const options = { theme: params.get("theme") ?? "auto" };
for (const name of ["locale", "profile"]) if (params.has(name)) options[name] = params.get(name);
const app = mount(element, options);

/** Tells the host something it did not ask: to each listed origin (the browser drops the others). */
function tell(message) {
  if (parent === window) return;
  for (const origin of allowed) parent.postMessage({ shipcheck: PROTOCOL, ...message }, origin);
}

element.addEventListener("shipcheck:checked", (event) => tell({ type: "checked", summary: event.detail }));
element.addEventListener("shipcheck:error", (event) => tell({ type: "error", message: event.detail.message }));

addEventListener("message", async (event) => {
  if (!allowed.has(event.origin) || event.data?.shipcheck !== PROTOCOL) return;
  const reply = (message) => event.source.postMessage({ shipcheck: PROTOCOL, ...message }, event.origin);
  try {
    switch (event.data.type) {
      case "load":
        await app.load(event.data.data);
        reply({ type: "loaded" });
        break;
      case "setProfile":
        app.setProfile(event.data.profile);
        reply({ type: "profileSet" });
        break;
      case "setLocale":
        app.setLocale(event.data.locale);
        reply({ type: "localeSet" });
        break;
      case "results":
        reply({ type: "results", report: await app.results() });
        break;
      case "resultsFile":
        reply({ type: "resultsFile", file: await app.resultsFile() });
        break;
      default:
        reply({ type: "error", message: `unknown message type ${JSON.stringify(event.data.type)}` });
    }
  } catch (error) {
    reply({ type: "error", message: String(error?.message ?? error) });
  }
});

// The host sizes the frame to the app.
let height = 0;
new ResizeObserver(() => {
  const now = document.documentElement.scrollHeight;
  if (now !== height) tell({ type: "height", height: (height = now) });
}).observe(document.body);
tell({ type: "ready" });
