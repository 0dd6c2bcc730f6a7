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
  const [path, query] = (location.hash.substring(1) || '/alarms').split('?');
  const params = new URLSearchParams(query || '');
  const alarm = path.match(/^\/alarms\/(.+)$/);
  if (alarm) {
    alarmView(decodeURIComponent(alarm[1]));
  } else if (path === '/events') {
    eventsView(params);
  } else {
    alarmsView();
  }
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
      if (alarm.MetricName && drawnFor !== alarm.StateUpdatedTimestamp) {
        drawnFor = alarm.StateUpdatedTimestamp;
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

/** The alarm's metric over the last three hours at its period, with its threshold. */
async function drawAlarmGraph(alarm, container) {
  const end = new Date();
  const start = new Date(end.getTime() - 3 * 3600 * 1000);
  const statistic = alarm.Statistic || 'Average';
  const query = new URLSearchParams({ namespace: alarm.Namespace, metricName: alarm.MetricName,
    startTime: start.toISOString(), endTime: end.toISOString(), period: String(alarm.Period || 60) });
  if (alarm.ExtendedStatistic) query.set('extendedStatistics', alarm.ExtendedStatistic);
  else query.set('statistics', statistic);
  for (const dimension of alarm.Dimensions || []) query.append('dimensions', dimension.Name + '=' + dimension.Value);
  const answer = await api('GET', '/v1/metrics/statistics?' + query.toString());
  const points = (answer.Datapoints || []).map(point => [Date.parse(point.Timestamp) / 1000,
    alarm.ExtendedStatistic ? (point.ExtendedStatistics || {})[alarm.ExtendedStatistic] : point[statistic]])
    .sort((a, b) => a[0] - b[0]);
  container.setAttribute('data-points', String(points.length));
  if (chart) { chart.destroy(); chart = null; }
  if (!points.length) {
    container.replaceChildren(el('span', { class: 'muted' }, 'No datapoints in the last three hours.'));
    return;
  }
  container.replaceChildren();
  const x = points.map(point => point[0]);
  chart = new uPlot({
    width: Math.min(1100, container.clientWidth || 800) - 20, height: 260,
    series: [{}, { label: alarm.MetricName + ' (' + (alarm.ExtendedStatistic || statistic) + ')', stroke: '#0969da',
      width: 2, points: { show: true, size: 5 } },
    { label: 'Threshold', stroke: '#cf222e', dash: [6, 4], width: 1, points: { show: false } }],
    axes: [{}, { size: 60 }],
  }, [x, points.map(point => point[1]), x.map(() => alarm.Threshold)], container);
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
