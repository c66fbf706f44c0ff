// What the list pages share (triage queue, agency inbox, case search): the state of a list in the URL's
// hash query (#/triage?sort=oldest&channel=PETITION&page=2), so back and forward restore it; sortable
// column headers, the count and pages, and the user's saved views.
import { del, get, post } from '../api.js';
import { describeError, field, flash, h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

/** `#/<path>?<query>` with `changes` applied (null or '' drops a key); a filter or sort change goes back to page 1. */
export function hrefWith(path, query, changes = {}) {
  const next = { ...query, ...changes };
  if (!('page' in changes)) delete next.page;
  const qs = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const s = qs.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

/** Only the keys a list understands, from the route's query (anything else in the URL is ignored). */
export function pick(query, keys) {
  return Object.fromEntries(keys.filter((k) => query[k] !== undefined && query[k] !== '').map((k) => [k, query[k]]));
}

/**
 * A column header that sorts the list: a link to the same list in that order, with aria-sort on the
 * current one. `sort` is the list's order now.
 */
export function sortHeader(text, key, { path, query, sort }) {
  const current = sort === key;
  return h(
    'a',
    {
      href: hrefWith(path, query, { sort: key }),
      class: `sort-link${current ? ' sort-current' : ''}`,
      'data-sort': key,
      'aria-current': current ? 'true' : null,
    },
    text,
    current ? h('span', { 'aria-hidden': 'true' }, ' ▲') : null,
    current ? h('span', { class: 'visually-hidden' }, ` (${t('queue.sortedBy')})`) : null,
  );
}

/** "1.234 vụ việc · trang 2/62", the previous and next pages, and a few page numbers around this one. */
export function pager({ path, query, total, page, pageSize, noun = 'queue.cases', bottom = false }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (n, text, rel) =>
    n < 1 || n > pages || n === page
      ? h('span', { class: 'pager-item pager-off', 'aria-current': n === page && !rel ? 'page' : null }, text)
      : h('a', { class: 'pager-item', href: hrefWith(path, query, { page: n === 1 ? null : String(n) }), rel }, text);
  const around = [];
  for (let n = Math.max(1, page - 2); n <= Math.min(pages, page + 2); n++) around.push(link(n, formatNumber(n)));
  return h(
    'nav',
    { class: 'pager', 'aria-label': t(bottom ? 'queue.pagesBottom' : 'queue.pages') },
    h(
      'p',
      { class: 'pager-count', 'data-testid': bottom ? null : 'list-total', 'data-total': String(total) },
      t(noun, { n: formatNumber(total) }),
      ' · ',
      t('queue.pageOf', { page: formatNumber(page), pages: formatNumber(pages) }),
    ),
    h('div', { class: 'pager-links' }, link(page - 1, t('queue.previous'), 'prev'), around, link(page + 1, t('queue.next'), 'next')),
  );
}

/**
 * The user's saved views of a page: links that open them, a delete button each, and a form that
 * saves the list as it is now under a name.
 */
export async function savedViews({ page, path, query, navigate }) {
  const box = h('section', { class: 'saved-views', 'aria-labelledby': `saved-${page}` }, h('h2', { id: `saved-${page}`, class: 'h3' }, t('queue.savedViews')));
  let items;
  try {
    ({ items } = await get('/me/saved-views', { page }));
  } catch (error) {
    box.append(h('p', { class: 'hint' }, describeError(error)));
    return box;
  }
  const current = new URLSearchParams(Object.entries(query)).toString();
  box.append(
    items.length
      ? h(
          'ul',
          { class: 'saved-view-list' },
          items.map((v) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: hrefWith(path, {}, { ...v.query, page: v.query.page }),
                  'aria-current': new URLSearchParams(v.query).toString() === current ? 'true' : null,
                },
                v.name,
              ),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-small',
                  'aria-label': t('queue.deleteView', { name: v.name }),
                  onclick: async () => {
                    try {
                      await del(`/me/saved-views/${v.id}`);
                      flash(t('queue.viewDeleted', { name: v.name }));
                      navigate(hrefWith(path, query, { page: query.page }).slice(1), { keepFlash: true });
                    } catch (error) {
                      flash(describeError(error), 'error');
                    }
                  },
                },
                '×',
              ),
            ),
          ),
        )
      : h('p', { class: 'hint' }, t('queue.noViews')),
  );
  const saveForm = h(
    'form',
    { class: 'inline-form save-view', novalidate: true },
    field({ name: 'viewName', label: t('queue.viewName'), attrs: { maxlength: 100, required: true } }),
    h('button', { type: 'submit', class: 'btn btn-small' }, t('queue.saveView')),
  );
  saveForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = String(new FormData(saveForm).get('viewName') ?? '').trim();
    if (!name) {
      flash(t('queue.viewNameNeeded'), 'error');
      return;
    }
    // A view is the filters and the order; it opens on the first page.
    const kept = Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'page'));
    try {
      await post('/me/saved-views', { page, name, query: kept });
      flash(t('queue.viewSaved', { name }));
      navigate(hrefWith(path, query, { page: query.page }).slice(1), { keepFlash: true });
    } catch (error) {
      flash(describeError(error), 'error');
    }
  });
  box.append(saveForm);
  return box;
}
