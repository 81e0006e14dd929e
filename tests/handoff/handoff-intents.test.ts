import { describe, expect, it } from 'vitest';
import { isEndRequest, isEraseRequest, matchHandoffRequest } from '../../src/flows/handoff/handoff-intents.ts';

describe('handoff intents', () => {
  it.each([
    ['转人工', undefined],
    ['人工客服', undefined],
    ['人工', undefined],
    ['找人工', undefined],
    ['请帮我转人工，谢谢', undefined],
    ['找工会', undefined],
    ['我想联系工会工作人员', undefined],
    ['我要找律师', 'legal'],
    ['能不能找个律师', 'legal'],
    ['找心理咨询师', 'psychological'],
    ['我想和心理咨询师聊聊', 'psychological'],
    ['我想跟真人说话', undefined],
    ['talk to a person', undefined],
    ['I want to talk to a human', undefined],
    ["I'd like to speak with someone from the union", undefined],
    ['Can I talk to a counsellor?', 'psychological'],
    ['speak to a lawyer please', 'legal'],
    ['connect me to a human', undefined],
    ['human', undefined],
    ['Agent', undefined],
  ])('%s asks for a person', (text, category) => {
    expect(matchHandoffRequest(text)).toEqual(category ? { category } : {});
  });

  it.each([
    '公司找律师威胁我怎么办',
    '人工智能会取代我的工作吗',
    '工会会费怎么交',
    '律师费可以报销吗',
    'how do I talk to my manager about overtime',
    'what is a human resources department for',
    'my agent at the staffing company did not pay me',
    '转人工是什么意思，公司的人工成本怎么算，加班费怎么计算才合法，劳动合同法第几条规定了这些内容呢我想知道',
  ])('%s is not a request for a person', (text) => {
    expect(matchHandoffRequest(text)).toBeUndefined();
  });

  it('recognises the end of a conversation with staff, and only that', () => {
    for (const text of ['结束', '结束对话', 'done', 'Done.', 'end', '/done', "I'm done"]) expect(isEndRequest(text), text).toBe(true);
    for (const text of ['结束劳动合同要提前多久通知', 'the end of my contract', 'done with overtime?']) expect(isEndRequest(text), text).toBe(false);
  });

  it('recognises a request to erase case records', () => {
    for (const text of ['删除我的个案记录', '请删除我的对话记录', 'delete my case history', 'erase my tickets']) expect(isEraseRequest(text), text).toBe(true);
    for (const text of ['公司删除了我的考勤记录怎么办', 'how do I delete my account']) expect(isEraseRequest(text), text).toBe(false);
  });
});
