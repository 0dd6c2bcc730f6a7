// Trailwatch's console: one page, views chosen by the URL's fragment (so a view's link can be shared: reloading it
// restores the page, its filters and its time range), each drawn from the same /v1 API the CLI calls, in a console
// session (an HttpOnly cookie; writes carry the CSRF token).
// Everything that comes from the API is put on the page as text (textContent), never as HTML: event fields are data.
// This file is the core (session, API calls, the router, time ranges, permissions) and the Overview, Metrics and
// Event history pages; alarms.js and logs.js add their pages with page(...), as any new page does.
'use strict';

// Lists and an alarm's page ask again every second: a change shows within 2 s of happening, whatever the phase.
const REFRESH_MS = 1000;
const session = {
  get csrf() { return sessionStorage.getItem('trailwatch.csrf'); },
  get user() { return sessionStorage.getItem('trailwatch.user'); },
  save(answer) {
    sessionStorage.setItem('trailwatch.csrf', answer.CsrfToken);
    sessionStorage.setItem('trailwatch.user', answer.UserName);
  },
  clear() { sessionStorage.removeItem('trailwatch.csrf'); sessionStorage.removeItem('trailwatch.user'); },
};
let refreshTimer = null;
let chart = null;
/** What the user's policies allow the console to offer (GET /v1/sessions/current). */
let allowedActions = new Set();
/** Run when the page is left: closes streams and timers a view opened. */
let leaveView = [];

/** An error of the API, in words: its code and message, never a stack trace. */
class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
  get words() { return (this.code ? this.code + ': ' : '') + this.message; }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = session.csrf || '';
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'NetworkError', 'Trailwatch did not answer (' + e.message + '); is it running?');
  }
  const text = await response.text();
  let answer = {};
  try { answer = text ? JSON.parse(text) : {}; } catch (e) { answer = { message: text }; }
  if (!response.ok) {
    const error = new ApiError(response.status, answer.code || answer.error || answer.__type || '',
      answer.message || answer.Message || response.statusText, answer.field);
    error.details = answer; // e.g. PutDashboard's DashboardValidationMessages
    if (response.status === 403 && error.code === 'ExpiredToken') {
      signedOut();
    }
    throw error;
  }
  return answer;
}

// ---- DOM helpers: text only ----

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function show(...nodes) {
  const view = document.getElementById('view');
  view.replaceChildren(...nodes);
}

function problem(error) {
  return el('p', { class: 'error', role: 'alert' }, error instanceof ApiError ? error.words : String(error));
}

function stateBadge(state) {
  return el('span', { class: 'state state-' + state }, state === 'INSUFFICIENT_DATA' ? 'Insufficient data' : state);
}

/** A select of options whose value is the current one. */
function select(attributes, options, current) {
  return el('select', attributes, options.map(option => {
    const [value, label] = Array.isArray(option) ? option : [option, option];
    const node = el('option', { value: String(value) }, String(label));
    if (String(value) === String(current)) node.selected = true;
    return node;
  }));
}

/** A labelled input; the label wraps it, so clicking the words focuses the field. */
function field(label, input, hint) {
  return el('label', {}, label, ' ', input, hint ? el('small', { class: 'muted' }, hint) : null);
}

/** Shows the node only to users whose policies allow the action; the server refuses the call anyway. */
function guarded(action, node) {
  node.setAttribute('data-requires', action);
  node.hidden = !allowedActions.has(action);
  return node;
}

async function loadPermissions(alarmName) {
  const answer = await api('GET', '/v1/sessions/current' + (alarmName ? '?AlarmName='
    + encodeURIComponent(alarmName) : ''));
  allowedActions = new Set(answer.AllowedActions || []);
  return answer;
}

// ---- time: relative or absolute ranges (in the URL), shown in local time or UTC (the person's own choice, kept in
// this browser: a shared link shows times in the zone of whoever opens it) ----

const RANGES = { '15m': 900, '1h': 3600, '3h': 3 * 3600, '12h': 12 * 3600, '1d': 86400, '1w': 7 * 86400,
  '30d': 30 * 86400, '90d': 90 * 86400 };

function currentParams() {
  return new URLSearchParams((location.hash.split('?')[1]) || '');
}

function utc() { return localStorage.getItem('trailwatch.tz') === 'utc'; }

function pad(n) { return String(n).padStart(2, '0'); }

/** A time (ISO text or epoch milliseconds) as the person chose to read it: local time, or UTC. */
function time(value) {
  if (value === undefined || value === null || value === '') return '';
  const d = new Date(typeof value === 'number' ? value : Date.parse(value));
  if (isNaN(d)) return String(value);
  if (utc()) return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

/** The time range the URL asks for: range=3h (relative, moving with now) or from=...&to=... (absolute). */
function timeRange(params, fallback) {
  const from = Date.parse(params.get('from') || '');
  const to = Date.parse(params.get('to') || '');
  if (!isNaN(from) && !isNaN(to) && from < to) {
    return { start: from, end: to, relative: false };
  }
  const key = RANGES[params.get('range')] ? params.get('range') : (fallback || '3h');
  const end = Date.now();
  return { start: end - RANGES[key] * 1000, end, relative: true, key };
}

/** A datetime-local input's value for the epoch milliseconds, in the zone the page shows. */
function inputTime(ms) {
  const d = new Date(ms);
  if (utc()) return d.toISOString().substring(0, 16);
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
    + pad(d.getMinutes());
}

function parseInputTime(text) {
  return Date.parse(text + (utc() ? ':00Z' : ''));
}

/** Sets (or removes, for null) parameters of the current view's URL: the view reloads from it. */
function navigate(changes) {
  const [path] = (location.hash.substring(1) || '/overview').split('?');
  const next = currentParams();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  const query = next.toString();
  location.hash = '#' + path + (query ? '?' + query : '');
}

/** Relative ranges, or a custom from/to; changing either updates the URL. */
function rangePicker(params, fallback) {
  const range = timeRange(params, fallback);
  const custom = el('form', { class: 'toolbar', id: 'range-custom', hidden: range.relative ? '' : null },
    field('From', el('input', { id: 'range-from', type: 'datetime-local', required: '', value: inputTime(range.start) })),
    field('To', el('input', { id: 'range-to', type: 'datetime-local', required: '', value: inputTime(range.end) })),
    el('button', { type: 'submit' }, 'Apply'));
  custom.addEventListener('submit', event => {
    event.preventDefault();
    const from = parseInputTime(document.getElementById('range-from').value);
    const to = parseInputTime(document.getElementById('range-to').value);
    if (isNaN(from) || isNaN(to) || from >= to) {
      custom.append(el('p', { class: 'error', role: 'alert' }, 'From must be before To.'));
      return;
    }
    navigate({ range: null, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  });
  const chooser = select({ id: 'range', onchange: event => {
    if (event.target.value === 'custom') { custom.hidden = false; document.getElementById('range-from').focus(); return; }
    navigate({ range: event.target.value, from: null, to: null });
  } }, [...Object.keys(RANGES).map(key => [key, 'Last ' + key]), ['custom', 'Custom range...']],
  range.relative ? range.key : 'custom');
  return el('div', { class: 'range' }, field('Time range', chooser), custom);
}

// ---- sign-in ----

function signedOut() {
  session.clear();
  viewGeneration++;
  clearTimeout(refreshTimer);
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-in').hidden = false;
  show();
}

async function signIn(event) {
  event.preventDefault();
  const id = document.getElementById('access-key-id').value.trim();
  const secret = document.getElementById('secret-access-key').value;
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  try {
    const response = await fetch('/v1/sessions', {
      method: 'POST', credentials: 'same-origin', body: '{}',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Basic ' + btoa(id + ':' + secret) },
    });
    const answer = await response.json();
    if (!response.ok) {
      throw new ApiError(response.status, answer.code || answer.error || '', answer.message || response.statusText);
    }
    session.save(answer);
    document.getElementById('secret-access-key').value = '';
    await loadPermissions();
    signedIn();
  } catch (e) {
    error.textContent = e instanceof ApiError ? e.words : 'Could not sign in: ' + e.message;
  }
}

async function signOut() {
  try { await api('DELETE', '/v1/sessions'); } catch (e) { /* signed out either way */ }
  signedOut();
}

function signedIn() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('user').textContent = session.user || '';
  route();
}

// ---- the router: a page per first path segment; a new page adds one page(...) line and one nav link ----

const PAGES = new Map();

/** Registers the view drawn for #/<name>...; it gets the URL's parameters and the rest of the path. */
function page(name, view) {
  PAGES.set(name, view);
}

let viewGeneration = 0;

/**
 * Runs the refresh again {@code ms} after each run ends, while the view is shown (the first run is the caller's):
 * a slow answer delays the next ask instead of piling asks up.
 */
function every(refresh, ms) {
  const generation = viewGeneration;
  const tick = async () => {
    try { await refresh(); } finally {
      if (generation === viewGeneration) refreshTimer = setTimeout(tick, ms || REFRESH_MS);
    }
  };
  refreshTimer = setTimeout(tick, ms || REFRESH_MS);
}

function route() {
  viewGeneration++;
  clearTimeout(refreshTimer);
  leaveView.forEach(leave => leave());
  leaveView = [];
  if (chart) { chart.destroy(); chart = null; }
  Dashboards.leave();
  const [path, query] = (location.hash.substring(1) || '/overview').split('?');
  const params = new URLSearchParams(query || '');
  const [, name, ...rest] = path.split('/');
  const view = PAGES.get(name) || PAGES.get('overview');
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === '#/' + name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const zone = document.getElementById('time-zone');
  zone.textContent = utc() ? 'Times: UTC' : 'Times: local';
  view(params, rest.map(decodeURIComponent).join('/'));
}

/** What is happening now: alarms by state, those in ALARM, ingest rates, components' health; refreshed every 2 s. */
async function overviewView() {
  const counts = el('div', { class: 'toolbar', id: 'alarm-counts' });
  const firing = el('ul', { id: 'alarms-in-alarm' });
  const changes = el('table', { id: 'recent-changes' }, el('thead', {}, el('tr', {}, el('th', {}, 'Time'),
    el('th', {}, 'Alarm'), el('th', {}, 'Change'))), el('tbody'));
  const rates = el('div', { class: 'toolbar', id: 'ingest-rates' }, el('span', { class: 'muted' }, 'Loading...'));
  const health = el('table', { id: 'component-health' }, el('thead', {}, el('tr', {}, el('th', {}, 'Component'),
    el('th', {}, 'Status'), el('th', {}, 'Since'), el('th', {}, 'Detail'))), el('tbody'));
  const healthStatus = el('p', { class: 'muted' }, 'Loading...');
  const status = el('p', { class: 'muted' });
  show(el('h1', {}, 'Overview'), counts, el('h2', {}, 'In alarm'), firing,
    el('h2', {}, 'Ingest rates'), rates,
    el('h2', {}, 'Components'), healthStatus, health,
    el('h2', {}, 'Newest state changes'), changes, status);
  const link = name => el('a', { href: '#/alarms/' + encodeURIComponent(name) }, name);
  const refresh = async () => {
    try {
      // Counted over the first page of each state: "100+" says there are more (DescribeAlarms pages by 100).
      const states = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];
      const pages = await Promise.all(states.map(state => api('GET', '/v1/alarms?MaxRecords=100&StateValue=' + state
        + '&AlarmTypes=MetricAlarm&AlarmTypes=CompositeAlarm')));
      counts.replaceChildren(...states.map((state, i) => {
        const n = (pages[i].MetricAlarms || []).length + (pages[i].CompositeAlarms || []).length;
        return el('a', { class: 'count', 'data-state': state, href: '#/alarms?state=' + state }, stateBadge(state),
          ' ', String(n) + (pages[i].NextToken ? '+' : ''));
      }));
      const inAlarm = [...(pages[0].MetricAlarms || []), ...(pages[0].CompositeAlarms || [])];
      firing.replaceChildren(...(inAlarm.length ? inAlarm.map(alarm => el('li', {}, link(alarm.AlarmName), ' ',
        alarm.StateReason || '')) : [el('li', { class: 'muted' }, 'No alarm is in ALARM.')]));
      const items = (await api('GET', '/v1/alarm-history?HistoryItemType=StateUpdate&MaxRecords=10'))
        .AlarmHistoryItems || [];
      changes.tBodies[0].replaceChildren(...items.map(item => el('tr', {}, el('td', {}, time(item.Timestamp)),
        el('td', {}, link(item.AlarmName)), el('td', {}, item.HistorySummary))));
      status.textContent = items.length ? '' : 'No state changes yet.';
    } catch (e) {
      status.replaceChildren(problem(e));
    }
    await componentHealth(health, healthStatus);
  };
  await refresh();
  await ingestRates(rates);
  every(refresh, 2000);
  // Trailwatch's own metrics are exported once a minute: reading them every half minute is enough.
  const ratesTimer = setInterval(() => ingestRates(rates), 30000);
  leaveView.push(() => clearInterval(ratesTimer));
}

/** The topics whose records/s are the ingest rates, as Trailwatch/Pipeline RecordsIn counts them per minute. */
const INGEST = [['Audit events', 'trailwatch.audit'], ['Datapoints', 'trailwatch.metrics'],
  ['Log events', 'trailwatch.logs']];

async function ingestRates(container) {
  try {
    const recent = { start: Date.now() - 5 * 60000, end: Date.now() };
    const records = dimensions => statistics({ Namespace: 'Trailwatch/Pipeline', MetricName: 'RecordsIn', Dimensions:
      dimensions }, 'Sum', 60, recent);
    // A topic's minute with no record is not exported, the total's is (as 0): the total tells "none" from "not yet".
    const total = await records([]);
    const exported = total.length > 0;
    const tiles = await Promise.all(INGEST.map(async ([label, topic]) => {
      const points = await records([{ Name: 'Topic', Value: topic }]);
      const last = points[points.length - 1];
      const current = last && exported && last[0] >= total[total.length - 1][0];
      const rate = current ? last[1] / 60 : exported ? 0 : null;
      return el('a', { class: 'count rate', 'data-topic': topic, href: '#/metrics?' + new URLSearchParams({
        namespace: 'Trailwatch/Pipeline', metric: 'RecordsIn', dimension: 'Topic=' + topic, stat: 'Sum' }) },
      el('span', { class: 'muted' }, label), ' ',
      el('strong', { 'data-rate': rate === null ? '' : String(rate) },
        rate === null ? 'no data yet' : rate.toFixed(rate < 10 ? 2 : 0) + ' /s'));
    }));
    container.replaceChildren(...tiles, el('small', { class: 'muted' }, exported
      ? 'Records read per second in the newest exported minute (Trailwatch/Pipeline RecordsIn, by topic).'
      : 'Trailwatch exports its own metrics once a minute; the first export has not happened yet.'));
  } catch (e) {
    container.replaceChildren(problem(e));
  }
}

async function componentHealth(table, status) {
  if (!allowedActions.has('trailwatch:GetHealth')) {
    status.textContent = 'Your policies do not allow trailwatch:GetHealth: component health is not shown.';
    table.hidden = true;
    return;
  }
  try {
    // 503 when a component is down: the body still lists every component.
    const response = await fetch('/v1/health/components', { credentials: 'same-origin',
      headers: { 'Accept': 'application/json' } });
    const answer = await response.json();
    if (response.status !== 200 && response.status !== 503) {
      throw new ApiError(response.status, answer.error || '', answer.message || response.statusText);
    }
    const components = answer.components || [];
    table.tBodies[0].replaceChildren(...components.map(c => el('tr', { 'data-component': c.name },
      el('td', {}, c.name), el('td', {}, el('span', { class: 'state state-' + (c.status === 'UP' ? 'OK' : 'ALARM') },
        c.status || '')), el('td', {}, time(c.since)), el('td', {}, c.detail || ''))));
    status.textContent = components.length ? '' : 'No component has reported yet.';
  } catch (e) {
    status.replaceChildren(problem(e));
  }
}

const STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p99'];

/**
 * One metric's statistic over the range (GetMetricStatistics), as [time in seconds, value] pairs in time order;
 * percentiles (p50) are asked as extended statistics.
 */
async function statistics(metric, statistic, period, range) {
  // Aligned to the period, as CloudWatch's console asks: each point is then one whole period.
  const periodMs = period * 1000;
  const end = new Date(Math.ceil(range.end / periodMs) * periodMs);
  const start = new Date(Math.floor(range.start / periodMs) * periodMs);
  const query = new URLSearchParams({ namespace: metric.Namespace, metricName: metric.MetricName,
    startTime: start.toISOString(), endTime: end.toISOString(), period: String(period) });
  const percentile = /^p\d/.test(statistic);
  query.set(percentile ? 'extendedStatistics' : 'statistics', statistic);
  for (const dimension of metric.Dimensions || []) query.append('dimensions', dimension.Name + '=' + dimension.Value);
  const answer = await api('GET', '/v1/metrics/statistics?' + query.toString());
  return (answer.Datapoints || []).map(point => [Date.parse(point.Timestamp) / 1000,
    percentile ? (point.ExtendedStatistics || {})[statistic] : point[statistic]]).sort((a, b) => a[0] - b[0]);
}

/** uPlot's x axis in the zone the page shows. */
function chartTime() {
  return { tzDate: ts => utc() ? uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') : new Date(ts * 1e3) };
}

/**
 * Draws the points as a line (and a threshold, when given) in the container, which says how many it drew;
 * {@code breaching(value)} marks the periods to shade.
 */
function drawSeries(container, points, label, threshold, breaching) {
  container.setAttribute('data-points', String(points.length));
  if (chart) { chart.destroy(); chart = null; }
  if (!points.length) {
    container.replaceChildren(el('span', { class: 'muted' }, 'No datapoints in this time range.'));
    return;
  }
  container.replaceChildren();
  const x = points.map(point => point[0]);
  const series = [{}, { label, stroke: '#0969da', width: 2, points: { show: true, size: 5 } }];
  const data = [x, points.map(point => point[1])];
  if (threshold !== undefined) {
    series.push({ label: 'Threshold', stroke: '#cf222e', dash: [6, 4], width: 1, points: { show: false } });
    data.push(x.map(() => threshold));
  }
  const hooks = breaching ? { drawClear: [u => shadeBreaches(u, points, breaching, container)] } : {};
  chart = new uPlot({ ...chartTime(), width: Math.max(260, Math.min(1100, container.clientWidth || 800) - 20),
    height: 260, series, axes: [{}, { size: 60 }], hooks }, data, container);
}

/** Shades each period whose value breaches, behind the lines; the container says how many it shaded. */
function shadeBreaches(u, points, breaching, container) {
  const step = points.length > 1 ? points[1][0] - points[0][0] : 60;
  let shaded = 0;
  u.ctx.save();
  u.ctx.fillStyle = 'rgba(207, 34, 46, 0.15)';
  for (const [t, value] of points) {
    if (value === null || value === undefined || !breaching(value)) continue;
    const left = u.valToPos(t - step / 2, 'x', true);
    const right = u.valToPos(t + step / 2, 'x', true);
    u.ctx.fillRect(Math.max(left, u.bbox.left), u.bbox.top, Math.min(right, u.bbox.left + u.bbox.width)
      - Math.max(left, u.bbox.left), u.bbox.height);
    shaded++;
  }
  u.ctx.restore();
  container.setAttribute('data-breaching', String(shaded));
}

/** The metrics graphed beside the selected one: a JSON list in the URL's {@code compare}, at most ten. */
function comparedMetrics(params) {
  try {
    const list = JSON.parse(params.get('compare') || '[]');
    return Array.isArray(list) ? list.filter(metric => metric && typeof metric.MetricName === 'string'
      && typeof metric.Namespace === 'string' && Array.isArray(metric.Dimensions)).slice(0, 10) : [];
  } catch (e) {
    return [];
  }
}

function metricLabel(metric) {
  const dimensions = (metric.Dimensions || []).map(d => d.Name + '=' + d.Value).join(', ');
  return metric.MetricName + (dimensions ? ' {' + dimensions + '}' : '');
}

const SERIES_COLORS = ['#0969da', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#0550ae', '#953800', '#116329',
  '#6639ba', '#a40e26', '#57606a'];

/** Several metrics on one time axis (a period missing in one of them is a gap); the container counts the series. */
function drawSeriesList(container, list) {
  const total = list.reduce((sum, item) => sum + item.points.length, 0);
  container.setAttribute('data-points', String(total));
  container.setAttribute('data-series', String(list.length));
  if (chart) { chart.destroy(); chart = null; }
  if (!total) {
    container.replaceChildren(el('span', { class: 'muted' }, 'No datapoints in this time range.'));
    return;
  }
  container.replaceChildren();
  const x = [...new Set(list.flatMap(item => item.points.map(point => point[0])))].sort((a, b) => a - b);
  const data = [x, ...list.map(item => {
    const byTime = new Map(item.points);
    return x.map(t => (byTime.has(t) ? byTime.get(t) : null));
  })];
  const series = [{}, ...list.map((item, i) => ({ label: item.label, stroke: SERIES_COLORS[i % SERIES_COLORS.length],
    width: 2, spanGaps: true, points: { show: true, size: 5 } }))];
  chart = new uPlot({ ...chartTime(), width: Math.max(260, Math.min(1100, container.clientWidth || 800) - 20),
    height: 260, series, axes: [{}, { size: 60 }] }, data, container);
}

/**
 * ListMetrics by namespace; a metric's graph with a statistic, period and time range, and other metrics compared on
 * the same graph, all in the URL.
 */
async function metricsView(params) {
  const namespace = params.get('namespace') || '';
  const form = el('form', { class: 'toolbar', id: 'metrics-filter' },
    field('Namespace', el('input', { id: 'metrics-namespace', value: namespace, maxlength: '255' })),
    el('button', { type: 'submit' }, 'List metrics'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate({ namespace: document.getElementById('metrics-namespace').value, metric: null, dimension: null });
  });
  const graph = el('div', { class: 'chart', id: 'metric-chart', hidden: '' });
  const controls = el('div', { class: 'toolbar', id: 'metric-controls', hidden: '' });
  const table = el('table', { id: 'metrics' }, el('thead', {}, el('tr', {}, el('th', {}, 'Namespace'),
    el('th', {}, 'Metric'), el('th', {}, 'Dimensions'), el('th', {}, ''))), el('tbody'));
  const status = el('p', { class: 'muted' }, 'Listing metrics...');
  show(el('h1', {}, 'Metrics'), form, controls, graph, status, table);
  const selected = params.get('metric');
  const compared = comparedMetrics(params);
  let primary = null;
  if (selected) {
    const metric = { Namespace: namespace, MetricName: selected, Dimensions: params.getAll('dimension').map(text => {
      const at = text.indexOf('=');
      return { Name: text.substring(0, at), Value: text.substring(at + 1) };
    }) };
    primary = metric;
    const statistic = STATISTICS.includes(params.get('stat')) ? params.get('stat') : 'Average';
    const period = Math.max(1, parseInt(params.get('period') || '60', 10) || 60);
    const choose = (name, key, options, current) => field(name, select({ id: 'metric-' + name.toLowerCase(),
      onchange: event => navigate({ [key]: event.target.value }) }, options, current));
    controls.replaceChildren(el('strong', {}, metric.MetricName), choose('Statistic', 'stat', STATISTICS, statistic),
      choose('Period', 'period', [1, 10, 60, 300, 3600], period), rangePicker(params));
    if (compared.length) {
      controls.append(el('span', { id: 'compared-metrics' }, 'Compared with ' + compared.map(metricLabel).join('; ')),
        el('button', { type: 'button', id: 'clear-comparison', onclick: () => navigate({ compare: null }) },
          'Clear comparison'));
    }
    controls.append(Dashboards.addToDashboard(metric, statistic, period));
    controls.hidden = false;
    graph.hidden = false;
    graph.replaceChildren(el('span', { class: 'muted' }, 'Loading the graph...'));
    try {
      const range = timeRange(params);
      if (compared.length) {
        const all = [metric, ...compared];
        const points = await Promise.all(all.map(each => statistics(each, statistic, period, range)));
        drawSeriesList(graph, all.map((each, i) => ({ label: metricLabel(each) + ' (' + statistic + ')',
          points: points[i] })));
      } else {
        drawSeries(graph, await statistics(metric, statistic, period, range),
          metric.MetricName + ' (' + statistic + ')');
      }
    } catch (e) {
      graph.replaceChildren(problem(e));
    }
  }
  const sameMetric = (a, b) => a.Namespace === b.Namespace && a.MetricName === b.MetricName
    && JSON.stringify(a.Dimensions || []) === JSON.stringify(b.Dimensions || []);
  try {
    const query = new URLSearchParams();
    if (namespace) query.set('namespace', namespace);
    const metrics = (await api('GET', '/v1/metrics?' + query.toString())).Metrics || [];
    status.textContent = metrics.length ? '' : 'No metrics had data in the last two weeks' + (namespace
      ? ' in this namespace.' : '.');
    table.tBodies[0].replaceChildren(...metrics.map(metric => {
      const next = new URLSearchParams({ namespace: metric.Namespace, metric: metric.MetricName });
      for (const dimension of metric.Dimensions || []) next.append('dimension', dimension.Name + '=' + dimension.Value);
      const href = '#/metrics?' + next.toString();
      const listed = { Namespace: metric.Namespace, MetricName: metric.MetricName, Dimensions: metric.Dimensions || [] };
      const canCompare = primary && compared.length < 10 && !sameMetric(primary, listed)
        && !compared.some(each => sameMetric(each, listed));
      return el('tr', { 'data-metric': metric.MetricName },
        el('td', {}, metric.Namespace), el('td', {}, el('a', { href }, metric.MetricName)),
        el('td', {}, (metric.Dimensions || []).map(d => d.Name + '=' + d.Value).join(', ')),
        el('td', {}, canCompare ? el('button', { type: 'button', class: 'compare-metric',
          onclick: () => navigate({ compare: JSON.stringify([...compared, listed]) }) }, 'Compare') : ''));
    }));
  } catch (e) {
    status.replaceWith(problem(e));
  }
}

async function eventsView(params) {
  const attribute = params.get('attribute') || 'EventName';
  const value = params.get('value') || '';
  const keys = ['EventName', 'Username', 'EventSource', 'ResourceName', 'ResourceType', 'AccessKeyId',
    'SourceIPAddress', 'ErrorCode', 'EventId', 'ReadOnly'];
  const form = el('form', { class: 'toolbar', id: 'lookup' },
    field('Attribute', select({ id: 'lookup-attribute' }, keys, attribute)),
    field('Value', el('input', { id: 'lookup-value', value, maxlength: '2000' })),
    el('button', { type: 'submit' }, 'Look up'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate({ attribute: document.getElementById('lookup-attribute').value,
      value: document.getElementById('lookup-value').value });
  });
  const table = el('table', { id: 'events' }, el('thead', {}, el('tr', {}, el('th', {}, 'Time'),
    el('th', {}, 'Event name'), el('th', {}, 'User'), el('th', {}, 'Source'), el('th', {}, 'Source IP'))),
    el('tbody'));
  const detail = el('pre', { class: 'json', id: 'event-json', hidden: '' });
  const status = el('p', { class: 'muted' }, 'Looking up events...');
  show(el('h1', {}, 'Event history'), form, rangePicker(params, '1d'), status, table, detail);
  try {
    const range = timeRange(params, '1d');
    const query = new URLSearchParams({ maxResults: '50', startTime: new Date(range.start).toISOString(),
      endTime: new Date(range.end).toISOString() });
    if (value) query.set(attribute, value);
    const events = (await api('GET', '/v1/events?' + query.toString())).Events || [];
    status.textContent = events.length ? '' : 'No events match in this time range.';
    table.tBodies[0].replaceChildren(...events.map(event => {
      const record = JSON.parse(event.CloudTrailEvent || '{}');
      const open = () => {
        detail.textContent = JSON.stringify(record, null, 2);
        detail.hidden = false;
        detail.scrollIntoView({ block: 'nearest' });
      };
      return el('tr', { class: 'clickable', tabindex: '0', onclick: open,
        onkeydown: e => { if (e.key === 'Enter') open(); } },
        el('td', {}, time(event.EventTime)), el('td', {}, event.EventName), el('td', {}, event.Username || ''),
        el('td', {}, event.EventSource || ''), el('td', {}, record.sourceIPAddress || ''));
    }));
  } catch (e) {
    status.replaceWith(problem(e));
  }
}

page('overview', overviewView);
page('metrics', metricsView);
page('events', eventsView);
page('dashboards', (params, name) => Dashboards.route(name ? '/dashboards/' + encodeURIComponent(name) : '/dashboards',
  params));

// ---- start: after every page's script has registered its page ----

document.addEventListener('DOMContentLoaded', () => {
  window.addEventListener('hashchange', () => { if (session.user) route(); });
  document.getElementById('sign-in').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('time-zone').addEventListener('click', () => {
    if (utc()) localStorage.removeItem('trailwatch.tz'); else localStorage.setItem('trailwatch.tz', 'utc');
    if (session.user) route();
  });
  (async () => {
    if (!session.user) { signedOut(); return; }
    try {
      await loadPermissions();
      signedIn();
    } catch (e) {
      signedOut();
    }
  })();
});
