import { describe, expect, it } from 'vitest';
import { assessCrisis, combineAssessments, normaliseText, type CrisisLevel } from '../../src/safety/index.ts';

const level = (text: string): CrisisLevel => assessCrisis(text).level;

describe('normaliseText', () => {
  it('folds full-width characters and case', () => {
    expect(normaliseText('ＫＩＬＬ ＭＹＳＥＬＦ')).toBe('kill myself');
    expect(normaliseText('I WANT TO DIE')).toBe('i want to die');
  });

  it('maps traditional characters to simplified', () => {
    expect(normaliseText('我想自殺，遺書寫好了')).toBe('我想自杀 | 遗书写好了');
  });

  it('removes zero-width characters, emoji and light punctuation between Han characters', () => {
    expect(normaliseText('不\u200b想\u200d活')).toBe('不想活');
    expect(normaliseText('不 想 活 了')).toBe('不想活了');
    expect(normaliseText('不😭想😭活')).toBe('不想活');
    expect(normaliseText('不.想.活~了')).toBe('不想活了');
  });

  it('keeps clause punctuation as a boundary', () => {
    expect(normaliseText('我不想，活动取消了')).toBe('我不想 | 活动取消了');
    expect(normaliseText("I'm not joking. I want to die.")).toBe('im not joking | i want to die |');
  });

  it('joins spelled-out words, reads digits in words as letters, drops apostrophes', () => {
    expect(normaliseText('k i l l   m y s e l f')).toBe('killmyself');
    expect(normaliseText('k.i.l.l myself')).toBe('kill myself');
    expect(normaliseText('I want to k1ll mys3lf')).toBe('i want to kill myself');
    expect(normaliseText('I don’t want to live')).toBe('i dont want to live');
    expect(normaliseText('call 12356 now')).toBe('call 12356 now');
  });

  it('collapses a Han character repeated three or more times, a Latin letter to two', () => {
    expect(normaliseText('想死死死死')).toBe('想死');
    expect(normaliseText('谢谢')).toBe('谢谢');
    expect(normaliseText('dieeeeee')).toBe('diee');
    expect(normaliseText('kill')).toBe('kill');
  });
});

describe('assessCrisis: pathological input', () => {
  // Regression guard for regex backtracking: each of these once took seconds. No timing is
  // asserted; a hang shows up as the test timing out.
  it.each([
    ['a ', 4000], ['k i ', 2000], ['my coworker ', 660], ['he hit ', 1100], ['同事', 4000], ['死了', 4000], ['被他打', 2600], ['ab', 4000],
  ])('finishes on %j repeated %i times', (unit, times) => {
    expect(['none', 'concern', 'crisis']).toContain(assessCrisis(unit.repeat(times)).level);
  });
});

describe('assessCrisis: what is a crisis', () => {
  it.each([
    ['不想活了', ['suicide']],
    ['I want to kill myself', ['suicide']],
    ['我想割腕', ['suicide', 'self-harm']],
    ['I keep hurting myself', ['self-harm']],
    ['我想杀了他', ['harm-to-others']],
    ['我想和老板同归于尽', ['suicide', 'harm-to-others']],
    ['被老板打了', ['violence']],
    ['my manager locked me in the storage room', ['violence']],
  ])('%s → crisis %j', (text, categories) => {
    const result = assessCrisis(text);
    expect(result.level).toBe('crisis');
    expect(result.categories).toEqual(categories);
  });

  it('survives spacing, emoji, case, repeats, full width, traditional characters and typos', () => {
    for (const text of ['不 想 活 了', '不😭想😭活', 'I WANT TO DIE', 'i wanna dieeee', 'ｉ ｗａｎｔ ｔｏ ｄｉｅ', '我想自殺', 'i want to kil myself', 'sucidal thoughts']) {
      expect(level(text), text).toBe('crisis');
    }
  });

  it('finds a risk phrase buried in a long work complaint', () => {
    const text = `${'公司拖欠工资三个月了，我找了人事好几次都没用。'.repeat(10)}说实话我已经不想活了。请问工会能帮我申请仲裁吗？`;
    expect(level(text)).toBe('crisis');
  });

  it('reports rule ids as signals, never the message text', () => {
    const result = assessCrisis('老板又骂我，我真的想死');
    expect(result.signals).toContain('zh.suicide.want-die');
    for (const signal of result.signals) expect(signal).toMatch(/^[a-z0-9.:-]+$/);
  });

  it('is deterministic', () => {
    const text = 'I used to think about suicide years ago, but lately again';
    expect(assessCrisis(text)).toEqual(assessCrisis(text));
  });
});

describe('assessCrisis: negation and the past', () => {
  it('reads a denial as concern, not crisis', () => {
    expect(level('我从没想过自杀')).toBe('concern');
    expect(level('我不会自杀的，放心')).toBe('concern');
    expect(level('I would never kill myself')).toBe('concern');
    expect(level("I'm not suicidal, just tired")).toBe('concern');
    expect(assessCrisis('我从没想过自杀').signals).toContain('zh.suicide.mention:negated');
  });

  it('does not let a negation elsewhere in the message cancel the risk', () => {
    expect(level('我不是开玩笑，我想死')).toBe('crisis');
    expect(level("I'm not joking, I want to die")).toBe('crisis');
    expect(level("I can't stop thinking about killing myself")).toBe('crisis');
    expect(level('我不知道为什么想死')).toBe('crisis');
    expect(level('我是不是该自杀')).toBe('crisis');
  });

  it('treats phrases whose negation is the point as crisis', () => {
    expect(level("I don't want to live anymore")).toBe('crisis');
    expect(level('我不想活了')).toBe('crisis');
  });

  it('reads a past thought as concern unless something says it is back', () => {
    expect(level('我以前想过自杀，现在好多了')).toBe('concern');
    expect(level('I used to think about suicide years ago')).toBe('concern');
    expect(level('我以前想过自杀，最近又有这个念头了')).toBe('crisis');
  });
});

describe('assessCrisis: idioms and hyperbole', () => {
  it.each([
    '累死了', '笑死我了', '忙死了', '热死了', '气死我了', '烦死了', '饿死了', '困死了', '想死你了',
    '电脑死机了', '死线是明天', '跟供应商杀价', '秒杀活动', '杀毒软件', '这家店跳楼价甩卖',
    '新闻里那起自杀式袭击', 'this deadline is killing me', "I'm dying to know", 'we killed it today',
    'dead tired', 'my phone died', 'kill the process', 'Suicide Squad was bad', 'career suicide',
    'my boss is going to kill me if I am late', 'he hit me with another deadline', 'hit me up later',
  ])('%s → none', (text) => {
    expect(level(text)).toBe('none');
  });

  it('keeps hyperbole that still signals distress at concern', () => {
    expect(level('累得想死')).toBe('concern');
    expect(level('想死的心都有了')).toBe('concern');
    expect(level('加班加得生不如死')).toBe('concern');
  });

  it('does not let an idiom hide a real risk next to it', () => {
    expect(level('累死了，不想活了')).toBe('crisis');
    expect(level('我想死，你们别管我')).toBe('crisis');
  });
});

describe('assessCrisis: informational questions and other people', () => {
  it('does not treat a legal question about suicide as a crisis', () => {
    expect(level('工伤认定里自杀算不算工伤')).toBe('none');
    expect(level('Is suicide covered under workers compensation?')).toBe('none');
    expect(assessCrisis('工伤认定里自杀算不算工伤').signals).toContain('zh.suicide.mention:informational');
  });

  it('still answers the person when the legal question is about themselves or a colleague', () => {
    expect(level('如果我自杀了，家人能拿到工伤赔偿吗')).toBe('crisis');
    expect(level('同事自杀了，公司说不算工伤')).toBe('crisis');
    expect(level("how does the union handle a colleague's suicide attempt")).toBe('crisis');
  });

  it('treats an accident as an injury, not self-harm', () => {
    expect(level('I cut myself on a box cutter at work, can I claim?')).toBe('none');
    expect(level('搬货的时候不小心弄伤了自己')).toBe('none');
  });
});

describe('assessCrisis: distress short of risk', () => {
  it.each(['活着没意思', '撑不下去了', "I can't go on like this", 'I feel hopeless', '这工资低得活不下去了'])('%s → concern', (text) => {
    expect(level(text)).toBe('concern');
  });

  it('returns none for empty and ordinary messages', () => {
    expect(assessCrisis('')).toEqual({ level: 'none', categories: [], signals: [] });
    expect(level('年假怎么算？')).toBe('none');
    expect(level('How do I join the union?')).toBe('none');
  });
});

describe('combineAssessments', () => {
  it('keeps the most urgent level and its categories', () => {
    const combined = combineAssessments(
      { level: 'concern', categories: [], signals: ['a'] },
      { level: 'crisis', categories: ['violence'], signals: ['b'] },
      { level: 'none', categories: [], signals: [] },
    );
    expect(combined).toEqual({ level: 'crisis', categories: ['violence'], signals: ['a', 'b'] });
  });
});
