// The leader's dashboard: resolution times and overdue work by agency, category and area over time,
// the agencies ranked by on-time share, open cases by age, hotspots, and the periodic review report. Every chart has its figures in a table.
import { download, get, langQuery } from '../api.js';
import { describeError, disclosure, field, flash, form, h, loading, onSubmit, pageHeader, submitButton, table } from '../dom.js';
import { formatDateTime, formatNumber, formatPercent, formatPeriod, localName, t, todayInVietnam } from '../i18n.js';

const DIMENSIONS = ['agency', 'category', 'area'];
const PERIODS = ['week', 'month', 'quarter'];
const ROMAN = ['I', 'II', 'III', 'IV'];
const COLOURS = { received: '#1d4ed8', resolved: '#15803d', overdue: '#b91c1c', median: '#b45309', p90: '#7c3aed' };
const SERIES = ['#1d4ed8', '#b91c1c', '#15803d', '#b45309', '#7c3aed', '#0f766e'];
const AGE_COLOURS = ['#bbf7d0', '#fde68a', '#fdba74', '#f87171', '#991b1b'];

/*
 * Durations are shown in working days, the unit deadlines are set in: the API's working hours are the
 * hours that fell on Vietnam working days, 24 to such a day. null means nothing to measure.
 */
const workingDays = (measure, stat = 'median') => {
  const hours = measure?.workingHours?.[stat];
  return hours === null || hours === undefined ? null : hours / 24;
};

/** A duration in words: under an hour, working hours under a day, otherwise working days. */
function showDuration(measure, stat = 'median') {
  const hours = measure?.workingHours?.[stat];
  if (hours === null || hours === undefined) return '—';
  if (hours < 1) return t('leader.underHour');
  return hours < 24 ? t('leader.workHours', { n: formatNumber(hours, 1) }) : t('leader.workDays', { n: formatNumber(hours / 24, 1) });
}

/** The same in calendar days, as a note beside a working time of a day or more. */
function calendarNote(measure, stat = 'median') {
  const hours = measure?.calendarHours?.[stat];
  return hours === null || hours === undefined || hours < 24 ? null : t('leader.calendarDays', { n: formatNumber(hours / 24, 1) });
}

let chartJs;
/** Chart.js is only needed here: load it on the first visit to the dashboard. */
function loadChartJs() {
  chartJs ??= new Promise((resolve, reject) => {
    const script = h('script', { src: '/assets/vendor/chart.umd.js' });
    script.addEventListener('load', () => resolve(window.Chart));
    script.addEventListener('error', () => {
      chartJs = null;
      reject(new Error('Chart.js could not be loaded'));
    });
    document.head.append(script);
  });
  return chartJs;
}

function firstOfMonthAgo(months) {
  const [y, m] = todayInVietnam().split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - months, 1));
  return d.toISOString().slice(0, 10);
}

/*
 * Drill-down: a figure is a link to the cases behind it (#/cases, the same filters: the figure, the
 * period, the row's agency, category or area), and that list counts what the figure counts.
 */
const DIM_FILTER = {
  agency: (code) => (code ? { leadAgency: code } : { unassigned: 'true' }),
  category: (code) => (code ? { category: code } : null),
  area: (code) => (code ? { area: code } : null),
};

/** The row's dimension as list filters, or null when the list cannot say it (a case without a category). */
function rowFilter(row, dim) {
  if (!row || row.isTotal || !row.key || !(dim in row.key)) return {};
  return DIM_FILTER[dim]?.(row.key[dim]) ?? null;
}

/** A count that opens the list of its cases; a plain number when the list cannot be made. */
function figureLink(text, filters) {
  if (!filters) return text;
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return h('a', { href: `#/cases?${qs}`, class: 'figure-link' }, text);
}

/** The first and last day of a period key (2026-W07, 2026-02, 2026-Q1, 2026), within the dashboard's period. */
function periodDays(key, scope) {
  const iso = (d) => d.toISOString().slice(0, 10);
  const day = (y, m, d) => iso(new Date(Date.UTC(y, m, d)));
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  const quarter = /^(\d{4})-Q(\d)$/.exec(key);
  const year = /^(\d{4})$/.exec(key);
  let bounds;
  if (week) {
    // ISO week: the Monday of the week that holds 4 January, then whole weeks.
    const jan4 = Date.UTC(+week[1], 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (+week[2] - 1) * 7 * 86_400_000;
    bounds = [iso(new Date(monday)), iso(new Date(monday + 6 * 86_400_000))];
  } else if (month) bounds = [`${key}-01`, day(+month[1], +month[2], 0)];
  else if (quarter) bounds = [day(+quarter[1], (+quarter[2] - 1) * 3, 1), day(+quarter[1], +quarter[2] * 3, 0)];
  else if (year) bounds = [`${key}-01-01`, `${key}-12-31`];
  else return null;
  return { from: bounds[0] > scope.from ? bounds[0] : scope.from, to: bounds[1] < scope.to ? bounds[1] : scope.to };
}

export async function renderDashboard(view, { query, navigate }) {
  const scope = {
    from: query.from || firstOfMonthAgo(11),
    to: query.to || todayInVietnam(),
    by: DIMENSIONS.includes(query.by) ? query.by : 'agency',
    every: PERIODS.includes(query.every) ? query.every : 'month',
  };
  const charts = [];
  let shown = true;
  const drawChart = async (canvas, config) => {
    try {
      const Chart = await loadChartJs();
      // The user may have left the page while Chart.js or the figures loaded.
      if (shown) charts.push(new Chart(canvas, config));
    } catch {
      canvas.replaceWith(h('p', { class: 'hint' }, t('leader.unavailable')));
    }
  };

  const dimName = t(`leader.dim.${scope.by}`).toLowerCase();
  const sections = {
    kpis: section('kpis', t('leader.kpis')),
    trend: section('trend', t('leader.trend')),
    ranking: section('ranking', t('leader.ranking')),
    byDim: section('by-dimension', t('leader.byDim', { dim: dimName })),
    dimTrend: section('dimension-trend', t('leader.dimTrend', { dim: dimName })),
    open: section('open-cases', t('leader.open')),
    hotspots: section('hotspots', t('leader.hotspots'), t('leader.hotspotsIntro')),
    report: section('report', t('leader.report'), t('leader.reportIntro')),
  };
  view.append(
    pageHeader(t('leader.title'), t('leader.intro')),
    scopeForm(scope, (next) => navigate(`/leader?${new URLSearchParams(next)}`)),
    h(
      'div',
      { class: 'dashboard' },
      Object.values(sections).map((s) => s.el),
    ),
  );

  const metrics = (groupBy) => get('/metrics/resolution-times', { groupBy, from: scope.from, to: scope.to, ...langQuery() });
  const tasks = [
    load(sections.kpis.body, sections.trend.body, async () => {
      const trend = await metrics(scope.every);
      sections.kpis.body.replaceChildren(...kpis(trend.totals, trend.percentiles, scope));
      sections.trend.body.replaceChildren(...trendView(trend, scope, drawChart));
    }),
    load(sections.byDim.body, sections.dimTrend.body, async () => {
      const [byDim, dimTrend] = await Promise.all([metrics(scope.by), metrics(`${scope.every},${scope.by}`)]);
      sections.byDim.body.replaceChildren(...byDimensionView(byDim, scope, drawChart));
      sections.dimTrend.body.replaceChildren(...dimensionTrendView(dimTrend, byDim, scope, drawChart));
    }),
    load(sections.ranking.body, null, async () =>
      sections.ranking.body.replaceChildren(...rankingView(await get('/metrics/agency-ranking', { from: scope.from, to: scope.to, ...langQuery() }))),
    ),
    load(sections.open.body, null, async () =>
      sections.open.body.replaceChildren(...openCasesView(await get('/metrics/open-cases', { groupBy: scope.by, ...langQuery() }), scope, drawChart)),
    ),
    load(sections.hotspots.body, null, async () => sections.hotspots.body.replaceChildren(hotspotsView(await get('/hotspots', langQuery())))),
  ];
  sections.report.body.replaceChildren(await reportForm());
  await Promise.all(tasks);
  return () => {
    shown = false;
    for (const chart of charts) chart.destroy();
  };
}

/** A titled card of the dashboard; its body shows "loading" until its figures arrive. */
function section(id, title, intro) {
  const body = h('div', { class: 'section-body' }, loading());
  const el = h(
    'section',
    { class: `card dash-${id}`, 'aria-labelledby': `${id}-title`, 'data-testid': `dash-${id}` },
    h('h2', { id: `${id}-title` }, title),
    intro ? h('p', { class: 'hint' }, intro) : null,
    body,
  );
  return { el, body };
}

/** Runs a loader; a failure (no figures yet, the network) shows in the sections it feeds, with a retry. */
async function load(body, other, loader) {
  try {
    await loader();
  } catch (error) {
    const retry = () => {
      body.replaceChildren(loading());
      other?.replaceChildren(loading());
      void load(body, other, loader);
    };
    const box = () =>
      h(
        'div',
        { class: 'notice', role: 'status' },
        h('p', {}, t('leader.unavailable')),
        h('p', { class: 'hint' }, describeError(error)),
        h('button', { type: 'button', class: 'btn btn-small', onclick: retry }, t('error.retry')),
      );
    body.replaceChildren(box());
    other?.replaceChildren(box());
  }
}

function scopeForm(scope, apply) {
  const dims = DIMENSIONS.map((d) => [d, t(`leader.dim.${d}`)]);
  const periods = PERIODS.map((p) => [p, t(`leader.period.${p}`)]);
  return onSubmit(
    form(
      { class: 'filters card', 'aria-label': t('leader.filters') },
      h(
        'fieldset',
        {},
        h('legend', { class: 'visually-hidden' }, t('leader.filters')),
        field({ name: 'from', label: t('leader.from'), type: 'date', required: true, value: scope.from }),
        field({ name: 'to', label: t('leader.to'), type: 'date', required: true, value: scope.to }),
        field({ name: 'by', label: t('leader.by'), kind: 'select', options: dims, value: scope.by }),
        field({ name: 'every', label: t('leader.every'), kind: 'select', options: periods, value: scope.every }),
        h('div', { class: 'filters-submit' }, submitButton(t('leader.update'))),
      ),
    ),
    apply,
    (v) => (v.from && v.to && v.from > v.to ? [{ field: 'to', message: t('v.dateOrder') }] : []),
  );
}

function kpis(totals, percentiles, scope) {
  const counted = (figure, n) => figureLink(formatNumber(n), { figure, from: scope.from, to: scope.to });
  const items = [
    ['received', t('leader.received'), counted('received', totals.received)],
    ['resolved', t('leader.resolved'), counted('resolved', totals.resolved)],
    ['closed', t('leader.closed'), counted('closed', totals.closed)],
    ['overdue', t('leader.overdue'), counted('overdue', totals.overdue)],
    ['on-time', t('leader.onTime'), formatPercent(totals.onTimeShare)],
    ['median-resolve', t('leader.medianResolve'), showDuration(totals.resolve), calendarNote(totals.resolve)],
    ['p90-resolve', t('leader.p90Resolve'), showDuration(totals.resolve, 'p90'), calendarNote(totals.resolve, 'p90')],
    ['median-ack', t('leader.medianAck'), showDuration(totals.acknowledge), calendarNote(totals.acknowledge)],
    ['median-triage', t('leader.medianTriage'), showDuration(totals.triage)],
    ['triage-on-time', t('leader.triageOnTime'), formatPercent(totals.triage?.onTimeShare ?? null)],
    ['median-verify', t('leader.medianVerify'), showDuration(totals.verify)],
    ['mean-paused', t('leader.meanPaused'), showDuration(totals.paused, 'mean')],
  ];
  return [
    h(
      'dl',
      { class: 'kpis' },
      items.map(([key, name, value, note]) =>
        h(
          'div',
          { class: `kpi kpi-${key}` },
          h('dt', {}, name),
          h('dd', { 'data-testid': `kpi-${key}` }, value),
          note ? h('dd', { class: 'kpi-note' }, note) : null,
        ),
      ),
    ),
    h('p', { class: 'hint' }, t('leader.timeNote')),
    percentiles === 'estimated' ? h('p', { class: 'hint', 'data-testid': 'percentiles-estimated' }, t('leader.estimated')) : null,
  ].filter(Boolean);
}

function periodLabel(row, key) {
  return formatPeriod(row.key[key]) || row.label;
}

/** A chart, with its figures in a table behind a button (the accessible form of the same data). */
function chartWithTable(caption, config, tableEl, drawChart) {
  const canvas = h('canvas', { role: 'img', 'aria-label': caption });
  void drawChart(canvas, config);
  return [h('div', { class: 'chart' }, canvas), disclosure(t('leader.showTable'), tableEl, { variant: 'btn-small' })];
}

const baseOptions = (extra = {}) => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  plugins: { legend: { position: 'bottom' } },
  ...extra,
});

function trendView(trend, scope, drawChart) {
  if (!trend.rows.length) return [h('p', { class: 'empty' }, t('leader.noData'))];
  const labels = trend.rows.map((r) => periodLabel(r, scope.every));
  const config = {
    data: {
      labels,
      datasets: [
        { type: 'bar', label: t('leader.received'), data: trend.rows.map((r) => r.received), backgroundColor: COLOURS.received },
        { type: 'bar', label: t('leader.resolved'), data: trend.rows.map((r) => r.resolved), backgroundColor: COLOURS.resolved },
        { type: 'bar', label: t('leader.overdue'), data: trend.rows.map((r) => r.overdue), backgroundColor: COLOURS.overdue },
        {
          type: 'line',
          label: t('leader.medianResolve'),
          data: trend.rows.map((r) => workingDays(r.resolve)),
          borderColor: COLOURS.median,
          backgroundColor: COLOURS.median,
          yAxisID: 'days',
          spanGaps: true,
        },
      ],
    },
    options: baseOptions({
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 } },
        days: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: t('leader.workDaysUnit') } },
      },
    }),
  };
  return chartWithTable(
    t('leader.trend'),
    config,
    figuresTable(
      trend,
      (r) => periodLabel(r, scope.every),
      t('leader.period'),
      (r) => (r.isTotal ? { from: scope.from, to: scope.to } : periodDays(r.key[scope.every], scope)),
    ),
    drawChart,
  );
}

/** The figures of a resolution-times answer, one row per group and the totals. */
function figuresTable(result, rowName, firstTitle, drill = () => null) {
  const rows = [...result.rows, { ...result.totals, isTotal: true }];
  // `drill(row)`: the row's list filters (period, dimension), or null for a plain number.
  const count = (figure) => (r) => {
    const filters = drill(r);
    return filters ? figureLink(formatNumber(r[figure]), { figure, ...filters }) : formatNumber(r[figure]);
  };
  return table(
    [
      { title: firstTitle, cell: (r) => (r.isTotal ? h('strong', {}, t('leader.totalRow')) : rowName(r)) },
      { title: t('leader.received'), cell: count('received'), className: 'num' },
      { title: t('leader.resolved'), cell: count('resolved'), className: 'num' },
      { title: t('leader.overdue'), cell: count('overdue'), className: 'num' },
      { title: t('leader.onTime'), cell: (r) => formatPercent(r.onTimeShare), className: 'num' },
      { title: t('leader.medianAck'), cell: (r) => showDuration(r.acknowledge), className: 'num' },
      { title: t('leader.medianResolve'), cell: (r) => showDuration(r.resolve), className: 'num' },
      { title: t('leader.p90Resolve'), cell: (r) => showDuration(r.resolve, 'p90'), className: 'num' },
    ],
    rows,
    { caption: t('leader.tableCaption'), className: 'figures' },
  );
}

function byDimensionView(byDim, scope, drawChart) {
  if (!byDim.rows.length) return [h('p', { class: 'empty' }, t('leader.noData'))];
  const labels = byDim.rows.map((r) => r.label || r.key[scope.by]);
  const horizontal = (datasets) => ({
    type: 'bar',
    data: { labels, datasets },
    options: baseOptions({ indexAxis: 'y', scales: { x: { beginAtZero: true } } }),
  });
  const timeCaption = `${t('leader.medianResolve')} — ${t(`leader.dim.${scope.by}`)}`;
  const overdueCaption = `${t('leader.overdue')} — ${t(`leader.dim.${scope.by}`)}`;
  const timeCanvas = h('canvas', { role: 'img', 'aria-label': timeCaption });
  const overdueCanvas = h('canvas', { role: 'img', 'aria-label': overdueCaption });
  void drawChart(
    timeCanvas,
    horizontal([
      { label: t('leader.series.median'), data: byDim.rows.map((r) => workingDays(r.resolve)), backgroundColor: COLOURS.median },
      { label: t('leader.series.p90'), data: byDim.rows.map((r) => workingDays(r.resolve, 'p90')), backgroundColor: COLOURS.p90 },
    ]),
  );
  void drawChart(
    overdueCanvas,
    horizontal([
      { label: t('leader.overdue'), data: byDim.rows.map((r) => r.overdue), backgroundColor: COLOURS.overdue },
      { label: t('leader.resolved'), data: byDim.rows.map((r) => r.resolved), backgroundColor: COLOURS.resolved },
    ]),
  );
  return [
    h('div', { class: 'chart-pair' }, h('div', { class: 'chart chart-tall' }, timeCanvas), h('div', { class: 'chart chart-tall' }, overdueCanvas)),
    figuresTable(
      byDim,
      (r) => r.label || r.key[scope.by],
      t(`leader.dim.${scope.by}`),
      (r) => {
        const filters = rowFilter(r, scope.by);
        return filters ? { from: scope.from, to: scope.to, ...filters } : null;
      },
    ),
  ];
}

/** One line per agency (category, area) across the periods: the six with the most cases. */
function dimensionTrendView(dimTrend, byDim, scope, drawChart) {
  if (!dimTrend.rows.length) return [h('p', { class: 'empty' }, t('leader.noData'))];
  const periods = [...new Set(dimTrend.rows.map((r) => r.key[scope.every]))].sort();
  const top = [...byDim.rows].sort((a, b) => b.received - a.received).slice(0, SERIES.length);
  const cell = (dimKey, period) => dimTrend.rows.find((r) => r.key[scope.by] === dimKey && r.key[scope.every] === period);
  const datasets = top.map((d, i) => ({
    label: d.label || d.key[scope.by],
    data: periods.map((p) => workingDays(cell(d.key[scope.by], p)?.resolve)),
    borderColor: SERIES[i],
    backgroundColor: SERIES[i],
    spanGaps: true,
  }));
  const config = { type: 'line', data: { labels: periods.map(formatPeriod), datasets }, options: baseOptions({ scales: { y: { beginAtZero: true } } }) };
  const tableEl = table(
    [
      { title: t(`leader.dim.${scope.by}`), cell: (d) => d.label || d.key[scope.by] },
      ...periods.map((p) => ({ title: formatPeriod(p), cell: (d) => showDuration(cell(d.key[scope.by], p)?.resolve), className: 'num' })),
    ],
    top,
    { caption: t('leader.tableCaption'), className: 'figures' },
  );
  return chartWithTable(t('leader.dimTrend', { dim: t(`leader.dim.${scope.by}`) }), config, tableEl, drawChart);
}

function openCasesView(open, scope, drawChart) {
  if (!open.rows.length) return [h('p', { class: 'empty' }, t('leader.noOpen'))];
  const labels = open.rows.map((r) => r.label || Object.values(r.key)[0]);
  const config = {
    type: 'bar',
    data: {
      labels,
      datasets: open.buckets.map((b, i) => ({
        label: t('leader.age', { bucket: b }),
        data: open.rows.map((r) => r.byAge?.[b] ?? 0),
        backgroundColor: AGE_COLOURS[i % AGE_COLOURS.length],
      })),
    },
    options: baseOptions({ indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } }),
  };
  const rows = [...open.rows, { ...open.totals, isTotal: true }];
  const openLink = (r, text, extra) => {
    const filters = rowFilter(r, scope.by);
    return figureLink(text, filters ? { figure: 'open', ...filters, ...extra } : null);
  };
  const tableEl = table(
    [
      { title: t(`leader.dim.${scope.by}`), cell: (r) => (r.isTotal ? h('strong', {}, t('leader.totalRow')) : r.label || Object.values(r.key)[0]) },
      { title: t('leader.total'), cell: (r) => openLink(r, formatNumber(r.total), {}), className: 'num' },
      { title: t('leader.overdue'), cell: (r) => openLink(r, formatNumber(r.overdue), { overdue: 'true' }), className: 'num' },
      ...open.buckets.map((b) => ({
        title: t('leader.age', { bucket: b }),
        cell: (r) => openLink(r, formatNumber(r.byAge?.[b] ?? 0), { age: b }),
        className: 'num',
      })),
    ],
    rows,
    { caption: t('leader.tableCaption'), className: 'figures' },
  );
  return chartWithTable(t('leader.open'), config, tableEl, drawChart);
}

/** The published ranking: ranked agencies in order, then those with too few answered cases; counts only. */
function rankingView(ranking) {
  const rows = [...ranking.ranked, ...ranking.unranked];
  const intro = h('p', { class: 'hint' }, t('leader.rankingIntro', { n: formatNumber(ranking.minAnswered) }));
  if (!rows.length) return [intro, h('p', { class: 'empty' }, t('leader.noRanking'))];
  const count = (n) => (n === null ? '—' : formatNumber(n));
  const hours = (value) => (value === null || value === undefined ? null : { workingHours: { median: value } });
  return [
    intro,
    table(
      [
        {
          title: t('leader.rank'),
          cell: (r) => (r.rank === null ? h('span', { class: 'hint' }, t('leader.unranked')) : formatNumber(r.rank)),
          className: 'num',
        },
        { title: t('leader.dim.agency'), cell: (r) => r.label || r.agency },
        { title: t('leader.answered'), cell: (r) => count(r.answered), className: 'num' },
        { title: t('leader.onTimeCount'), cell: (r) => count(r.onTime), className: 'num' },
        { title: t('leader.onTimeShare'), cell: (r) => formatPercent(r.onTimeShare), className: 'num' },
        { title: t('leader.medianResolve'), cell: (r) => showDuration(hours(r.resolveMedianWorkingHours)), className: 'num' },
        { title: t('leader.meanPaused'), cell: (r) => showDuration(r.paused, 'mean'), className: 'num' },
      ],
      rows,
      { caption: t('leader.tableCaption'), className: 'figures ranking-table' },
    ),
  ];
}

function hotspotsView({ items }) {
  if (!items.length) return h('p', { class: 'empty' }, t('leader.noHotspots'));
  return table(
    [
      { title: t('case.area'), cell: (x) => x.area?.label ?? x.area?.code },
      {
        title: t('case.category'),
        cell: (x) => [x.category?.label ?? x.category?.code, x.sensitive ? h('span', { class: 'badge badge-sensitive' }, t('leader.sensitive')) : null],
      },
      { title: t('leader.hotspotRecent'), cell: (x) => formatNumber(x.recentCount), className: 'num' },
      { title: t('leader.hotspotBaseline'), cell: (x) => formatNumber(x.baselineWeeklyMean, 1), className: 'num' },
      { title: t('leader.hotspotScore'), cell: (x) => formatNumber(x.score, 1), className: 'num' },
      { title: t('case.peopleAffected'), cell: (x) => formatNumber(x.peopleAffected), className: 'num' },
      { title: t('leader.hotspotDetected'), cell: (x) => formatDateTime(x.detectedAt) },
    ],
    items,
    { className: 'hotspots-table' },
  );
}

/** Quarters, halves and years of this year and the last, most recent first. */
function reportPeriods() {
  const [year, month] = todayInVietnam().split('-').map(Number);
  const quarter = Math.ceil(month / 3);
  const out = [];
  for (const y of [year, year - 1]) {
    for (let q = 4; q >= 1; q--) if (y < year || q <= quarter) out.push([`${y}-Q${q}`, t('leader.quarter', { q, qr: ROMAN[q - 1], y })]);
    for (const hh of [2, 1]) if (y < year || (hh - 1) * 6 < month) out.push([`${y}-H${hh}`, t('leader.half', { h: t(`leader.half${hh}`), y })]);
    out.push([`${y}`, t('leader.year', { y })]);
  }
  return out;
}

async function reportForm() {
  const programmes = await get('/programmes').catch(() => []);
  return onSubmit(
    form(
      { class: 'stack' },
      h(
        'div',
        { class: 'grid-3' },
        field({ name: 'period', label: t('leader.reportPeriod'), kind: 'select', required: true, options: reportPeriods() }),
        field({
          name: 'format',
          label: t('leader.reportFormat'),
          kind: 'select',
          required: true,
          // The DOCX first: the report itself, which the standing body completes and signs; the others are its figures.
          options: [
            ['docx', t('leader.formatDocx')],
            ['xlsx', 'Excel (.xlsx)'],
            ['pdf', t('leader.formatPdf')],
            ['csv', 'CSV'],
          ],
        }),
        field({
          name: 'programme',
          label: t('leader.reportProgramme'),
          kind: 'select',
          options: [['', t('leader.allProgrammes')], ...programmes.map((p) => [p.code, `${p.code} — ${localName(p, 'title')}`])],
        }),
      ),
      h('div', { class: 'actions' }, submitButton(t('leader.download'))),
    ),
    async ({ period, format, programme }) => {
      const name = await download('/reports/review', { period, format, programme, ...langQuery() }, `bao-cao-so-ket-${period}.${format}`);
      flash(t('leader.downloaded', { name }));
    },
  );
}
