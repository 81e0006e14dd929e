import type { App } from '../../app.ts';
import type { EventService } from '../../democracy/event-service.ts';
import type { SurveyService } from '../../democracy/survey-service.ts';
import type { VoteService } from '../../democracy/vote-service.ts';

/** The democracy services the console drives (issue 5), as the composition root exposes them. */
export interface DemocracyServices {
  surveys: SurveyService;
  votes: VoteService;
  events: EventService;
}

export function democracyOf(app: App): DemocracyServices {
  return { surveys: app.surveys, votes: app.votes, events: app.events };
}
