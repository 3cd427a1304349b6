// Draws the installable console's icons (public/icons/*.png): a white speech bubble on the console's accent blue,
// inside the maskable safe zone. Run once with `npx tsx scripts/app-icons.ts`; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const ACCENT = [0x0b, 0x5c, 0xad];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** 0..1 coverage of the white bubble at (x, y) in a unit square: an ellipse and a tail at its lower left. */
function inBubble(x: number, y: number): boolean {
  const ellipse = ((x - 0.5) / 0.3) ** 2 + ((y - 0.46) / 0.22) ** 2 <= 1;
  const tail = y >= 0.6 && y <= 0.76 && x >= 0.3 && x <= 0.42 && x - 0.3 <= (0.76 - y) * 0.75;
  return ellipse || tail;
}

function png(size: number): Buffer {
  const rows: Buffer[] = [];
  const S = 4; // supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      let white = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) if (inBubble((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size)) white++;
      const a = white / (S * S);
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round(ACCENT[c]! * (1 - a) + 255 * a);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) writeFileSync(`public/icons/icon-${size}.png`, png(size));
