// The generated export in the other forms a seller has it in: an XLSX workbook as Excel writes
// one (every text a shared string) or as export tools often do (every text inline in its cell,
// as the repository's Seller Center fixture has it), Excel's "Unicode text" (UTF-16LE with a
// byte-order mark, tab-separated), and a JSON array of one object per row, keyed by the header
// (as an ERP hands orders over). For the benchmarks; the same rows as the CSV.
//
//   import { writeXlsx, writeInlineXlsx, writeUnicodeText, writeJson } from "./export-formats.mjs"
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { createDeflateRaw, crc32 } from "node:zlib";
import { exportRows } from "./generate-export.mjs";

const escapeXml = (text) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** A1-style column letters of the zero-based `index`. */
function columnName(index) {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A ZIP entry deflated as its text arrives in pieces, with the CRC and sizes a ZIP header needs. */
class Entry {
  constructor(name) {
    this.name = name;
    this.crc = 0;
    this.size = 0;
    this.packed = [];
    this.deflate = createDeflateRaw({ level: 6 });
    this.deflate.on("data", (chunk) => this.packed.push(chunk));
  }

  async write(text) {
    const bytes = Buffer.from(text, "utf8");
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (!this.deflate.write(bytes)) await once(this.deflate, "drain");
  }

  async end() {
    const ended = once(this.deflate, "end");
    this.deflate.end();
    await ended;
    this.data = Buffer.concat(this.packed);
    return this;
  }
}

/** Writes `entries` (ended) as a ZIP archive to `path` (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16). */
async function writeZip(entries, path) {
  const out = createWriteStream(path);
  const directory = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    // The local header and the directory's record share a run of fields: the version needed,
    // flags, method, time and date (left 0), CRC, sizes and the name's length.
    const describe = (buffer, signature, at) => {
      buffer.writeUInt32LE(signature, 0);
      buffer.writeUInt16LE(20, at);
      buffer.writeUInt16LE(8, at + 4);
      buffer.writeUInt32LE(entry.crc, at + 10);
      buffer.writeUInt32LE(entry.data.length, at + 14);
      buffer.writeUInt32LE(entry.size, at + 18);
      buffer.writeUInt16LE(name.length, at + 22);
      return buffer;
    };
    const header = describe(Buffer.alloc(30), 0x04034b50, 4);
    const record = describe(Buffer.alloc(46), 0x02014b50, 6);
    record.writeUInt16LE(20, 4);
    record.writeUInt32LE(offset, 42);
    directory.push(record, name);
    for (const part of [header, name, entry.data]) {
      if (!out.write(part)) await once(out, "drain");
      offset += part.length;
    }
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  out.end(Buffer.concat([directoryBytes, end]));
  await once(out, "finish");
}

async function textEntry(name, text) {
  const entry = new Entry(name);
  await entry.write(text);
  return entry.end();
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Writes the export of about `rows` rows as an XLSX workbook to `path`: one sheet, every cell's
 * text a shared string (as Excel stores text), the sheet's rows and cells numbered. */
export function writeXlsx(rows, path) {
  return writeWorkbook(rows, path, false);
}

/** The same workbook with every cell's text inline in the cell (`inlineStr`) and no shared
 * strings. */
export function writeInlineXlsx(rows, path) {
  return writeWorkbook(rows, path, true);
}

async function writeWorkbook(rows, path, inline) {
  const sheet = new Entry("xl/worksheets/sheet1.xml");
  const strings = new Map();
  await sheet.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`);
  let number = 0;
  let pending = [];
  for (const row of exportRows(rows)) {
    number += 1;
    const cells = row.map((text, column) => {
      if (text === "") return "";
      const reference = `${columnName(column)}${number}`;
      if (inline) return `<c r="${reference}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
      let index = strings.get(text);
      if (index === undefined) strings.set(text, (index = strings.size));
      return `<c r="${reference}" t="s"><v>${index}</v></c>`;
    });
    pending.push(`<row r="${number}">${cells.join("")}</row>`);
    if (pending.length === 1000) {
      await sheet.write(pending.join(""));
      pending = [];
    }
  }
  await sheet.write(pending.join("") + "</sheetData></worksheet>");
  const shared = inline ? [] : [await sharedStringsEntry(strings)];
  const sharedType = inline
    ? ""
    : `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`;
  const sharedLink = inline ? "" : `<Relationship Id="rId2" Type="${OFFICE}/sharedStrings" Target="sharedStrings.xml"/>`;
  const entries = [
    await textEntry(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${sharedType}</Types>`,
    ),
    await textEntry(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    await textEntry(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="OrderSKUList" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    await textEntry(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>${sharedLink}</Relationships>`,
    ),
    ...shared,
    await sheet.end(),
  ];
  await writeZip(entries, path);
}

/** The shared strings part: `strings`' texts, in the order of their numbers. */
async function sharedStringsEntry(strings) {
  const shared = new Entry("xl/sharedStrings.xml");
  await shared.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${strings.size}" uniqueCount="${strings.size}">`);
  let pending = [];
  for (const text of strings.keys()) {
    pending.push(`<si><t xml:space="preserve">${escapeXml(text)}</t></si>`);
    if (pending.length === 10000) {
      await shared.write(pending.join(""));
      pending = [];
    }
  }
  await shared.write(pending.join("") + "</sst>");
  return shared.end();
}

/** Writes the export of about `rows` rows as Excel's "Unicode text" to `path`: UTF-16LE with a
 * byte-order mark, cells separated by tabs, quoted where they hold a tab, a quote or a line break. */
export async function writeUnicodeText(rows, path) {
  const quote = (cell) => (/[\t"\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const out = createWriteStream(path);
  out.write(Buffer.from([0xff, 0xfe]));
  let pending = [];
  const flush = async () => {
    if (!out.write(Buffer.from(pending.join(""), "utf16le"))) await once(out, "drain");
    pending = [];
  };
  for (const row of exportRows(rows)) {
    pending.push(row.map(quote).join("\t") + "\r\n");
    if (pending.length === 1000) await flush();
  }
  await flush();
  out.end();
  await once(out, "finish");
}

/** Writes the export of about `rows` rows as a JSON array to `path`: an object per row (the
 * description row left out), its keys the header's names, one member per line. */
export async function writeJson(rows, path) {
  const out = createWriteStream(path);
  const all = exportRows(rows);
  const header = all.next().value;
  all.next();
  let pending = ["["];
  let first = true;
  for (const row of all) {
    const members = row.map((cell, i) => `  ${JSON.stringify(header[i])}: ${JSON.stringify(cell.trim())}`);
    pending.push(`${first ? "" : ","}\n {\n${members.join(",\n")}\n }`);
    first = false;
    if (pending.length === 1000) {
      if (!out.write(pending.join(""))) await once(out, "drain");
      pending = [];
    }
  }
  pending.push("\n]\n");
  out.end(pending.join(""));
  await once(out, "finish");
}
