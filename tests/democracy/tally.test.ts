import { describe, expect, it } from 'vitest';
import { tally } from '../../src/democracy/tally.ts';

const name = (n: string) => ({ 'zh-CN': n, en: n });
const candidates = ['a', 'b', 'c', 'd'].map((id) => ({ id, name: name(id.toUpperCase()) }));

describe('tally', () => {
  it('elects the most voted in a choose-one vote and reports turnout', () => {
    const t = tally({ kind: 'choose-one', seats: 1, quorumPercent: 50, thresholdPercent: 0, candidates, ballots: [['a'], ['b'], ['a'], ['c']], eligible: 6 });
    expect(t).toMatchObject({ ballots: 4, turnoutPercent: 66.67, quorumMet: true, winners: ['a'], outcome: 'elected', invalid: 0 });
    expect(t.options.find((o) => o.id === 'a')).toMatchObject({ votes: 2, percent: 50 });
  });

  it('fills several seats, and leaves a tie at the last seat to the union', () => {
    const seats = tally({ kind: 'choose-up-to', seats: 2, quorumPercent: 0, thresholdPercent: 0, candidates, ballots: [['a', 'b'], ['a', 'c'], ['a', 'b'], ['d']], eligible: 4 });
    expect(seats).toMatchObject({ winners: ['a', 'b'], tied: [], outcome: 'elected' });
    const tie = tally({ kind: 'choose-up-to', seats: 2, quorumPercent: 0, thresholdPercent: 0, candidates, ballots: [['a', 'b'], ['a', 'c']], eligible: 4 });
    expect(tie).toMatchObject({ winners: ['a'], tied: ['b', 'c'], outcome: 'tie' });
  });

  it('needs more than the threshold share, and the quorum', () => {
    const threshold = tally({ kind: 'choose-one', seats: 1, quorumPercent: 0, thresholdPercent: 50, candidates, ballots: [['a'], ['b'], ['c'], ['a']], eligible: 4 });
    expect(threshold).toMatchObject({ winners: [], outcome: 'no-winner' });
    const quorum = tally({ kind: 'choose-one', seats: 1, quorumPercent: 67, thresholdPercent: 0, candidates, ballots: [['a'], ['a']], eligible: 3 });
    expect(quorum).toMatchObject({ quorumMet: false, winners: [], outcome: 'no-quorum' });
  });

  it('passes a motion on yes over yes+no, abstentions aside', () => {
    const ballots = [['yes'], ['yes'], ['no'], ['abstain'], ['abstain']];
    expect(tally({ kind: 'motion', seats: 1, quorumPercent: 0, thresholdPercent: 50, candidates: [], ballots, eligible: 5 })).toMatchObject({ yesPercent: 66.67, outcome: 'passed' });
    expect(tally({ kind: 'motion', seats: 1, quorumPercent: 0, thresholdPercent: 66.67, candidates: [], ballots, eligible: 5 })).toMatchObject({ outcome: 'rejected' });
  });

  it('counts tampered ballots as invalid instead of crediting anyone', () => {
    const t = tally({ kind: 'choose-one', seats: 1, quorumPercent: 0, thresholdPercent: 0, candidates, ballots: [['a'], ['zzz'], ['a', 'b']], eligible: 3 });
    expect(t).toMatchObject({ invalid: 2, winners: ['a'] });
  });
});
