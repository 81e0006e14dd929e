/**
 * Checks on what a model wrote, for the ways a prompt injection shows (issue 9; tests/security/prompt-injection.int.test.ts): the model
 * repeating its rules, claiming to have done something for the member, or writing something that
 * looks like a button or an action. Any hit sends the turn to the offline answerer instead; that
 * costs an honest answer its model wording now and then, which is the cheap side of the trade.
 *
 * The model never acts: answers are plain text and buttons come only from the flows. These checks
 * keep a hijacked model from *telling* the member it voted or signed them up, and from showing
 * text built to look like our own action values.
 */

/** Lower-case ASCII words: what word-for-word copying of the (English) rules keeps. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** How many consecutive words of the rules make a copy (shorter runs occur in honest answers). */
const ECHO_RUN = 7;

/** Runs of `ECHO_RUN` consecutive words of each rules text. */
function shingles(rules: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of rules) {
    const w = words(text);
    for (let i = 0; i + ECHO_RUN <= w.length; i++) out.add(w.slice(i, i + ECHO_RUN).join(' '));
  }
  return out;
}

const cache = new Map<string, Set<string>>();

/** Whether the answer copies a run of words from the system prompt, or talks about its instructions. */
export function echoesPrompt(answer: string, rules: string[]): boolean {
  const key = rules.join('\u0000');
  let runs = cache.get(key);
  if (!runs) cache.set(key, (runs = shingles(rules)));
  const w = words(answer);
  for (let i = 0; i + ECHO_RUN <= w.length; i++) if (runs.has(w.slice(i, i + ECHO_RUN).join(' '))) return true;
  return /\bsystem prompt\b|\b(?:my|hidden|secret) instructions\b|系统提示词|提示词|(?:我的|隐藏的?)(?:指令|规则|设定)/i.test(answer);
}

/**
 * A claim to have acted for the member (voted, signed up, submitted, opened a case). Answers are
 * about what the member can do; only the flows act, and they say so themselves.
 */
const ACTION_CLAIM = [
  /(?:已|已经)(?:为|帮|替|给)(?:你|您)(?:投|报名|提交|填写|创建|开立|登记|办理|预约|转)/,
  /(?:你|您)的(?:选票|报名|问卷|答卷|工单|个案|投票)(?:已|已经)(?:投出|提交|计入|记录|创建|登记|完成|生效)/,
  /\bI(?:'ve| have)(?: just| now| already)? (?:cast|submitted|recorded|registered|signed you up|opened|created|filed)\b/i,
  /\byour (?:vote|ballot|registration|sign-up|survey|answers|case|ticket) (?:has|have) been (?:cast|submitted|recorded|registered|opened|created|counted)\b/i,
  /\byou(?:'re| are| have been) (?:now )?(?:registered|signed up)\b/i,
];

export function claimsAction(answer: string): boolean {
  return ACTION_CLAIM.some((pattern) => pattern.test(answer));
}

/**
 * Text that looks like one of our action values (`{"a":"vote.cast",…}`, `vote.cast`) or a
 * link that would act (`[Confirm](action:…)`): never part of an answer from the sources.
 */
export function carriesAction(answer: string): boolean {
  return (
    /["']a["']\s*:\s*["'][a-z]+\.[a-z-]+["']/i.test(answer) ||
    /\b(?:vote|survey|event|handoff|faq|tickets?)\.[a-z][a-z-]*\b(?![./])/.test(answer) ||
    /\]\(\s*(?:action|javascript|slack|teams|data):/i.test(answer)
  );
}

/**
 * Web addresses the sources do not contain. Slack and Teams turn links into buttons of a kind;
 * a hijacked model would use one to send members to a fake ballot or sign-in page.
 */
export function foreignLinks(answer: string, sources: string[]): string[] {
  const urls = answer.match(/\b(?:https?:\/\/|www\.)[^\s)\]>"'，。；）]+/gi) ?? [];
  return urls.filter((url) => !sources.some((text) => text.includes(url.replace(/[.,;:!?]+$/, ''))));
}
