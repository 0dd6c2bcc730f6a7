// Trailwatch's console: the Dashboards page. CloudWatch's dashboard body (widgets on a 24-column grid) drawn as
// CloudWatch draws it: metric widgets as graphs (lines, stacked areas, bars, pies), numbers and gauges; text widgets
// as Markdown; alarm widgets as the states of their alarms; log widgets as their Logs Insights query. Edits change the
// same JSON, which Save puts with PutDashboard. Everything from the API or a body is put on the page as text nodes
// (the Markdown renderer builds DOM nodes from a small safe subset; no HTML of a body is ever parsed).
// Uses console.js's api(), el(), show(), problem(), stateBadge() and time().
'use strict';

const Dashboards = (() => {
  const REFRESH_MS = 5000;
  /** The IAM actions of the write controls: shown only to users whose policies allow them. */
  const PUT = 'cloudwatch:PutDashboard';
  const DELETE = 'cloudwatch:DeleteDashboards';
  const PALETTE = ['#0969da', '#e16f24', '#1a7f37', '#cf222e', '#8250df', '#bf3989', '#0a7b83', '#9a6700',
    '#57606a', '#4d2d00'];
  const RANGES = { '1h': 3600, '3h': 3 * 3600, '12h': 12 * 3600, '1d': 86400, '1w': 7 * 86400 };
  /** GetMetricStatistics answers at most this many datapoints; an 'auto' period is widened to stay within it. */
  const MAX_POINTS = 1440;
  const ROW_PX = 38;

  let timer = null;
  let charts = [];
  /** Counts views left: a draw still awaiting data when its view is left must not start refreshing. */
  let generation = 0;

  function leave() {
    generation++;
    clearInterval(timer);
    timer = null;
    charts.forEach(chart => chart.destroy());
    charts = [];
  }

  function route(path, params) {
    leave();
    const named = path.match(/^\/dashboards\/(.+)$/);
    if (named) {
      dashboardView(decodeURIComponent(named[1]), params);
    } else {
      listView();
    }
  }

  const link = name => el('a', { href: '#/dashboards/' + encodeURIComponent(name) }, name);

  /** PutDashboard's refusal in words: each validation message with where in the body it is. */
  function refusal(error) {
    const messages = (error.details || {}).DashboardValidationMessages || [];
    if (!messages.length) return problem(error);
    return el('div', { class: 'error', role: 'alert' }, el('p', {}, 'The dashboard was not saved: '
      + messages.length + (messages.length === 1 ? ' problem.' : ' problems.')),
      el('ul', { class: 'validation-messages' }, messages.map(message => el('li', {},
        el('code', {}, message.DataPath || '(body)'), ' ', message.Message))));
  }

  async function putDashboard(name, body) {
    return api('PUT', '/v1/dashboards/' + encodeURIComponent(name), {
      DashboardBody: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  // ---- the list ----

  async function listView() {
    const table = el('table', { id: 'dashboards' }, el('thead', {}, el('tr', {}, el('th', {}, 'Dashboard'),
      el('th', {}, 'Last modified'), el('th', {}, 'Size'))), el('tbody'));
    const status = el('p', { class: 'muted' }, 'Loading dashboards...');
    const message = el('div', { id: 'create-dashboard-result', role: 'status' });
    const form = guarded(PUT, el('form', { id: 'create-dashboard', class: 'panel' },
      el('h2', {}, 'Create or import a dashboard'),
      el('label', {}, 'Name ', el('input', { id: 'new-dashboard-name', required: '', maxlength: '255',
        pattern: '[A-Za-z0-9_\\-]+', title: 'Letters, digits, - and _' })),
      el('label', {}, 'Body (optional: paste a CloudWatch dashboard body to import it unchanged) ',
        el('textarea', { id: 'new-dashboard-body', rows: '6', spellcheck: 'false',
          placeholder: '{"widgets": []}' })),
      el('button', { type: 'submit' }, 'Create'), message));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const name = document.getElementById('new-dashboard-name').value.trim();
      // Put as pasted, byte for byte: an imported body is kept unchanged.
      const pasted = document.getElementById('new-dashboard-body').value;
      const body = pasted.trim() ? pasted : '{"widgets":[]}';
      message.replaceChildren();
      try {
        await putDashboard(name, body);
        location.hash = '#/dashboards/' + encodeURIComponent(name);
      } catch (e) {
        message.replaceChildren(refusal(e));
      }
    });
    show(el('h1', {}, 'Dashboards'), status, table, form);
    try {
      const entries = [];
      let token = null;
      do {
        const answer = await api('GET', '/v1/dashboards' + (token ? '?nextToken=' + encodeURIComponent(token) : ''));
        entries.push(...(answer.DashboardEntries || []));
        token = answer.NextToken;
      } while (token);
      status.textContent = entries.length ? '' : 'No dashboards yet.'
        + (allowedActions.has(PUT) ? ' Create one below, or with put-dashboard.' : '');
      table.tBodies[0].replaceChildren(...entries.map(entry => el('tr', { 'data-dashboard': entry.DashboardName },
        el('td', {}, link(entry.DashboardName)), el('td', {}, time(entry.LastModified)),
        el('td', {}, entry.Size + ' bytes'))));
    } catch (e) {
      status.replaceChildren(problem(e));
    }
  }

  // ---- time range ----

  /** The range the URL names, else the dashboard's own start (and end), else CloudWatch's default of 3 hours. */
  function timeRange(body, params) {
    const now = Date.now();
    if (RANGES[params.get('range')]) {
      return { start: now - RANGES[params.get('range')] * 1000, end: now, label: params.get('range') };
    }
    if (typeof body.start === 'string') {
      const absolute = Date.parse(body.start);
      if (!Number.isNaN(absolute) && !body.start.startsWith('-')) {
        const end = typeof body.end === 'string' && !Number.isNaN(Date.parse(body.end)) ? Date.parse(body.end) : now;
        return { start: absolute, end, label: 'dashboard' };
      }
      const seconds = durationSeconds(body.start.substring(1));
      if (seconds > 0) return { start: now - seconds * 1000, end: now, label: 'dashboard' };
    }
    return { start: now - RANGES['3h'] * 1000, end: now, label: 'dashboard' };
  }

  /** An ISO 8601 duration (P1DT2H, PT15M, P2W) in seconds; 0 when it is not one. */
  function durationSeconds(text) {
    const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text || '');
    if (!match) return 0;
    const [, w, d, h, m, s] = match.map(part => Number(part || 0));
    return (((w * 7 + d) * 24 + h) * 60 + m) * 60 + s;
  }

  // ---- metrics ----

  /**
   * The metrics array with its shorthands expanded: "." repeats the previous metric's element at its position,
   * "..." (first) the previous metric's elements before those that follow it. Each is
   * {namespace, name, dimensions, options} or {expression, options}.
   */
  function expandMetrics(metrics) {
    const expanded = [];
    let previous = [];
    for (const entry of Array.isArray(metrics) ? metrics : []) {
      if (!Array.isArray(entry) || !entry.length) continue;
      const last = entry[entry.length - 1];
      const options = last && typeof last === 'object' ? last : {};
      let names = entry.filter(element => typeof element === 'string');
      if (!names.length) {
        expanded.push({ expression: options.expression || '', options });
        continue;
      }
      if (names[0] === '...') {
        const rest = names.slice(1);
        names = previous.slice(0, Math.max(0, previous.length - rest.length)).concat(rest);
      } else {
        names = names.map((name, i) => (name === '.' ? previous[i] : name));
      }
      previous = names;
      const dimensions = [];
      for (let i = 2; i + 1 < names.length; i += 2) dimensions.push({ Name: names[i], Value: names[i + 1] });
      expanded.push({ namespace: names[0], name: names[1], dimensions, options });
    }
    return expanded;
  }

  function periodOf(properties, options, range, override) {
    let period = Number(options.period || properties.period || 300);
    if (override !== 'inherit') {
      const needed = Math.ceil((range.end - range.start) / 1000 / MAX_POINTS);
      if (needed > period) period = Math.ceil(needed / 60) * 60;
    }
    return period;
  }

  /** One metric's statistic over the range (GetMetricStatistics), as [seconds, value] pairs in time order. */
  async function datapoints(metric, statistic, period, range) {
    const periodMs = period * 1000;
    const end = new Date(Math.ceil(range.end / periodMs) * periodMs);
    const start = new Date(Math.floor(range.start / periodMs) * periodMs);
    const query = new URLSearchParams({ namespace: metric.namespace, metricName: metric.name,
      startTime: start.toISOString(), endTime: end.toISOString(), period: String(period) });
    const percentile = /^p\d/.test(statistic);
    query.set(percentile ? 'extendedStatistics' : 'statistics', statistic);
    for (const dimension of metric.dimensions) query.append('dimensions', dimension.Name + '=' + dimension.Value);
    const answer = await api('GET', '/v1/metrics/statistics?' + query.toString());
    return (answer.Datapoints || []).map(point => [Date.parse(point.Timestamp) / 1000,
      percentile ? (point.ExtendedStatistics || {})[statistic] : point[statistic]]).sort((a, b) => a[0] - b[0]);
  }

  function labelOf(metric) {
    if (metric.options.label) return metric.options.label;
    if (metric.expression !== undefined) return metric.options.id || 'expression';
    return metric.name + (metric.dimensions.length ? ' ' + metric.dimensions.map(d => d.Value).join(' ') : '');
  }

  /** Every drawable metric of the widget with its datapoints (expressions are listed, not computed). */
  async function widgetSeries(properties, range, override) {
    const metrics = expandMetrics(properties.metrics).filter(metric => metric.options.visible !== false);
    return Promise.all(metrics.map(async (metric, i) => {
      const color = metric.options.color || PALETTE[i % PALETTE.length];
      if (metric.expression !== undefined) {
        return { label: labelOf(metric), color, points: [], note: 'metric math is not computed by Trailwatch' };
      }
      const statistic = metric.options.stat || properties.stat || 'Average';
      const points = await datapoints(metric, statistic, periodOf(properties, metric.options, range, override),
        range);
      return { label: labelOf(metric), color, points, right: metric.options.yAxis === 'right' };
    }));
  }

  function latest(series) {
    const points = series.points.filter(point => point[1] !== null && point[1] !== undefined);
    return points.length ? points[points.length - 1][1] : null;
  }

  function formatNumber(value) {
    if (value === null || value === undefined) return '—';
    const magnitude = Math.abs(value);
    return magnitude >= 1e6 || (magnitude > 0 && magnitude < 0.01) ? value.toExponential(2)
      : Number(value.toFixed(2)).toLocaleString('en-US');
  }

  /** The series on one time axis (the union of their timestamps), stacked when asked: each the sum of those below. */
  function aligned(seriesList, stacked) {
    const times = [...new Set(seriesList.flatMap(series => series.points.map(point => point[0])))].sort((a, b) => a - b);
    const values = seriesList.map(series => {
      const byTime = new Map(series.points.map(point => [point[0], point[1]]));
      return times.map(t => (byTime.has(t) ? byTime.get(t) : null));
    });
    if (stacked) {
      for (let i = 1; i < values.length; i++) {
        values[i] = values[i].map((value, k) => (value === null && values[i - 1][k] === null ? null
          : (value || 0) + (values[i - 1][k] || 0)));
      }
    }
    return [times, ...values];
  }

  function timeSeriesChart(container, seriesList, properties, range) {
    const stacked = properties.stacked === true;
    const data = aligned(seriesList, stacked);
    const series = [{}, ...seriesList.map(s => ({ label: s.label, stroke: s.color, width: 2,
      fill: stacked ? s.color + '55' : undefined, scale: s.right ? 'right' : 'y', spanGaps: true,
      points: { show: data[0].length < 60, size: 4 } }))];
    // A stacked area's upper series is drawn first, so that each lower one is filled over it.
    const order = stacked ? [...seriesList.keys()].reverse() : [...seriesList.keys()];
    const left = (properties.yAxis || {}).left || {};
    const chart = new uPlot({
      // The legend is below the plot, inside the widget.
      width: Math.max(120, container.clientWidth - 8), height: Math.max(80, container.clientHeight - 40),
      series: [series[0], ...order.map(i => series[i + 1])],
      scales: { x: { time: true, range: [range.start / 1000, range.end / 1000] },
        y: { range: (u, min, max) => [left.min !== undefined ? left.min : Math.min(0, min),
          left.max !== undefined ? left.max : (max > 0 ? max * 1.1 : 1)] } },
      axes: [{}, { size: 50 }].concat(seriesList.some(s => s.right) ? [{ scale: 'right', side: 1, size: 50,
        grid: { show: false } }] : []),
      legend: { show: (properties.legend || {}).position !== 'hidden' },
    }, [data[0], ...order.map(i => data[i + 1])], container);
    charts.push(chart);
    return chart;
  }

  function singleValue(container, seriesList) {
    container.replaceChildren(...seriesList.map(series => el('div', { class: 'single-value' },
      el('span', { class: 'value' }, formatNumber(latest(series))), el('span', { class: 'label' }, series.label))));
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  /** A half circle from yAxis.left.min to max, filled to the latest value of each metric. */
  function gauge(container, seriesList, properties) {
    const left = (properties.yAxis || {}).left || {};
    const min = Number(left.min || 0);
    const max = Number(left.max !== undefined ? left.max : 100);
    container.replaceChildren(...seriesList.map(series => {
      const value = latest(series);
      const share = value === null || max <= min ? 0 : Math.max(0, Math.min(1, (value - min) / (max - min)));
      const arc = 'M 10 60 A 50 50 0 0 1 110 60';
      const length = Math.PI * 50;
      const drawing = svg('svg', { viewBox: '0 0 120 70', class: 'gauge', role: 'img' });
      drawing.append(svg('path', { d: arc, fill: 'none', stroke: '#d0d7de', 'stroke-width': 12 }),
        svg('path', { d: arc, fill: 'none', stroke: series.color, 'stroke-width': 12,
          'stroke-dasharray': (share * length) + ' ' + length }));
      return el('div', { class: 'gauge-box', 'data-share': share.toFixed(3) }, drawing,
        el('span', { class: 'value' }, formatNumber(value)), el('span', { class: 'label' }, series.label),
        el('span', { class: 'muted range' }, formatNumber(min) + ' – ' + formatNumber(max)));
    }));
  }

  /** Bars (or a pie's shares) of each metric's latest value. */
  function shares(container, seriesList, pie) {
    const values = seriesList.map(series => Math.max(0, latest(series) || 0));
    const total = values.reduce((a, b) => a + b, 0);
    const top = Math.max(...values, 0);
    const rows = seriesList.map((series, i) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = (top > 0 ? (values[i] / (pie ? total : top)) * 100 : 0) + '%';
      bar.style.background = series.color;
      return el('div', { class: 'share' }, el('span', { class: 'label' }, series.label), bar,
        el('span', { class: 'value' }, pie && total > 0 ? Math.round(values[i] / total * 100) + '%'
          : formatNumber(latest(series))));
    });
    if (pie && total > 0) {
      let at = 0;
      const stops = seriesList.map((series, i) => {
        const from = at;
        at += values[i] / total * 360;
        return series.color + ' ' + from + 'deg ' + at + 'deg';
      });
      const disc = el('div', { class: 'pie' });
      disc.style.background = 'conic-gradient(' + stops.join(', ') + ')';
      rows.unshift(disc);
    }
    container.replaceChildren(...rows);
  }

  /** Draws a metric widget; says on the widget how many datapoints it drew (data-points). */
  async function metricWidget(widget, content, range, override) {
    const properties = widget.properties || {};
    const seriesList = await widgetSeries(properties, range, override);
    const points = seriesList.reduce((sum, series) => sum + series.points.length, 0);
    content.parentElement.setAttribute('data-points', String(points));
    const notes = seriesList.filter(series => series.note).map(series => series.label + ': ' + series.note);
    const view = properties.view || 'timeSeries';
    if (!seriesList.length) {
      content.replaceChildren(el('span', { class: 'muted' }, 'No metrics in this widget.'));
    } else if (view === 'singleValue') {
      singleValue(content, seriesList);
    } else if (view === 'gauge') {
      gauge(content, seriesList, properties);
    } else if (view === 'bar' || view === 'pie') {
      shares(content, seriesList, view === 'pie');
    } else if (!points) {
      content.replaceChildren(el('span', { class: 'muted' }, 'No datapoints in this time range.'));
    } else {
      content.replaceChildren();
      timeSeriesChart(content, seriesList, properties, range);
    }
    if (notes.length) content.append(el('p', { class: 'muted note' }, notes.join('; ')));
  }

  // ---- alarms and logs ----

  async function alarmWidget(widget, content) {
    const properties = widget.properties || {};
    const names = (properties.alarms || []).map(arn => String(arn).replace(/^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:/, ''));
    if (!names.length) {
      content.replaceChildren(el('span', { class: 'muted' }, 'No alarms in this widget.'));
      return;
    }
    const query = new URLSearchParams();
    names.forEach(name => query.append('AlarmNames', name));
    const answer = await api('GET', '/v1/alarms?' + query.toString());
    const found = new Map([...(answer.MetricAlarms || []), ...(answer.CompositeAlarms || [])]
      .map(alarm => [alarm.AlarmName, alarm]));
    const rank = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };
    let alarms = names.map(name => found.get(name) || { AlarmName: name, missing: true });
    if (Array.isArray(properties.states) && properties.states.length) {
      alarms = alarms.filter(alarm => properties.states.includes(alarm.StateValue));
    }
    if (properties.sortBy === 'stateUpdatedTimestamp') {
      alarms.sort((a, b) => (rank[a.StateValue] ?? 3) - (rank[b.StateValue] ?? 3)
        || String(b.StateUpdatedTimestamp).localeCompare(String(a.StateUpdatedTimestamp)));
    } else if (properties.sortBy === 'timestamp') {
      alarms.sort((a, b) => String(b.StateUpdatedTimestamp).localeCompare(String(a.StateUpdatedTimestamp)));
    } else {
      alarms.sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
    }
    content.replaceChildren(el('ul', { class: 'alarm-states' }, alarms.map(alarm => el('li', {
      'data-alarm': alarm.AlarmName }, alarm.missing ? el('span', { class: 'muted' }, 'not found')
      : stateBadge(alarm.StateValue), ' ', el('a', { href: '#/alarms/' + encodeURIComponent(alarm.AlarmName) },
      alarm.AlarmName)))));
  }

  /** A log widget's query: "SOURCE 'a' | SOURCE 'b' | fields ..." is the groups a, b and the rest. */
  function logQuery(text) {
    const groups = [];
    let rest = String(text || '');
    for (;;) {
      const match = /^\s*SOURCE\s+(['"])(.*?)\1\s*(\|\s*)?/i.exec(rest);
      if (!match) break;
      groups.push(match[2]);
      rest = rest.substring(match[0].length);
    }
    return { groups, queryString: rest.trim() };
  }

  async function logWidget(widget, content, range) {
    const properties = widget.properties || {};
    const query = logQuery(properties.query);
    const results = el('div', { class: 'log-results' }, el('span', { class: 'muted' }, 'Running the query...'));
    content.replaceChildren(el('pre', { class: 'log-query' }, String(properties.query || '')), results);
    let started;
    try {
      started = await api('POST', '/v1/queries', { logGroupNames: query.groups,
        startTime: Math.floor(range.start / 1000), endTime: Math.floor(range.end / 1000),
        queryString: query.queryString, limit: 100 });
    } catch (e) {
      results.replaceChildren(e.status === 404 || e.status === 405
        ? el('span', { class: 'muted', 'data-insights': 'unavailable' }, 'Logs Insights not available.')
        : problem(e));
      return;
    }
    for (let attempt = 0; attempt < 60; attempt++) {
      const answer = await api('GET', '/v1/queries/' + encodeURIComponent(started.queryId));
      if (!['Scheduled', 'Running'].includes(answer.status)) {
        const rows = answer.results || [];
        const fields = [...new Set(rows.flatMap(row => row.map(cell => cell.field)))]
          .filter(field => field !== '@ptr');
        results.replaceChildren(rows.length ? el('table', { class: 'log-table' },
          el('thead', {}, el('tr', {}, fields.map(field => el('th', {}, field)))),
          el('tbody', {}, rows.map(row => el('tr', {}, fields.map(field => el('td', {},
            (row.find(cell => cell.field === field) || {}).value || ''))))))
          : el('span', { class: 'muted' }, 'No results (' + answer.status + ').'));
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    results.replaceChildren(el('span', { class: 'muted' }, 'The query is still running.'));
  }

  // ---- the grid ----

  /**
   * Where each widget is drawn on the 24-column grid: at its x, y, width and height, except that, as in CloudWatch, a
   * widget that would overlap one above it (in body order) moves down until it does not. The body is not changed.
   */
  function layout(widgets) {
    const placed = [];
    return widgets.map(widget => {
      const x = Math.min(Number.isInteger(widget.x) ? widget.x : 0, 23);
      const width = Math.max(1, Math.min(Number.isInteger(widget.width) ? widget.width : 6, 24 - x));
      const height = Math.max(1, Number.isInteger(widget.height) ? widget.height : 6);
      let y = Number.isInteger(widget.y) ? widget.y : 0;
      const overlapping = () => placed.find(p => x < p.x + p.width && p.x < x + width && y < p.y + p.height
        && p.y < y + height);
      for (let other = overlapping(); other; other = overlapping()) y = other.y + other.height;
      const area = { x, y, width, height };
      placed.push(area);
      return area;
    });
  }

  /** Places the widget on the grid (CSSOM, which the page's CSP allows, unlike style attributes). */
  function place(node, area) {
    node.style.gridColumn = (area.x + 1) + ' / span ' + area.width;
    node.style.gridRow = (area.y + 1) + ' / span ' + area.height;
    node.style.minHeight = (area.height * ROW_PX) + 'px';
  }

  function titleOf(widget) {
    const properties = widget.properties || {};
    if (properties.title) return properties.title;
    if (widget.type === 'metric') return expandMetrics(properties.metrics).map(labelOf).join(', ');
    if (widget.type === 'alarm') return 'Alarm status';
    if (widget.type === 'log') return 'Logs';
    return '';
  }

  /** Draws one widget's content; a failure is shown in the widget, in words. */
  async function drawWidget(widget, content, range, override) {
    try {
      if (widget.type === 'metric') await metricWidget(widget, content, range, override);
      else if (widget.type === 'text') content.replaceChildren(markdown((widget.properties || {}).markdown));
      else if (widget.type === 'alarm') await alarmWidget(widget, content);
      else if (widget.type === 'log') await logWidget(widget, content, range);
      else content.replaceChildren(el('span', { class: 'muted' }, 'A widget of type ' + widget.type
        + ' is not drawn by Trailwatch.'));
      content.parentElement.setAttribute('data-rendered', 'true');
    } catch (e) {
      content.replaceChildren(problem(e));
      content.parentElement.setAttribute('data-rendered', 'error');
    }
  }

  async function dashboardView(name, params) {
    performance.mark('dashboard-open');
    // A user who may not put the dashboard gets no editor, even from an ?edit=1 link (the server refuses anyway).
    const editing = params.get('edit') === '1' && allowedActions.has(PUT);
    const header = el('div', { class: 'toolbar' }, el('h1', {}, name));
    const message = el('div', { id: 'dashboard-messages', role: 'status' });
    const grid = el('div', { class: 'dash-grid' + (editing ? ' editing' : ''), id: 'dashboard-grid' });
    const editor = el('div', { id: 'dashboard-editor' });
    show(el('p', {}, el('a', { href: '#/dashboards' }, 'All dashboards')), header, message, editor, grid);
    let body;
    try {
      body = JSON.parse((await api('GET', '/v1/dashboards/' + encodeURIComponent(name))).DashboardBody);
    } catch (e) {
      grid.replaceChildren(problem(e));
      return;
    }
    const range = () => timeRange(body, params);
    const withParam = (key, value) => {
      const next = new URLSearchParams(params);
      if (value === null) next.delete(key); else next.set(key, value);
      const query = next.toString();
      return '#/dashboards/' + encodeURIComponent(name) + (query ? '?' + query : '');
    };
    const rangeSelect = el('select', { id: 'dashboard-range', onchange: event => {
      location.hash = withParam('range', event.target.value || null);
    } }, [['', 'Dashboard (' + (body.start || '-PT3H') + ')'], ...Object.keys(RANGES).map(key => [key, key])]
      .map(([value, label]) => {
        const option = el('option', { value }, label);
        if (value === (params.get('range') || '')) option.selected = true;
        return option;
      }));
    header.append(el('label', {}, 'Time range ', rangeSelect),
      guarded(PUT, el('a', { href: withParam('edit', editing ? null : '1'), class: 'button', id: 'dashboard-edit' },
        editing ? 'Done editing' : 'Edit')));

    const save = async () => {
      message.replaceChildren();
      try {
        await putDashboard(name, body);
        message.replaceChildren(el('p', { class: 'saved' }, 'Saved.'));
      } catch (e) {
        message.replaceChildren(refusal(e));
      }
    };

    const drawAll = async () => {
      leave();
      const drawing = generation;
      const at = range();
      const override = body.periodOverride || 'auto';
      const widgets = Array.isArray(body.widgets) ? body.widgets : [];
      const areas = layout(widgets);
      grid.replaceChildren(...widgets.map((widget, index) => {
        const content = el('div', { class: 'widget-content' });
        const node = el('section', { class: 'widget widget-' + widget.type, 'data-widget-type': String(widget.type),
          'data-widget-index': String(index) }, el('h2', {}, titleOf(widget)), content);
        if (editing) node.append(widgetControls(widget, index));
        place(node, areas[index]);
        return node;
      }));
      if (!widgets.length) grid.replaceChildren(el('p', { class: 'muted' }, 'This dashboard has no widgets yet.'));
      await Promise.all(widgets.map((widget, index) => drawWidget(widget,
        grid.children[index].querySelector('.widget-content'), at, override)));
      if (drawing === generation) timer = setInterval(() => refresh(widgets), REFRESH_MS);
    };

    /** Live: the data of every metric and alarm widget again, charts updated in place. */
    let refreshing = false;
    const refresh = async widgets => {
      if (refreshing) return; // a slow answer is not asked for again before it comes
      refreshing = true;
      try {
        await redrawData(widgets);
      } finally {
        refreshing = false;
      }
    };
    const redrawData = async widgets => {
      const at = range();
      const override = body.periodOverride || 'auto';
      const stale = charts;
      charts = [];
      await Promise.all(widgets.map((widget, index) => {
        if (widget.type !== 'metric' && widget.type !== 'alarm') return null;
        const content = grid.children[index] && grid.children[index].querySelector('.widget-content');
        return content ? drawWidget(widget, content, at, override) : null;
      }));
      stale.forEach(chart => chart.destroy());
    };

    const redraw = () => { drawAll(); };

    /** x, y, width and height inputs, the widget's properties as JSON, and delete. */
    function widgetControls(widget, index) {
      const number = (key, min, max, fallback) => el('label', {}, key + ' ', el('input', { type: 'number',
        min: String(min), max: String(max), value: String(Number.isInteger(widget[key]) ? widget[key] : fallback),
        'data-key': key, onchange: event => {
          widget[key] = parseInt(event.target.value, 10);
          redraw();
        } }));
      const properties = el('textarea', { rows: '5', spellcheck: 'false', class: 'widget-properties' });
      properties.value = JSON.stringify(widget.properties || {}, null, 2);
      const note = el('span', { class: 'error' });
      return el('div', { class: 'widget-controls' },
        el('div', { class: 'toolbar' }, number('x', 0, 23, 0), number('y', 0, 10000, 0),
          number('width', 1, 24, 6), number('height', 1, 1000, 6)),
        el('details', {}, el('summary', {}, 'Properties (JSON)'), properties,
          el('button', { type: 'button', onclick: () => {
            try {
              widget.properties = JSON.parse(properties.value);
              redraw();
            } catch (e) {
              note.textContent = 'Not JSON: ' + e.message;
            }
          } }, 'Apply'), note),
        el('button', { type: 'button', class: 'danger', onclick: () => {
          body.widgets.splice(index, 1);
          redraw();
        } }, 'Delete widget'));
    }

    if (editing) editor.replaceChildren(editorPanel(body, redraw, save, name));
    await drawAll();
    performance.mark('dashboard-drawn');
    const measure = performance.measure('dashboard-render', 'dashboard-open', 'dashboard-drawn');
    grid.setAttribute('data-drawn-ms', String(Math.round(measure.duration)));
    performance.clearMarks('dashboard-open');
    performance.clearMarks('dashboard-drawn');
    performance.clearMeasures('dashboard-render');
  }

  /** The first free row below every widget. */
  const bottom = widgets => widgets.reduce((y, w) => Math.max(y, (w.y || 0) + (w.height || 6)), 0);

  /**
   * A metric widget of one metric ({Namespace, MetricName, Dimensions}) as CloudWatch's console writes it, half the
   * grid wide; {@code view} is a metric view, or 'stacked' for a stacked area.
   */
  function metricWidgetOf(metric, stat, period, view, y) {
    const properties = { metrics: [[metric.Namespace, metric.MetricName,
      ...(metric.Dimensions || []).flatMap(d => [d.Name, d.Value])]], view: view === 'stacked' ? 'timeSeries' : view,
    stacked: view === 'stacked', region: 'us-east-1', stat, period, title: metric.MetricName };
    if (view === 'gauge') properties.yAxis = { left: { min: 0, max: 100 } };
    return { type: 'metric', x: 0, y, width: 12, height: 6, properties };
  }

  /** The Metrics page's "Add to dashboard": the graphed metric as a line widget of a dashboard, new or existing. */
  function addToDashboard(metric, stat, period) {
    const names = el('datalist', { id: 'dashboard-names' });
    const input = el('input', { id: 'add-to-dashboard-name', list: 'dashboard-names', required: '', maxlength: '255',
      pattern: '[A-Za-z0-9_\\-]+', title: 'Letters, digits, - and _' });
    const result = el('div', { id: 'add-to-dashboard-result', role: 'status' });
    const form = guarded(PUT, el('form', { class: 'toolbar', id: 'add-to-dashboard' },
      el('label', {}, 'Dashboard ', input), names, el('button', { type: 'submit' }, 'Add to dashboard'), result));
    api('GET', '/v1/dashboards').then(answer => names.replaceChildren(...(answer.DashboardEntries || [])
      .map(entry => el('option', { value: entry.DashboardName })))).catch(() => { /* a name can still be typed */ });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const name = input.value.trim();
      result.replaceChildren();
      try {
        let body = { widgets: [] };
        try {
          body = JSON.parse((await api('GET', '/v1/dashboards/' + encodeURIComponent(name))).DashboardBody);
        } catch (e) {
          if (e.status !== 404) throw e;
        }
        if (!Array.isArray(body.widgets)) body.widgets = [];
        body.widgets.push(metricWidgetOf(metric, stat, period, 'timeSeries', bottom(body.widgets)));
        await putDashboard(name, body);
        result.replaceChildren(el('span', { class: 'saved' }, 'Added to '), link(name));
      } catch (e) {
        result.replaceChildren(refusal(e));
      }
    });
    return form;
  }

  /** Adding a metric or a text widget, the whole body as JSON, save and delete. */
  function editorPanel(body, redraw, save, name) {
    if (!Array.isArray(body.widgets)) body.widgets = [];
    const input = (id, label, attributes) => el('label', {}, label + ' ', el('input', Object.assign({ id }, attributes || {})));
    const value = id => document.getElementById(id).value.trim();
    const metricForm = el('form', { id: 'add-metric-widget', class: 'panel' }, el('h2', {}, 'Add a metric widget'),
      input('widget-namespace', 'Namespace', { required: '' }), input('widget-metric', 'Metric name', { required: '' }),
      input('widget-dimensions', 'Dimensions (Name=Value, ...)'),
      el('label', {}, 'Statistic ', el('select', { id: 'widget-stat' }, ['Average', 'Sum', 'Minimum', 'Maximum',
        'SampleCount', 'p50', 'p90', 'p99'].map(stat => el('option', { value: stat }, stat)))),
      input('widget-period', 'Period (seconds)', { type: 'number', value: '60', min: '1' }),
      el('label', {}, 'View ', el('select', { id: 'widget-view' }, [['timeSeries', 'Line'],
        ['stacked', 'Stacked area'], ['singleValue', 'Number'], ['gauge', 'Gauge'], ['bar', 'Bar'], ['pie', 'Pie']]
        .map(([view, label]) => el('option', { value: view }, label)))),
      el('button', { type: 'submit' }, 'Add'));
    metricForm.addEventListener('submit', event => {
      event.preventDefault();
      const dimensions = value('widget-dimensions').split(',').map(pair => pair.trim()).filter(Boolean).map(pair => {
        const at = pair.indexOf('=');
        return { Name: pair.substring(0, at).trim(), Value: pair.substring(at + 1).trim() };
      });
      body.widgets.push(metricWidgetOf({ Namespace: value('widget-namespace'), MetricName: value('widget-metric'),
        Dimensions: dimensions }, value('widget-stat'), parseInt(value('widget-period'), 10) || 60,
      value('widget-view'), bottom(body.widgets)));
      redraw();
    });
    const textForm = el('form', { id: 'add-text-widget', class: 'panel' }, el('h2', {}, 'Add a text widget'),
      el('label', {}, 'Markdown ', el('textarea', { id: 'widget-markdown', rows: '4', required: '' })),
      el('button', { type: 'submit' }, 'Add'));
    textForm.addEventListener('submit', event => {
      event.preventDefault();
      body.widgets.push({ type: 'text', x: 0, y: bottom(body.widgets), width: 12, height: 3,
        properties: { markdown: document.getElementById('widget-markdown').value } });
      redraw();
    });
    const whole = el('textarea', { id: 'dashboard-body', rows: '10', spellcheck: 'false' });
    const wholeNote = el('span', { class: 'error' });
    const refreshWhole = () => { whole.value = JSON.stringify(body, null, 2); };
    refreshWhole();
    const bodyPanel = el('details', { class: 'panel' }, el('summary', { onclick: refreshWhole }, 'Dashboard body (JSON)'),
      whole, el('button', { type: 'button', onclick: () => {
        try {
          const parsed = JSON.parse(whole.value);
          Object.keys(body).forEach(key => delete body[key]);
          Object.assign(body, parsed);
          wholeNote.textContent = '';
          redraw();
        } catch (e) {
          wholeNote.textContent = 'Not JSON: ' + e.message;
        }
      } }, 'Apply'), wholeNote);
    return el('div', { class: 'dash-editor' },
      el('div', { class: 'toolbar' },
        guarded(PUT, el('button', { type: 'button', id: 'dashboard-save', onclick: save }, 'Save')),
        guarded(DELETE, el('button', { type: 'button', class: 'danger', id: 'dashboard-delete', onclick: async () => {
          if (!confirm('Delete the dashboard ' + name + '?')) return;
          try {
            await api('DELETE', '/v1/dashboards/' + encodeURIComponent(name));
            location.hash = '#/dashboards';
          } catch (e) {
            document.getElementById('dashboard-messages').replaceChildren(problem(e));
          }
        } }, 'Delete dashboard'))),
      el('div', { class: 'editor-forms' }, metricForm, textForm), bodyPanel);
  }

  // ---- Markdown, a safe subset as DOM nodes ----

  /** A link's target when it is one a text widget may have: http(s), mailto, or a place in this console. */
  function safeHref(url) {
    const text = String(url).trim();
    return /^(https?:|mailto:|#)/i.test(text) ? text : null;
  }

  /** Inline Markdown: `code`, **bold**, *italic* / _italic_, [text](url) and CloudWatch's [button:text](url). */
  function inline(text) {
    const nodes = [];
    const pattern = /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*([^*]+)\*|_([^_]+)_|\[([^\]]*)\]\(([^)\s]*)\)/g;
    let at = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > at) nodes.push(document.createTextNode(text.substring(at, match.index)));
      if (match[1] !== undefined) nodes.push(el('code', {}, match[1]));
      else if (match[2] !== undefined || match[3] !== undefined) nodes.push(el('strong', {}, inline(match[2] || match[3])));
      else if (match[4] !== undefined || match[5] !== undefined) nodes.push(el('em', {}, inline(match[4] || match[5])));
      else {
        const button = /^button:(?:primary:)?(.*)$/.exec(match[6]);
        const label = button ? button[1] : match[6];
        const href = safeHref(match[7]);
        nodes.push(href ? el('a', { href, class: button ? 'button' : '', rel: 'noopener noreferrer',
          target: href.startsWith('#') ? '_self' : '_blank' }, inline(label)) : document.createTextNode(label));
      }
      at = pattern.lastIndex;
    }
    if (at < text.length) nodes.push(document.createTextNode(text.substring(at)));
    return nodes;
  }

  /** Block Markdown: headings, paragraphs, lists, fenced code, tables and rules. */
  function markdown(source) {
    const root = el('div', { class: 'markdown' });
    const lines = String(source || '').replace(/\r\n?/g, '\n').split('\n');
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length) root.append(el('p', {}, inline(paragraph.join(' '))));
      paragraph = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const item = /^\s*(?:([-*+])|(\d+)\.)\s+(.*)$/.exec(line);
      if (!item) list = null;
      if (/^```/.test(line)) {
        flush();
        const code = [];
        for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
        root.append(el('pre', {}, el('code', {}, code.join('\n'))));
      } else if (/^\s*$/.test(line)) {
        flush();
      } else if (/^#{1,6}\s/.test(line)) {
        flush();
        const level = /^#+/.exec(line)[0].length;
        root.append(el('h' + level, {}, inline(line.substring(level).trim())));
      } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
        flush();
        root.append(el('hr'));
      } else if (item) {
        flush();
        const tag = item[1] ? 'ul' : 'ol';
        if (!list || list.tagName.toLowerCase() !== tag) {
          list = el(tag);
          root.append(list);
        }
        list.append(el('li', {}, inline(item[3])));
      } else if (/^\s*\|/.test(line)) {
        flush();
        const rows = [];
        for (; i < lines.length && /^\s*\|/.test(lines[i]); i++) rows.push(lines[i]);
        i--;
        const cells = row => row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map(cell => cell.trim());
        const body = rows.filter(row => !/^\s*\|?\s*:?-{2,}/.test(row));
        const separated = rows.length > 1 && /^\s*\|?\s*:?-{2,}/.test(rows[1]);
        root.append(el('table', { class: 'md-table' }, separated ? el('thead', {}, el('tr', {},
          cells(body[0]).map(cell => el('th', {}, inline(cell))))) : null,
          el('tbody', {}, body.slice(separated ? 1 : 0).map(row => el('tr', {},
            cells(row).map(cell => el('td', {}, inline(cell))))))));
      } else {
        paragraph.push(line.trim());
      }
    }
    flush();
    return root;
  }

  return { route, leave, markdown, addToDashboard };
})();
