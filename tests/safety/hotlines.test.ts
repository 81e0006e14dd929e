import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { DEFAULT_HOTLINES, parseHotlines } from '../../src/safety/index.ts';

describe('parseHotlines', () => {
  it('parses a valid list and defaults kind to support', () => {
    const hotlines = parseHotlines(
      '[{"name":{"zh-CN":"全国心理援助热线","en":"National psychological assistance hotline"},"number":"12356"},' +
        '{"name":{"zh-CN":"报警","en":"Police"},"number":"110","kind":"emergency"}]',
    );
    expect(hotlines).toEqual([DEFAULT_HOTLINES[0], DEFAULT_HOTLINES[2]]);
  });

  it('round-trips the defaults', () => {
    expect(parseHotlines(JSON.stringify(DEFAULT_HOTLINES))).toEqual(DEFAULT_HOTLINES);
  });

  it('rejects text that is not JSON, naming the variable', () => {
    expect(() => parseHotlines('12356, 110')).toThrow(ConfigError);
    expect(() => parseHotlines('12356, 110')).toThrow(/CRISIS_HOTLINES: not valid JSON/);
  });

  it('rejects an empty list or a non-array', () => {
    expect(() => parseHotlines('[]')).toThrow(/CRISIS_HOTLINES: must list at least one hotline/);
    expect(() => parseHotlines('{"number":"12356"}')).toThrow(/CRISIS_HOTLINES/);
  });

  it('names the entry and field that is wrong', () => {
    const bad = '[{"name":{"zh-CN":"热线","en":"Line"},"number":"12356"},{"name":{"zh-CN":"热线"},"number":"call me"}]';
    let message = '';
    try {
      parseHotlines(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('CRISIS_HOTLINES[1].name.en');
    expect(message).toContain('CRISIS_HOTLINES[1].number: must be a phone number');
    expect(message).toContain('Expected, for example');
  });

  it('rejects unknown fields and kinds', () => {
    expect(() => parseHotlines('[{"name":{"zh-CN":"a","en":"a"},"number":"1","kind":"other"}]')).toThrow(/kind/);
    expect(() => parseHotlines('[{"name":{"zh-CN":"a","en":"a"},"number":"12356","url":"x"}]')).toThrow(/CRISIS_HOTLINES\[0\]/);
  });
});
