// SPDX-License-Identifier: Apache-2.0
// The Trailwatch dashboard. Every value from an event is attacker-controlled text: it only ever reaches the
// page through textContent, never innerHTML.

const page = document.getElementById('page');
const charts = [];

function state() {
  const [path, query] = (location.hash.slice(1) || '/operations').split('?');
  return { page: path.replace('/', '') || 'operations', params: new URLSearchParams(query || '') };
}

function go(pageName, params) {
  location.hash = '#/' + pageName + '?' + params.toString();
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else if (k === 'onclick') e.addEventListener('click', v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function panel(title, wide = false) {
  const s = el('section', { class: 'panel' + (wide ? ' wide' : '') }, el('h2', { text: title }));
  page.append(s);
  return s;
}

async function api(path, params) {
  const url = '/api/' + path + (params ? '?' + params.toString() : '');
  const r = await fetch(url, { credentials: 'same-origin' });
  if (r.status === 401) { document.getElementById('login').hidden = false; throw new Error('token required'); }
  const body = await r.json();
  if (!r.ok) throw new Error(body.error + ': ' + body.detail);
  return body;
}

function scopeParams(params) {
  const p = new URLSearchParams();
  for (const k of ['range', 'from', 'to', 'account', 'region']) {
    const v = params.get(k);
    if (v && !(k === 'range' && v === 'custom')) p.set(k, v);
  }
  return p;
}

function table(parent, rows, columns, linkOf, empty = 'nothing in this range') {
  const t = el('table');
  t.append(el('tr', {}, ...columns.map(c => el('th', { text: c }))));
  for (const r of rows) {
    const tr = el('tr');
    for (const c of columns) {
      const v = r[c] === null || r[c] === undefined ? '' : typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c]);
      // JSON documents wrap anywhere; times and ids (links) never wrap, so rows stay one line high
      const td = el('td', { class: c.includes('parameters') || c === 'raw_text' ? 'mono' : /(_time|_seen|_at|_event|region|account|_id|_address)$/.test(c) ? 'nowrap' : '' });
      if (c === 'level') td.className = 'level-' + v;
      if (linkOf && linkOf[c]) td.append(el('a', { class: 'drill', text: v, onclick: () => linkOf[c](r) })); else td.textContent = v;
      tr.append(td);
    }
    t.append(tr);
  }
  parent.append(t);
  if (rows.length === 0) parent.append(el('p', { class: 'muted', text: empty }));
}

function chart(parent, option, onClick) {
  const div = el('div', { class: 'chart' });
  parent.append(div);
  const c = echarts.init(div);
  c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis' } }, option));
  if (onClick) c.on('click', onClick);
  charts.push(c);
  return c;
}

// A time bucket as an axis label: 2026-11-02 10:00 (UTC, as everywhere here).
const timeLabel = t => t.replace('T', ' ').replace(':00Z', '');

// A long bar label keeps its end, where names differ (AWSReservedSSO_Admin_3f1a…/alice); the tooltip has it whole.
const barLabel = v => v.length > 34 ? '…' + v.slice(-33) : v;

function bars(parent, rows, onPick) {
  chart(parent, {
    grid: { left: 220, right: 20, top: 10, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map(r => r.name), axisLabel: { formatter: barLabel } },
    series: [{ type: 'bar', data: rows.map(r => r.n) }]
  }, p => onPick(rows[p.dataIndex].name));
}

// Findings' levels, most severe first, in the colours the tables use.
const LEVELS = { critical: '#b00020', high: '#d9480f', medium: '#b08900', low: '#1a5fb4', informational: '#8a8a8a' };

// Stacked bars over time, one series each; with colours (name -> colour), series keep their order and colour.
function series(parent, rows, stack, colours) {
  const times = [...new Set(rows.map(r => r.t))].sort();
  const seen = [...new Set(rows.map(r => r.series))];
  const names = colours ? Object.keys(colours).filter(n => seen.includes(n)) : seen;
  chart(parent, {
    legend: { top: 0 }, grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: times.map(timeLabel) },
    yAxis: { type: 'value' },
    series: names.map(n => ({ name: n, type: 'bar', stack: stack, itemStyle: colours ? { color: colours[n] } : undefined,
      data: times.map(t => (rows.find(r => r.t === t && r.series === n) || { n: 0 }).n) }))
  });
}

function explore(params, field, value) {
  const p = scopeParams(params);
  p.set('f.' + field, value);
  go('explore', p);
}

function showEvent(row) {
  const p = new URLSearchParams();
  p.set('account', row.recipient_account_id || '');
  p.set('key', row.event_key);
  go('event', p);
}

async function operations(params) {
  const d = await api('operations', scopeParams(params));
  const pick = f => v => explore(params, f, v);
  bars(panel('Action events in the last 60 minutes (by event name)'), d.actions_last_60m, pick('event_name'));
  series(panel('Requested AWS services over time', true), d.services_over_time, 'services');
  bars(panel('Events by AWS region'), d.by_region, pick('aws_region'));
  bars(panel('Top event names'), d.top_event_names, pick('event_name'));
  bars(panel('Top actors'), d.top_actors, pick('actor'));
  const e = panel('Errors over time');
  chart(e, { grid: { left: 50, right: 20, top: 10, bottom: 30 }, xAxis: { type: 'category', data: d.errors_over_time.map(r => timeLabel(r.t)) },
    yAxis: { type: 'value' }, series: [{ type: 'line', data: d.errors_over_time.map(r => r.errors) }] });
}

async function security(params) {
  const d = await api('security', scopeParams(params));
  series(panel('Findings by level over time', true), d.findings_by_level, 'level', LEVELS);
  const f = panel('Findings', true);
  const levelPick = el('select', { name: 'level' });
  for (const l of ['all', 'critical', 'high', 'medium', 'low', 'informational']) levelPick.append(el('option', { value: l, text: l === 'all' ? 'every level' : l }));
  levelPick.value = params.get('level') || 'all';
  levelPick.addEventListener('change', () => { if (levelPick.value === 'all') params.delete('level'); else params.set('level', levelPick.value); go('security', params); });
  f.append(levelPick);
  const shown = params.get('level') ? d.findings.filter(x => x.level === params.get('level')) : d.findings;
  table(f, shown, ['level', 'title', 'account', 'region', 'actor', 'events', 'last_seen', 'status', 'finding_id'], {
    finding_id: async r => {
      const resp = await fetch('/api/findings/' + encodeURIComponent(r.finding_id) + '/ack', { method: 'POST', credentials: 'same-origin' });
      if (resp.ok) render();
    }
  });
  f.append(el('p', { class: 'muted', text: 'Click a finding id to acknowledge it.' }));
  bars(panel('Unauthorized calls by principal'), d.unauthorized_by_principal, v => explore(params, 'actor', v));
  const cis = panel('CIS AWS Foundations monitoring controls');
  table(cis, d.cis_controls, ['control', 'findings', 'n']);
  table(panel('Root activity'), d.root_activity, ['event_time', 'event_name', 'account', 'region', 'source_ip_address', 'event_key'], { event_key: showEvent });
  table(panel('Console sign-ins without MFA'), d.console_without_mfa, ['event_time', 'actor', 'account', 'source_ip_address', 'event_key'], { event_key: showEvent });
  table(panel('Network exposure changes (opened to the world)', true), d.exposure_changes, ['event_time', 'event_name', 'actor', 'account', 'region', 'request_parameters', 'event_key'], { event_key: showEvent });
  const cd = panel('Resource creations and deletions', true);
  chart(cd, { legend: { top: 0 }, grid: { left: 50, right: 20, top: 30, bottom: 30 }, xAxis: { type: 'category', data: d.creations_deletions.map(r => timeLabel(r.t)) }, yAxis: { type: 'value' },
    series: [{ name: 'created', type: 'line', data: d.creations_deletions.map(r => r.created) }, { name: 'deleted', type: 'line', data: d.creations_deletions.map(r => r.deleted) }] });
}

const FIELDS = ['event_name', 'event_source', 'aws_region', 'recipient_account_id', 'actor', 'source_ip_address', 'user_agent', 'identity_type',
  'identity_arn', 'identity_user_name', 'identity_access_key_id', 'error_code', 'event_type', 'event_category', 'request_id', 'shared_event_id',
  'session_issuer_user_name', 'vpc_endpoint_id', 'event_key'];

async function explorePage(params) {
  const field = el('select', { name: 'field' });
  for (const name of FIELDS) field.append(el('option', { value: name, text: name }));
  const form = el('form', {}, el('input', { name: 'q', placeholder: 'free text', value: params.get('q') || '' }), ' and ', field,
    el('input', { name: 'value', placeholder: 'equals' }), el('button', { text: 'Search' }));
  const p = panel('Explore', true);
  p.append(form);
  const filters = [...params.entries()].filter(([k]) => k.startsWith('f.'));
  if (filters.length) p.append(el('p', { class: 'muted', text: 'filters: ' + filters.map(([k, v]) => k.slice(2) + ' = ' + v).join(', ') }));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    params.set('q', form.q.value);
    if (form.value.value) params.set('f.' + form.field.value, form.value.value);
    params.delete('offset');
    go('explore', params);
  });
  const q = scopeParams(params);
  for (const [k, v] of params.entries()) if (k.startsWith('f.') || k === 'q' || k === 'offset') q.set(k, v);
  const d = await api('events', q);
  p.append(el('p', { text: d.total + ' events' }));
  table(p, d.events, ['event_time', 'event_name', 'event_source', 'actor', 'recipient_account_id', 'aws_region', 'source_ip_address', 'error_code', 'event_key'], { event_key: showEvent });
  const next = Number(params.get('offset') || 0) + d.limit;
  if (next < d.total) p.append(el('a', { class: 'drill', text: 'next page', onclick: () => { params.set('offset', next); go('explore', params); } }));
  const s = panel('SQL (read-only)', true);
  const sql = el('textarea', { rows: 3, cols: 100 });
  sql.value = 'SELECT event_name, count(*) n FROM events GROUP BY 1 ORDER BY n DESC LIMIT 10';
  const out = el('div');
  s.append(sql, el('button', { text: 'Run', onclick: async () => {
    out.replaceChildren();
    const r = await fetch('/api/sql', { method: 'POST', credentials: 'same-origin', body: JSON.stringify({ sql: sql.value }) });
    const body = await r.json();
    if (!r.ok) { out.append(el('p', { text: body.detail })); return; }
    // The answer's own columns: a query with no rows still shows what it would have shown
    table(out, body.rows, body.columns, {}, 'no rows');
    if (body.truncated) out.append(el('p', { class: 'muted', text: 'the first ' + body.rows.length + ' rows' }));
  } }), out);
}

async function eventPage(params) {
  const d = await api('event', params);
  const p = panel('Event', true);
  table(p, Object.entries(d.event).map(([k, v]) => ({ field: k, value: v })), ['field', 'value']);
  const raw = panel('Original record', true);
  let pretty = d.raw;
  try { pretty = JSON.stringify(JSON.parse(d.raw), null, 2); } catch (e) { /* keep as delivered */ }
  raw.append(el('pre', { text: pretty }));
  table(panel('Related events', true), d.related, ['relation', 'event_time', 'event_name', 'actor', 'event_key'], { event_key: showEvent });
}

async function sources() {
  const d = await api('sources');
  const t = panel('Totals');
  table(t, [d.totals], ['files', 'events', 'problems']);
  table(panel('Last delivery per account and region'), d.last_delivery, ['account', 'region', 'newest_event', 'events']);
  table(panel('Files read', true), d.files, ['source', 'format', 'status', 'records', 'events_new', 'events_duplicate', 'problems', 'ingested_at']);
  table(panel('Problems', true), d.problems, ['source', 'record_index', 'byte_offset', 'reason', 'raw_text']);
}

async function render() {
  delete document.body.dataset.rendered; // set again when this render has finished
  charts.splice(0).forEach(c => c.dispose());
  page.replaceChildren();
  const { page: name, params } = state();
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.page === name);
  // The filter form shows the scope this page is drawn with (an event page's account is the event's, not a filter)
  const form = document.getElementById('filters');
  if (name !== 'event') {
    for (const k of ['from', 'to', 'account', 'region']) form[k].value = params.get(k) || '';
    form.range.value = params.get('range') || (params.get('from') || params.get('to') ? 'custom' : '24h');
  }
  try {
    if (name === 'security') await security(params);
    else if (name === 'explore') await explorePage(params);
    else if (name === 'event') await eventPage(params);
    else if (name === 'sources') await sources();
    else await operations(params);
    document.body.dataset.rendered = name;
  } catch (e) {
    page.append(el('p', { class: 'muted', text: String(e.message || e) }));
    document.body.dataset.rendered = 'error';
  }
}

document.getElementById('filters').addEventListener('submit', ev => {
  ev.preventDefault();
  const { page: name, params } = state();
  const form = ev.target;
  for (const k of ['range', 'from', 'to', 'account', 'region']) {
    if (form[k].value) params.set(k, form[k].value); else params.delete(k);
  }
  go(name, params);
});
window.addEventListener('hashchange', render);
// The pages share the scope: switching page keeps the range, account and region
for (const a of document.querySelectorAll('nav a')) {
  a.addEventListener('click', ev => {
    ev.preventDefault();
    const { page: name, params } = state();
    const scope = scopeParams(params);
    if (name === 'event') scope.delete('account');
    go(a.dataset.page, scope);
  });
}
render();

// Live: when new events arrive (serve --watch), the page redraws itself.
let lastStatus = null;
setInterval(async () => {
  try {
    const s = JSON.stringify(await api('status'));
    if (lastStatus !== null && s !== lastStatus && state().page !== 'event') render();
    lastStatus = s;
  } catch (e) { /* the next poll tries again */ }
}, 5000);
