import { action, type Flow } from '../core/flow.ts';
import type { Logger } from '../core/logger.ts';
import type { MenuEntry } from '../flows/help/help-flow.ts';
import { createEventFlow } from '../flows/event/event-flow.ts';
import { eventFlowText } from '../flows/event/event-texts.ts';
import { createSurveyFlow } from '../flows/survey/survey-flow.ts';
import { surveyText } from '../flows/survey/survey-texts.ts';
import { createVoteFlow } from '../flows/vote/vote-flow.ts';
import { voteText } from '../flows/vote/vote-texts.ts';
import type { Scheduler } from '../runtime/scheduler.ts';
import type { Store } from '../store/index.ts';
import { EventService } from './event-service.ts';
import { SurveyService } from './survey-service.ts';
import { VoteService } from './vote-service.ts';

export { EventService } from './event-service.ts';
export { SurveyService } from './survey-service.ts';
export { VoteService } from './vote-service.ts';

/** Surveys, votes and events, assembled: services for every channel and the console, chat flows, menu entries. */
export interface Democracy {
  surveys: SurveyService;
  votes: VoteService;
  events: EventService;
  flows: Flow[];
  menu: MenuEntry[];
  /** Registers reminders and automatic closing with the scheduler. */
  registerJobs(scheduler: Scheduler): void;
}

/** `poke` asks the delivery worker to look at the outbox now (after a reminder or promotion was queued). */
export function createDemocracy(deps: { store: Store; logger: Logger; poke?: () => void }): Democracy {
  const surveys = new SurveyService(deps);
  const votes = new VoteService(deps);
  const events = new EventService(deps);
  return {
    surveys,
    votes,
    events,
    flows: [createSurveyFlow({ store: deps.store, surveys }), createVoteFlow({ store: deps.store, votes }), createEventFlow({ store: deps.store, events })],
    menu: [
      { label: surveyText.menuLabel, description: surveyText.menuDescription, action: action('survey.list') },
      { label: voteText.menuLabel, description: voteText.menuDescription, action: action('vote.list') },
      { label: eventFlowText.menuLabel, description: eventFlowText.menuDescription, action: action('event.list') },
    ],
    registerJobs(scheduler) {
      for (const jobs of [surveys.jobs(), votes.jobs(), events.jobs()]) {
        for (const [kind, handler] of Object.entries(jobs)) scheduler.register(kind, handler);
      }
    },
  };
}
