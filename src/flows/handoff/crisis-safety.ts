import type { Config } from '../../config.ts';
import { CircuitBreaker } from '../../core/circuit-breaker.ts';
import type { Logger } from '../../core/logger.ts';
import { assessCrisis, concernReplies, createModelCrisisReviewer, crisisReplies, parseHotlines, type CrisisAssessment } from '../../safety/index.ts';
import type { CrisisSafety } from './crisis-gate.ts';

/**
 * The crisis detector of src/safety as the gate uses it: the lexicon, the replies with the
 * configured hotlines (CRISIS_HOTLINES, parsed at start-up so a bad value stops it), and, when a
 * model is configured, the model's second opinion (which can only raise the level).
 */
/**
 * The second opinion runs on every message that is not already a crisis, so it gets a tighter
 * bound than answering does: a member should never wait seconds for a check that can only add
 * to what the local detector already decided.
 */
const REVIEW_TIMEOUT_MS = 2_500;

export function crisisSafety(config: Config, logger: Logger): CrisisSafety<CrisisAssessment> {
  const hotlines = config.crisisHotlines ? parseHotlines(config.crisisHotlines) : undefined;
  const model = config.openai;
  return {
    assess: assessCrisis,
    crisisReplies: (assessment, locale) => crisisReplies(assessment, locale, { hotlines }),
    concernReplies: (locale) => concernReplies(locale, { hotlines }),
    reviewer: model ? createModelCrisisReviewer({ apiKey: model.apiKey, baseURL: model.baseURL, model: model.chatModel, timeoutMs: Math.min(model.timeoutMs, REVIEW_TIMEOUT_MS), logger, breaker: new CircuitBreaker({ name: 'crisis reviewer', logger, failures: model.pauseAfterFailures, cooldownMs: model.pauseMs }) }) : undefined,
  };
}
