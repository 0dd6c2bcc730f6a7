// Trailwatch's console: one page, views chosen by the URL's fragment (so a view's link can be shared), each drawn
// from the same /v1 API the CLI calls, in a console session (an HttpOnly cookie; writes carry the CSRF token).
// Everything that comes from the API is put on the page as text (textContent), never as HTML: event fields are data.
'use strict';

const REFRESH_MS = 2000;
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

/** An error of the API, in words: its code and message, never a stack trace. */
class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
  get words() { return (this.code ? this.code + ': ' : '') + this.message; }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = session.csrf || '';
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let answer = {};
  try { answer = text ? JSON.parse(text) : {}; } catch (e) { answer = { message: text }; }
  if (!response.ok) {
    const error = new ApiError(response.status, answer.code || answer.error || answer.__type || '',
      answer.message || answer.Message || response.statusText);
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
    else node.setAttribute(name, value);
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

function time(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

// ---- sign-in ----

function signedOut() {
  session.clear();
  clearInterval(refreshTimer);
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

// ---- views ----

function route() {
  clearInterval(refreshTimer);
  if (chart) { chart.destroy(); chart = null; }
  Dashboards.leave();
  const [path, query] = (location.hash.substring(1) || '/overview').split('?');
  const params = new URLSearchParams(query || '');
  const alarm = path.match(/^\/alarms\/(.+)$/);
  if (path === '/dashboards' || path.startsWith('/dashboards/')) {
    Dashboards.route(path, params);
  } else if (alarm) {
    alarmView(decodeURIComponent(alarm[1]));
  } else if (path === '/events') {
    eventsView(params);
  } else if (path === '/metrics') {
    metricsView(params);
  } else if (path === '/overview') {
    overviewView();
  } else {
    alarmsView();
  }
}

/** What is happening now: alarms by state, those in ALARM, the newest state changes; refreshed every 2 s. */
async function overviewView() {
  const counts = el('div', { class: 'toolbar', id: 'alarm-counts' });
  const firing = el('ul', { id: 'alarms-in-alarm' });
  const changes = el('table', { id: 'recent-changes' }, el('thead', {}, el('tr', {}, el('th', {}, 'Time'),
    el('th', {}, 'Alarm'), el('th', {}, 'Change'))), el('tbody'));
  const status = el('p', { class: 'muted' });
  show(el('h1', {}, 'Overview'), counts, el('h2', {}, 'In alarm'), firing, el('h2', {}, 'Newest state changes'),
    changes, status);
  const link = name => el('a', { href: '#/alarms/' + encodeURIComponent(name) }, name);
  const refresh = async () => {
    try {
      const answer = await api('GET', '/v1/alarms?MaxRecords=100');
      const alarms = [...(answer.MetricAlarms || []), ...(answer.CompositeAlarms || [])];
      counts.replaceChildren(...['ALARM', 'OK', 'INSUFFICIENT_DATA'].map(state => el('span', {
        class: 'count', 'data-state': state }, stateBadge(state), ' ',
        String(alarms.filter(alarm => alarm.StateValue === state).length))));
      const inAlarm = alarms.filter(alarm => alarm.StateValue === 'ALARM');
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
  };
  await refresh();
  refreshTimer = setInterval(refresh, REFRESH_MS);
}

async function alarmsView() {
  const table = el('table', { id: 'alarms' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Alarm'), el('th', {}, 'State'), el('th', {}, 'Reason'),
      el('th', {}, 'Description'))),
    el('tbody'));
  const status = el('p', { class: 'muted' }, 'Loading alarms...');
  show(el('h1', {}, 'Alarms'), status, table);
  const refresh = async () => {
    try {
      const answer = await api('GET', '/v1/alarms?MaxRecords=100');
      const alarms = [...(answer.MetricAlarms || []), ...(answer.CompositeAlarms || [])]
        .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
      status.textContent = alarms.length ? '' : 'No alarms yet. Put one with put-metric-alarm.';
      table.tBodies[0].replaceChildren(...alarms.map(alarm => {
        const open = () => { location.hash = '#/alarms/' + encodeURIComponent(alarm.AlarmName); };
        return el('tr', { class: 'clickable', tabindex: '0', 'data-alarm': alarm.AlarmName, onclick: open,
          onkeydown: e => { if (e.key === 'Enter') open(); } },
          el('td', {}, el('a', { href: '#/alarms/' + encodeURIComponent(alarm.AlarmName) }, alarm.AlarmName)),
          el('td', {}, stateBadge(alarm.StateValue)),
          el('td', {}, alarm.StateReason || ''),
          el('td', {}, alarm.AlarmDescription || ''));
      }));
    } catch (e) {
      status.replaceWith(problem(e));
    }
  };
  await refresh();
  refreshTimer = setInterval(refresh, REFRESH_MS);
}

async function alarmView(name) {
  const header = el('div');
  const graph = el('div', { class: 'chart', id: 'alarm-chart' }, el('span', { class: 'muted' }, 'Loading the graph...'));
  const history = el('table', { id: 'alarm-history' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Time'), el('th', {}, 'Type'), el('th', {}, 'Summary'))), el('tbody'));
  const message = el('p', { id: 'set-state-result', role: 'status' });
  const form = el('form', { class: 'toolbar', id: 'set-state' },
    el('label', {}, 'Set state ', el('select', { id: 'state-value' },
      ['OK', 'ALARM', 'INSUFFICIENT_DATA'].map(state => el('option', { value: state }, state)))),
    el('label', {}, 'Reason ', el('input', { id: 'state-reason', required: '', maxlength: '1023',
      value: 'Set from the console' })),
    el('button', { type: 'submit' }, 'Set state'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.textContent = '';
    try {
      await api('POST', '/v1/alarms/' + encodeURIComponent(name) + '/state', {
        StateValue: document.getElementById('state-value').value,
        StateReason: document.getElementById('state-reason').value });
      message.textContent = 'State set; the change appears when the alarm has processed it.';
    } catch (e) {
      message.replaceChildren(problem(e));
    }
  });
  show(el('p', {}, el('a', { href: '#/alarms' }, 'All alarms')), header, graph, form, message,
    el('h2', {}, 'History'), history);
  let drawnFor = null;
  const refresh = async () => {
    try {
      const answer = await api('GET', '/v1/alarms?AlarmNames=' + encodeURIComponent(name));
      const alarm = (answer.MetricAlarms || [])[0] || (answer.CompositeAlarms || [])[0];
      if (!alarm) {
        header.replaceChildren(el('h1', {}, name), el('p', { class: 'error' }, 'No alarm of this name.'));
        return;
      }
      header.replaceChildren(el('h1', {}, alarm.AlarmName, ' ', stateBadge(alarm.StateValue)),
        el('p', {}, alarm.StateReason || ''), el('p', { class: 'muted' }, alarm.AlarmDescription || ''));
      const items = (await api('GET', '/v1/alarms/' + encodeURIComponent(name) + '/history')).AlarmHistoryItems || [];
      history.tBodies[0].replaceChildren(...items.map(item => el('tr', {},
        el('td', {}, time(item.Timestamp)), el('td', {}, item.HistoryItemType), el('td', {}, item.HistorySummary))));
      // Redrawn when the state changes, and every half minute for the periods that closed since.
      const due = alarm.StateUpdatedTimestamp + '/' + Math.floor(Date.now() / 30000);
      if (alarm.MetricName && drawnFor !== due) {
        drawnFor = due;
        await drawAlarmGraph(alarm, graph);
      } else if (!alarm.MetricName) {
        graph.replaceChildren(el('span', { class: 'muted' }, 'A composite alarm has no metric to draw.'));
      }
    } catch (e) {
      header.replaceChildren(problem(e));
    }
  };
  await refresh();
  refreshTimer = setInterval(refresh, REFRESH_MS);
}

const STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p99'];
const RANGES = { '1h': 3600, '3h': 3 * 3600, '12h': 12 * 3600, '1d': 86400, '1w': 7 * 86400 };

/**
 * One metric's statistic over the last {@code rangeSeconds} (GetMetricStatistics), as [time, value] pairs in time
 * order; percentiles (p50) are asked as extended statistics.
 */
async function statistics(metric, statistic, period, rangeSeconds) {
  // Aligned to the period, as CloudWatch's console asks: each point is then one whole period.
  const periodMs = period * 1000;
  const end = new Date(Math.ceil(Date.now() / periodMs) * periodMs);
  const start = new Date(Math.floor((end.getTime() - rangeSeconds * 1000) / periodMs) * periodMs);
  const query = new URLSearchParams({ namespace: metric.Namespace, metricName: metric.MetricName,
    startTime: start.toISOString(), endTime: end.toISOString(), period: String(period) });
  const percentile = /^p\d/.test(statistic);
  query.set(percentile ? 'extendedStatistics' : 'statistics', statistic);
  for (const dimension of metric.Dimensions || []) query.append('dimensions', dimension.Name + '=' + dimension.Value);
  const answer = await api('GET', '/v1/metrics/statistics?' + query.toString());
  return (answer.Datapoints || []).map(point => [Date.parse(point.Timestamp) / 1000,
    percentile ? (point.ExtendedStatistics || {})[statistic] : point[statistic]]).sort((a, b) => a[0] - b[0]);
}

/** Draws the points as a line (and a threshold, when given) in the container, which says how many it drew. */
function drawSeries(container, points, label, threshold) {
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
  chart = new uPlot({ width: Math.min(1100, container.clientWidth || 800) - 20, height: 260, series,
    axes: [{}, { size: 60 }] }, data, container);
}

/** The alarm's metric over the last three hours at its period, with its threshold. */
async function drawAlarmGraph(alarm, container) {
  const statistic = alarm.ExtendedStatistic || alarm.Statistic || 'Average';
  const points = await statistics(alarm, statistic, alarm.Period || 60, RANGES['3h']);
  drawSeries(container, points, alarm.MetricName + ' (' + statistic + ')', alarm.Threshold);
}

/** ListMetrics by namespace; a metric's graph with a statistic, period and time range, all in the URL. */
async function metricsView(params) {
  const namespace = params.get('namespace') || '';
  const form = el('form', { class: 'toolbar', id: 'metrics-filter' },
    el('label', {}, 'Namespace ', el('input', { id: 'metrics-namespace', value: namespace, maxlength: '255' })),
    el('button', { type: 'submit' }, 'List metrics'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/metrics?' + new URLSearchParams({
      namespace: document.getElementById('metrics-namespace').value }).toString();
  });
  const graph = el('div', { class: 'chart', id: 'metric-chart', hidden: '' });
  const controls = el('div', { class: 'toolbar', id: 'metric-controls', hidden: '' });
  const table = el('table', { id: 'metrics' }, el('thead', {}, el('tr', {}, el('th', {}, 'Namespace'),
    el('th', {}, 'Metric'), el('th', {}, 'Dimensions'))), el('tbody'));
  const status = el('p', { class: 'muted' }, 'Listing metrics...');
  show(el('h1', {}, 'Metrics'), form, controls, graph, status, table);
  const selected = params.get('metric');
  if (selected) {
    const metric = { Namespace: namespace, MetricName: selected, Dimensions: params.getAll('dimension').map(text => {
      const at = text.indexOf('=');
      return { Name: text.substring(0, at), Value: text.substring(at + 1) };
    }) };
    const statistic = STATISTICS.includes(params.get('stat')) ? params.get('stat') : 'Average';
    const period = Math.max(1, parseInt(params.get('period') || '60', 10) || 60);
    const range = RANGES[params.get('range')] ? params.get('range') : '3h';
    const choose = (name, options, current) => el('label', {}, name + ' ', el('select', {
      id: 'metric-' + name.toLowerCase(), onchange: event => {
        const next = new URLSearchParams(params);
        next.set(name === 'Statistic' ? 'stat' : name.toLowerCase(), event.target.value);
        location.hash = '#/metrics?' + next.toString();
      } }, options.map(option => {
      const node = el('option', { value: String(option) }, String(option));
      if (String(option) === String(current)) node.selected = true;
      return node;
    })));
    controls.replaceChildren(el('strong', {}, metric.MetricName), choose('Statistic', STATISTICS, statistic),
      choose('Period', [1, 10, 60, 300, 3600], period), choose('Range', Object.keys(RANGES), range));
    controls.append(Dashboards.addToDashboard(metric, statistic, period));
    controls.hidden = false;
    graph.hidden = false;
    try {
      drawSeries(graph, await statistics(metric, statistic, period, RANGES[range]),
        metric.MetricName + ' (' + statistic + ')');
    } catch (e) {
      graph.replaceChildren(problem(e));
    }
  }
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
      return el('tr', { 'data-metric': metric.MetricName },
        el('td', {}, metric.Namespace), el('td', {}, el('a', { href }, metric.MetricName)),
        el('td', {}, (metric.Dimensions || []).map(d => d.Name + '=' + d.Value).join(', ')));
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
    el('label', {}, 'Attribute ', el('select', { id: 'lookup-attribute' },
      keys.map(key => { const option = el('option', { value: key }, key); if (key === attribute) option.selected = true; return option; }))),
    el('label', {}, 'Value ', el('input', { id: 'lookup-value', value, maxlength: '2000' })),
    el('button', { type: 'submit' }, 'Look up'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = new URLSearchParams({ attribute: document.getElementById('lookup-attribute').value,
      value: document.getElementById('lookup-value').value });
    location.hash = '#/events?' + next.toString();
  });
  const table = el('table', { id: 'events' }, el('thead', {}, el('tr', {}, el('th', {}, 'Time'),
    el('th', {}, 'Event name'), el('th', {}, 'User'), el('th', {}, 'Source'), el('th', {}, 'Source IP'))),
    el('tbody'));
  const detail = el('pre', { class: 'json', id: 'event-json', hidden: '' });
  const status = el('p', { class: 'muted' }, 'Looking up events...');
  show(el('h1', {}, 'Event history'), form, status, table, detail);
  try {
    const query = new URLSearchParams({ maxResults: '50' });
    if (value) query.set(attribute, value);
    const events = (await api('GET', '/v1/events?' + query.toString())).Events || [];
    status.textContent = events.length ? '' : 'No events match.';
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

// ---- start ----

window.addEventListener('hashchange', () => { if (session.user) route(); });
document.getElementById('sign-in').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', signOut);
(async () => {
  if (!session.user) { signedOut(); return; }
  try {
    await api('GET', '/v1/alarms?MaxRecords=1');
    signedIn();
  } catch (e) {
    signedOut();
  }
})();
