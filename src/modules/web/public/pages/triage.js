// The triage desk: what waits for classification, what waits for verification, extension requests.
// The queue's filters, order and page live in the URL (#/triage?sort=oldest&channel=PETITION&page=2),
// so back and forward, a bookmark and a saved view all bring the same list back.
import { get, post, reference } from '../api.js';
import { clockBadge, field, flash, form, h, loading, onSubmit, pageHeader, priorityBadge, problemBox, statusBadge, table } from '../dom.js';
import { formatDateTime, formatNumber, label, localName, options, t } from '../i18n.js';
import { areaOptions, categoryOptions } from './cases.js';
import { hrefWith, pager, pick, savedViews, sortHeader } from './queue-kit.js';

const VIEWS = {
  intake: { title: 'triage.intake', intro: 'triage.intakeIntro', statuses: ['NEW', 'RETURNED', 'NEEDS_INFO'], bulk: true },
  verify: { title: 'triage.verify', intro: 'triage.verifyIntro', statuses: ['RESOLVED'] },
  extensions: { title: 'triage.extensions', intro: 'triage.extensionsIntro' },
};
const PAGE_SIZE = 20;
/** The URL keys of the queue (the API's own names, so the query goes to GET /cases as it is). */
const KEYS = ['view', 'q', 'status', 'channel', 'category', 'area', 'priority', 'from', 'to', 'late', 'sort', 'page'];
const PATH = '/triage';
const DAY_MS = 86_400_000;

export async function renderTriage(view, { query, navigate }) {
  const current = VIEWS[query.view] ? query.view : 'intake';
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('triage.views') },
    h(
      'ul',
      {},
      Object.entries(VIEWS).map(([key, v]) =>
        h('li', {}, h('a', { href: `#/triage?view=${key}`, 'aria-current': key === current ? 'page' : null }, t(v.title))),
      ),
    ),
  );
  const { title, intro, statuses, bulk } = VIEWS[current];
  view.append(pageHeader(t('triage.title')), tabs, h('h2', {}, t(title)), h('p', { class: 'lead' }, t(intro)));

  if (current === 'extensions') {
    const results = h('div', { class: 'results' });
    view.append(results);
    await renderExtensions(results);
    return;
  }

  // The list's state, from the URL; the oldest waiting case first unless the user chose otherwise.
  const state = pick(query, KEYS);
  const sort = state.sort ?? 'oldest';
  const page = Math.max(1, Number.parseInt(state.page ?? '1', 10) || 1);
  const status = state.status && statuses.includes(state.status) ? [state.status] : statuses;
  const api = { ...pick(state, ['q', 'channel', 'category', 'area', 'priority', 'from', 'to', 'late']), status, sort, page, pageSize: PAGE_SIZE };

  const [bar, views] = await Promise.all([
    queueFilters(state, statuses, (values) => navigate(hrefWith(PATH, { view: state.view }, values).slice(1))),
    savedViews({ page: 'triage', path: PATH, query: state, navigate }),
  ]);
  const results = h('div', { class: 'results', 'data-testid': 'triage-queue' });
  const outcome = h('div', { class: 'bulk-results', 'aria-live': 'polite' });
  view.append(h('div', { class: 'queue-tools' }, bar, views), outcome, results);

  const draw = async () => {
    results.replaceChildren(loading());
    let list;
    try {
      list = await get('/cases', api);
    } catch (error) {
      results.replaceChildren(problemBox(error, draw));
      return;
    }
    const ctx = { path: PATH, query: state, sort };
    const paging = pager({ path: PATH, query: state, total: list.total, page, pageSize: PAGE_SIZE });
    if (!list.items.length) {
      results.replaceChildren(paging, h('p', { class: 'empty' }, t('list.empty')));
      return;
    }
    const selected = new Set();
    const bulkBar = bulk ? await bulkActions(list.items, selected, outcome, draw) : null;
    // replaceChildren would write a null as text: leave the missing parts out.
    const parts = [paging, queueTable(list.items, ctx, bulk ? selected : null, bulkBar), bulkBar?.el];
    if (list.total > PAGE_SIZE) parts.push(pager({ path: PATH, query: state, total: list.total, page, pageSize: PAGE_SIZE, bottom: true }));
    results.replaceChildren(...parts.filter(Boolean));
  };
  await draw();
}

/** Days since receipt, whole days (what "waiting" means on the desk). */
function daysWaiting(c) {
  return Math.max(0, Math.floor((Date.now() - Date.parse(c.createdAt)) / DAY_MS));
}

function queueTable(items, ctx, selected, bulkBar) {
  const received = ctx.sort === 'oldest' ? 'newest' : 'oldest';
  const columns = [
    {
      title: t('list.title'),
      className: 'col-title',
      cell: (c) => h('a', { href: `#/cases/${c.id}`, class: 'case-link' }, h('span', { class: 'case-code' }, c.code), ' ', h('span', {}, c.title)),
    },
    selected
      ? {
          title: t('queue.select'),
          cell: (c) =>
            h('input', {
              type: 'checkbox',
              class: 'row-select',
              'aria-label': t('queue.selectCase', { code: c.code }),
              'data-case-id': c.id,
              onchange: (e) => {
                if (e.target.checked) selected.add(c.id);
                else selected.delete(c.id);
                bulkBar?.update();
              },
            }),
        }
      : null,
    { title: t('list.place'), cell: (c) => [localName(c.area), c.category ? localName(c.category, 'label') : t('case.noCategory')].join(' · ') },
    { title: sortHeader(t('list.priority'), 'priority', ctx), cell: (c) => priorityBadge(c.priority) },
    {
      title: sortHeader(t('queue.affected'), 'affected', ctx),
      cell: (c) => (c.peopleAffected === null ? '—' : formatNumber(c.peopleAffected)),
      className: 'num',
    },
    {
      title: sortHeader(
        t(ctx.sort === 'newest' ? 'queue.receivedNewest' : 'list.received'),
        ctx.sort === 'oldest' || ctx.sort === 'newest' ? received : 'oldest',
        {
          ...ctx,
          sort: ctx.sort === 'oldest' || ctx.sort === 'newest' ? received : ctx.sort,
        },
      ),
      cell: (c) => formatDateTime(c.createdAt),
    },
    { title: t('queue.waiting'), cell: (c) => t('queue.days', { n: formatNumber(daysWaiting(c)) }), className: 'num col-waiting' },
    {
      title: sortHeader(t('queue.ownDeadline'), 'deadline', ctx),
      cell: (c) => (c.clock ? [h('span', { class: 'deadline-kind' }, t(`clock.step.${c.clock.step}`)), ' ', clockBadge(c.clock)] : '—'),
    },
    { title: t('list.status'), cell: (c) => statusBadge(c.status) },
  ].filter(Boolean);
  const el = table(columns, items, { className: 'case-table queue-table' });
  // The sort of the list is told on its header cell too (aria-sort), for screen readers.
  const sortKeyOf = { priority: 'priority', affected: 'affected', deadline: 'deadline', oldest: 'received', newest: 'received' };
  for (const th of el.querySelectorAll('thead th')) {
    const link = th.querySelector('a.sort-link');
    if (!link) continue;
    const key = link.dataset.sort;
    const isCurrent = key === ctx.sort || (sortKeyOf[ctx.sort] === 'received' && (key === 'oldest' || key === 'newest'));
    th.setAttribute('aria-sort', isCurrent ? (ctx.sort === 'newest' || ctx.sort === 'affected' ? 'descending' : 'ascending') : 'none');
  }
  return el;
}

/** The filter form, filled from the URL; applying it changes the URL (a new history entry). */
async function queueFilters(state, statuses, apply) {
  const [areas, categories] = await Promise.all([areaOptions(), categoryOptions()]);
  const all = [['', t('filter.all')]];
  const bar = h(
    'form',
    { class: 'filters', role: 'search', 'data-testid': 'queue-filters' },
    h(
      'fieldset',
      {},
      h('legend', { class: 'visually-hidden' }, t('filter.legend')),
      field({ name: 'q', label: t('queue.q'), type: 'search', placeholder: t('queue.qPlaceholder'), value: state.q, attrs: { maxlength: 200 } }),
      statuses.length > 1
        ? field({
            name: 'status',
            label: t('filter.status'),
            kind: 'select',
            value: state.status ?? '',
            options: [...all, ...options('caseStatus').filter(([s]) => statuses.includes(s))],
          })
        : null,
      field({ name: 'channel', label: t('queue.channel'), kind: 'select', value: state.channel ?? '', options: [...all, ...options('channel')] }),
      field({ name: 'area', label: t('filter.area'), kind: 'select', value: state.area ?? '', options: [...all, ...areas] }),
      field({ name: 'category', label: t('filter.category'), kind: 'select', value: state.category ?? '', options: [...all, ...categories] }),
      field({ name: 'priority', label: t('filter.priority'), kind: 'select', value: state.priority ?? '', options: [...all, ...options('priority')] }),
      field({ name: 'from', label: t('queue.receivedFrom'), type: 'date', value: state.from }),
      field({ name: 'to', label: t('queue.receivedTo'), type: 'date', value: state.to }),
      h(
        'div',
        { class: 'check' },
        // Late by the clock that matters now: the standing body's own step while the case is theirs.
        h('input', { type: 'checkbox', id: 'filter-late', name: 'late', value: 'true', checked: state.late === 'true' }),
        h('label', { for: 'filter-late' }, t('queue.lateOnly')),
      ),
      h('div', { class: 'filters-submit' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('filter.apply'))),
    ),
  );
  bar.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(bar)].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v));
    if (values.from && values.to && values.from > values.to) {
      flash(t('v.dateOrder'), 'error');
      return;
    }
    // The order stays as chosen; the filters are the form's.
    apply({ ...values, sort: state.sort });
  });
  return bar;
}

/**
 * Actions on the selected cases: route them to an agency, set their priority, merge them into a
 * chosen case. The API acts on each case on its own and says what happened to each; so does the page.
 */
async function bulkActions(items, selected, outcome, redraw) {
  const units = await reference('org-units');
  const categories = await categoryOptions();
  const agencies = units
    .filter((u) => u.active && u.kind !== 'PROPAGANDA_DEPT')
    .map((u) => [u.code, localName(u)])
    .sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  const codeOf = new Map(items.map((c) => [c.id, c.code]));
  const countEl = h('p', { class: 'bulk-count', 'data-testid': 'bulk-count' }, t('queue.selected', { n: 0 }));
  const buttons = [];

  const run = async (action, body) => {
    const caseIds = [...selected];
    if (!caseIds.length) {
      flash(t('queue.selectFirst'), 'error');
      return;
    }
    const { results } = await post(`/cases/bulk/${action}`, { caseIds, ...body });
    const ok = results.filter((r) => r.ok).length;
    outcome.replaceChildren(
      h(
        'section',
        { class: 'card bulk-outcome', 'data-testid': 'bulk-results', 'aria-labelledby': 'bulk-results-title' },
        h('h2', { id: 'bulk-results-title', class: 'h3' }, t('queue.bulkDone', { ok: formatNumber(ok), failed: formatNumber(results.length - ok) })),
        table(
          [
            { title: t('queue.case'), cell: (r) => h('a', { href: `#/cases/${r.caseId}` }, codeOf.get(r.caseId) ?? r.caseId) },
            {
              title: t('queue.result'),
              cell: (r) =>
                r.ok
                  ? h('span', { class: 'badge result-ok', 'data-ok': 'true' }, t('queue.ok'))
                  : h('span', { class: 'badge result-failed', 'data-ok': 'false' }, t('queue.failed')),
            },
            { title: t('list.status'), cell: (r) => (r.status ? label('caseStatus', r.status) : '—') },
            { title: t('queue.reason'), cell: (r) => (r.ok ? '' : (r.message ?? '')) },
          ],
          results,
          { className: 'bulk-table' },
        ),
      ),
    );
    flash(t('queue.bulkDone', { ok: formatNumber(ok), failed: formatNumber(results.length - ok) }), results.length === ok ? 'success' : 'error');
    await redraw();
  };

  const routeForm = onSubmit(
    form(
      { class: 'inline-form', 'data-testid': 'bulk-route' },
      field({ name: 'leadAgency', label: t('queue.leadAgency'), kind: 'select', required: true, options: [['', t('form.choose')], ...agencies] }),
      field({ name: 'categoryCode', label: t('queue.category'), kind: 'select', options: [['', t('queue.keepCategory')], ...categories] }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('queue.route'))),
    ),
    ({ leadAgency, categoryCode }) => run('triage', { leadAgency, categoryCode: categoryCode || undefined }),
  );
  const priorityForm = onSubmit(
    form(
      { class: 'inline-form', 'data-testid': 'bulk-priority' },
      field({ name: 'priority', label: t('filter.priority'), kind: 'select', required: true, options: [['', t('form.choose')], ...options('priority')] }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn' }, t('queue.setPriority'))),
    ),
    ({ priority }) => run('priority', { priority }),
  );
  const mergeForm = onSubmit(
    form(
      { class: 'inline-form', 'data-testid': 'bulk-merge' },
      field({ name: 'into', label: t('queue.mergeInto'), hint: t('queue.mergeIntoHint'), required: true, attrs: { maxlength: 32 } }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn' }, t('queue.merge'))),
    ),
    async ({ into }) => {
      const found = await get('/cases', { q: into.trim(), pageSize: 1 });
      const target = found.items.find((c) => c.code === into.trim().toUpperCase());
      if (!target) throw new Error(t('queue.noSuchCase', { code: into }));
      selected.delete(target.id);
      await run('merge', { intoCaseId: target.id });
    },
  );
  for (const f of [routeForm, priorityForm, mergeForm]) buttons.push(...f.querySelectorAll('button[type=submit]'));
  const el = h(
    'section',
    { class: 'card bulk-actions', 'aria-labelledby': 'bulk-title' },
    h('h2', { id: 'bulk-title', class: 'h3' }, t('queue.bulkTitle')),
    countEl,
    h('div', { class: 'bulk-forms' }, routeForm, priorityForm, mergeForm),
  );
  const update = () => {
    countEl.textContent = t('queue.selected', { n: formatNumber(selected.size) });
    for (const b of buttons) b.disabled = selected.size === 0;
  };
  update();
  return { el, update };
}

async function renderExtensions(container) {
  container.replaceChildren(loading());
  let items;
  let units;
  try {
    [items, units] = await Promise.all([get('/extensions', { status: 'PENDING' }), reference('org-units')]);
  } catch (error) {
    container.replaceChildren(problemBox(error, () => renderExtensions(container)));
    return;
  }
  if (!items.length) {
    container.replaceChildren(h('p', { class: 'empty' }, t('triage.extensionsEmpty')));
    return;
  }
  const unitName = (code) => localName(units.find((u) => u.code === code)) || code;
  const decide = (x) =>
    onSubmit(
      form(
        { class: 'inline-form' },
        field({ name: 'note', label: t('ext.note'), attrs: { maxlength: 4000 } }),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', class: 'btn btn-primary', value: 'grant' }, t('ext.grant')),
          h('button', { type: 'submit', class: 'btn', value: 'deny' }, t('ext.deny')),
        ),
      ),
      async ({ note }, submitter) => {
        const grant = submitter?.value === 'grant';
        await post(`/extensions/${x.id}/${grant ? 'grant' : 'deny'}`, { note: note || undefined });
        flash(t(grant ? 'ext.granted' : 'ext.denied', { unit: unitName(x.orgUnitCode) }));
        await renderExtensions(container);
      },
    );
  container.replaceChildren(
    table(
      [
        { title: t('list.title'), cell: (x) => h('a', { href: `#/cases/${x.caseId}` }, `${x.caseCode} ${x.title}`) },
        { title: t('ext.unit'), cell: (x) => unitName(x.orgUnitCode) },
        { title: t('ext.days'), cell: (x) => formatNumber(Number(x.days), 1), className: 'num' },
        { title: t('ext.reason'), cell: (x) => x.reason },
        { title: t('ext.currentDue'), cell: (x) => formatDateTime(x.resolveDueAt) },
        { title: t('agency.actions'), cell: decide },
      ],
      items,
    ),
  );
}
