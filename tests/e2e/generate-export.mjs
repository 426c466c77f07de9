// Writes a realistic TikTok Shop Seller Center order export: the English header, the row of
// column descriptions, one row per SKU line (a third of orders have two or three), quoted
// addresses with commas and line breaks, non-ASCII names, trailing tabs, US timestamps.
// Deterministic for a given row count, so benchmarks compare like with like.
//
//   node generate-export.mjs ROWS > export.csv        (e.g. 10000, 100000, 1000000)
//   import { generateExport } from "./generate-export.mjs"  → a string
//   import { exportRows } from "./generate-export.mjs"      → its rows, for other formats
import { fileURLToPath } from "node:url";

const HEADER = [
  "Order ID", "Order Status", "Order Substatus", "Cancelation/Return Type", "Normal or Pre-order", "SKU ID",
  "Seller SKU", "Product Name", "Variation", "Quantity", "Order Amount", "Created Time", "Paid Time", "RTS Time",
  "Shipped Time", "Delivered Time", "Cancelled Time", "Cancel By", "Cancel Reason", "Fulfillment Type",
  "Warehouse Name", "Tracking ID", "Delivery Option", "Shipping Provider Name", "Buyer Message", "Buyer Username",
  "Recipient", "Phone #", "Zipcode", "Country", "State", "City", "Detail Address", "Package ID", "Weight(kg)",
  "Seller Note",
];
const DESCRIPTION = HEADER.map((h) => `${h}.`).map((d, i) => (i === 0 ? "Platform unique order ID." : d));
const NAMES = ["Ada Lovelace", "José Álvarez", "李小龙", "Nguyễn Văn An", "Zoë Brontë", "Søren Kierkegaard"];
const PRODUCTS = [["MUG-350", "Ceramic mug 350 ml", "Blue"], ["LAMP-WHT", "Desk lamp, white", "EU plug"],
  ["CASE-IP15", 'Phone case "Matte"', "Black"], ["SOCK-3P", "Wool socks, 3 pairs", "M"]];
const CARRIERS = ["USPS", "UPS", "FedEx", "YunExpress"];

function usTime(ms) {
  const d = new Date(ms);
  const h = d.getUTCHours() % 12 || 12;
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? "AM" : "PM"}`;
}

const quote = (cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** The export's rows as arrays of cells: the header, the row of descriptions, then about `rows`
 * data rows (one per SKU line). */
export function* exportRows(rows) {
  // A 32-bit generator in integer arithmetic (mulberry32). The product of a linear
  // congruential step done in doubles loses its low bits past 2^53, and the draws then cycle
  // through a few hundred values: every tracking number was shared by dozens of orders.
  let seed = 12345;
  const next = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  yield HEADER;
  yield DESCRIPTION;
  const start = Date.UTC(2026, 9, 1);
  let written = 0;
  for (let order = 0; written < rows; order++) {
    const id = String(576461413038780000n + BigInt(order));
    const paid = start + next(60 * 24 * 56) * 60_000;
    const shipped = next(10) < 8 ? paid + next(60 * 60) * 60_000 : null;
    const carrier = CARRIERS[next(CARRIERS.length)];
    const name = NAMES[next(NAMES.length)];
    const address = `${100 + next(9000)} Main Street, Apt ${next(90)}\nSpringfield`;
    const skus = next(3) === 0 ? 2 + next(2) : 1;
    for (let s = 0; s < skus && written < rows; s++, written++) {
      const [sku, product, variation] = PRODUCTS[next(PRODUCTS.length)];
      const row = [
        id, shipped ? "Shipped" : "To ship", "", "", "Normal", String(1729000000000000000n + BigInt(next(1e9))), sku,
        product, variation, String(1 + next(3)), (5 + next(50)).toFixed(2), usTime(paid - 60_000), usTime(paid), "",
        shipped ? usTime(shipped) : "", "", "", "", "", "Fulfillment by seller", "Main warehouse",
        shipped ? `9400${String(next(1e9)).padStart(18, "0")}` : "", "Standard", shipped ? carrier : "", "",
        `buyer${next(1e6)}`, name, "(+1)555*****", String(10000 + next(89999)), "United States", "Illinois",
        "Springfield", address, "", (0.1 + next(30) / 10).toFixed(1), "",
      ];
      yield row;
    }
  }
}

/** The export as CSV text, as Seller Center writes it (each line ends with a stray tab). */
export function generateExport(rows) {
  return Array.from(exportRows(rows), (row) => row.map(quote).join(",") + "\t").join("\n") + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(generateExport(Number(process.argv[2] ?? 10000)));
}
