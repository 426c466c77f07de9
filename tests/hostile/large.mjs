// The large hostile inputs, too large to keep in the repository: written to `dir` on
// demand, for the end-to-end test and for measuring the CLI (`node tests/hostile/large.mjs DIR`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDeflateRaw } from 'node:zlib';
import { NS, REL, zip } from './zip.mjs';

const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Order ID</t></is></c><c r="B1" t="inlineStr"><is><t>Paid Time</t></is></c></row>';

/** `chunks()` deflated as one stream: a part far larger unpacked than packed. */
async function deflated(chunks) {
  const deflate = createDeflateRaw({ level: 1 });
  const out = [];
  deflate.on('data', (chunk) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  for (const chunk of chunks()) if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A workbook of one sheet whose parts are given packed, with the sizes they claim. */
function workbookPacked(sheet, strings) {
  const rels = `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const parts = [
    ['_rels/.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', rels],
  ];
  const packed = [['xl/worksheets/sheet1.xml', sheet], ...(strings ? [['xl/sharedStrings.xml', strings]] : [])];
  return zip([...parts, ...packed.map(([name, bytes]) => [name, Buffer.alloc(0), bytes])], {
    sizes: Object.fromEntries(packed.map(([name]) => [name, 0xfffffff0])),
  });
}

export async function makeLarge(dir) {
  mkdirSync(dir, { recursive: true });
  const files = {};
  const write = (name, bytes) => writeFileSync((files[name] = join(dir, name)), bytes);
  // A 20 MB first line with no line break.
  write('header-20mb.csv', Buffer.from('Order ID,'.repeat(20e6 / 9)));
  // 200,000 rows, each one cell in Excel's last column.
  const xfd = Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 2}"><c r="XFD${i + 2}"><v>1</v></c></row>`).join('');
  write('xfd-200k.xlsx', zip([
    ['_rels/.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', `<worksheet ${NS}><sheetData>${header}${xfd}</sheetData></worksheet>`],
  ]));
  // Shared strings that unpack to 300 MB, and a sheet of cells that unpacks to 300 MB.
  const repeat = (text, bytes) => function* () {
    const block = Buffer.from(text.repeat(Math.ceil((1 << 20) / text.length)));
    for (let written = 0; written < bytes; written += block.length) yield block;
  };
  const empty = Buffer.from(`<worksheet ${NS}><sheetData>${header}</sheetData></worksheet>`);
  write('strings-bomb.xlsx', workbookPacked(await deflated(function* () { yield empty; }), await deflated(repeat(`<si><t>${'A'.repeat(1000)}</t></si>`, 300e6))));
  const cells = `<row r="2">${'<c t="inlineStr"><is><t>B</t></is></c>'}`;
  write('sheet-bomb.xlsx', workbookPacked(await deflated(function* () { yield Buffer.from(`<worksheet ${NS}><sheetData>${header}`); yield* repeat(cells, 300e6)(); })));
  return files;
}

// Run as a script (not imported by a test): write them to the folder named.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await makeLarge(process.argv[2]));
