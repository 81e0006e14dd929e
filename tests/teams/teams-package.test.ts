import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.ts';

/** Reads a zip through its central directory, checking every entry's CRC-32 (with Node's own). */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, compressed, size, nameLength, extra, comment, offset] = [
      archive.readUInt16LE(at + 10),
      archive.readUInt32LE(at + 16),
      archive.readUInt32LE(at + 20),
      archive.readUInt32LE(at + 24),
      archive.readUInt16LE(at + 28),
      archive.readUInt16LE(at + 30),
      archive.readUInt16LE(at + 32),
      archive.readUInt32LE(at + 42),
    ];
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const raw = archive.subarray(dataAt, dataAt + compressed);
    const content = method === 8 ? inflateRawSync(raw) : raw;
    expect(content.length).toBe(size);
    expect(crc32(content)).toBe(crc);
    files.set(name, content);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('Teams app package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ua-teams-package-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['scripts/teams-package.mjs', '--out', join(dir, 'app.zip')], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });

  it('zips the manifest with this deployment filled in, its Chinese localization and both icons', () => {
    const appId = '01234567-89AB-cdef-0123-456789abcdef';
    const result = run({ MICROSOFT_APP_ID: appId, PUBLIC_URL: 'https://union.example.com/' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const files = unzip(readFileSync(join(dir, 'app.zip')));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ manifestVersion: '1.17', id: appId.toLowerCase(), icons: { color: 'color.png', outline: 'outline.png' }, validDomains: ['union.example.com'] });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.bots[0].botId).toBe(appId.toLowerCase());
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual(['help', 'ask', 'surveys', 'vote', 'events', 'cases']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(JSON.parse(files.get('zh-cn.json')!.toString('utf8'))['name.short']).toBe('工会助手');
    expect(pngSize(files.get('color.png')!)).toEqual([192, 192]);
    expect(pngSize(files.get('outline.png')!)).toEqual([32, 32]);
  });

  it('refuses to build a package Teams would reject, and says what to set', () => {
    expect(run({ PUBLIC_URL: 'https://union.example.com' }).stderr).toMatch(/MICROSOFT_APP_ID is not set/);
    expect(run({ MICROSOFT_APP_ID: 'my-bot', PUBLIC_URL: 'https://union.example.com' }).stderr).toMatch(/must be a GUID/);
    const http = run({ MICROSOFT_APP_ID: '01234567-89ab-cdef-0123-456789abcdef', PUBLIC_URL: 'http://union.example.com' });
    expect(http.status).toBe(1);
    expect(http.stderr).toMatch(/https/);
  });

  it('keeps the committed icons in step with the script that draws them', () => {
    const result = spawnSync(process.execPath, ['scripts/teams-icons.mjs', '--out-dir', dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const name of ['color.png', 'outline.png']) expect(readFileSync(join(dir, name)).equals(readFileSync(join(repoRoot, 'teams', name)))).toBe(true);
  });
});
