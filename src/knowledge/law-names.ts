import { englishWords } from './thesaurus/index.ts';

/** The names a law goes by, for finding which law a question names. */
export interface LawNames {
  id: string;
  title: string;
  shortName: string;
  aliases: string[];
  englishName: string;
}

/** English names without "of the PRC" and in both spellings: "labour contract law", "labor contract law". */
function englishVariants(name: string): string[] {
  const base = name
    .replace(/\bof the (PRC|People's Republic of China)\b/gi, '')
    .replace(/^the\s+/i, '')
    .trim();
  const variants = new Set([name, base]);
  for (const value of [...variants]) variants.add(value.replace(/labour/gi, 'labor'));
  return [...variants].map((value) => englishWords(value).join(' ')).filter((value) => value.length > 0);
}

/**
 * Finds laws named in a question: title, short name or alias in Chinese (with or without 《》),
 * or the English name. When one name contains another ("劳动合同法实施条例" ⊃ "劳动合同法"),
 * only the longer counts.
 */
export class LawNameMatcher {
  private readonly chinese: { name: string; id: string }[] = [];
  private readonly english: { words: string; id: string }[] = [];

  constructor(laws: LawNames[]) {
    for (const law of laws) {
      for (const name of new Set([law.title, law.shortName, ...law.aliases])) {
        if (name.length >= 2) this.chinese.push({ name: name.toLowerCase(), id: law.id });
      }
      for (const words of englishVariants(law.englishName)) this.english.push({ words, id: law.id });
    }
    this.chinese.sort((a, b) => b.name.length - a.name.length);
    this.english.sort((a, b) => b.words.length - a.words.length);
  }

  /** Law ids named in the text, in order of first mention. */
  find(text: string): string[] {
    const found: { id: string; at: number }[] = [];
    let rest = text.toLowerCase();
    for (const { name, id } of this.chinese) {
      const at = rest.indexOf(name);
      if (at < 0) continue;
      found.push({ id, at });
      // Blank out the match so that a shorter name inside it does not match again.
      rest = rest.slice(0, at) + '\u0000'.repeat(name.length) + rest.slice(at + name.length);
    }
    if (/[a-z]/i.test(text)) {
      let words = ` ${englishWords(text).join(' ')} `;
      for (const { words: name, id } of this.english) {
        const at = words.indexOf(` ${name} `);
        if (at < 0) continue;
        found.push({ id, at: 10000 + at });
        words = words.slice(0, at) + ' '.repeat(name.length + 2) + words.slice(at + name.length + 2);
      }
    }
    return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.id))];
  }
}
