// The agency inbox: the unit's assignments, most urgent first, with their deadlines in colour and words.
// Its filters, order and page live in the URL (#/agency?sort=deadline&overdue=true&page=3).
import { get, post, reference } from '../api.js';
import { clockBadge, deadlineBadge, describeError, field, flash, h, isRefusal, pageHeader, priorityBadge, table } from '../dom.js';
import { formatDateTime, formatNumber, label, localName, options, t } from '../i18n.js';
import { areaOptions, categoryOptions } from './cases.js';
import { hrefWith, pager, pick, savedViews, sortHeader } from './queue-kit.js';

const OPEN = ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'DELEGATED', 'DELEGATE_ANSWERED'];

/** The deadline that matters now: acknowledging while not yet acknowledged, then resolving. */
function currentDeadline(a) {
  return a.status === 'ASSIGNED' ? a.acknowledgeDueAt : a.resolveDueAt;
}

/** The clock that matters now (API `clock` / `acknowledgeClock`): acknowledging while not yet acknowledged, then answering. */
function currentClock(a) {
  return a.status === 'ASSIGNED' ? a.acknowledgeClock : a.clock;
}

/** Urgency of a clock, as its badge shows it (working time left; paused clocks are not urgent). */
function clockUrgency(clock) {
  if (!clock) return 'none';
  if (clock.state === 'PAUSED') return 'paused';
  if (clock.state === 'BREACHED') return 'overdue';
  if (clock.state !== 'RUNNING') return 'none';
  return clock.remainingWorkingSeconds < 2 * 86_400 ? 'soon' : 'ok';
}

/** An assignment's deadline badge: coloured while open, "done" once resolved, nothing once returned or cancelled. */
export function assignmentDeadline(a, dueAt) {
  if (a.clock && a.status !== 'RETURNED' && a.status !== 'CANCELLED') return clockBadge(a.status === 'ASSIGNED' ? a.acknowledgeClock : a.clock);
  if (OPEN.includes(a.status)) return deadlineBadge(dueAt);
  return a.status === 'RESOLVED' ? deadlineBadge(null, true) : '—';
}

const PAGE_SIZE = 50;
const PATH = '/agency';
/** The URL keys of the inbox (the API's own names). */
const KEYS = ['done', 'q', 'priority', 'category', 'area', 'overdue', 'sort', 'page'];

export async function renderInbox(view, { query, navigate }) {
  const state = pick(query, KEYS);
  const showDone = state.done === '1';
  const sort = state.sort ?? 'urgent';
  const page = Math.max(1, Number.parseInt(state.page ?? '1', 10) || 1);
  const api = { ...pick(state, ['q', 'priority', 'category', 'area', 'overdue']), active: showDone ? 'false' : undefined, sort, page, pageSize: PAGE_SIZE };
  const [list, areas, categories, areaChoices, categoryChoices, views] = await Promise.all([
    get('/assignments', api),
    reference('areas'),
    reference('categories'),
    areaOptions(),
    categoryOptions(),
    savedViews({ page: 'agency', path: PATH, query: state, navigate }),
  ]);
  const { items } = list;
  // The inbox names areas and categories in Vietnamese only: take the reader's language from the pickers.
  const areaName = (a) => localName(areas.find((x) => x.code === a.areaCode)) || a.areaVi;
  const categoryName = (a) =>
    a.categoryCode
      ? localName(
          categories.find((x) => x.code === a.categoryCode),
          'label',
        ) || a.categoryVi
      : t('case.noCategory');
  // Paused work on this page (the clocks say it; paused work is not late: it waits for someone else).
  const paused = items.filter((a) => OPEN.includes(a.status) && clockUrgency(currentClock(a)) === 'paused').length;
  const here = () => hrefWith(PATH, state, { page: state.page }).slice(1);

  const toggle = h('input', {
    type: 'checkbox',
    id: 'show-done',
    checked: showDone,
    onchange: (e) => navigate(hrefWith(PATH, state, { done: e.target.checked ? '1' : null }).slice(1)),
  });
  const acknowledge = async (a, button) => {
    button.disabled = true;
    try {
      const res = await post(`/assignments/${a.id}/acknowledge`);
      flash(`${a.caseCode}: ${t('agencyPanel.acknowledged')} ${t('agencyPanel.caseNow', { status: label('caseStatus', res.caseStatus) })}`);
      navigate(here(), { keepFlash: true });
    } catch (error) {
      button.disabled = false;
      flash(describeError(error), 'error');
      // Refused because the work moved on: show the list as it now is.
      if (isRefusal(error)) navigate(here(), { keepFlash: true });
    }
  };

  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'data-testid': 'inbox-filters' },
    h(
      'fieldset',
      {},
      h('legend', { class: 'visually-hidden' }, t('filter.legend')),
      field({ name: 'q', label: t('queue.qAgency'), type: 'search', value: state.q, attrs: { maxlength: 200 } }),
      field({ name: 'area', label: t('filter.area'), kind: 'select', value: state.area ?? '', options: [['', t('filter.all')], ...areaChoices] }),
      field({
        name: 'category',
        label: t('filter.category'),
        kind: 'select',
        value: state.category ?? '',
        options: [['', t('filter.all')], ...categoryChoices],
      }),
      field({
        name: 'priority',
        label: t('filter.priority'),
        kind: 'select',
        value: state.priority ?? '',
        options: [['', t('filter.all')], ...options('priority')],
      }),
      h(
        'div',
        { class: 'check' },
        h('input', { type: 'checkbox', id: 'inbox-overdue', name: 'overdue', value: 'true', checked: state.overdue === 'true' }),
        h('label', { for: 'inbox-overdue' }, t('queue.overdueOnly')),
      ),
      h('div', { class: 'filters-submit' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('filter.apply'))),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(filters)].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v));
    navigate(hrefWith(PATH, { done: state.done, sort: state.sort }, values).slice(1));
  });

  view.append(
    pageHeader(t('agency.title'), t('agency.intro')),
    h(
      'ul',
      { class: 'counters', 'aria-label': t('leader.kpis') },
      h('li', { class: 'counter', 'data-testid': 'inbox-open' }, t('agency.openCount', { n: formatNumber(list.counts.open) })),
      h(
        'li',
        { class: 'counter counter-overdue' },
        h('a', { href: hrefWith(PATH, state, { overdue: 'true' }) }, t('agency.overdueCount', { n: formatNumber(list.counts.overdue) })),
      ),
      h('li', { class: 'counter counter-soon' }, t('agency.dueSoonCount', { n: formatNumber(list.counts.dueSoon) })),
      paused ? h('li', { class: 'counter' }, t('agency.pausedCount', { n: formatNumber(paused) })) : null,
    ),
    h('div', { class: 'queue-tools' }, filters, views),
    h('div', { class: 'check' }, toggle, h('label', { for: 'show-done' }, t('agency.showDone'))),
  );
  const paging = pager({ path: PATH, query: state, total: list.total, page, pageSize: PAGE_SIZE, noun: 'queue.assignments' });
  if (!items.length) {
    view.append(paging, h('p', { class: 'empty' }, t('agency.empty')));
    return;
  }
  const ctx = { path: PATH, query: state, sort };
  const received = sort === 'oldest' ? 'newest' : 'oldest';
  view.append(
    paging,
    table(
      [
        {
          title: t('list.title'),
          className: 'col-title',
          cell: (a) => h('a', { href: `#/cases/${a.caseId}`, class: 'case-link' }, h('span', { class: 'case-code' }, a.caseCode), ' ', a.title),
        },
        { title: t('list.place'), cell: (a) => `${areaName(a)} · ${categoryName(a)}` },
        { title: sortHeader(t('list.priority'), 'priority', ctx), cell: (a) => priorityBadge(a.priority) },
        {
          title: sortHeader(t('queue.assignedAt'), received, { ...ctx, sort: sort === 'oldest' || sort === 'newest' ? received : sort }),
          cell: (a) => formatDateTime(a.assignedAt),
        },
        { title: t('agency.role'), cell: (a) => t(`role.${a.role}`) },
        {
          title: t('list.status'),
          cell: (a) => h('span', { class: `badge assignment-${a.status.toLowerCase().replace(/_/g, '-')}` }, label('assignmentStatus', a.status)),
        },
        {
          title: sortHeader(t('agency.deadline'), 'deadline', ctx),
          cell: (a) =>
            h(
              'span',
              { class: 'deadline-cell' },
              h('span', { class: 'deadline-kind' }, t(a.status === 'ASSIGNED' ? 'agency.ackDue' : 'agency.resolveDue')),
              assignmentDeadline(a, currentDeadline(a)),
            ),
        },
        { title: t('agency.directives'), cell: (a) => (a.directives ? String(a.directives) : '—'), className: 'num' },
        {
          title: t('agency.actions'),
          cell: (a) =>
            a.status === 'ASSIGNED'
              ? h(
                  'button',
                  { type: 'button', class: 'btn btn-primary btn-small', onclick: (e) => acknowledge(a, e.currentTarget) },
                  t('agencyPanel.acknowledge'),
                )
              : h('a', { href: `#/cases/${a.caseId}`, class: 'btn btn-small' }, t('agency.open')),
        },
      ],
      items,
      { className: 'inbox-table' },
    ),
  );
  if (list.total > PAGE_SIZE)
    view.append(pager({ path: PATH, query: state, total: list.total, page, pageSize: PAGE_SIZE, noun: 'queue.assignments', bottom: true }));
}
