import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/cli.ts';

/**
 * A small knowledge base in a temporary folder (two union pages from the real one), so that
 * publishing from the console never writes into the repository's knowledge-base/.
 */
export function knowledgeFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ua-kb-'));
  mkdirSync(join(dir, 'union'), { recursive: true });
  for (const name of ['privacy.zh.md', 'privacy.en.md']) copyFileSync(join(repoRoot, 'knowledge-base', 'union', name), join(dir, 'union', name));
  return dir;
}

/** A new FAQ about something no other document covers, as an editor would write it. */
export function bikeFaq(title = '公司有自行车通勤补贴吗？'): string {
  return `---
id: faq-bike-subsidy-zh
type: faq
title: ${title}
language: zh-CN
category: benefits
tags: [自行车, 通勤补贴]
updated: 2026-11-27
questions:
  - 骑自行车上班有补贴吗
  - 自行车通勤补贴怎么申请
cites: []
---
# ${title}

工会与公司在 2026 年集体合同中约定：骑自行车通勤的员工每月可领取 **100 元自行车通勤补贴**，在 OA 系统“福利申请”中提交即可。
`;
}
