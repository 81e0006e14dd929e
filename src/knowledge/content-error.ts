import { AppError } from '../core/errors.ts';

/** One malformed file and why it was rejected. */
export interface ContentProblem {
  file: string;
  reason: string;
}

/**
 * Malformed knowledge-base content. The build that meets it writes nothing, so the previous index
 * keeps serving; the message names every file and reason so an editor can fix them in one go.
 */
export class KnowledgeContentError extends AppError {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super('invalid_input', problems.map((p) => `${p.file}: ${p.reason}`).join('\n'), problems);
    this.name = 'KnowledgeContentError';
    this.problems = problems;
  }
}
