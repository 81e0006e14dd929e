import { openStore } from '../../src/store/index.ts';
import type { DemocracyTally } from './runner.ts';
import { services, type PhaseItems } from './seed.ts';

/**
 * After the server stopped: what the database holds for one phase, against what the generator
 * asked for and saw confirmed. `lost` = confirmed to the member but not in the database;
 * `duplicated` = more rows than members, or rows for members who never asked.
 */
export async function account(databaseUrl: string, phases: { items: PhaseItems; tally: DemocracyTally }[]) {
  const store = await openStore(databaseUrl, { migrate: false });
  try {
    const { votes } = services(store);
    const members = new Map((await store.members.list()).map((m) => [m.id, m.employeeNumber]));
    const results = [];
    for (const { items, tally } of phases) {
      // Ballots: one participation row per voter (who voted) and the ballots apart (secret).
      const ballots = (await store.ballots.choices(items.voteId)).length;
      const voters = new Set<string>();
      for (const [id, number] of members) if (await store.ballots.participation(items.voteId, id)) voters.add(number);
      const recount = await votes.recount(items.voteId);
      const ballot = {
        requested: tally.requested.ballot.size,
        confirmedToMembers: tally.confirmed.ballot.size,
        inDatabase: ballots,
        voters: voters.size,
        lost: [...tally.confirmed.ballot].filter((n) => !voters.has(n)).length,
        duplicated: Math.max(0, ballots - voters.size) + [...voters].filter((n) => !tally.requested.ballot.has(n)).length,
        tallyMatchesBallots: recount.matches,
      };
      // Surveys: submitted participation per member, and the (anonymous) responses.
      const participants = await store.surveys.participants(items.surveyId);
      const submitted = new Set(participants.filter((p) => p.status === 'submitted').map((p) => members.get(p.memberId) ?? p.memberId));
      const responses = (await store.surveys.responses(items.surveyId)).length;
      const survey = {
        requested: tally.requested.survey.size,
        confirmedToMembers: tally.confirmed.survey.size,
        inDatabase: responses,
        submitters: submitted.size,
        lost: [...tally.confirmed.survey].filter((n) => !submitted.has(n)).length,
        duplicated: Math.max(0, responses - submitted.size) + [...submitted].filter((n) => !tally.requested.survey.has(n)).length,
      };
      // Sign-ups: one registration per member, confirmed up to capacity, the rest waitlisted.
      const registrations = await store.events.registrations.list(items.eventId);
      const byMember = new Map<string, string>();
      for (const r of registrations) byMember.set(members.get(r.memberId) ?? r.memberId, r.status);
      const confirmed = registrations.filter((r) => r.status === 'confirmed').length;
      const signUp = {
        requested: tally.requested['sign-up'].size,
        confirmedToMembers: [...tally.signedUp.values()].filter((s) => s === 'confirmed').length,
        waitlistedToMembers: [...tally.signedUp.values()].filter((s) => s === 'waitlisted').length,
        inDatabase: registrations.length,
        confirmed,
        waitlisted: registrations.length - confirmed,
        capacity: items.capacity,
        capacityRespected: confirmed <= items.capacity && (confirmed === items.capacity || registrations.length === confirmed),
        lost: [...tally.signedUp.keys()].filter((n) => !byMember.has(n)).length,
        duplicated: Math.max(0, registrations.length - byMember.size) + [...byMember.keys()].filter((n) => !tally.requested['sign-up'].has(n)).length,
        statusDiffers: [...tally.signedUp].filter(([n, s]) => byMember.has(n) && byMember.get(n) !== s).length,
      };
      results.push({ phase: items.label, ballots: ballot, surveys: survey, signUps: signUp });
    }
    return results;
  } finally {
    await store.close();
  }
}
