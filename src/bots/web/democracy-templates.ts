/** Starting points for the "new" forms: valid definitions an admin edits (YAML, as the CLI's files). */
export type DemocracyKind = 'survey' | 'vote' | 'event';

function at(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+08:00`;
}

export function definitionTemplate(kind: DemocracyKind): string {
  if (kind === 'event') {
    return `title:
  zh-CN: 劳动法律知识讲座
  en: Talk on labour law
description:
  zh-CN: 工会法律顾问讲解劳动合同与加班费，现场答疑。
  en: The union's legal adviser explains contracts and overtime pay, with questions.
place: 工会活动室（3 楼）
startsAt: ${at(14, 18)}
endsAt: ${at(14, 20)}
capacity: 40
signupDeadline: ${at(13, 18)}
reminderHours: [24]
audience: all
`;
  }
  if (kind === 'vote') {
    return `kind: motion
title:
  zh-CN: 是否同意 2027 年集体合同草案
  en: Approve the 2027 collective contract draft
description:
  zh-CN: 草案全文见工会公告栏。
  en: The full draft is on the union notice board.
secret: true
quorumPercent: 50
closesAt: ${at(7, 18)}
audience: all
`;
  }
  return `title:
  zh-CN: 食堂满意度调查
  en: Canteen satisfaction survey
anonymous: true
closesAt: ${at(10, 18)}
minGroupSize: 5
questions:
  - id: overall
    type: rating
    text:
      zh-CN: 总体满意度
      en: Overall satisfaction
  - id: improve
    type: multiple
    text:
      zh-CN: 最希望改进哪些方面？
      en: What should improve most?
    options:
      - { zh-CN: 菜品种类, en: Variety }
      - { zh-CN: 价格, en: Price }
      - { zh-CN: 排队时间, en: Queueing }
  - id: comment
    type: text
    required: false
    text:
      zh-CN: 其他建议
      en: Other suggestions
`;
}
