// Writes the hostile corpus: small files a seller's download, an editor, a mangled forward or
// an attacker could hand the importer. Each must end cleanly: orders or rows reported, or one
// short error; never a panic, a hang or a bomb. The engine's test
// (crates/engine/src/import/hostile.rs) reads each whole and in pieces; the end-to-end test drops
// each into the page and into a host page. The files are committed; this script says how each was
// made. Run: node tests/hostile/generate.mjs
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NS, REL, workbook, zip } from './zip.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const HEADER = 'Order ID,Order Status,Created Time,Paid Time,Shipped Time,Delivered Time,Tracking ID,Shipping Provider Name,Quantity';
const row = (id, paid = '2026-11-20 09:00:00', rest = ',,,,,1') => `${id},Awaiting shipment,${paid},${paid}${rest}`;
const rows = (n, make) => Array.from({ length: n }, (_, i) => make(i)).join('\n');
const csv = (...lines) => lines.join('\n') + '\n';

const inline = (ref, text) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const headerRow = '<row r="1">' + ['Order ID', 'Paid Time', 'Tracking ID'].map((t, i) => inline('ABC'[i] + 1, t)).join('') + '</row>';
const dataRow = (r, id) => `<row r="${r}">${inline('A' + r, id)}${inline('B' + r, '2026-11-20 09:00:00')}</row>`;

const utf16le = (text, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf16be = (text, bom = true) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), le]);
};
/// Deterministic bytes (xorshift), so the corpus is the same on every run.
function noise(n, seed = 7) {
  const bytes = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
const bytes = (...pieces) => Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));

const cases = {
  // Empty and nearly empty
  'empty.csv': '',
  'bom-only.csv': '\ufeff',
  'newlines-only.csv': '\n\r\n\n\r\r\n',
  'spaces-only.csv': ' \t '.repeat(1000),
  'header-only.csv': HEADER + '\n',
  'header-without-newline.csv': HEADER,
  'commas-only.csv': ','.repeat(5000) + '\n' + ','.repeat(5000),
  // Quotes
  'unterminated-quote-at-start.csv': csv(HEADER, '"576461413038785101,Awaiting shipment,2026-11-20 09:00:00', row('576461413038785102'), row('576461413038785103')),
  'unterminated-quote-in-the-middle.csv': csv(HEADER, row('576461413038785101'), row('"576461413038785102'), row('576461413038785103')),
  'quote-inside-unquoted-cell.csv': csv(HEADER, row('5764614130387851"01'), row('576461413038785102')),
  'quotes-only.csv': '"'.repeat(10001),
  'doubled-quotes-everywhere.csv': csv(HEADER, rows(200, (i) => `"A""${i}""","""Shipped""",2026-11-20 09:00:00,,,,,,1`)),
  'quoted-header-with-line-breaks.csv': csv('"Order\nID","Paid\r\nTime"', '1,2026-11-20 09:00:00'),
  // Line ends and separators
  'carriage-returns-only.csv': [HEADER, row(1), row(2), row(3)].join('\r'),
  'mixed-line-ends.csv': [HEADER, row(1), row(2), row(3), row(4)].join('\r\n') + '\n' + row(5) + '\r' + row(6),
  'semicolons-quoted.csv': csv(HEADER.replaceAll(',', ';'), rows(20, (i) => `"${i}";"Shipped";"2026-11-20 09:00:00";"";"";"";"";"";"1"`)),
  'pipes.csv': csv(HEADER.replaceAll(',', '|'), row(1).replaceAll(',', '|')),
  'tabs-with-trailing-tabs.tsv': csv(HEADER.replaceAll(',', '\t') + '\t\t\t', row(1).replaceAll(',', '\t') + '\t\t\t\t\t\t'),
  'ragged-rows.csv': csv(HEADER, '1', '2,Shipped', row(3) + ',extra,extra,extra', row(4)),
  // Header trouble
  'duplicate-order-id-columns.csv': csv('Order ID,Order ID,Paid Time', '1,2,2026-11-20 09:00:00'),
  'twenty-thousand-columns.csv': csv(HEADER + ','.repeat(20000), row(1) + ','.repeat(20000)),
  'no-order-id-column.csv': csv('Paid Time,Tracking ID', '2026-11-20 09:00:00,1Z999AA10123456784'),
  'header-in-the-wrong-language.csv': csv('注文番号,支払日時', '1,2026-11-20 09:00:00'),
  // Strange text in cells
  'nul-bytes-in-order-ids.csv': csv(HEADER, row('5764614130\u00003878510'), row('\u0000\u0000\u0000')),
  'nul-bytes-everywhere.csv': '\u0000'.repeat(4096),
  'terminal-escapes-in-cells.csv': csv(HEADER, row('\u001b[31mRED\u001b[0m'), row('\u0007bell\u0008')),
  'formulas-in-cells.csv': csv(HEADER, row('=cmd|\' /C calc\'!A0'), row('+1+1'), row('@SUM(1)'), row('-2+3')),
  'markup-in-cells.csv': csv(HEADER, row('<img src=x onerror=alert(1)>'), row('<script>alert(1)</script>'), row('"><svg onload=alert(1)>')),
  'bidi-and-zero-width-in-ids.csv': csv(HEADER, row('5764\u202e10'), row('5764\u200b6141'), row('\ufeff576461')),
  'emoji-and-astral-characters.csv': csv(HEADER, row('😀😀😀'), row('𝔘𝔫𝔦𝔠𝔬𝔡𝔢')),
  'ten-thousand-character-order-id.csv': csv(HEADER, row('9'.repeat(10000))),
  'ten-thousand-character-tracking-id.csv': csv(HEADER, row('1', '2026-11-20 09:00:00', `,2026-11-21 09:00:00,,${'1Z'.repeat(5000)},UPS,1`)),
  // Bytes that are not what they claim
  'random-bytes.csv': noise(4096),
  'all-ff-bytes.csv': Buffer.alloc(4096, 0xff),
  'overlong-utf8.csv': bytes(HEADER + '\n', Buffer.from([0xc0, 0xaf, 0x2c, 0xe0, 0x80, 0xaf]), '\n'),
  'encoded-surrogates.csv': bytes(HEADER + '\n1', Buffer.from([0xed, 0xa0, 0x80]), ',Shipped\n'),
  'utf16le-without-bom.csv': utf16le(csv(HEADER, row(1), row(2)), false),
  'utf16be-without-bom.csv': utf16be(csv(HEADER, row(1), row(2)), false),
  'utf16le-odd-length.csv': bytes(utf16le(csv(HEADER, row(1))), Buffer.from([0x41])),
  'utf16be-bom-then-utf8.csv': bytes(Buffer.from([0xfe, 0xff]), csv(HEADER, row(1))),
  'utf8-bom-then-utf16.csv': bytes(Buffer.from([0xef, 0xbb, 0xbf]), utf16le(csv(HEADER, row(1)), false)),
  'latin1-byte-in-utf8.csv': bytes(csv(HEADER, row(1)), Buffer.from([0xe9]), csv(row(2))),
  'gzip-named-csv.csv': bytes(Buffer.from([0x1f, 0x8b, 0x08, 0x00]), noise(500, 3)),
  'pdf-named-csv.csv': '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
  // Dates, numbers and orders
  'years-0000-and-0001.csv': csv(HEADER, row(1, '0000-01-01 00:00:00'), row(2, '0001-01-01 00:00:00'), row(3)),
  'delivered-in-year-9999.csv': csv(HEADER, rows(2000, (i) => `${i},Delivered,0001-01-01 00:00:00,0001-01-01 00:00:00,0001-01-02 00:00:00,9999-12-31 23:59:59,,,1`)),
  'years-1969-and-2101.csv': csv(HEADER, row(1, '1969-12-31 23:59:59'), row(2, '2101-01-01 00:00:00'), row(3)),
  'impossible-dates.csv': csv(HEADER, row(1, '31/02/2026 09:00'), row(2, '99/99/9999 99:99'), row(3, '2026-13-45 25:61:61'), row(4)),
  'huge-and-negative-epochs.csv': csv(HEADER, row(1, '100000000000000000000'), row(2, '-99999999999'), row(3, '1e308'), row(4, 'NaN')),
  'unreadable-and-huge-quantities.csv': csv(HEADER, row(1, undefined, ',,,,,many'), row(2, undefined, ',,,,,1e30'), row(3, undefined, ',,,,,-5'), row(4, undefined, ',,,,,18446744073709551617')),
  'contradicting-rows-of-one-order.csv': csv(HEADER, '1,Shipped,2026-11-20 09:00:00,2026-11-20 09:00:00,2026-11-21 09:00:00,,1Z999AA10123456784,UPS,1', '1,Cancelled,2026-11-22 09:00:00,2026-11-22 09:00:00,,,9400100000000000000000,USPS,1'),
  'one-order-three-thousand-lines.csv': csv(HEADER, rows(3000, () => row('576461413038785101'))),
  'one-tracking-number-on-every-order.csv': csv(HEADER, rows(2000, (i) => `${i},Shipped,2026-11-20 09:00:00,2026-11-20 09:00:00,2026-11-21 09:00:00,,1Z999AA10123456784,UPS,1`)),
  'blank-and-description-rows-only.csv': csv(HEADER, 'Platform unique order ID.,Order status,,,,,,,', '', '', ',,,,,,,,'),
  // JSON
  'json-number.json': '42',
  'json-string.json': '"Order ID,Paid Time"',
  'json-null.json': 'null',
  'json-deep-nesting.json': '['.repeat(100000) + ']'.repeat(100000),
  'json-deep-objects.json': '{"a":'.repeat(50000) + '1' + '}'.repeat(50000),
  'json-truncated.json': '{"data":{"orders":[{"id":"576461413038785901","status":"AWAITING_SHIPMENT","create_time":17955',
  'json-orders-not-a-list.json': '{"data":{"orders":{"id":"1"}}}',
  'json-wrong-types.json': '{"data":{"orders":[{"id":{"x":1},"status":7,"create_time":"soon","line_items":"none"}]}}',
  'json-huge-times.json': '{"data":{"orders":[{"id":"1","status":"AWAITING_SHIPMENT","create_time":1e300,"paid_time":-1e300,"rts_sla_time":18446744073709551616}]}}',
  'json-trailing-garbage.json': '\ufeff{"data":{"orders":[]}} trailing',
  'json-ten-thousand-empty-orders.json': `{"data":{"orders":[${Array(10000).fill('{}').join(',')}]}}`,
  // Workbooks
  'zip-magic-only.xlsx': Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  'workbook-truncated.xlsx': workbook(headerRow + dataRow(2, '1')).subarray(0, 300),
  'workbook-unclosed-row.xlsx': workbook(headerRow + '<row r="2">' + inline('A2', '1').repeat(3000), { deflate: false }),
  'workbook-last-row-1048576.xlsx': workbook(headerRow + dataRow(2, '1') + '<row r="1048576"></row>'),
  'workbook-row-beyond-excel.xlsx': workbook(headerRow + dataRow(2, '1') + '<row r="1048577"></row>'),
  'workbook-cell-in-xfd.xlsx': workbook(headerRow + rows(2000, (i) => `<row r="${i + 2}"><c r="XFD${i + 2}"><v>1</v></c></row>`)),
  'workbook-cell-beyond-xfd.xlsx': workbook(headerRow + '<row r="2"><c r="XFE2"><v>1</v></c></row>'),
  'workbook-string-index-past-end.xlsx': workbook('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>99999</v></c></row>', { strings: '<si><t>Order ID</t></si>' }),
  'workbook-billion-laughs.xlsx': workbook(null, { sheetXml: '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' + `<worksheet ${NS}><sheetData>${headerRow}<row r="2">${inline('A2', '&lol2;')}</row></sheetData></worksheet>` }),
  'workbook-garbage-cell-references.xlsx': workbook(headerRow + '<row r="2"><c r="ZZZZZZZZ9"><v>1</v></c><c r="!!"><v>2</v></c><c r=""><v>3</v></c></row><row r="-4"></row><row r="x"></row>'),
  'workbook-size-lies.xlsx': workbook(headerRow + dataRow(2, '1'), { sizes: { 'xl/worksheets/sheet1.xml': 0xffffffff } }),
  'workbook-no-sheets.xlsx': zip([['_rels/.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`], ['xl/workbook.xml', `<workbook ${NS}><sheets/></workbook>`]]),
  'workbook-path-traversal.xlsx': zip([['_rels/.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="../../../etc/passwd"/></Relationships>`]]),
  'workbook-stored-parts.xlsx': workbook(headerRow + rows(50, (i) => dataRow(i + 2, 576461413038785000 + i)), { deflate: false }),
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [name, content] of Object.entries(cases)) writeFileSync(join(out, name), content);
console.log(`${readdirSync(out).length} files in ${out}`);
