// The Logs page: log groups and their streams (DescribeLogGroups, DescribeLogStreams), a filter (FilterLogEvents)
// with its results and a histogram of counts per time bin, a Logs Insights query (StartQuery, GetQueryResults) with a
// results table and, for stats by bin(), a graph of the counts, and live tail (server-sent events). Group, stream,
// pattern, query, time range and mode are in the URL. Messages are data: shown with textContent only.
'use strict';

const FILTER_PAGES = 5;
const TAIL_LINES = 500;
const HISTOGRAM_BINS = 60;
const QUERY_POLL_MS = 300;
const QUERY_LIMIT = 1000;
const MODES = ['filter', 'query', 'tail'];

async function logsView(params) {
  const group = params.get('group') || '';
  const groups = el('ul', { id: 'log-groups', class: 'plain' }, el('li', { class: 'muted' }, 'Loading log groups...'));
  const groupFilter = el('form', { class: 'toolbar', id: 'log-groups-filter' },
    field('Group name starts with', el('input', { id: 'log-groups-prefix', value: params.get('groupPrefix') || '',
      maxlength: '512' })),
    el('button', { type: 'submit' }, 'List groups'));
  groupFilter.addEventListener('submit', event => {
    event.preventDefault();
    navigate({ groupPrefix: document.getElementById('log-groups-prefix').value });
  });
  const side = el('section', { class: 'logs-side', 'aria-label': 'Log groups' }, el('h2', {}, 'Log groups'),
    groupFilter, groups);
  const body = el('section', { class: 'logs-main', id: 'logs-main' });
  show(el('h1', {}, 'Logs'), el('div', { class: 'logs' }, side, body));
  listLogGroups(groups, params, group);
  if (!group) {
    body.replaceChildren(el('p', { class: 'muted' }, 'Choose a log group to see its streams and events.'));
    return;
  }
  const streams = el('ul', { id: 'log-streams', class: 'plain' }, el('li', { class: 'muted' }, 'Loading streams...'));
  const mode = MODES.includes(params.get('mode')) ? params.get('mode') : 'filter';
  const form = el('form', { class: 'toolbar', id: 'log-filter' },
    field('Filter pattern', el('input', { id: 'log-pattern', value: params.get('pattern') || '', maxlength: '1024' }),
      'CloudWatch Logs syntax: words, "quoted text", ?any ?of, { $.field = value }, [w1, w2]'),
    field('Stream name starts with', el('input', { id: 'log-stream-prefix', value: params.get('stream') || '',
      maxlength: '512' })),
    el('button', { type: 'submit' }, mode === 'tail' ? 'Restart live tail' : 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate({ pattern: document.getElementById('log-pattern').value,
      stream: document.getElementById('log-stream-prefix').value });
  });
  const modes = el('div', { class: 'toolbar', role: 'group', 'aria-label': 'Mode' },
    el('button', { type: 'button', id: 'mode-filter', 'aria-pressed': String(mode === 'filter'),
      onclick: () => navigate({ mode: null }) }, 'Search a time range'),
    el('button', { type: 'button', id: 'mode-query', 'aria-pressed': String(mode === 'query'),
      onclick: () => navigate({ mode: 'query' }) }, 'Logs Insights query'),
    el('button', { type: 'button', id: 'mode-tail', 'aria-pressed': String(mode === 'tail'),
      onclick: () => navigate({ mode: 'tail' }) }, 'Live tail'));
  const results = el('div', { id: 'log-results' });
  body.replaceChildren(el('h2', {}, group), el('details', { id: 'log-streams-box' },
    el('summary', {}, 'Streams (newest first)'), streams), modes, ...(mode === 'query' ? [] : [form]), results);
  listLogStreams(streams, group);
  if (mode === 'tail') liveTail(results, group, params);
  else if (mode === 'query') insightsQuery(results, group, params);
  else filterLogs(results, group, params);
}

async function listLogGroups(list, params, current) {
  try {
    const query = new URLSearchParams({ limit: '50' });
    if (params.get('groupPrefix')) query.set('logGroupNamePrefix', params.get('groupPrefix'));
    const answer = await api('GET', '/v1/log-groups?' + query.toString());
    const items = answer.logGroups || [];
    list.replaceChildren(...(items.length ? items.map(item => {
      const link = el('a', { href: '#', 'data-log-group': item.logGroupName, onclick: e => {
        e.preventDefault(); navigate({ group: item.logGroupName, stream: null, pattern: null });
      } }, item.logGroupName);
      if (item.logGroupName === current) link.setAttribute('aria-current', 'true');
      return el('li', {}, link, el('small', { class: 'muted' }, (item.retentionInDays ? item.retentionInDays
        + ' days, ' : 'kept forever, ') + bytes(item.storedBytes)));
    }) : [el('li', { class: 'muted' }, 'No log groups' + (params.get('groupPrefix') ? ' with this prefix.'
      : ' yet. Create one with create-log-group.'))]),
    ...(answer.nextToken ? [el('li', { class: 'muted' }, 'More groups: narrow the prefix.')] : []));
  } catch (e) {
    list.replaceChildren(el('li', {}, problem(e)));
  }
}

function bytes(n) {
  if (!n) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  const i = Math.min(units.length - 1, Math.floor(Math.log(n) / Math.log(1024)));
  return (n / 1024 ** i).toFixed(i ? 1 : 0) + ' ' + units[i];
}

async function listLogStreams(list, group) {
  try {
    const answer = await api('GET', '/v1/log-streams?' + new URLSearchParams({ logGroupName: group,
      orderBy: 'LastEventTime', descending: 'true', limit: '50' }).toString());
    const items = answer.logStreams || [];
    list.replaceChildren(...(items.length ? items.map(item => el('li', {},
      el('a', { href: '#', 'data-log-stream': item.logStreamName, onclick: e => {
        e.preventDefault(); navigate({ stream: item.logStreamName });
      } }, item.logStreamName), ' ',
      el('small', { class: 'muted' }, item.lastEventTimestamp ? 'last event ' + time(item.lastEventTimestamp)
        : 'no events'))) : [el('li', { class: 'muted' }, 'No streams in this group yet.')]));
  } catch (e) {
    list.replaceChildren(el('li', {}, problem(e)));
  }
}

/** FilterLogEvents over the range, following nextToken for a few pages; a histogram and a table of what matched. */
async function filterLogs(container, group, params) {
  const range = timeRange(params, '1h');
  const histogram = el('canvas', { id: 'log-histogram', class: 'histogram', width: '900', height: '90', role: 'img',
    'aria-label': 'matching events per time bin' });
  const status = el('p', { class: 'muted', role: 'status' }, 'Searching...');
  const table = el('table', { id: 'log-events' }, el('thead', {}, el('tr', {}, el('th', {}, 'Time'),
    el('th', {}, 'Stream'), el('th', {}, 'Message'))), el('tbody'));
  container.replaceChildren(rangePicker(params, '1h'), histogram, status, table);
  const events = [];
  let nextToken = null;
  try {
    for (let pageNo = 0; pageNo < FILTER_PAGES; pageNo++) {
      const query = new URLSearchParams({ logGroupName: group, startTime: String(Math.floor(range.start)),
        endTime: String(Math.ceil(range.end)), limit: '1000' });
      if (params.get('pattern')) query.set('filterPattern', params.get('pattern'));
      if (params.get('stream')) query.set('logStreamNamePrefix', params.get('stream'));
      if (nextToken) query.set('nextToken', nextToken);
      const answer = await api('GET', '/v1/log-events/filter?' + query.toString());
      events.push(...(answer.events || []));
      nextToken = answer.nextToken;
      if (!nextToken) break;
    }
  } catch (e) {
    status.replaceChildren(problem(e));
    return;
  }
  events.sort((a, b) => b.timestamp - a.timestamp);
  status.textContent = events.length ? events.length + (nextToken ? '+' : '') + ' matching events'
    + (nextToken ? ' (the newest ' + events.length + ' shown; narrow the range or the pattern for the rest)' : '')
    : 'No events match in this time range.';
  table.setAttribute('data-count', String(events.length));
  table.tBodies[0].replaceChildren(...events.map(event => el('tr', { 'data-event-id': event.eventId },
    el('td', { class: 'nowrap' }, time(event.timestamp)), el('td', {}, event.logStreamName || ''),
    el('td', {}, el('pre', { class: 'message' }, event.message)))));
  drawHistogram(histogram, events, range);
}

/** Counts per bin across the range, as bars; the canvas says its bins' counts (data-counts) for tests and readers. */
function drawHistogram(canvas, events, range) {
  const counts = new Array(HISTOGRAM_BINS).fill(0);
  const width = (range.end - range.start) / HISTOGRAM_BINS;
  for (const event of events) {
    const bin = Math.floor((event.timestamp - range.start) / width);
    if (bin >= 0 && bin < HISTOGRAM_BINS) counts[bin]++;
  }
  canvas.setAttribute('data-counts', counts.join(','));
  canvas.width = Math.max(300, canvas.parentElement ? canvas.parentElement.clientWidth - 4 : 900);
  const g = canvas.getContext('2d');
  const max = Math.max(1, ...counts);
  const barWidth = canvas.width / HISTOGRAM_BINS;
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#0969da';
  counts.forEach((count, i) => {
    const height = count / max * (canvas.height - 16);
    g.fillRect(i * barWidth + 1, canvas.height - 14 - height, Math.max(1, barWidth - 2), height);
  });
  g.fillStyle = '#57606a';
  g.font = '11px system-ui, sans-serif';
  g.fillText(time(range.start), 2, canvas.height - 2);
  const end = time(range.end);
  g.fillText(end, canvas.width - g.measureText(end).width - 2, canvas.height - 2);
  g.fillText('max ' + max + ' per ' + Math.round(width / 1000) + ' s', 2, 11);
}

/**
 * Logs Insights over the chosen groups and the page's time range: StartQuery, then GetQueryResults until the query
 * ends (a query left running when the page is left is stopped). Results are a table of text; a stats ... by bin()
 * query also gets a graph of its counts over time. The query's errors (MalformedQueryException says the line and
 * column) are shown in words next to the box.
 */
async function insightsQuery(container, group, params) {
  const range = timeRange(params, '1h');
  const groups = (params.get('groups') || group).split(',').map(name => name.trim()).filter(Boolean);
  const text = params.get('query') || '';
  const box = el('textarea', { id: 'log-query', rows: '4', spellcheck: 'false', maxlength: '10000',
    'aria-describedby': 'log-query-error' });
  box.value = text || 'fields @timestamp, @message\n| sort @timestamp desc\n| limit 100';
  const groupsInput = el('input', { id: 'log-query-groups', value: groups.join(', '), maxlength: '10000' });
  const error = el('p', { id: 'log-query-error', class: 'error', role: 'alert', hidden: '' });
  const form = el('form', { id: 'log-query-form' },
    field('Query', box, 'Logs Insights syntax: fields, filter, parse, stats count(*) by bin(5m), sort, limit'),
    el('div', { class: 'toolbar' }, field('Log groups', groupsInput, 'comma separated'),
      el('button', { type: 'submit' }, 'Run query')), error);
  const run = () => {
    const chosen = groupsInput.value.split(',').map(name => name.trim()).filter(Boolean).join(',');
    navigate({ query: box.value, groups: chosen === group ? null : chosen });
  };
  form.addEventListener('submit', event => { event.preventDefault(); run(); });
  box.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  const status = el('p', { id: 'log-query-status', class: 'muted', role: 'status' });
  const chart = el('div', { id: 'log-query-chart', class: 'chart', hidden: '' });
  const table = el('table', { id: 'log-query-results' }, el('thead'), el('tbody'));
  container.replaceChildren(rangePicker(params, '1h'), form, status, chart, table);
  if (!text.trim()) {
    status.textContent = 'Write a query and run it (Ctrl+Enter).';
    return;
  }
  const refuse = words => {
    error.hidden = false;
    error.textContent = words;
    status.textContent = '';
  };
  status.textContent = 'Starting the query...';
  let queryId;
  try {
    queryId = (await api('POST', '/v1/queries', { logGroupNames: groups, startTime: Math.floor(range.start / 1000),
      endTime: Math.ceil(range.end / 1000), queryString: text, limit: QUERY_LIMIT })).queryId;
  } catch (e) {
    refuse(e instanceof ApiError ? e.words : String(e));
    return;
  }
  let left = false;
  let answer = { status: 'Scheduled' };
  leaveView.push(() => {
    left = true;
    if (answer.status === 'Scheduled' || answer.status === 'Running') {
      api('DELETE', '/v1/queries/' + encodeURIComponent(queryId)).catch(() => { /* it ends by itself anyway */ });
    }
  });
  try {
    while (answer.status === 'Scheduled' || answer.status === 'Running') {
      await new Promise(resolve => setTimeout(resolve, QUERY_POLL_MS));
      if (left) return;
      answer = await api('GET', '/v1/queries/' + encodeURIComponent(queryId));
      status.textContent = 'Running: ' + scanned(answer.statistics) + '...';
    }
  } catch (e) {
    if (!left) refuse(e instanceof ApiError ? e.words : String(e));
    return;
  }
  if (left) return;
  if (answer.status !== 'Complete') {
    refuse('The query ended ' + answer.status + '.');
    return;
  }
  const rows = answer.results || [];
  status.textContent = rows.length + (rows.length === 1 ? ' row; ' : ' rows; ') + scanned(answer.statistics) + '.';
  queryTable(table, rows);
  if (/\bstats\b[\s\S]*\bby\b[\s\S]*\bbin\s*\(/i.test(text)) binGraph(chart, rows);
}

function scanned(statistics) {
  const s = statistics || {};
  return (s.recordsMatched || 0) + ' of ' + (s.recordsScanned || 0) + ' records matched, ' + bytes(s.bytesScanned);
}

/** The results as a table: a column per field, in the order fields first appear (@ptr is for the API, not people). */
function queryTable(table, rows) {
  const columns = [];
  for (const row of rows) {
    for (const cell of row) {
      if (cell.field !== '@ptr' && !columns.includes(cell.field)) columns.push(cell.field);
    }
  }
  table.setAttribute('data-count', String(rows.length));
  table.tHead.replaceChildren(el('tr', {}, columns.map(column => el('th', {}, column))));
  table.tBodies[0].replaceChildren(...rows.map(row => {
    const values = new Map(row.map(cell => [cell.field, cell.value]));
    return el('tr', {}, columns.map(column => el('td', {}, el('pre', { class: 'message' },
      values.has(column) ? String(values.get(column)) : ''))));
  }));
}

/** A stats ... by bin() result as a line over time: the bin column (UTC times) against the first numeric column. */
function binGraph(chart, rows) {
  const columns = rows.length ? rows[0].map(cell => cell.field) : [];
  const bin = columns.find(column => /^bin\s*\(/i.test(column));
  const count = columns.find(column => column !== bin && rows.every(row => row.every(cell => cell.field !== column
    || !isNaN(Number(cell.value)))));
  if (!bin || !count) return;
  const value = (row, column) => (row.find(cell => cell.field === column) || {}).value;
  const points = rows.map(row => [Date.parse(value(row, bin).replace(' ', 'T') + 'Z') / 1000,
    Number(value(row, count))]).filter(point => !isNaN(point[0])).sort((a, b) => a[0] - b[0]);
  chart.hidden = false;
  drawSeries(chart, points, count + ' per ' + bin);
}

/**
 * Live tail: GET /v1/log-groups/{group}/tail as server-sent events (EventSource sends the session cookie), newest
 * line first; a tail that cannot open says so in words.
 */
function liveTail(container, group, params) {
  const status = el('p', { id: 'tail-status', role: 'status', class: 'muted' }, 'Connecting...');
  const lines = el('div', { id: 'tail-lines', class: 'live', 'aria-live': 'off' });
  const pause = el('button', { type: 'button', id: 'tail-pause' }, 'Pause');
  container.replaceChildren(el('div', { class: 'toolbar' }, pause), status, lines);
  const query = new URLSearchParams();
  if (params.get('pattern')) query.set('filterPattern', params.get('pattern'));
  if (params.get('stream')) query.set('logStreamNamePrefix', params.get('stream'));
  const url = '/v1/log-groups/' + encodeURIComponent(group) + '/tail' + (query.toString() ? '?' + query : '');
  let opened = false;
  let paused = false;
  const source = new EventSource(url, { withCredentials: true });
  leaveView.push(() => source.close());
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
  });
  source.onopen = () => {
    opened = true;
    status.textContent = 'Live: new events of ' + group + ' appear here as they arrive.';
  };
  source.onmessage = message => {
    if (paused) return;
    let event;
    try { event = JSON.parse(message.data); } catch (e) { return; }
    lines.prepend(el('div', { class: 'tail-line', 'data-event-id': event.eventId || '' },
      el('span', { class: 'muted' }, time(event.timestamp), ' ', event.logStreamName || '', ' '),
      String(event.message === undefined ? '' : event.message)));
    while (lines.childElementCount > TAIL_LINES) lines.lastElementChild.remove();
  };
  source.onerror = () => {
    if (!opened) {
      // EventSource does not tell why; an HTTP error (no such route, refused, bad pattern) closes it for good.
      source.close();
      status.className = 'error';
      status.setAttribute('role', 'alert');
      status.textContent = 'Live tail unavailable: Trailwatch did not open the event stream of ' + group
        + ' (the server may not offer live tail, or refused it). Search a time range instead.';
      explainTailFailure(url, status);
    } else if (source.readyState === EventSource.CONNECTING) {
      status.textContent = 'Connection lost; reconnecting...';
    }
  };
}

/** Asks the tail URL once more with fetch, which can read the API's error, to say in words why it did not open. */
async function explainTailFailure(url, status) {
  try {
    const controller = new AbortController();
    const response = await fetch(url, { credentials: 'same-origin', signal: controller.signal,
      headers: { 'Accept': 'text/event-stream' } });
    if (response.ok) { controller.abort(); return; }
    const answer = await response.json().catch(() => ({}));
    if (answer.message) {
      status.textContent = 'Live tail unavailable: ' + (answer.error || answer.code || response.status) + ': '
        + answer.message;
    }
  } catch (e) { /* the general message stands */ }
}

page('logs', logsView);
