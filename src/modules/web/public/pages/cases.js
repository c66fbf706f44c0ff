// Case lists: the search page, and the pieces the officer's and the triage desk's lists share.
import { get, reference } from '../api.js';
import { clockBadge, field, h, loading, pageHeader, priorityBadge, problemBox, statusBadge, table } from '../dom.js';
import { formatDate, formatDateTime, label, localName, options, t } from '../i18n.js';
import { hrefWith, pager, pick } from './queue-kit.js';

const PAGE_SIZE = 20;

function caseLink(c) {
  return h('a', { href: `#/cases/${c.id}`, class: 'case-link' }, h('span', { class: 'case-code' }, c.code), ' ', h('span', {}, c.title));
}

function place(c) {
  return [localName(c.area), c.category ? localName(c.category, 'label') : t('case.noCategory')].join(' · ');
}

export function caseTable(items) {
  return table(
    [
      { title: t('list.title'), cell: caseLink, className: 'col-title' },
      { title: t('list.place'), cell: place },
      { title: t('list.priority'), cell: (c) => priorityBadge(c.priority) },
      { title: t('list.concerns'), cell: (c) => String(c.concernCount), className: 'num' },
      { title: t('list.received'), cell: (c) => formatDateTime(c.createdAt) },
      { title: t('list.status'), cell: (c) => statusBadge(c.status) },
      {
        title: t('list.deadline'),
        cell: (c) => (c.clock ? [h('span', { class: 'deadline-kind' }, t(`clock.step.${c.clock.step}`)), ' ', clockBadge(c.clock)] : '—'),
      },
    ],
    items,
    { className: 'case-table' },
  );
}

/** Cards rather than a table: readable on a phone in the field. */
export function caseCards(items) {
  return h(
    'ul',
    { class: 'case-cards' },
    items.map((c) =>
      h(
        'li',
        { class: 'case-card', 'data-case-id': c.id },
        h('p', { class: 'case-card-title' }, caseLink(c)),
        h('p', { class: 'case-card-meta' }, statusBadge(c.status), ' ', h('span', {}, `${localName(c.area)} · ${formatDate(c.createdAt)}`)),
        // Only a question the standing body asked of the officer is theirs to answer; an agency's question is the standing body's.
        c.status === 'NEEDS_INFO'
          ? h('p', { class: 'case-card-note' }, t(c.awaitingInfoFrom === 'officer' ? 'officer.needsAnswer' : 'officer.standingBodyAsked'))
          : null,
      ),
    ),
  );
}

/**
 * A list that loads page by page from GET /cases (cursor pagination): `render(items)` draws each
 * page and a "more" button fetches the next.
 */
export async function pagedCases(container, query, render, emptyText = t('list.empty')) {
  container.replaceChildren(loading());
  const load = async (cursor) => get('/cases', { ...query, limit: PAGE_SIZE, cursor });
  let page;
  try {
    page = await load();
  } catch (error) {
    container.replaceChildren(problemBox(error, () => pagedCases(container, query, render, emptyText)));
    return;
  }
  if (!page.items.length) {
    container.replaceChildren(h('p', { class: 'empty' }, emptyText));
    return;
  }
  const pages = h('div', { class: 'pages' }, render(page.items));
  const more = h('button', { type: 'button', class: 'btn', hidden: !page.nextCursor }, t('list.more'));
  let cursor = page.nextCursor;
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const next = await load(cursor);
      const rendered = render(next.items);
      pages.append(rendered);
      cursor = next.nextCursor;
      more.hidden = !cursor;
      rendered.querySelector('a')?.focus();
    } catch (error) {
      more.after(problemBox(error));
    } finally {
      more.disabled = false;
    }
  });
  container.replaceChildren(pages, h('div', { class: 'actions' }, more));
}

/** Pickers for areas (grouped under their province) and active categories, as select options. */
export async function areaOptions() {
  const areas = (await reference('areas')).filter((a) => a.active);
  const childrenOf = (code) => areas.filter((a) => a.parentCode === code);
  const flatten = (area, depth) => [[area.code, `${'— '.repeat(depth)}${localName(area)}`], ...childrenOf(area.code).flatMap((c) => flatten(c, depth + 1))];
  return childrenOf(null).map((top) => ({ group: localName(top), options: flatten(top, 0) }));
}

export async function categoryOptions() {
  const categories = (await reference('categories')).filter((c) => c.active);
  return categories.map((c) => [c.code, localName(c, 'label')]).sort((a, b) => a[1].localeCompare(b[1], 'vi'));
}

/** The filter bar: keyword, status (optional), area, category, priority, filled from `values`. Calls `apply(query)`. */
export async function filterBar({ statuses, apply, values = {}, extra = [] }) {
  const [areas, categories] = await Promise.all([areaOptions(), categoryOptions()]);
  const all = [['', t('filter.all')]];
  const bar = h(
    'form',
    { class: 'filters', role: 'search' },
    h(
      'fieldset',
      {},
      h('legend', { class: 'visually-hidden' }, t('filter.legend')),
      field({ name: 'q', label: t('filter.q'), type: 'search', placeholder: t('filter.qPlaceholder'), value: values.q, attrs: { maxlength: 200 } }),
      statuses
        ? field({
            name: 'status',
            label: t('filter.status'),
            kind: 'select',
            value: values.status ?? '',
            options: [...all, ...options('caseStatus').filter(([s]) => statuses.includes(s))],
          })
        : null,
      field({ name: 'area', label: t('filter.area'), kind: 'select', value: values.area ?? '', options: [...all, ...areas] }),
      field({ name: 'category', label: t('filter.category'), kind: 'select', value: values.category ?? '', options: [...all, ...categories] }),
      field({ name: 'priority', label: t('filter.priority'), kind: 'select', value: values.priority ?? '', options: [...all, ...options('priority')] }),
      extra,
      h('div', { class: 'filters-submit' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('filter.apply'))),
    ),
  );
  bar.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(bar));
    apply(
      Object.fromEntries(
        Object.entries(data)
          .map(([k, v]) => [k, String(v).trim()])
          .filter(([, v]) => v),
      ),
    );
  });
  return bar;
}

const SEARCH_PATH = '/cases';
const SEARCH_PAGE_SIZE = 20;
/** The search's URL keys: the form's, and those a leader's figure links with (the API's own names). */
const FORM_KEYS = ['q', 'status', 'area', 'category', 'priority', 'sort'];
const DRILL_KEYS = ['figure', 'from', 'to', 'leadAgency', 'unassigned', 'channel', 'overdue', 'age', 'agency', 'sensitivity'];

/** What a figure link asked for, in words: "Tiếp nhận · 01/01/2026 – 31/12/2026 · chưa giao cơ quan nào". */
function drillSummary(state) {
  const parts = [];
  if (state.figure) parts.push(t(`queue.figure.${state.figure}`));
  if (state.from || state.to) parts.push(`${state.from ? formatDate(state.from) : '…'} – ${state.to ? formatDate(state.to) : '…'}`);
  if (state.leadAgency) parts.push(t('queue.leadIs', { unit: state.leadAgency }));
  if (state.unassigned === 'true') parts.push(t('queue.unassigned'));
  if (state.channel) parts.push(label('channel', state.channel));
  if (state.overdue === 'true') parts.push(t('queue.overdueOnly'));
  if (state.age) parts.push(t('leader.age', { bucket: state.age }));
  return parts;
}

/** #/cases — every case the user may see, with filters; also the list behind a leader's figure (#/cases?figure=received&from=…). */
export async function renderSearch(view, { query, navigate }) {
  const state = pick(query, [...FORM_KEYS, ...DRILL_KEYS, 'page']);
  const page = Math.max(1, Number.parseInt(state.page ?? '1', 10) || 1);
  const statuses = options('caseStatus').map(([s]) => s);
  const drill = Object.fromEntries(DRILL_KEYS.filter((k) => state[k]).map((k) => [k, state[k]]));
  const sortChoices = ['newest', 'oldest', 'deadline', 'priority', 'affected'].map((s) => [s, t(`queue.sort.${s}`)]);
  const bar = await filterBar({
    statuses,
    values: state,
    extra: [field({ name: 'sort', label: t('queue.sortBy'), kind: 'select', value: state.sort ?? 'newest', options: sortChoices })],
    // A new search keeps what the figure link asked for until it is cleared.
    apply: (values) => navigate(hrefWith(SEARCH_PATH, drill, values).slice(1)),
  });
  const summary = drillSummary(state);
  view.append(
    pageHeader(t('cases.title')),
    summary.length
      ? h(
          'p',
          { class: 'notice drill-summary', 'data-testid': 'drill-summary' },
          t('queue.drillIntro'),
          ' ',
          h('strong', {}, summary.join(' · ')),
          ' ',
          h('a', { href: hrefWith(SEARCH_PATH, pick(state, FORM_KEYS)) }, t('queue.clearDrill')),
        )
      : null,
    bar,
  );
  const results = h('div', { class: 'results', 'data-testid': 'search-results' });
  view.append(results);
  results.replaceChildren(loading());
  let list;
  try {
    list = await get('/cases', { ...state, page, pageSize: SEARCH_PAGE_SIZE });
  } catch (error) {
    results.replaceChildren(problemBox(error, () => navigate(hrefWith(SEARCH_PATH, state, { page: state.page }).slice(1))));
    return;
  }
  const paging = pager({ path: SEARCH_PATH, query: state, total: list.total, page, pageSize: SEARCH_PAGE_SIZE });
  results.replaceChildren(paging, list.items.length ? caseTable(list.items) : h('p', { class: 'empty' }, t('list.empty')));
  if (list.total > SEARCH_PAGE_SIZE)
    results.append(pager({ path: SEARCH_PATH, query: state, total: list.total, page, pageSize: SEARCH_PAGE_SIZE, bottom: true }));
}
