import type { Reply } from '../core/reply.ts';
import { replyToPlainText } from '../core/reply.ts';

/** A button the terminal user can press by typing its number. */
export interface NumberedAction {
  n: number;
  label: string;
  value: string;
}

/** The buttons of a set of replies, numbered from 1 in the order shown. */
export function numberActions(replies: Reply[]): NumberedAction[] {
  const out: NumberedAction[] = [];
  for (const reply of replies) {
    const actions = reply.type === 'answer' || reply.type === 'card' ? reply.actions : reply.type === 'choices' ? reply.choices : [];
    for (const a of actions) out.push({ n: out.length + 1, label: a.label, value: a.value });
  }
  return out;
}

/** Text for a terminal: each reply in plain text, buttons numbered across all replies. */
export function renderForTerminal(replies: Reply[]): string {
  let n = 0;
  return replies
    .map((reply) => {
      const renumber = (text: string) => text.replace(/^ {2}(?:\[\d+\]|\d+\.) /gm, () => `  [${++n}] `);
      if (reply.type === 'answer') {
        const base = replyToPlainText(reply);
        const buttons = reply.actions.map((a) => `  [${++n}] ${a.label}`);
        return [base, ...buttons].join('\n');
      }
      if (reply.type === 'file') return `${reply.title}: ${reply.filename}\n${reply.content}`;
      return renumber(replyToPlainText(reply));
    })
    .join('\n\n');
}
