// Case lists: the search page, and the pieces the officer's and the triage desk's lists share.
import { get, reference } from '../api.js';
import { clockBadge, field, h, loading, pageHeader, priorityBadge, problemBox, statusBadge, table } from '../dom.js';
import { formatDate, formatDateTime, localName, options, t } from '../i18n.js';

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

/** The filter bar: keyword, status (optional), area, category, priority. Calls `apply(query)`. */
export async function filterBar({ statuses, apply }) {
  const [areas, categories] = await Promise.all([areaOptions(), categoryOptions()]);
  const all = [['', t('filter.all')]];
  const bar = h(
    'form',
    { class: 'filters', role: 'search' },
    h(
      'fieldset',
      {},
      h('legend', { class: 'visually-hidden' }, t('filter.legend')),
      field({ name: 'q', label: t('filter.q'), type: 'search', placeholder: t('filter.qPlaceholder'), attrs: { maxlength: 200 } }),
      statuses
        ? field({
            name: 'status',
            label: t('filter.status'),
            kind: 'select',
            options: [...all, ...options('caseStatus').filter(([s]) => statuses.includes(s))],
          })
        : null,
      field({ name: 'area', label: t('filter.area'), kind: 'select', options: [...all, ...areas] }),
      field({ name: 'category', label: t('filter.category'), kind: 'select', options: [...all, ...categories] }),
      field({ name: 'priority', label: t('filter.priority'), kind: 'select', options: [...all, ...options('priority')] }),
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

/** #/cases — every case the user may see, with filters. */
export async function renderSearch(view) {
  const results = h('div', { class: 'results' });
  const statuses = options('caseStatus').map(([s]) => s);
  const bar = await filterBar({ statuses, apply: (query) => pagedCases(results, query, caseTable) });
  view.append(pageHeader(t('cases.title')), bar, results);
  await pagedCases(results, {}, caseTable);
}
