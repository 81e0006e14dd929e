import { action } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { fill } from '../../democracy/bilingual.ts';
import { motionLabel } from '../../democracy/tally.ts';
import { MOTION_OPTIONS } from '../../democracy/vote-definition.ts';
import type { ElectionView } from '../../store/votes.ts';
import { voteText } from './vote-texts.ts';

/**
 * A selection as button values carry it: candidate positions ("0,2") or a motion option. Kept in
 * the buttons rather than the session, so an unfinished ballot is stored nowhere.
 */
export function parseSelection(election: ElectionView, s: string): string[] | undefined {
  if (election.kind === 'motion') return (MOTION_OPTIONS as readonly string[]).includes(s) ? [s] : undefined;
  if (s === '') return [];
  const positions = s.split(',').map(Number);
  if (!positions.every((p) => Number.isInteger(p) && p >= 0 && p < election.candidates.length)) return undefined;
  return [...new Set(positions)].sort((a, b) => a - b).map((p) => election.candidates[p]!.id);
}

/** The selection back as button data. */
export function selectionKey(election: ElectionView, choices: string[]): string {
  if (election.kind === 'motion') return choices[0] ?? '';
  return election.candidates.flatMap((c, i) => (choices.includes(c.id) ? [i] : [])).join(',');
}

export function choiceNames(election: ElectionView, choices: string[], locale: Locale): string {
  if (election.kind === 'motion') return choices.map((c) => motionLabel(c as (typeof MOTION_OPTIONS)[number])[locale]).join('、');
  return election.candidates.filter((c) => choices.includes(c.id)).map((c) => c.name[locale]).join('、');
}

/** The ballot: the vote and candidates' statements, then the choices. `r` is the receipt when changing a secret ballot. */
export function ballotReplies(election: ElectionView, locale: Locale, selected: string[] = [], r?: string): ReplyInput[] {
  const e = election.id;
  const extra: Record<string, string> = r ? { r } : {};
  const info: ReplyInput = {
    type: 'card',
    title: election.title[locale],
    body: [election.description[locale], (election.secret ? voteText.secretNote : voteText.openNote)[locale]].filter(Boolean).join('\n'),
    fields: election.candidates.map((c) => ({ label: c.name[locale], value: c.statement[locale] || '—' })),
  };
  if (election.kind === 'motion') {
    return [info, { type: 'choices', id: 'vote.ballot', prompt: voteText.motionPrompt[locale], choices: MOTION_OPTIONS.map((o) => ({ label: motionLabel(o)[locale], value: action('vote.pick', { e, s: o, ...extra }) })) }];
  }
  if (election.kind === 'choose-one') {
    return [info, { type: 'choices', id: 'vote.ballot', prompt: voteText.chooseOne[locale], choices: election.candidates.map((c, i) => ({ label: c.name[locale], value: action('vote.pick', { e, s: String(i), ...extra }) })) }];
  }
  const current = selectionKey(election, selected);
  return [
    info,
    {
      type: 'choices',
      id: 'vote.ballot',
      prompt: fill(voteText.chooseUpTo, locale, { n: election.seats, k: selected.length }),
      choices: election.candidates.map((c, i) => ({ label: `${selected.includes(c.id) ? '☑' : '☐'} ${c.name[locale]}`, value: action('vote.toggle', { e, s: current, t: i, ...extra }) })),
      multiple: { min: 1, max: election.seats },
    },
    { type: 'choices', id: 'vote.controls', prompt: '—', choices: [{ label: fill(voteText.review, locale, { k: selected.length }), value: action('vote.pick', { e, s: current, ...extra }), style: 'primary' }] },
  ];
}

/** The confirm step: the choice as it will be cast. */
export function confirmReplies(election: ElectionView, choices: string[], locale: Locale, r?: string): ReplyInput[] {
  const s = selectionKey(election, choices);
  const extra: Record<string, string> = r ? { r } : {};
  return [
    {
      type: 'card',
      title: voteText.confirmTitle[locale],
      subtitle: election.title[locale],
      body: fill(voteText.confirmBody, locale, { change: (election.allowChange ? voteText.canChange : voteText.cannotChange)[locale] }),
      fields: [{ label: voteText.yourChoice[locale], value: choiceNames(election, choices, locale) }],
      actions: [
        { label: voteText.cast[locale], value: action('vote.cast', { e: election.id, s, ...extra }), style: 'primary' },
        { label: voteText.back[locale], value: action('vote.back', { e: election.id, s, ...extra }) },
      ],
    },
  ];
}

/**
 * After casting: a confirmation, a card whose buttons carry the receipt (verify, change), and the
 * receipt itself as a file. The code is only in the file and the buttons' values, never in text
 * that a transcript would keep.
 */
export function receiptReplies(election: ElectionView, receipt: string, locale: Locale): ReplyInput[] {
  return [
    { type: 'notice', level: 'success', text: voteText.castDone[locale] },
    {
      type: 'card',
      title: voteText.receiptTitle[locale],
      subtitle: election.title[locale],
      body: voteText.receiptCard[locale],
      actions: [
        { label: voteText.verify[locale], value: action('vote.verify', { c: receipt }) },
        ...(election.allowChange ? [{ label: voteText.change[locale], value: action('vote.start', { e: election.id, r: receipt }) }] : []),
      ],
    },
    {
      type: 'file',
      filename: 'ballot-receipt.txt',
      mimeType: 'text/plain; charset=utf-8',
      title: voteText.receiptTitle[locale],
      content: fill(voteText.receiptFile, locale, { title: election.title[locale], code: receipt, change: election.allowChange ? voteText.receiptChange[locale] : '' }).trim() + '\n',
    },
  ];
}
