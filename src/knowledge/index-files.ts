import { open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../core/errors.ts';
import { ManifestSchema, StoreSchema, type Manifest } from './manifest.ts';
import type { ChunkRecord, DocumentRecord } from './records.ts';
import { VectorIndex } from './vector-index.ts';

const MANIFEST = 'manifest.json';
const LOCK = 'build.lock';
/** A lock untouched for this long is taken to belong to a crashed process. */
const STALE_LOCK_MS = 60_000;
const HEARTBEAT_MS = 5_000;

/** What one index version holds in memory. */
export interface LoadedIndex {
  manifest: Manifest;
  documents: DocumentRecord[];
  chunks: ChunkRecord[];
  vectors: VectorIndex;
}

/** Data file names for a version: versioned so that a reader of the previous version keeps its files. */
export function fileNames(version: number): Manifest['files'] {
  const padded = String(version).padStart(6, '0');
  return { store: `store-${padded}.json`, vectors: `vectors-${padded}.hnsw` };
}

/**
 * The next index version: one more than the current manifest's and than any data file on disk,
 * so the version keeps increasing even after an unreadable manifest was replaced.
 */
export async function nextVersion(dir: string, current: number): Promise<number> {
  let highest = current;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = /^(?:store|vectors)-(\d+)\./.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

/** Writes through a temporary file and a rename, so readers see the old file or the new, never half. */
export async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** The manifest, or undefined when there is no index yet. */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = ManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('internal', `knowledge index manifest is damaged: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** A cheap fingerprint of the manifest file, to notice another process's write without reading it. */
export async function manifestFingerprint(dir: string): Promise<string | undefined> {
  try {
    const s = await stat(join(dir, MANIFEST));
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Loads the current version. A writer may delete old files meanwhile: then the read is retried. */
export async function loadIndex(dir: string): Promise<LoadedIndex | undefined> {
  for (let attempt = 0; ; attempt++) {
    const manifest = await readManifest(dir);
    if (!manifest) return undefined;
    try {
      const store = StoreSchema.parse(JSON.parse(await readFile(join(dir, manifest.files.store), 'utf8')));
      const vectors = await VectorIndex.read(join(dir, manifest.files.vectors), manifest.embedder.dimensions, store.chunks.map((chunk) => chunk.label));
      return { manifest, documents: store.documents, chunks: store.chunks, vectors };
    } catch (error) {
      if (attempt < 2 && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
  }
}

/** Writes a new version: data files first, then the manifest that points at them. */
export async function writeIndex(dir: string, index: LoadedIndex): Promise<void> {
  const { manifest } = index;
  await writeAtomic(join(dir, manifest.files.store), JSON.stringify({ documents: index.documents, chunks: index.chunks }));
  const temporary = join(dir, `${manifest.files.vectors}.${process.pid}.tmp`);
  await index.vectors.write(temporary);
  await rename(temporary, join(dir, manifest.files.vectors));
  await writeAtomic(join(dir, MANIFEST), JSON.stringify(manifest));
}

/** Deletes data files older than the previous version (readers may still be loading that one). */
export async function removeOldFiles(dir: string, current: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const match = /^(?:store|vectors)-(\d+)\./.exec(name);
    const stale = (match && Number(match[1]) < current - 1) || (name.endsWith('.tmp') && !name.includes(`.${process.pid}.`));
    if (stale) await rm(join(dir, name), { force: true });
  }
}

/**
 * Takes the cross-process build lock, waiting up to `waitMs`; returns its release. The holder
 * touches the lock file while it works, so a long build (a model embedder) is not taken for a
 * crashed one; a lock untouched for STALE_LOCK_MS is broken.
 */
export async function acquireBuildLock(dir: string, waitMs = 600_000): Promise<() => Promise<void>> {
  const path = join(dir, LOCK);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      await handle.close();
      const heartbeat = setInterval(() => {
        const now = new Date();
        utimes(path, now, now).catch(() => undefined);
      }, HEARTBEAT_MS);
      heartbeat.unref();
      return async () => {
        clearInterval(heartbeat);
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > STALE_LOCK_MS) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new AppError('conflict', 'another process is building the knowledge index');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
