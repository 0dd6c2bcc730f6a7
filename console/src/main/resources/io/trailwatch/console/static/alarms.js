// The Alarms pages: the list (paged as DescribeAlarms pages, each row with a sparkline of its metric against its
// threshold) and an alarm's page (graph with breaching periods shaded, history, mute rules, and the forms that
// create, edit, delete it or set its state, shown only to users whose policies allow them). Both refresh every second.
'use strict';

const PAGE_SIZE = 50;
const ALARM_TYPES = '&AlarmTypes=MetricAlarm&AlarmTypes=CompositeAlarm';
const OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold',
  'LessThanOrEqualToThreshold'];

function alarmHref(name) { return '#/alarms/' + encodeURIComponent(name); }

/** Whether a value breaches the alarm's threshold, by its comparison operator. */
function breaches(alarm) {
  const t = alarm.Threshold;
  return {
    GreaterThanOrEqualToThreshold: v => v >= t, GreaterThanThreshold: v => v > t,
    LessThanThreshold: v => v < t, LessThanOrEqualToThreshold: v => v <= t,
  }[alarm.ComparisonOperator] || (() => false);
}

// ---- sparklines: the last hour of each alarm's metric, fetched once a minute per alarm, a few at a time ----

const sparklineCache = new Map();
const sparklineQueue = [];
let sparklinesRunning = 0;

function sparkline(alarm) {
  const key = alarm.AlarmName;
  const cached = sparklineCache.get(key);
  if (cached && cached.until > Date.now() && cached.definition === alarm.AlarmConfigurationUpdatedTimestamp) {
    return cached.canvas;
  }
  const canvas = el('canvas', { width: '120', height: '28', class: 'sparkline', role: 'img',
    'aria-label': alarm.MetricName ? 'last hour of ' + alarm.MetricName + ' against its threshold' : 'no metric' });
  sparklineCache.set(key, { canvas, until: Date.now() + 60000, definition: alarm.AlarmConfigurationUpdatedTimestamp });
  if (alarm.MetricName) {
    // Drawn only while the view that asked is shown: paging on drops the rest of the previous page's queue.
    const generation = viewGeneration;
    sparklineQueue.push(() => {
      if (generation === viewGeneration) return drawSparkline(alarm, canvas);
      sparklineCache.delete(key);
      return Promise.resolve();
    });
    pumpSparklines();
  }
  return canvas;
}

function pumpSparklines() {
  while (sparklinesRunning < 4 && sparklineQueue.length) {
    const task = sparklineQueue.shift();
    sparklinesRunning++;
    task().catch(() => { /* a missing sparkline is not an error worth a message */ })
      .finally(() => { sparklinesRunning--; pumpSparklines(); });
  }
}

async function drawSparkline(alarm, canvas) {
  const statistic = alarm.ExtendedStatistic || alarm.Statistic || 'Average';
  const points = await statistics(alarm, statistic, Math.max(60, alarm.Period || 60),
    { start: Date.now() - 3600000, end: Date.now() });
  canvas.setAttribute('data-points', String(points.length));
  const g = canvas.getContext('2d');
  const values = points.map(p => p[1]).filter(v => v !== null && v !== undefined);
  const low = Math.min(alarm.Threshold, ...values);
  const high = Math.max(alarm.Threshold, ...values);
  const y = v => high === low ? 14 : 26 - (v - low) / (high - low) * 24;
  const x = t => (t - (Date.now() / 1000 - 3600)) / 3600 * 120;
  g.clearRect(0, 0, 120, 28);
  g.strokeStyle = '#cf222e';
  g.setLineDash([3, 2]);
  g.beginPath(); g.moveTo(0, y(alarm.Threshold)); g.lineTo(120, y(alarm.Threshold)); g.stroke();
  g.setLineDash([]);
  g.strokeStyle = '#0969da';
  g.lineWidth = 1.5;
  g.beginPath();
  points.forEach(([t, v], i) => (i ? g.lineTo(x(t), y(v)) : g.moveTo(x(t), y(v))));
  g.stroke();
}

// ---- the list ----

async function alarmsView(params) {
  try { await loadPermissions(); } catch (e) { /* the list below says what went wrong */ }
  const prefix = params.get('prefix') || '';
  const state = params.get('state') || '';
  const token = params.get('token') || '';
  const filter = el('form', { class: 'toolbar', id: 'alarms-filter' },
    field('Name starts with', el('input', { id: 'alarms-prefix', value: prefix, maxlength: '255' })),
    field('State', select({ id: 'alarms-state' }, [['', 'Any'], ['ALARM', 'ALARM'], ['OK', 'OK'],
      ['INSUFFICIENT_DATA', 'Insufficient data']], state)),
    el('button', { type: 'submit' }, 'Filter'));
  filter.addEventListener('submit', event => {
    event.preventDefault();
    navigate({ prefix: document.getElementById('alarms-prefix').value,
      state: document.getElementById('alarms-state').value, token: null });
  });
  const table = el('table', { id: 'alarms' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Alarm'), el('th', {}, 'State'), el('th', {}, 'Reason'),
      el('th', {}, 'Last hour'), el('th', {}, 'Since'))),
    el('tbody'));
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading alarms...');
  const pager = el('nav', { class: 'toolbar pager', 'aria-label': 'Pages of alarms' });
  const create = guarded('cloudwatch:PutMetricAlarm', el('a', { class: 'button', id: 'create-alarm',
    href: '#/alarms/new' }, 'Create alarm'));
  show(el('div', { class: 'title' }, el('h1', {}, 'Alarms'), create), filter, status, table, pager);
  const started = performance.now();
  const refresh = async () => {
    try {
      const query = '/v1/alarms?MaxRecords=' + PAGE_SIZE + ALARM_TYPES + (prefix ? '&AlarmNamePrefix='
        + encodeURIComponent(prefix) : '') + (state ? '&StateValue=' + state : '')
        + (token ? '&NextToken=' + encodeURIComponent(token) : '');
      const answer = await api('GET', query);
      const alarms = [...(answer.MetricAlarms || []), ...(answer.CompositeAlarms || [])]
        .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
      status.textContent = alarms.length ? '' : (prefix || state ? 'No alarm matches this filter.'
        : 'No alarms yet. Create one here or with put-metric-alarm.');
      table.tBodies[0].replaceChildren(...alarms.map(alarmRow));
      pager.replaceChildren(...[
        token ? el('a', { href: '#', id: 'first-page', onclick: e => { e.preventDefault(); navigate({ token: null }); } },
          'First page') : null,
        answer.NextToken ? el('a', { href: '#', id: 'next-page', onclick: e => {
          e.preventDefault(); navigate({ token: answer.NextToken }); } }, 'Next page') : null].filter(Boolean));
      if (!table.hasAttribute('data-rendered-ms')) {
        table.setAttribute('data-rendered-ms', String(Math.round(performance.now() - started)));
      }
    } catch (e) {
      status.replaceChildren(problem(e));
    }
  };
  await refresh();
  every(refresh);
}

function alarmRow(alarm) {
  const open = () => { location.hash = alarmHref(alarm.AlarmName); };
  return el('tr', { class: 'clickable', 'data-alarm': alarm.AlarmName, 'data-state': alarm.StateValue, onclick: open },
    el('td', {}, el('a', { href: alarmHref(alarm.AlarmName) }, alarm.AlarmName),
      alarm.AlarmDescription ? el('div', { class: 'muted' }, alarm.AlarmDescription) : null),
    el('td', {}, stateBadge(alarm.StateValue)),
    el('td', { class: 'reason' }, alarm.StateReason || ''),
    el('td', {}, sparkline(alarm)),
    el('td', {}, time(alarm.StateUpdatedTimestamp)));
}

// ---- an alarm's page ----

async function alarmView(params, name) {
  if (name === 'new') {
    await loadPermissions();
    show(el('p', {}, el('a', { href: '#/alarms' }, 'All alarms')), el('h1', {}, 'Create alarm'),
      alarmForm(null));
    return;
  }
  const header = el('div', { id: 'alarm-header' }, el('p', { class: 'muted' }, 'Loading the alarm...'));
  const graph = el('div', { class: 'chart', id: 'alarm-chart' }, el('span', { class: 'muted' }, 'Loading the graph...'));
  const history = el('table', { id: 'alarm-history' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Time'), el('th', {}, 'Type'), el('th', {}, 'Summary'))), el('tbody'));
  const muteRules = el('ul', { id: 'mute-rules' });
  const actions = el('div', { id: 'alarm-actions' });
  show(el('p', {}, el('a', { href: '#/alarms' }, 'All alarms')), header, rangePicker(params), graph, actions,
    el('h2', {}, 'Mute rules'), muteRules, el('h2', {}, 'History'), history);
  try {
    await loadPermissions(name);
  } catch (e) {
    header.replaceChildren(problem(e));
    return;
  }
  let drawnFor = null;
  let formsFor = null;
  let listedFor = null;
  const refresh = async () => {
    try {
      const answer = await api('GET', '/v1/alarms?AlarmNames=' + encodeURIComponent(name) + ALARM_TYPES);
      const alarm = (answer.MetricAlarms || [])[0] || (answer.CompositeAlarms || [])[0];
      if (!alarm) {
        header.replaceChildren(el('h1', {}, name), el('p', { class: 'error', role: 'alert' },
          'No alarm of this name (it may have been deleted).'));
        actions.replaceChildren();
        return;
      }
      header.replaceChildren(el('h1', {}, alarm.AlarmName, ' ', stateBadge(alarm.StateValue)),
        el('p', { id: 'alarm-reason' }, alarm.StateReason || ''),
        el('p', { class: 'muted' }, alarm.AlarmDescription || ''));
      if (formsFor !== alarm.AlarmConfigurationUpdatedTimestamp) {
        formsFor = alarm.AlarmConfigurationUpdatedTimestamp;
        actions.replaceChildren(...[setStateForm(name), deleteControl(name),
          alarm.MetricName ? guarded('cloudwatch:PutMetricAlarm', el('details', { id: 'edit-alarm' },
            el('summary', {}, 'Edit this alarm'), alarmForm(alarm))) : null].filter(Boolean));
      }
      // History and mute rules when the alarm changes, and every 10 s; the graph every half minute.
      const changed = alarm.StateUpdatedTimestamp + '/' + alarm.AlarmConfigurationUpdatedTimestamp + '/'
        + Math.floor(Date.now() / 10000);
      if (listedFor !== changed) {
        listedFor = changed;
        await alarmDetails(name, history, muteRules);
      }
      const due = alarm.StateUpdatedTimestamp + '/' + Math.floor(Date.now() / 30000);
      if (alarm.MetricName && drawnFor !== due) {
        drawnFor = due;
        const statistic = alarm.ExtendedStatistic || alarm.Statistic || 'Average';
        drawSeries(graph, await statistics(alarm, statistic, alarm.Period || 60, timeRange(params)),
          alarm.MetricName + ' (' + statistic + ')', alarm.Threshold, breaches(alarm));
      } else if (!alarm.MetricName) {
        graph.replaceChildren(el('span', { class: 'muted' }, 'A composite alarm has no metric to draw.'));
      }
    } catch (e) {
      header.replaceChildren(problem(e));
    }
  };
  await refresh();
  every(refresh);
}

async function alarmDetails(name, history, muteRules) {
  const items = (await api('GET', '/v1/alarms/' + encodeURIComponent(name) + '/history')).AlarmHistoryItems || [];
  history.tBodies[0].replaceChildren(...items.map(item => el('tr', {},
    el('td', {}, time(item.Timestamp)), el('td', {}, item.HistoryItemType), el('td', {}, item.HistorySummary))));
  const rules = (await api('GET', '/v1/alarm-mute-rules?AlarmName=' + encodeURIComponent(name)))
    .AlarmMuteRuleSummaries || [];
  muteRules.replaceChildren(...(rules.length ? rules.map(rule => el('li', { 'data-mute-rule': rule.Name },
    el('strong', {}, rule.Name), ' ', rule.Status || '', rule.ExpireDate ? ', expires ' + time(rule.ExpireDate) : ''))
    : [el('li', { class: 'muted' }, 'No mute rule mutes this alarm.')]));
}

function setStateForm(name) {
  const message = el('p', { id: 'set-state-result', role: 'status' });
  const form = el('form', { class: 'toolbar', id: 'set-state', novalidate: '' },
    field('Set state', select({ id: 'state-value' }, ['OK', 'ALARM', 'INSUFFICIENT_DATA'], 'OK')),
    field('Reason', el('input', { id: 'state-reason', value: 'Set from the console' })),
    el('button', { type: 'submit' }, 'Set state'), message);
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
  return guarded('cloudwatch:SetAlarmState', form);
}

/** Delete asks once more in place (no browser dialog): the second click deletes. */
function deleteControl(name) {
  const message = el('span', { id: 'delete-result', role: 'status' });
  const button = el('button', { type: 'button', id: 'delete-alarm', class: 'danger' }, 'Delete alarm');
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = 'Really delete ' + name + '?';
      return;
    }
    try {
      await api('DELETE', '/v1/alarms/' + encodeURIComponent(name));
      location.hash = '#/alarms';
    } catch (e) {
      message.replaceChildren(problem(e));
    }
  });
  return guarded('cloudwatch:DeleteAlarms', el('div', { class: 'toolbar' }, button, message));
}

/** The fields of PutMetricAlarm, AWS's names; the API validates, and its message shows next to the field it names. */
const ALARM_FIELDS = [
  ['AlarmName', 'Name', a => a.AlarmName, 'text'],
  ['AlarmDescription', 'Description', a => a.AlarmDescription || '', 'text'],
  ['Namespace', 'Namespace', a => a.Namespace, 'text'],
  ['MetricName', 'Metric name', a => a.MetricName, 'text'],
  ['Dimensions', 'Dimensions', a => (a.Dimensions || []).map(d => d.Name + '=' + d.Value).join(', '), 'text',
    'Name=Value, comma-separated'],
  ['Statistic', 'Statistic', a => a.ExtendedStatistic || a.Statistic || 'Average', 'text',
    'Average, Sum, Minimum, Maximum, SampleCount, or a percentile such as p99'],
  ['Period', 'Period (seconds)', a => a.Period || 60, 'number'],
  ['EvaluationPeriods', 'Evaluation periods', a => a.EvaluationPeriods || 1, 'number'],
  ['DatapointsToAlarm', 'Datapoints to alarm', a => a.DatapointsToAlarm || '', 'number', 'empty: all of them'],
  ['ComparisonOperator', 'Comparison', a => a.ComparisonOperator || OPERATORS[1], OPERATORS],
  ['Threshold', 'Threshold', a => a.Threshold === undefined ? '' : a.Threshold, 'number'],
  ['TreatMissingData', 'Missing data', a => a.TreatMissingData || 'missing',
    ['missing', 'ignore', 'breaching', 'notBreaching']],
];

function alarmForm(alarm) {
  const editing = alarm !== null;
  const source = alarm || {};
  const general = el('p', { class: 'error', role: 'alert', id: 'alarm-form-error' });
  const inputs = {};
  const rows = ALARM_FIELDS.map(([name, label, value, type, hint]) => {
    const id = 'alarm-' + name;
    const input = Array.isArray(type) ? select({ id, name }, type, value(source))
      : el('input', { id, name, type: type === 'number' ? 'text' : type, inputmode: type === 'number' ? 'decimal' : null,
        value: String(value(source) ?? ''), readonly: editing && name === 'AlarmName' ? '' : null,
        'aria-describedby': id + '-error' });
    inputs[name] = input;
    return el('div', { class: 'form-field', 'data-field': name }, field(label, input, hint),
      el('span', { class: 'error field-error', id: id + '-error', role: 'alert' }));
  });
  const form = el('form', { id: 'alarm-form', class: 'grid-form', novalidate: '' }, ...rows,
    el('button', { type: 'submit' }, editing ? 'Save alarm' : 'Create alarm'), general);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach(node => { node.textContent = ''; });
    general.textContent = '';
    const body = alarmBody(inputs);
    try {
      await api('PUT', '/v1/alarms/' + encodeURIComponent(body.AlarmName || ' '), body);
      general.textContent = '';
      location.hash = alarmHref(body.AlarmName);
      if (editing) route();
    } catch (e) {
      const named = e.field && Object.keys(inputs).find(key => key.toLowerCase()
        === String(e.field).split(/[.[]/)[0].toLowerCase());
      if (named) {
        document.getElementById('alarm-' + named + '-error').textContent = e.words;
        inputs[named].setAttribute('aria-invalid', 'true');
        inputs[named].focus();
      } else {
        general.textContent = e.words;
      }
    }
  });
  return guarded('cloudwatch:PutMetricAlarm', form);
}

/** The request body from the form: numbers where the API takes numbers, as typed (the API says what is wrong). */
function alarmBody(inputs) {
  const value = name => inputs[name].value.trim();
  const number = name => (value(name) === '' || isNaN(Number(value(name))) ? value(name) || undefined
    : Number(value(name)));
  const body = {
    AlarmName: value('AlarmName'), Namespace: value('Namespace'), MetricName: value('MetricName'),
    Period: number('Period'), EvaluationPeriods: number('EvaluationPeriods'), Threshold: number('Threshold'),
    ComparisonOperator: value('ComparisonOperator'), TreatMissingData: value('TreatMissingData'),
  };
  if (value('AlarmDescription')) body.AlarmDescription = value('AlarmDescription');
  if (value('DatapointsToAlarm')) body.DatapointsToAlarm = number('DatapointsToAlarm');
  if (/^p\d/.test(value('Statistic'))) body.ExtendedStatistic = value('Statistic');
  else body.Statistic = value('Statistic');
  const dimensions = value('Dimensions');
  if (dimensions) {
    body.Dimensions = dimensions.split(',').map(pair => pair.trim()).filter(Boolean).map(pair => {
      const at = pair.indexOf('=');
      return at < 0 ? { Name: pair, Value: '' } : { Name: pair.substring(0, at).trim(), Value: pair.substring(at + 1).trim() };
    });
  }
  return body;
}

page('alarms', (params, rest) => (rest ? alarmView(params, rest) : alarmsView(params)));
