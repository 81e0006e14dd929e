/**
 * The console's stylesheet and script, served from this server (/assets/…) so that the
 * Content-Security-Policy can forbid inline code and every other origin. No build step.
 */
export const CONSOLE_CSS = `
:root { --accent: #b3261e; --accent-soft: #fbeae9; --bg: #f6f6f4; --card: #fff; --fg: #1f1f1f; --muted: #5f6368; --line: #e0e0dc; --ok: #1e7d32; --warn: #b26a00; --late: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: var(--bg); color: var(--fg); }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .3rem; z-index: 9; }
header.top { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; padding: .6rem 1.2rem; background: var(--accent); color: #fff; }
header.top a, header.top .link { color: #fff; text-decoration: none; }
header.top .brand { font-weight: 700; }
nav.areas { display: flex; flex-wrap: wrap; gap: .2rem; }
nav.areas a { padding: .25rem .6rem; border-radius: 6px; }
nav.areas a[aria-current="page"], nav.areas a:hover { background: #ffffff2e; }
.spacer { flex: 1; }
.who { opacity: .9; }
main { max-width: 1180px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
main.narrow { max-width: 28rem; }
h1 { font-size: 1.45rem; margin: .6rem 0 1rem; } h2 { font-size: 1.1rem; margin: 1.4rem 0 .6rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; margin-bottom: 1rem; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
.stat { font-size: 1.9rem; font-weight: 700; } .stat small { font-size: .9rem; font-weight: 400; color: var(--muted); }
.muted { color: var(--muted); font-size: .9rem; }
table { width: 100%; border-collapse: collapse; background: var(--card); }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
tr.late td { background: #fdecea; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .8rem; background: #eee; }
.badge.late, .badge.urgent { background: var(--late); color: #fff; } .badge.due { background: #fff0c2; color: #6b4a00; } .badge.ok { background: #e3f4e5; color: var(--ok); }
.badge.sensitive { background: #ede7f6; color: #4527a0; }
form.stack { display: flex; flex-direction: column; gap: .7rem; }
form.inline { display: inline; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: 1rem; }
label { display: flex; flex-direction: column; gap: .2rem; font-size: .9rem; }
label.check { flex-direction: row; align-items: center; gap: .4rem; }
input, select, textarea, button { font: inherit; }
input, select, textarea { padding: .4rem .5rem; border: 1px solid #c9c9c4; border-radius: 6px; background: #fff; }
textarea { min-height: 6rem; }
textarea.code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .85rem; min-height: 26rem; width: 100%; }
button { padding: .4rem .9rem; border: 1px solid var(--accent); border-radius: 6px; background: #fff; color: var(--accent); cursor: pointer; }
button.primary, a.button.primary { background: var(--accent); color: #fff; }
a.button { display: inline-block; padding: .4rem .9rem; border: 1px solid var(--accent); border-radius: 6px; text-decoration: none; }
button.link { border: 0; background: none; padding: 0; text-decoration: underline; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
.flash { padding: .6rem .8rem; border-radius: 8px; } .flash.ok { background: #e3f4e5; } .flash.error { background: #fdecea; }
.transcript { display: flex; flex-direction: column; gap: .4rem; max-height: 28rem; overflow-y: auto; }
.line { padding: .4rem .6rem; border-radius: 8px; white-space: pre-wrap; max-width: 46rem; }
.line.member { background: #dcf1ff; align-self: flex-end; } .line.assistant { background: #f1f1ef; } .line.staff { background: #fff6d6; } .line.note { background: #ede7f6; border-left: 3px solid #7e57c2; }
.line .meta { display: block; font-size: .75rem; color: var(--muted); }
.split { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
@media (max-width: 800px) { .split { grid-template-columns: 1fr; } table { display: block; overflow-x: auto; } header.top { padding: .6rem; } main { padding: .8rem; } }
.preview { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem; min-height: 26rem; overflow: auto; }
.diff { font-family: ui-monospace, Menlo, monospace; font-size: .82rem; white-space: pre-wrap; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .5rem; }
.diff .add { background: #e6ffec; display: block; } .diff .del { background: #ffebe9; display: block; } .diff .same { display: block; color: var(--muted); }
svg.chart { width: 100%; height: auto; max-width: 44rem; }
svg.chart text { font: 11px system-ui, sans-serif; fill: #444; }
svg.chart .bar { fill: var(--accent); } svg.chart .bar.alt { fill: #6d8fb3; } svg.chart .line { fill: none; stroke: var(--accent); stroke-width: 2; } svg.chart .axis { stroke: #bbb; }
body.plain main { margin-top: 2rem; }
`;

export const CONSOLE_JS = `
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || '';
  // Confirmations for destructive buttons.
  document.addEventListener('submit', (e) => {
    const button = e.submitter;
    const message = (button && button.dataset.confirm) || e.target.dataset.confirm;
    if (message && !confirm(message)) e.preventDefault();
  });
  // Live regions: the page names an endpoint that returns a version; when it changes, the
  // marked regions are fetched again and swapped in, leaving forms being typed into alone.
  const live = document.body.dataset.live;
  if (live) {
    let version;
    const refresh = async () => {
      const res = await fetch(location.href, { headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      for (const region of document.querySelectorAll('[data-live-region]')) {
        const fresh = doc.getElementById(region.id);
        if (fresh) region.replaceWith(fresh);
      }
    };
    const tick = async () => {
      try {
        const res = await fetch(live, { headers: { accept: 'application/json' } });
        if (res.ok) {
          const body = await res.json();
          if (version !== undefined && body.version !== version) await refresh();
          version = body.version;
        }
      } catch {}
      setTimeout(tick, 2000);
    };
    tick();
  }
  // Service-level timers turn red when their time passes while the page is open.
  setInterval(() => {
    for (const timer of document.querySelectorAll('[data-due]')) {
      if (Date.parse(timer.dataset.due) <= Date.now() && !timer.classList.contains('late')) {
        timer.classList.remove('ok', 'due');
        timer.classList.add('late');
        const row = timer.closest('tr');
        if (row) row.classList.add('late');
      }
    }
  }, 15000);
  // A CSV file chosen for import is read into the form's text area (the area works on its own).
  for (const picker of document.querySelectorAll('input[type="file"][data-into]')) {
    picker.addEventListener('change', async () => {
      const file = picker.files && picker.files[0];
      if (file) document.getElementById(picker.dataset.into).value = await file.text();
    });
  }
  // Live Markdown preview while an editor types (the Preview button works without script).
  const source = document.querySelector('textarea[data-preview]');
  if (source) {
    const target = document.getElementById(source.dataset.preview);
    let timer;
    source.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const res = await fetch('/console/knowledge/preview', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' }, body: JSON.stringify({ markdown: source.value }) });
        if (res.ok) target.innerHTML = (await res.json()).html;
      }, 400);
    });
  }
})();
`;
