import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { memoise } from './memo.ts';

let jieba: Jieba | undefined;

/**
 * jieba with its default dictionary, loaded on first use (about 200 ms). The dictionary file is
 * read directly: `@node-rs/jieba/dict` would also load the 6 MB IDF table, which nothing here uses.
 */
function instance(): Jieba {
  jieba ??= Jieba.withDict(readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')));
  return jieba;
}

/** Function words that carry no topic; dropped from both documents and queries. */
const STOPWORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 哦 嘛 么 着 过 是 在 和 与 及 或 或者 以及 等 之 其 这 那 这个 那个 这样 那样 这种 那种 ' +
    '我 你 他 她 它 我们 你们 他们 她们 咱们 自己 人家 什么 怎么 怎么办 怎样 怎么样 如何 为什么 为何 哪 哪里 哪些 哪个 ' +
    '多少 几 能 能不能 可以 可不可以 可否 会 会不会 要 要不要 应该 是否 是不是 有没有 有 没 不 也 都 就 还 又 再 才 ' +
    '很 非常 太 最 更 被 把 给 让 对 向 从 到 为 因为 所以 但是 但 而 如果 那么 一 一个 一下 已经 现在 请问 你好 您好 ' +
    '谢谢 想 知道 问 问题 情况 下列 之一 以下 以上 本 该 所 可 由 于 将 并 且 则 按照 依照 根据 规定 有关 相应 其他 ' +
    '应当 不得 上 下 中 里 后 前 时 个 吗 啥 咋 么样 呗 哈 嗯 诶 哎 唉 额 我该 该怎么办 怎么弄 咋办 咋整 怎么回事 请问一下'
  ).split(/\s+/),
);

const PARTICLES = new Set('的了吗呢吧啊呀哦嘛么着过'.split(''));
/** Article numbering ("第四十四条", "四十", "十四条"): matched by the reranker, not by BM25. */
const NUMBERING = /^[第一二三四五六七八九十百千零〇两条款项章节之]+$/;
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const WORDISH = /[\p{L}\p{N}]/u;

/** Search-mode jieba words, lower-cased, without punctuation and stopwords (memoised: callers must not mutate). */
export const segment = memoise(segmentUncached);

function segmentUncached(text: string): string[] {
  const words: string[] = [];
  for (const raw of instance().cutForSearch(text, true)) {
    const word = raw.trim().toLowerCase();
    if (!word || !WORDISH.test(word) || STOPWORDS.has(word) || NUMBERING.test(word)) continue;
    // Latin words are handled by the English analyser, with stemming.
    if (!HAN.test(word) && !/^[0-9.%]+$/.test(word)) continue;
    words.push(word);
  }
  return words;
}

const phraseCache = new Map<string, string[]>();

/**
 * `segment` for the fixed phrases of the thesaurus, memoised: a long article mentions a dozen
 * concepts, each expanding to several statutory phrases, and jieba is most of the build time.
 */
export function segmentPhrase(phrase: string): string[] {
  let words = phraseCache.get(phrase);
  if (!words) {
    words = segmentUncached(phrase);
    if (phraseCache.size < 20_000) phraseCache.set(phrase, words);
  }
  return words;
}

/** Overlapping character bigrams of each run of Han characters; particles break them. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (PARTICLES.has(chars[i]!) || PARTICLES.has(chars[i + 1]!)) continue;
      const pair = chars[i]! + chars[i + 1]!;
      if (!NUMBERING.test(pair)) out.push(pair);
    }
  }
  return out;
}

/**
 * Word boundaries of jieba's segmentation: `result[i]` is true when a word starts or ends at
 * UTF-16 offset i. Lets phrase matching reject "折算" inside "骨折|算|工伤".
 */
export function wordBoundaries(text: string): Uint8Array {
  const boundaries = new Uint8Array(text.length + 1);
  let offset = 0;
  boundaries[0] = 1;
  for (const word of instance().cut(text, true)) {
    offset += word.length;
    boundaries[offset] = 1;
  }
  return boundaries;
}

/** Whether a text has any Han character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Loads the dictionary now rather than on the first query. */
export function warmUpSegmenter(): void {
  instance();
}
