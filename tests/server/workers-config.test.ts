import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('WORKERS (serve’s processes, src/server/cluster.ts)', () => {
  it('defaults to one per core, at most 4', () => {
    const expected = Math.max(1, Math.min(availableParallelism(), 4));
    expect(loadConfig({}).workers).toBe(expected);
    expect(loadConfig({ WORKERS: 'auto' }).workers).toBe(expected);
    expect(loadConfig({ WORKERS: ' ' }).workers).toBe(expected);
  });

  it('takes a number from 1 to 64', () => {
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '8' }).workers).toBe(8);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['0', '65', '1.5', 'two', '-1']) {
      expect(() => loadConfig({ WORKERS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ WORKERS: bad }), bad).toThrow(/WORKERS: must be auto or a whole number from 1 to 64/);
    }
  });
});
