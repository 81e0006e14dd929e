/**
 * The member chat's stylesheet and script, served from /assets/ (no inline code, no build step).
 * The script renders every reply type of the core; texts come from the page (data attributes),
 * so the server decides the language.
 */
export const CHAT_CSS = `
:root { --accent: #b3261e; --bg: #f6f6f4; --fg: #1f1f1f; --muted: #5f6368; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: var(--bg); color: var(--fg); display: flex; flex-direction: column; }
header { background: var(--accent); color: #fff; padding: .65rem 1rem; display: flex; gap: .8rem; align-items: center; }
header .title { font-weight: 700; flex: 1; }
header a, header button { color: #fff; font: inherit; font-size: .9rem; }
header button { background: none; border: 0; text-decoration: underline; cursor: pointer; padding: 0; }
#log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .6rem; }
.msg { max-width: min(42rem, 92%); padding: .6rem .8rem; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.me { align-self: flex-end; background: #dcf1ff; }
.bot { align-self: flex-start; background: #fff; box-shadow: 0 1px 2px #0002; }
.staff { align-self: flex-start; background: #fff6d6; box-shadow: 0 1px 2px #0002; }
.staff strong { display: block; font-size: .85rem; }
.notice-urgent { background: #fdecea; border-left: 4px solid var(--accent); }
.notice-warning { background: #fff3cd; } .notice-success { background: #e3f4e5; }
.cites { margin-top: .5rem; font-size: .88rem; }
.cites summary { cursor: pointer; color: var(--muted); }
.cite { border-left: 3px solid #ddd; padding-left: .5rem; margin-top: .35rem; }
.cite b { display: block; font-weight: 600; }
.cite span { white-space: pre-line; }
.disclaimer { font-size: .8rem; color: var(--muted); margin-top: .4rem; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .5rem; }
.actions button { border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 16px; padding: .3rem .85rem; cursor: pointer; font: inherit; font-size: .9rem; }
.actions button.primary { background: var(--accent); color: #fff; }
.actions button:disabled { opacity: .5; cursor: default; }
form.f label { display: block; margin-top: .4rem; font-size: .9rem; }
form.f label.check { display: flex; gap: .4rem; align-items: center; }
form.f label.check input { width: auto; }
form.f input, form.f textarea, form.f select { width: 100%; font: inherit; padding: .35rem; }
footer { display: flex; gap: .5rem; padding: .7rem; background: #fff; border-top: 1px solid #ddd; }
footer textarea { flex: 1; resize: none; font: inherit; padding: .5rem; border: 1px solid #ccc; border-radius: 8px; height: 2.9rem; }
footer button { background: var(--accent); color: #fff; border: 0; border-radius: 8px; padding: 0 1.2rem; font: inherit; cursor: pointer; }
`;

export const CHAT_JS = `
(function () {
  const page = document.body.dataset;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const log = document.getElementById('log');
  const input = document.getElementById('text');
  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function scroll() { log.scrollTop = log.scrollHeight; }
  function buttons(list, once) {
    const box = el('div', 'actions');
    for (const a of list) {
      const b = el('button', a.style === 'primary' ? 'primary' : '', a.label);
      b.type = 'button';
      b.onclick = () => { if (once) for (const x of box.querySelectorAll('button')) x.disabled = true; send({ type: 'action', value: a.value }, a.label); };
      box.appendChild(b);
    }
    return box;
  }
  function render(r) {
    let box;
    switch (r.type) {
      case 'text': box = el('div', 'msg bot', r.text); break;
      case 'answer': {
        box = el('div', 'msg bot answer', r.text);
        if (r.citations.length) {
          // The sources are named at once; their quoted text opens on demand (long on a phone).
          const names = r.citations.map((c) => c.title + (c.section ? ' ' + c.section : ''));
          const d = el('details', 'cites'); d.appendChild(el('summary', '', page.sources + '：' + names.join('；')));
          r.citations.forEach((c, i) => { const q = el('div', 'cite'); q.appendChild(el('b', '', names[i])); if (c.quote) q.appendChild(el('span', '', c.quote.replace(/\\n\\s*\\n+/g, '\\n').trim())); d.appendChild(q); });
          box.appendChild(d);
        }
        if (r.disclaimer) box.appendChild(el('div', 'disclaimer', r.disclaimer));
        if (r.actions.length) box.appendChild(buttons(r.actions, true));
        break;
      }
      case 'choices':
        box = el('div', 'msg bot', r.prompt);
        if (r.multiple) {
          // A multi-select (several seats, a multiple-choice question): tick, then submit once,
          // as Slack's and Teams' multi-selects do; the flow checks the limits again.
          const f = el('form', 'f');
          for (const c of r.choices) { const l = el('label', 'check'); const i = el('input'); i.type = 'checkbox'; i.value = c.value; l.appendChild(i); l.appendChild(document.createTextNode(' ' + c.label.replace(/^[☐☑] /, ''))); f.appendChild(l); }
          const hint = el('div', 'disclaimer', page.chooseBetween.replace('{min}', r.multiple.min).replace('{max}', r.multiple.max));
          const s = el('button', 'primary', page.submit); s.type = 'submit'; const wrap = el('div', 'actions'); wrap.appendChild(s);
          f.appendChild(hint); f.appendChild(wrap);
          f.onsubmit = (e) => {
            e.preventDefault();
            const ticked = [...f.querySelectorAll('input:checked')];
            if (ticked.length < r.multiple.min || ticked.length > r.multiple.max) { hint.classList.add('notice-warning'); return; }
            s.disabled = true;
            send({ type: 'form', formId: r.id, values: { selected: ticked.map((i) => i.value) } }, ticked.map((i) => i.parentElement.textContent.trim()).join('、'));
          };
          box.appendChild(f);
        } else box.appendChild(buttons(r.choices, true));
        break;
      case 'card':
        box = el('div', 'msg bot card');
        box.appendChild(el('strong', '', r.title));
        if (r.subtitle) box.appendChild(el('div', 'disclaimer', r.subtitle));
        if (r.body) box.appendChild(el('div', '', r.body));
        for (const f of r.fields) box.appendChild(el('div', '', f.label + ': ' + f.value));
        if (r.link && /^(https?:|\\/)/.test(r.link.url)) { const a = el('a', '', r.link.label); a.href = r.link.url; box.appendChild(a); }
        if (r.actions.length) box.appendChild(buttons(r.actions, false));
        break;
      case 'notice': box = el('div', 'msg bot notice-' + r.level, r.text); break;
      case 'staff-message': box = el('div', 'msg staff'); box.appendChild(el('strong', '', r.from)); box.appendChild(el('div', '', r.text)); break;
      case 'file': {
        box = el('div', 'msg bot');
        const a = el('a', '', r.title + ' (' + r.filename + ')');
        a.href = URL.createObjectURL(new Blob([r.content], { type: r.mimeType })); a.download = r.filename; box.appendChild(a); break;
      }
      case 'form': {
        box = el('div', 'msg bot');
        const f = el('form', 'f'); f.appendChild(el('strong', '', r.title));
        for (const field of r.fields) {
          const l = el('label', '', field.label + (field.required ? ' *' : ''));
          let i;
          if (field.kind === 'textarea') i = el('textarea');
          else if (field.kind === 'select' || field.kind === 'multiselect') { i = el('select'); i.multiple = field.kind === 'multiselect'; for (const o of field.options) { const op = el('option', '', o.label); op.value = o.value; i.appendChild(op); } }
          else { i = el('input'); i.type = field.kind === 'number' || field.kind === 'rating' ? 'number' : 'text'; if (field.min !== undefined) i.min = field.min; if (field.max !== undefined) i.max = field.max; }
          if (typeof field.value === 'string') i.value = field.value;
          i.name = field.name; i.required = field.required; l.appendChild(i); f.appendChild(l);
        }
        const s = el('button', 'primary', r.submitLabel); s.type = 'submit'; const wrap = el('div', 'actions'); wrap.appendChild(s); f.appendChild(wrap);
        f.onsubmit = (e) => {
          e.preventDefault();
          const values = {};
          for (const field of r.fields) { const i = f.elements[field.name]; values[field.name] = field.kind === 'multiselect' ? [...i.selectedOptions].map((o) => o.value) : i.value; }
          s.disabled = true;
          send({ type: 'form', formId: r.id, values }, r.submitLabel);
        };
        box.appendChild(f); break;
      }
      default: return;
    }
    box.dataset.type = r.type;
    log.appendChild(box);
    scroll();
  }
  async function send(value, shown) {
    log.appendChild(el('div', 'msg me', shown));
    scroll();
    try {
      const res = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': page.locale, 'x-csrf-token': csrf }, body: JSON.stringify({ input: value }) });
      if (!res.ok) throw new Error(String(res.status));
      (await res.json()).replies.forEach(render);
    } catch { render({ type: 'notice', level: 'warning', text: page.error }); }
  }
  function sendText() { const t = input.value.trim(); if (!t) return; input.value = ''; send({ type: 'message', text: t }, t); }
  document.getElementById('send').onclick = sendText;
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendText(); } });
  // Staff replies and reminders arrive outside a turn: ask for them every few seconds.
  async function poll() {
    try {
      const res = await fetch('/api/chat/updates', { headers: { accept: 'application/json' } });
      if (res.ok) (await res.json()).replies.forEach(render);
    } catch {}
    setTimeout(poll, 2500);
  }
  poll();
})();
`;
