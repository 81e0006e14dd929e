/**
 * Crisis safety: every inbound message is assessed before any other routing.
 *
 *   const assessment = assessCrisis(text);                       // pure, synchronous, < 1 ms
 *   const final = reviewer ? await reviewer.review(text, assessment) : assessment;
 *   if (final.level === 'crisis') reply(crisisReplies(final, locale, { hotlines }));
 *   else if (final.level === 'concern') reply(concernReplies(locale, { hotlines }));
 */
export {
  CRISIS_CATEGORIES,
  CrisisCategorySchema,
  CrisisLevelSchema,
  NO_CRISIS,
  combineAssessments,
  compareLevels,
  type CrisisAssessment,
  type CrisisCategory,
  type CrisisLevel,
} from './crisis-assessment.ts';
export { assessCrisis } from './crisis-detector.ts';
export { normaliseText } from './normalise-text.ts';
export { COUNSELLOR_OFFER_VALUE, concernReplies, crisisReplies, type CrisisReplyOptions } from './crisis-reply.ts';
export { DEFAULT_HOTLINES, HotlineSchema, parseHotlines, type Hotline } from './hotlines.ts';
export {
  createModelCrisisReviewer,
  parseVerdict,
  type CrisisReviewer,
  type ModelCrisisReviewerOptions,
} from './model-reviewer.ts';
