/**
 * The member web chat page: self-contained HTML (no build step, no external requests), bilingual
 * by the browser's language, usable on a phone. It renders every reply type of the core.
 */
export function webChatPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>工会助手 · Union Assistant</title>
<style>
  :root { --accent: #c0392b; --bg: #f6f6f4; --fg: #222; --muted: #666; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: var(--bg); color: var(--fg); display: flex; flex-direction: column; height: 100vh; }
  header { background: var(--accent); color: #fff; padding: .75rem 1rem; font-weight: 600; display: flex; justify-content: space-between; align-items: center; }
  header button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 4px; padding: .2rem .5rem; cursor: pointer; }
  #log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .6rem; }
  .msg { max-width: 42rem; padding: .6rem .8rem; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
  .me { align-self: flex-end; background: #dcf1ff; }
  .bot { align-self: flex-start; background: #fff; box-shadow: 0 1px 2px #0002; }
  .staff { align-self: flex-start; background: #fff6d6; box-shadow: 0 1px 2px #0002; }
  .notice-urgent { background: #fde2e0; border-left: 4px solid var(--accent); }
  .notice-warning { background: #fff3cd; }
  .notice-success { background: #e3f6e5; }
  .cite { font-size: .85rem; color: var(--muted); border-left: 3px solid #ddd; padding-left: .5rem; margin-top: .4rem; }
  .disclaimer { font-size: .8rem; color: var(--muted); margin-top: .4rem; }
  .actions { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .5rem; }
  .actions button { border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 16px; padding: .25rem .8rem; cursor: pointer; font: inherit; font-size: .9rem; }
  .actions button.primary { background: var(--accent); color: #fff; }
  form.f label { display: block; margin-top: .4rem; font-size: .9rem; }
  form.f input, form.f textarea, form.f select { width: 100%; font: inherit; padding: .3rem; }
  footer { display: flex; gap: .5rem; padding: .75rem; background: #fff; border-top: 1px solid #ddd; }
  footer textarea { flex: 1; resize: none; font: inherit; padding: .5rem; border: 1px solid #ccc; border-radius: 6px; height: 2.8rem; }
  footer button { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 0 1.2rem; font: inherit; cursor: pointer; }
</style>
</head>
<body>
<header><span id="title">工会助手</span><button id="lang" type="button">English</button></header>
<main id="log" aria-live="polite"></main>
<footer><textarea id="text" aria-label="message"></textarea><button id="send" type="button">发送</button></footer>
<script>
const UI = {
  'zh-CN': { title: '工会助手', send: '发送', other: 'English', placeholder: '输入您的问题，例如：公司不给我签合同怎么办', sources: '依据', error: '发送失败，请重试。', submit: '提交' },
  en: { title: 'Union Assistant', send: 'Send', other: '中文', placeholder: 'Type your question, e.g. How long is maternity leave?', sources: 'Sources', error: 'Could not send. Please try again.', submit: 'Submit' },
};
let lang = (localStorage.getItem('ua-lang') || navigator.language || 'zh-CN').toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
const log = document.getElementById('log');
const input = document.getElementById('text');
function applyLang() {
  const u = UI[lang];
  document.documentElement.lang = lang;
  document.getElementById('title').textContent = u.title;
  document.getElementById('send').textContent = u.send;
  document.getElementById('lang').textContent = u.other;
  input.placeholder = u.placeholder;
}
document.getElementById('lang').onclick = () => { lang = lang === 'en' ? 'zh-CN' : 'en'; localStorage.setItem('ua-lang', lang); applyLang(); };
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function buttons(list) {
  const box = el('div', 'actions');
  for (const a of list) { const b = el('button', a.style === 'primary' ? 'primary' : '', a.label); b.type = 'button'; b.onclick = () => send({ type: 'action', value: a.value }, a.label); box.appendChild(b); }
  return box;
}
function render(r) {
  let box;
  switch (r.type) {
    case 'text': box = el('div', 'msg bot', r.text); break;
    case 'answer':
      box = el('div', 'msg bot', r.text);
      if (r.citations.length) { const c = el('div', 'cite'); c.textContent = UI[lang].sources + ': ' + r.citations.map(x => x.title + (x.section ? ' ' + x.section : '')).join('；'); box.appendChild(c); }
      if (r.disclaimer) box.appendChild(el('div', 'disclaimer', r.disclaimer));
      if (r.actions.length) box.appendChild(buttons(r.actions));
      break;
    case 'choices': box = el('div', 'msg bot', r.prompt); box.appendChild(buttons(r.choices)); break;
    case 'card':
      box = el('div', 'msg bot');
      box.appendChild(el('strong', '', r.title));
      if (r.subtitle) box.appendChild(el('div', 'disclaimer', r.subtitle));
      if (r.body) box.appendChild(el('div', '', r.body));
      for (const f of r.fields) box.appendChild(el('div', '', f.label + ': ' + f.value));
      if (r.link) { const a = el('a', '', r.link.label); a.href = r.link.url; box.appendChild(a); }
      if (r.actions.length) box.appendChild(buttons(r.actions));
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
        i.name = field.name; i.required = field.required; l.appendChild(i); f.appendChild(l);
      }
      const s = el('button', '', r.submitLabel); s.type = 'submit'; const wrap = el('div', 'actions'); wrap.appendChild(s); f.appendChild(wrap);
      f.onsubmit = (e) => { e.preventDefault(); const values = {}; for (const field of r.fields) { const i = f.elements[field.name]; values[field.name] = field.kind === 'multiselect' ? [...i.selectedOptions].map(o => o.value) : i.value; } send({ type: 'form', formId: r.id, values }, r.submitLabel); };
      box.appendChild(f); break;
    }
    default: box = el('div', 'msg bot', JSON.stringify(r));
  }
  log.appendChild(box);
  log.scrollTop = log.scrollHeight;
}
async function send(inputValue, shown) {
  log.appendChild(el('div', 'msg me', shown));
  log.scrollTop = log.scrollHeight;
  try {
    const res = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify({ input: inputValue }) });
    if (!res.ok) throw new Error(String(res.status));
    const body = await res.json();
    body.replies.forEach(render);
  } catch { render({ type: 'notice', level: 'warning', text: UI[lang].error }); }
}
function sendText() { const t = input.value.trim(); if (!t) return; input.value = ''; send({ type: 'message', text: t }, t); }
document.getElementById('send').onclick = sendText;
input.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); sendText(); } });
async function poll() {
  try {
    const res = await fetch('/api/chat/updates', { headers: { 'accept-language': lang } });
    if (res.ok) (await res.json()).replies.forEach(render);
  } catch {}
  setTimeout(poll, 3000);
}
applyLang();
poll();
</script>
</body>
</html>`;
}
