import type { Button, Output } from './edge.ts';
import type { ChannelName, Driver, Persona } from './channels.ts';
import { FAILURE, question, scenario, type Kind, type Step } from './scenarios.ts';

/** Outbound messages per turn, by channel and calibration key, then by branch ("main" for most). */
export type Expectations = Map<string, Map<string, number>>;

/** How long a Slack/Teams member waits for its reply before calling it lost. */
const REPLY_TIMEOUT_MS = 30_000;
/** Web and Teams replies are complete when the HTTP answer comes; a missing one is waited for this long. */
const SYNC_GRACE_MS = 2_000;
/** Calibration: a Slack turn is complete when no further message came for this long. */
const QUIET_MS = 800;

/** What every member of one channel measured during one level. */
export class ChannelTally {
  readonly latencies: number[] = [];
  /** Every turn: when it began (performance.now()), how long it took, and whether it was a survey, vote or event turn. */
  readonly turns: { began: number; ms: number; democracy: boolean }[] = [];
  readonly byKind = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  readonly samples: string[] = [];
  /** The slowest turns: which, when they started (performance.now()), and how long they took. */
  readonly slowest: { turn: string; began: number; ms: number }[] = [];
  /** Outbound messages expected and missing, and received beyond what was expected. */
  expected = 0;
  received = 0;
  lost = 0;
  /** Expected messages that came only after the member had stopped waiting (30 s). */
  late = 0;
  duplicated = 0;
  /** Messages queued for members outside any turn (web outbox), none expected. */
  strays = 0;
  stalled = 0;

  error(kind: string, sample?: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    if (sample && this.samples.length < 3) this.samples.push(`${kind}: ${sample.slice(0, 300)}`);
  }
}

/** Who asked for what, and what the generator saw confirmed (compared with the database afterwards). */
export class DemocracyTally {
  readonly requested = { survey: new Set<string>(), ballot: new Set<string>(), 'sign-up': new Set<string>() };
  readonly confirmed = { survey: new Set<string>(), ballot: new Set<string>() };
  readonly signedUp = new Map<string, 'confirmed' | 'waitlisted'>();
}

function findButton(outputs: Output[], labels: string[]): Button | undefined {
  // The latest message first: a redrawn card replaces what it redraws.
  for (let i = outputs.length - 1; i >= 0; i--) {
    for (const label of labels) {
      const found = outputs[i]!.buttons.find((b) => b.label.trim() === label);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * One simulated member in a closed loop: each turn is sent when the previous turn's reply has
 * arrived. In calibration mode a turn lasts until its replies stop coming, and their number is
 * recorded as what that turn must produce; in load mode the member waits for exactly that number.
 */
export class Member {
  /** Outbound messages this member's turns were expected to produce (and did not lose). */
  accounted = 0;
  /** Expected messages that had not come when the member gave up waiting. */
  outstanding = 0;
  #questions: number;
  #pending: Exclude<Kind, 'question'>[];
  stalled = false;

  constructor(
    readonly who: Persona,
    readonly driver: Driver,
    private readonly tally: ChannelTally,
    private readonly democracy: DemocracyTally,
    private readonly expectations: Expectations,
    private readonly calibrating = false,
    kinds: Exclude<Kind, 'question'>[] = ['survey', 'vote', 'event'],
  ) {
    this.#questions = who.index;
    // Members start at different points of the mix, so that every kind of turn runs from the start:
    // a question first, or one of the scenarios (with questions between them, and after them).
    const r = who.index % 4;
    this.#questionFirst = r === 0;
    const shift = r === 0 ? 0 : (r - 1) % Math.max(1, kinds.length);
    this.#pending = [...kinds.slice(shift), ...kinds.slice(0, shift)];
  }

  #questionFirst: boolean;

  get channel(): ChannelName {
    return this.driver.channel;
  }

  /** Runs turns until `until` (performance.now()), one scenario after another. */
  async run(until: number): Promise<void> {
    while (!this.stalled && performance.now() < until) {
      if (this.#questionFirst || this.#pending.length === 0) {
        this.#questionFirst = false;
        await this.turn(question(this.who.locale, this.#questions++), [], 'question');
        continue;
      }
      const kind = this.#pending.shift()!;
      await this.script(kind, until);
      this.#questionFirst = true;
    }
  }

  /** Runs one democracy scenario to its end (or its first failed turn, or the end of the level). */
  async script(kind: Exclude<Kind, 'question'>, until: number): Promise<boolean> {
    let previous: Output[] = [];
    for (const step of scenario(kind, this.who.locale)) {
      if (performance.now() >= until || this.stalled) return false;
      const outputs = await this.turn(step, previous, kind);
      if (!outputs) return false;
      previous = outputs;
    }
    return true;
  }

  /** Every calibration key of the questions (calibration runs each question once). */
  async calibrateQuestions(): Promise<void> {
    for (let n = 0; n < 6; n++) {
      await this.turn(question('zh-CN', n), [], 'question');
      await this.turn(question('en', n), [], 'question');
    }
  }

  /** One turn: its replies (and a Teams invoke's redrawn card), or undefined when it failed. */
  async turn(step: Step, previous: Output[], kind: Kind): Promise<Output[] | undefined> {
    const { driver, tally } = this;
    const conversation = driver.conversation;
    let button: Button | undefined;
    if (step.press) {
      button = findButton(previous, step.press);
      if (!button) {
        tally.error(`no button ${step.press.join('/')}`, previous.map((o) => o.text).join(' | '));
        return undefined;
      }
    }
    if (step.requests) this.democracy.requested[step.requests].add(this.who.employeeNumber);
    const start = conversation.outputs.length;
    const began = performance.now();
    const sent = button ? await driver.press(button) : await driver.send(step.send!);
    const answered = performance.now();
    if (sent.error || sent.status !== 200) {
      tally.error(sent.error ? `transport: ${sent.error}` : `HTTP ${sent.status}`, sent.detail ?? `${driver.channel}|${step.key}`);
      return undefined;
    }
    const key = `${driver.channel}|${step.key}`;
    const got = () => conversation.outputs.length - start;
    let need: number;
    let branch = 'main';
    if (this.calibrating) {
      const synchronous = driver.channel !== 'slack';
      if (!(await conversation.wait(() => got() > 0 || synchronous, REPLY_TIMEOUT_MS))) {
        throw new Error(`calibration: no reply to ${key}`);
      }
      // Until the replies stop coming: for Slack (acknowledged before the work is done) for a
      // while longer than the first reply took, so that a slow machine does not cut a turn short.
      const quiet = synchronous ? 200 : Math.min(5_000, Math.max(QUIET_MS, 2 * (performance.now() - began)));
      for (let seen = got(); ; seen = got()) {
        if (!(await conversation.wait(() => got() > seen, quiet))) break;
      }
      need = got();
      branch = step.branch?.(this.#text(conversation.outputs.slice(start), sent.aside)) ?? 'main';
      let byBranch = this.expectations.get(key);
      if (!byBranch) this.expectations.set(key, (byBranch = new Map()));
      const known = byBranch.get(branch);
      if (known !== undefined && known !== need) throw new Error(`calibration: ${key} (${branch}) gave ${need} messages once and ${known} before`);
      byBranch.set(branch, need);
    } else {
      const byBranch = this.expectations.get(key);
      if (!byBranch) throw new Error(`no calibration for ${key}`);
      const counts = [...byBranch.values()];
      const timeout = driver.channel === 'slack' ? REPLY_TIMEOUT_MS : SYNC_GRACE_MS;
      need = Math.min(...counts);
      await conversation.wait(() => got() >= need, timeout);
      if (step.branch && got() >= need) {
        const named = step.branch(this.#text(conversation.outputs.slice(start), sent.aside));
        if (named && byBranch.has(named)) {
          branch = named;
          need = byBranch.get(named)!;
          await conversation.wait(() => got() >= need, timeout);
        } else branch = named ?? '?';
      }
    }
    const outputs = conversation.outputs.slice(start);
    const mine = outputs.slice(0, need);
    tally.expected += need;
    if (mine.length < need) {
      tally.lost += need - mine.length;
      tally.error('reply lost (timed out)', `${key}: ${mine.length} of ${need} messages`);
      // The conversation is out of step: this member stops; what still comes is counted at the end.
      this.accounted += mine.length;
      this.outstanding += need - mine.length;
      this.stalled = true;
      tally.stalled++;
      return undefined;
    }
    this.accounted += need;
    // Web: the HTTP response is the reply. Slack and Teams: when the fake recorded the turn's last
    // expected message (and, for a Teams invoke, the answer that carries the redrawn card).
    const recorded = [...(sent.aside ? [sent.aside.at] : []), ...mine.map((o) => o.at)];
    const latency = (driver.channel === 'web' || recorded.length === 0 ? answered : Math.max(...recorded)) - began;
    tally.latencies.push(latency);
    tally.turns.push({ began, ms: latency, democracy: kind !== 'question' });
    if (tally.slowest.length < 5 || latency > tally.slowest.at(-1)!.ms) {
      tally.slowest.push({ turn: key, began, ms: latency });
      tally.slowest.sort((a, b) => b.ms - a.ms);
      tally.slowest.length = Math.min(5, tally.slowest.length);
    }
    let list = tally.byKind.get(kind);
    if (!list) tally.byKind.set(kind, (list = []));
    list.push(latency);
    const shown = sent.aside ? [...outputs, sent.aside] : outputs;
    const text = this.#text(outputs, sent.aside);
    if (FAILURE.test(text)) {
      tally.error('failure reply', `${key}: ${text}`);
      return undefined;
    }
    if (step.branch && branch === '?') {
      tally.error('unexpected reply', `${key}: ${text}`);
      return undefined;
    }
    if (step.expect instanceof RegExp && !step.expect.test(text)) {
      tally.error('unexpected reply', `${key}: ${text}`);
      return undefined;
    }
    if (step.expect && !(step.expect instanceof RegExp) && !findButton(shown, step.expect.button)) {
      tally.error('unexpected reply', `${key}: no button ${step.expect.button.join('/')} in: ${text}`);
      return undefined;
    }
    const who = this.who.employeeNumber;
    if (step.done === 'survey-submitted') this.democracy.confirmed.survey.add(who);
    if (step.done === 'ballot-cast') this.democracy.confirmed.ballot.add(who);
    if (step.done === 'signed-up') this.democracy.signedUp.set(who, branch === 'waitlisted' ? 'waitlisted' : 'confirmed');
    return shown;
  }

  #text(outputs: Output[], aside?: Output): string {
    return [...outputs.map((o) => o.text), aside?.text ?? ''].join('\n');
  }
}
