import type { Citation } from '../../core/reply.ts';
import type { Locale } from '../../core/locale.ts';
import { CONFIDENCE_THRESHOLD } from '../confidence.ts';
import type { DocumentRecord } from '../records.ts';
import type { SearchHit } from '../types.ts';
import { citationOf, lawReference, sectionsOf, summarise } from './format.ts';
import type { KnowledgeReader } from './knowledge-reader.ts';
import { TEXTS } from './texts.ts';
import type { Answer, AnswerKind, Answerer } from './types.ts';

const RETRIEVE = 8;
const MAX_ARTICLES = 3;

/** The guide an answer follows: the first FAQ, psych or union hit among the top three. */
function guideOf(hits: SearchHit[]): SearchHit | undefined {
  return hits.slice(0, 3).find((hit) => hit.docType !== 'law');
}

/** The kind of answer the hits call for: the guide's type decides, else the top hit's. */
export function kindOf(hits: SearchHit[]): AnswerKind {
  const hit = guideOf(hits) ?? hits[0];
  if (!hit) return 'none';
  if (hit.docType === 'psych') return 'psych';
  if (hit.docType === 'union') return 'union';
  return 'legal';
}

/** The honest "I don't know" answer with a handoff. */
export function lowConfidenceAnswer(locale: Locale, confidence: number): Answer {
  return {
    text: TEXTS.lowConfidence[locale],
    citations: [],
    confidence,
    handoffSuggested: true,
    language: locale,
    kind: 'none',
    source: 'extractive',
  };
}

/**
 * Ends an answer the way its kind requires: a legal answer with the not-legal-advice paragraph
 * and the offer of a legal officer (always last), a wellbeing answer with the offer of a
 * counsellor, a union answer with a pointer to union staff.
 */
export function withClosing(text: string, kind: AnswerKind, locale: Locale): string {
  const closing = { legal: TEXTS.disclaimer, psych: TEXTS.counsellorOffer, union: TEXTS.unionClosing, none: undefined }[kind];
  return closing ? `${text}\n\n${closing[locale]}` : text;
}

/**
 * The offline answerer. It composes, in the member's language: a short summary from the best
 * matching FAQ (or psych / union article), the law articles it rests on quoted verbatim, next
 * steps, and for legal answers the disclaimer. It never writes anything the knowledge base does
 * not say; when retrieval is not confident it says so and suggests a person.
 */
export function createExtractiveAnswerer(knowledge: KnowledgeReader): Answerer {
  return {
    async answer(question, locale) {
      const retrieval = await knowledge.retrieve(question, RETRIEVE);
      const { hits, confidence } = retrieval;
      if (hits.length === 0 || confidence < CONFIDENCE_THRESHOLD) return lowConfidenceAnswer(locale, confidence);

      const guide = guideOf(hits);
      const kind = kindOf(hits);
      const parts: string[] = [];
      const citations: Citation[] = [];

      let guideRecord: DocumentRecord | undefined;
      if (guide) {
        const chosen = inLanguage(knowledge, guide.documentId, locale);
        guideRecord = chosen.record;
        if (chosen.record) {
          if (kind === 'psych') parts.push(TEXTS.psychOpening[locale]);
          const summary = guideSummary(chosen.record, guide, locale);
          parts.push(`${chosen.record.title}\n${chosen.otherLanguage ? `${TEXTS.otherLanguageNote[locale]}\n` : ''}${summary}`);
          const firstChunk = knowledge.getChunk(chosen.record.chunkIds[0] ?? '') ?? guide;
          citations.push(citationOf(firstChunk, summary));
        }
      }

      if (kind === 'legal') {
        const articles = articlesFor(knowledge, hits, guideRecord);
        if (articles.length > 0) {
          if (!guideRecord) parts.push(TEXTS.lawsOnlyIntro[locale]);
          const colon = locale === 'zh-CN' ? '：' : ':';
          const quotes = articles.map((article) => `${lawReference(article, knowledge, locale)}${colon}\n${article.text}`);
          parts.push(`${TEXTS.lawHeading[locale]}\n\n${quotes.join('\n\n')}`);
          citations.push(...articles.map((article) => citationOf(article)));
        }
        const steps = TEXTS.nextSteps[locale].map((step, i) => `${i + 1}. ${step}`).join('\n');
        parts.push(`${TEXTS.nextStepsHeading[locale]}\n${steps}`);
      }

      return {
        text: withClosing(parts.join('\n\n'), kind, locale),
        citations,
        confidence,
        handoffSuggested: kind === 'psych',
        language: locale,
        kind,
        source: 'extractive',
      };
    },
  };
}

/** What helps now, for a wellbeing article (its intro and its "what can help" section). */
const HELPS_NOW = /现在可以做|what can help/i;

/**
 * The summary of a guide: an FAQ's opening paragraphs; a psych article's introduction and what
 * can help now; for a union page, the section that matched when it is in the member's language.
 */
function guideSummary(record: DocumentRecord, hit: SearchHit, locale: Locale): string {
  if (record.type === 'union' && record.id === hit.documentId && hit.section) return summarise(`## ${hit.section}\n\n${hit.text}`, locale === 'en' ? 700 : 320);
  // Otherwise the summary depends on the record and the locale only, and records are immutable
  // (a new index version brings new ones): derived once instead of on every question.
  let byLocale = summaries.get(record);
  if (!byLocale) summaries.set(record, (byLocale = new Map()));
  let summary = byLocale.get(locale);
  if (summary === undefined) byLocale.set(locale, (summary = documentSummary(record, locale)));
  return summary;
}

const summaries = new WeakMap<DocumentRecord, Map<Locale, string>>();

/** `guideSummary` of a whole document: the FAQ's opening, or the psych article's introduction and what helps now. */
function documentSummary(record: DocumentRecord, locale: Locale): string {
  const limit = locale === 'en' ? 700 : 320;
  if (record.type === 'psych') {
    const sections = sectionsOf(record.body);
    const intro = sections.find((section) => section.heading === '');
    const helps = sections.find((section) => HELPS_NOW.test(section.heading));
    if (helps) return [intro ? summarise(intro.text, limit / 2) : '', summarise(helps.text, limit)].filter(Boolean).join('\n\n');
  }
  return summarise(record.body, limit);
}

/** The document in the member's language (through `translationOf`, either direction), or the original. */
export function inLanguage(knowledge: KnowledgeReader, id: string, locale: Locale): { record?: DocumentRecord; otherLanguage: boolean } {
  const record = knowledge.getDocumentRecord(id);
  if (!record || record.language === locale) return { record, otherLanguage: false };
  const twin = record.translationOf ? knowledge.getDocumentRecord(record.translationOf) : undefined;
  if (twin && twin.language === locale) return { record: twin, otherLanguage: false };
  return { record, otherLanguage: true };
}

/**
 * The law articles to quote: those the guide cites, in retrieval order first; without a guide,
 * the best law hits (a notice's heading sections count as well).
 */
function articlesFor(knowledge: KnowledgeReader, hits: SearchHit[], guide: DocumentRecord | undefined): SearchHit[] {
  const laws = hits.filter((hit) => hit.docType === 'law');
  if (!guide || guide.cites.length === 0) return laws.slice(0, MAX_ARTICLES);
  const cited = guide.cites.flatMap((cite) => cite.articles.map((article) => `${cite.law}#${article}`));
  const ranked = [
    ...laws.filter((hit) => cited.includes(hit.chunkId)),
    ...cited.map((id) => knowledge.getChunk(id)).filter((hit): hit is SearchHit => hit !== undefined),
  ];
  const unique = [...new Map(ranked.map((hit) => [hit.chunkId, hit])).values()];
  return unique.slice(0, MAX_ARTICLES);
}
