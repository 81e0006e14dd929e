#!/usr/bin/env node
// Builds the Teams app package to upload ("sideload") in Teams: a zip of teams/manifest.json with
// this deployment's values filled in, the Chinese localization, and the two icons.
//
//   MICROSOFT_APP_ID=<bot app id> PUBLIC_URL=https://union.example.com node scripts/teams-package.mjs [--out FILE]
//
// The zip is written with node:zlib (deflate) and a CRC-32 of our own: no zip tool needed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './teams-icons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message) {
  console.error(`teams-package: ${message}`);
  process.exit(1);
}

/** A zip archive of `files` (name → bytes), deflated, with a central directory. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  // 1980-01-01 00:00, the zip epoch: a fixed date keeps the package byte-for-byte reproducible.
  const [time, date] = [0, (0 << 9) | (1 << 5) | 1];
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = deflateRawSync(content, { level: 9 });
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The manifest with this deployment's values; throws with a message naming what is missing. */
export function fillManifest(template, values) {
  const { appId, publicUrl, version } = values;
  if (!appId) throw new Error('MICROSOFT_APP_ID is not set: the Azure Bot\'s "Microsoft App ID" (see README.md, "Microsoft Teams")');
  if (!GUID.test(appId)) throw new Error(`MICROSOFT_APP_ID must be a GUID like 01234567-89ab-cdef-0123-456789abcdef, not "${appId}"`);
  if (!publicUrl) throw new Error('PUBLIC_URL is not set: the https address the bot is reachable at, e.g. https://union.example.com');
  let url;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: "${publicUrl}"`);
  }
  if (url.protocol !== 'https:') throw new Error('PUBLIC_URL must be an https:// address: Teams accepts no other');
  const base = publicUrl.replace(/\/+$/, '');
  const text = template
    .replaceAll('{{MICROSOFT_APP_ID}}', appId.toLowerCase())
    .replaceAll('{{PUBLIC_URL}}', base)
    .replaceAll('{{PUBLIC_HOST}}', url.host)
    .replaceAll('{{VERSION}}', version);
  const left = text.match(/\{\{[A-Z_]+\}\}/);
  if (left) throw new Error(`teams/manifest.json has a placeholder this script does not fill: ${left[0]}`);
  return JSON.stringify(JSON.parse(text), null, 2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outIndex = process.argv.indexOf('--out');
  const out = resolve(outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1] : join(root, 'data', 'union-assistant-teams.zip'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  let manifest;
  try {
    manifest = fillManifest(readFileSync(join(root, 'teams', 'manifest.json'), 'utf8'), { appId: process.env.MICROSOFT_APP_ID?.trim(), publicUrl: process.env.PUBLIC_URL?.trim(), version });
  } catch (error) {
    fail(error.message);
  }
  const files = {
    'manifest.json': Buffer.from(manifest, 'utf8'),
    'zh-cn.json': readFileSync(join(root, 'teams', 'zh-cn.json')),
    'color.png': readFileSync(join(root, 'teams', 'color.png')),
    'outline.png': readFileSync(join(root, 'teams', 'outline.png')),
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip(files));
  console.log(out);
}
