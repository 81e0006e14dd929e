/**
 * The bot's commands, as listed in teams/manifest.json and offered by Teams' command menu: the
 * same words as the Slack app's. Most are plain messages the flows already understand; two are
 * the channel's own: "ask <question>" (in a channel, a question needs a verb to stand out) and
 * "cases" (the staff list).
 */
export type TeamsCommand =
  | { kind: 'message'; text: string }
  | { kind: 'ask-what' }
  | { kind: 'cases' };

const ASK = /^(ask|question|问|提问|咨询)(?:\s+|[:：]\s*)(.*)$/isu;
const CASES = /^(cases?|case list|个案|我的个案|工单|工单列表)$/iu;

export function parseCommand(text: string): TeamsCommand {
  const trimmed = text.trim();
  if (CASES.test(trimmed)) return { kind: 'cases' };
  if (/^(ask|问|提问)$/iu.test(trimmed)) return { kind: 'ask-what' };
  const ask = ASK.exec(trimmed);
  if (ask && ask[2]!.trim()) return { kind: 'message', text: ask[2]!.trim() };
  return { kind: 'message', text: trimmed };
}
