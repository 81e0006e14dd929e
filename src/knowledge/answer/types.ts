import type { Citation } from '../../core/reply.ts';
import type { Locale } from '../../core/locale.ts';

/** What an answer is about: decides the disclaimer and who a handoff goes to. */
export type AnswerKind = 'legal' | 'psych' | 'union' | 'none';

/** A grounded answer to a member's question. */
export interface Answer {
  /** Plain text in the member's language; a legal answer's last paragraph is the disclaimer. */
  text: string;
  citations: Citation[];
  /** Retrieval confidence, 0..1. */
  confidence: number;
  /** True when a person should take over (no confident answer, or a counsellor is offered). */
  handoffSuggested: boolean;
  language: Locale;
  kind: AnswerKind;
  /** Composed from the knowledge base alone, or written by the model from retrieved sources. */
  source: 'extractive' | 'model';
}

/** Answers questions from the knowledge base. */
export interface Answerer {
  answer(question: string, locale: Locale): Promise<Answer>;
}
