import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { workerExecArgv } from '../../src/server/cluster.ts';

describe('WORKERS (serve’s processes, src/server/cluster.ts)', () => {
  it('defaults to one process per core: at most 2 on SQLite, at most 4 on PostgreSQL', () => {
    const cores = Math.max(1, Math.min(availableParallelism(), 4));
    const sqlite = Math.max(1, Math.min(availableParallelism(), 2));
    expect(loadConfig({}).workers).toBe(sqlite);
    expect(loadConfig({ WORKERS: 'auto', DATABASE_URL: 'file:/tmp/x.db' }).workers).toBe(sqlite);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/ua' }).workers).toBe(cores);
    expect(loadConfig({ WORKERS: ' ', DATABASE_URL: 'postgres://u:p@db/ua' }).workers).toBe(cores);
  });

  it('takes a number from 1 to 64', () => {
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '8' }).workers).toBe(8);
    expect(loadConfig({ WORKERS: '2', DATABASE_URL: 'postgresql://u:p@db:5432/ua' }).workers).toBe(2);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['0', '65', '1.5', 'two', '-1']) {
      expect(() => loadConfig({ WORKERS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ WORKERS: bad }), bad).toThrow(/WORKERS: must be auto or a whole number from 1 to 64/);
    }
  });

  it('starts workers with a 64 MB young generation unless the operator chose a size', () => {
    expect(workerExecArgv([])).toEqual(['--max-semi-space-size=64']);
    const tsx = ['--require', '/x/tsx/preflight.cjs', '--import', 'file:///x/tsx/loader.mjs'];
    expect(workerExecArgv(tsx, '--enable-source-maps')).toEqual([...tsx, '--max-semi-space-size=64']);
    expect(workerExecArgv(['--max-semi-space-size=16'])).toEqual(['--max-semi-space-size=16']);
    expect(workerExecArgv([], '--max-old-space-size=2048 --max-semi-space-size=32')).toEqual([]);
  });
});
