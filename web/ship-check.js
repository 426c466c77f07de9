// <ship-check>: ShipCheck as a custom element, inside a shadow root with its own styles, so a
// host page's CSS cannot reach it and its CSS cannot reach the host.
//
//   <script type="module" src="https://example.com/shipcheck/ship-check.js"></script>
//   <ship-check locale="zh-CN" profile="us-local" theme="auto"></ship-check>
//
// Attributes: locale (en, zh-CN), profile (a preset ID, or the URL of a profile JSON on the host's
// origin), theme (light, dark, auto). Events, bubbling out of the shadow root: shipcheck:ready,
// shipcheck:checked (detail: import summary, profile and metrics; told once the metrics are
// counted, after the board shows the orders), shipcheck:error. Methods:
// load(textOrFiles), setProfile(idOrJson), results(), resultsFile(), as the JS API's handle has them.
import init, { mount } from "./shipcheck.js";

const started = init();
const stylesheet = new URL("./shipcheck.css", import.meta.url);
// Constructed, not a <style> element, so a host's Content-Security-Policy need not allow inline styles.
const hostStyles = new CSSStyleSheet();
hostStyles.replaceSync(":host { display: block; }");

/** A profile attribute: a preset ID as it is; a URL on the host page's own origin, fetched as JSON
 * text. A URL on another origin is refused: rules that judge a seller's orders come from the site
 * the seller is on. */
async function profileFrom(value) {
  if (!value || !/[/.]/.test(value)) return value || undefined;
  const url = new URL(value, document.baseURI);
  if (url.origin !== location.origin) throw new Error(`the profile at ${value} is not on this site (${location.origin}): it is not fetched`);
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`the profile at ${value} could not be fetched (${response.status})`);
  return response.text();
}

class ShipCheckElement extends HTMLElement {
  static observedAttributes = ["locale", "profile", "theme"];

  async connectedCallback() {
    if (this.app || this.starting) return;
    this.starting = true;
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [hostStyles];
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = stylesheet;
    const container = document.createElement("div");
    root.replaceChildren(link, container);
    try {
      await started;
      const options = { theme: this.getAttribute("theme") ?? "auto", profile: await profileFrom(this.getAttribute("profile")) };
      if (this.hasAttribute("locale")) options.locale = this.getAttribute("locale");
      if (this.isConnected) this.app = mount(container, options);
    } catch (error) {
      this.dispatchEvent(new CustomEvent("shipcheck:error", { bubbles: true, composed: true, detail: { message: String(error.message ?? error) } }));
    } finally {
      this.starting = false;
    }
  }

  disconnectedCallback() {
    this.app?.unmount();
    this.app = undefined;
  }

  async attributeChangedCallback(name, _old, value) {
    if (!this.app) return;
    if (name === "locale") this.app.setLocale(value ?? "en");
    if (name === "profile") this.app.setProfile(await profileFrom(value));
    if (name === "theme") {
      // The theme is fixed at mount: mount again, as the host asked.
      this.disconnectedCallback();
      this.connectedCallback();
    }
  }

  load(input) {
    return this.app.load(input);
  }

  setProfile(profile) {
    this.app.setProfile(profile);
  }

  /** A promise of the report of the last check; null before one. */
  results() {
    return this.app?.results() ?? Promise.resolve(null);
  }

  /** A promise of the same report as a Blob of JSON, however large; null before a check. */
  resultsFile() {
    return this.app?.resultsFile() ?? Promise.resolve(null);
  }
}

customElements.define("ship-check", ShipCheckElement);
