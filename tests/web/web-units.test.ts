import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { barChart, timeChart } from '../../src/bots/web/charts.ts';
import { CHAT_JS } from '../../src/bots/web/chat-assets.ts';
import { CONSOLE_JS } from '../../src/bots/web/console-assets.ts';
import { html, raw } from '../../src/bots/web/html.ts';
import { Readable } from 'node:stream';
import { cookie, localPath, readForm } from '../../src/bots/web/http-kit.ts';
import { requestLocale } from '../../src/bots/web/i18n.ts';
import { compactDiff, diffLines } from '../../src/bots/web/line-diff.ts';
import { renderMarkdown } from '../../src/bots/web/markdown-preview.ts';
import { hashPassword, verifyPassword } from '../../src/bots/web/password.ts';
import { RateLimiter } from '../../src/bots/web/rate-limit.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('readForm', () => {
  const post = (body: string) => Object.assign(Readable.from([Buffer.from(body)]), { headers: { 'content-type': 'application/x-www-form-urlencoded' } }) as unknown as IncomingMessage;

  it('keeps repeated names as lists, treats __proto__ as a plain field and drops NUL', async () => {
    const form = await readForm(post('a=1&a=2&__proto__=x&__proto__=y&title=ab%00c&n%00ame=v'));
    expect(form.a).toEqual(['1', '2']);
    expect(form['__proto__']).toEqual(['x', 'y']);
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(form.title).toBe('abc');
    expect(form.name).toBe('v');
  });
});

describe('web building blocks', () => {
  it('escapes every interpolation unless it is already safe HTML', () => {
    const name = '<img src=x onerror="alert(1)">';
    expect(html`<p title="${name}">${name}</p>`.value).toBe('<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>');
    expect(html`<ul>${['a&b', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>a&amp;b<li>ok</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
    expect(html`${raw('<b>trusted</b>')}`.value).toBe('<b>trusted</b>');
  });

  it('hashes passwords with scrypt and a salt, and verifies in constant time', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$99999999$8$1$aa$bb')).toBe(false);
  });

  it('picks the language from the switch cookie, then Accept-Language by quality', () => {
    expect(requestLocale(request({ 'accept-language': 'fr-FR,en;q=0.8,zh;q=0.5' }), 'zh-CN')).toBe('en');
    expect(requestLocale(request({ 'accept-language': 'en;q=0.3,zh-TW;q=0.9' }), 'en')).toBe('zh-CN');
    expect(requestLocale(request({ 'accept-language': 'fr' }), 'en')).toBe('en');
    expect(requestLocale(request({ 'accept-language': 'en', cookie: 'ua_lang=zh-CN' }), 'en')).toBe('zh-CN');
  });

  it('sets cookies http-only and SameSite=Lax, Secure behind https, and redirects only to local paths', () => {
    expect(cookie({ secure: false }, 'a', 'b', 60)).toBe('a=b; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(cookie({ secure: true }, 'a', 'b')).toContain('; Secure');
    expect(localPath('/console/cases?status=open', '/')).toBe('/console/cases?status=open');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', undefined]) expect(localPath(bad, '/')).toBe('/');
  });

  it('limits attempts per key within a window', () => {
    const limiter = new RateLimiter(2, 1000);
    expect([limiter.take('k', 0), limiter.take('k', 10), limiter.take('k', 20)]).toEqual([true, true, false]);
    expect(limiter.take('other', 20)).toBe(true);
    expect(limiter.take('k', 1001)).toBe(true);
  });

  it('diffs lines and keeps context around the changes', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const lines = diffLines(before, after);
    expect(lines.filter((l) => l.kind !== 'same')).toEqual([{ kind: 'del', text: 'e' }, { kind: 'add', text: 'E' }, { kind: 'add', text: 'j' }]);
    const compact = compactDiff(lines, 1);
    expect(compact[0]).toEqual({ kind: 'gap', count: 3 });
  });

  it('renders the knowledge-base Markdown subset without letting markup through', () => {
    const out = renderMarkdown('---\nid: x\n---\n# Title\n\nSome **bold** and `code` <b>x</b>\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[ok](https://example.com) [bad](javascript:alert(1))');
    expect(out).toContain('<table class="front-matter"><tr><th>id</th><td>x</td></tr></table>');
    expect(out).toContain('<h1>Title</h1>');
    expect(out).toContain('<strong>bold</strong> and <code>code</code> &lt;b&gt;x&lt;/b&gt;');
    expect(out).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(out).toContain('<td>1</td><td>2</td>');
    expect(out).toContain('<a href="https://example.com" rel="noreferrer">ok</a>');
    expect(out).not.toContain('javascript:alert(1)"');
  });

  it('draws charts as escaped inline SVG', () => {
    const svg = barChart([{ label: '<script>', value: 3 }, { label: 'b', value: 1 }], { title: 'T & U' }).value;
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('aria-label="T &amp; U"');
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    const line = timeChart([{ label: '01', value: 1 }, { label: '02', value: 3 }], { title: 't', kind: 'line' }).value;
    expect(line).toMatch(/<path class="line" d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+"/);
  });

  it('serves scripts that parse (they live in template strings, where a lost backslash breaks them)', () => {
    expect(() => new Function(CHAT_JS)).not.toThrow();
    expect(() => new Function(CONSOLE_JS)).not.toThrow();
  });
});
