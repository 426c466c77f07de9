// ZIP archives and workbooks for the hostile inputs: just enough of APPNOTE.TXT and SpreadsheetML
// to make damaged and bomb-like files on purpose.
import { crc32, deflateRawSync } from 'node:zlib';

/// A ZIP archive of `parts` ([name, text or bytes]), each deflated or stored.
export function zip(parts, { deflate = true, sizes = {} } = {}) {
  const files = [];
  const directory = [];
  let offset = 0;
  // A part is [name, content], or [name, content, its packed bytes] when packed already.
  for (const [name, content, packedAlready] of parts) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const packed = packedAlready ?? (deflate ? deflateRawSync(data) : data);
    const size = sizes[name] ?? data.length;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(deflate ? 8 : 0, 8);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(deflate ? 8 : 0, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    files.push(head, Buffer.from(name), packed);
    directory.push(entry, Buffer.from(name));
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...files, dir, end]);
}

export const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/// A workbook of one sheet whose sheetData is `sheetData`, with `strings` as its shared strings.
export function workbook(sheetData, { strings = null, deflate = true, sizes = {}, sheetXml = null } = {}) {
  const parts = [
    ['[Content_Types].xml', '<Types/>'],
    ['_rels/.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', sheetXml ?? `<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`],
  ];
  if (strings !== null) parts.push(['xl/sharedStrings.xml', `<sst ${NS}>${strings}</sst>`]);
  return zip(parts, { deflate, sizes });
}
