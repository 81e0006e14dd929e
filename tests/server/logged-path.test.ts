import { describe, expect, it } from 'vitest';
import { loggedPath } from '../../src/server/http.ts';

describe('loggedPath', () => {
  it('keeps ordinary paths and cuts segments that carry data (a Teams file link carries the file)', () => {
    expect(loggedPath('/console/cases/clx0abc123')).toBe('/console/cases/clx0abc123');
    const payload = 'eJyrVkrOzytJzSvRUVBQUkrOzytJzSvRUVBQUkrOzytJzSvRUVBQUkrO';
    const logged = loggedPath(`/api/teams/files/${payload}.c2lnbmF0dXJl/receipt.txt`);
    expect(logged).not.toContain(payload.slice(8, 30));
    expect(logged).toMatch(/^\/api\/teams\/files\/eJyrVkrO…\(\d+\)\/receipt\.txt$/);
  });
});
