#!/usr/bin/env node
// Draws the two icons a Teams app package needs, as PNG files written with node:zlib alone:
//   teams/color.png    192×192, full colour (the app's tile)
//   teams/outline.png   32×32, white on transparent (the app bar)
// The drawing is a speech bubble holding a five-point star (the union's badge in a chat), so
// it reads at 32 pixels. Run it again after changing the drawing: `node scripts/teams-icons.mjs`
// (`--out-dir DIR` writes elsewhere; the test suite checks the committed icons match the script).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG (and ZIP) use it. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (`pixel(x, y)` → [r, g, b, a]) as a PNG. */
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0: none
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Whether a point (in a unit square, y down) is inside a five-point star centred at (cx, cy). */
function inStar(x, y, cx, cy, outer, inner) {
  const points = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
  });
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point is inside the speech bubble: a rounded square with a tail at the bottom left. */
function inBubble(x, y) {
  const [left, top, right, bottom, radius] = [0.1, 0.12, 0.9, 0.74, 0.14];
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  const body = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= left && x <= right && y >= top && y <= bottom;
  // The tail: a triangle from the bubble's lower edge down to the left.
  const tail = y >= bottom - 0.01 && y <= 0.92 && x >= 0.2 && x <= 0.2 + (0.92 - y) * 1.3 && x <= 0.42;
  return body || tail;
}

/** Samples a shape 4×4 times per pixel for smooth edges; returns coverage 0…1. */
function coverage(size, px, py, shape) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (shape((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

const RED = [0xc8, 0x10, 0x2e];
const GOLD = [0xff, 0xd6, 0x4a];
const star = (x, y) => inStar(x, y, 0.5, 0.44, 0.22, 0.09);

// Colour icon: red tile (Teams crops it to a rounded square), white bubble, gold star.
const color = png(192, (x, y) => {
  const bubble = coverage(192, x, y, inBubble);
  const starCover = coverage(192, x, y, star);
  const mix = (a, b, t) => a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));
  const withBubble = mix(RED, [255, 255, 255], bubble);
  return [...mix(withBubble, GOLD, starCover), 255];
});

// Outline icon: the same bubble in white on transparent, the star cut out of it.
const outline = png(32, (x, y) => {
  const alpha = Math.max(0, coverage(32, x, y, inBubble) - coverage(32, x, y, star));
  return [255, 255, 255, Math.round(alpha * 255)];
});

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--out-dir');
  const dir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, 'teams');
  writeFileSync(join(dir, 'color.png'), color);
  writeFileSync(join(dir, 'outline.png'), outline);
  console.log(`${join(dir, 'color.png')} (${color.length} bytes), ${join(dir, 'outline.png')} (${outline.length} bytes)`);
}
