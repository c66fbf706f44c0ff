// What the admin screens share: their sub-navigation, the list-and-editor layout, and the history
// of a record (who changed it, when, what) from the audit log.
import { get } from '../api.js';
import { field, flash, form, h, onSubmit, pageHeader, problemBox, requiredNote, submitButton, table } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';

export const ADMIN_SECTIONS = [
  ['/admin/units', 'admin.nav.units'],
  ['/admin/users', 'admin.nav.users'],
  ['/admin/categories', 'admin.nav.categories'],
  ['/admin/routing', 'admin.nav.routing'],
  ['/admin/policies', 'admin.nav.policies'],
  ['/admin/calendar', 'admin.nav.calendar'],
  ['/admin/programmes', 'admin.nav.programmes'],
  ['/admin/templates', 'adminTemplates.link'],
];

/** The page's own style sheet (style-src 'self' forbids inline styles), added once. */
function ensureStyles() {
  if (document.getElementById('admin-css')) return;
  document.head.append(h('link', { id: 'admin-css', rel: 'stylesheet', href: '/assets/admin.css' }));
}

/** The admin sections as tabs, the current one marked. */
export function adminNav(current) {
  ensureStyles();
  return h(
    'nav',
    { class: 'tabs admin-tabs', 'aria-label': t('admin.nav.label') },
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: '#/admin', 'aria-current': current === '/admin' ? 'page' : null }, t('admin.nav.home'))),
      ADMIN_SECTIONS.map(([path, key]) => h('li', {}, h('a', { href: `#${path}`, 'aria-current': current === path ? 'page' : null }, t(key)))),
    ),
  );
}

/** '' → null, so a cleared optional field clears the value. */
export const orNull = (v) => (v === undefined || v === '' ? null : v);
/** Leaves out the fields that are empty (a new record takes the defaults). */
export const dropEmpty = (body) => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined && v !== ''));
/** A list typed as text: one per line or separated by commas. */
export const splitList = (text) =>
  (text ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
export const yesNo = () => [
  ['true', t('admin.yes')],
  ['false', t('admin.no')],
];
export const activeOptions = () => [
  ['true', t('admin.active')],
  ['false', t('admin.inactive')],
];
/** A decimal number of days (the API takes fractions, the browser's number field does not). */
export const DECIMAL = { 'data-pattern': '^\\d{1,4}(\\.\\d{1,6})?$', 'data-pattern-message': 'admin.v.decimal', inputmode: 'decimal' };

const SKIP_IN_DIFF = new Set(['createdAt', 'updatedAt', 'lastLoginAt']);

function show(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('admin.yes') : t('admin.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What an audit row changed: the fields whose value differs between before and after. */
function changes(before, after) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !SKIP_IN_DIFF.has(k));
  const rows = [];
  for (const key of keys) {
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    // A flag the audit row adds to `after` only (passwordChanged) says nothing when false.
    if (before && a === undefined && b === false) continue;
    if (before && after) rows.push(h('li', {}, h('code', {}, key), `: ${show(a)} → ${show(b)}`));
    else rows.push(h('li', {}, h('code', {}, key), `: ${show(before ? a : b)}`));
  }
  return rows.length ? h('ul', { class: 'audit-changes' }, rows) : h('p', { class: 'meta' }, t('admin.history.noChange'));
}

function actionLabel(action) {
  const text = t(`admin.action.${action}`);
  return text.startsWith('admin.action.') ? action : text;
}

/** The history of one record, newest first, with a button for older entries. */
export function historyPanel(entityType, entityId) {
  const list = h('ol', { class: 'audit-list', 'data-testid': 'audit-history' });
  const body = h('div', {}, list);
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': `history-${entityId}` },
    h('h2', { id: `history-${entityId}` }, t('admin.history.title')),
    body,
  );
  const load = async (cursor) => {
    let page;
    try {
      page = await get('/admin/audit-log', { entityType, entityId, cursor, limit: 20 });
    } catch (error) {
      body.append(problemBox(error));
      return;
    }
    for (const item of page.items) {
      list.append(
        h(
          'li',
          { class: 'audit-item', 'data-action': item.action },
          h(
            'p',
            { class: 'audit-head' },
            h('strong', {}, actionLabel(item.action)),
            ' — ',
            h('time', { datetime: item.occurredAt }, formatDateTime(item.occurredAt)),
            ' — ',
            item.actorName ? `${item.actorName} (${item.actorEmail})` : t('admin.history.system'),
          ),
          changes(item.before, item.after),
        ),
      );
    }
    if (!list.children.length) body.replaceChildren(h('p', { class: 'empty' }, t('admin.history.empty')));
    body.querySelector('.audit-more')?.remove();
    if (page.nextCursor) {
      body.append(h('button', { type: 'button', class: 'btn audit-more', onclick: () => load(page.nextCursor) }, t('admin.history.more')));
    }
  };
  void load();
  return section;
}

/**
 * A list of records with an editor: `?edit=<key>` opens a record's form and history, `?new=1`
 * an empty form. After a save the page opens the saved record again, so its history shows the change.
 *
 * spec: { path, title, intro, load() → rows, keyOf(row), columns, renderList?(rows, editHref),
 *         fields(row|null, refs) → elements, create(values), update(row, values) → saved,
 *         entityType, entityIdOf(row), extra?(row, ctx) → elements, refs?() }
 */
export async function crudPage(view, ctx, spec) {
  const { query, navigate } = ctx;
  const [rows, refs] = await Promise.all([spec.load(), spec.refs?.() ?? {}]);
  const editHref = (row) => `#${spec.path}?edit=${encodeURIComponent(spec.keyOf(row))}`;
  const list = spec.renderList
    ? spec.renderList(rows, editHref, refs)
    : rows.length
      ? table([...spec.columns, { title: t('admin.actions'), cell: (r) => h('a', { href: editHref(r), 'data-edit': spec.keyOf(r) }, t('admin.edit')) }], rows, {
          caption: spec.title,
        })
      : h('p', { class: 'empty' }, t('admin.emptyList'));

  const parts = [adminNav(spec.path), pageHeader(spec.title, spec.intro)];
  const editing = query.edit !== undefined ? rows.find((r) => String(spec.keyOf(r)) === query.edit) : null;
  if (query.edit !== undefined && !editing) parts.push(h('p', { class: 'notice notice-error', role: 'alert' }, t('admin.notFound')));

  if (editing || query.new) {
    const record = editing ?? null;
    const heading = record ? t('admin.editing', { name: spec.nameOf?.(record) ?? spec.keyOf(record) }) : t('admin.creating');
    const formEl = onSubmit(
      form(
        { class: 'admin-form', 'aria-labelledby': 'editor-title', 'data-testid': 'editor' },
        requiredNote(),
        spec.fields(record, refs),
        h(
          'div',
          { class: 'actions' },
          submitButton(record ? t('admin.save') : t('admin.create')),
          ' ',
          h('a', { class: 'btn btn-ghost', href: `#${spec.path}` }, t('admin.cancel')),
        ),
      ),
      async (v) => {
        const saved = record ? await spec.update(record, v) : await spec.create(v);
        flash(record ? t('admin.saved') : t('admin.created'));
        navigate(`${spec.path}?edit=${encodeURIComponent(spec.keyOf(saved ?? record))}`, { keepFlash: true });
      },
      spec.check,
    );
    parts.push(h('section', { class: 'card admin-editor' }, h('h2', { id: 'editor-title' }, heading), formEl));
    if (record) parts.push(historyPanel(spec.entityType, spec.entityIdOf(record)));
    if (record && spec.extra) parts.push(...spec.extra(record, ctx, refs));
  }
  parts.push(
    h(
      'section',
      { class: 'card' },
      h('p', { class: 'actions' }, h('a', { class: 'btn', href: `#${spec.path}?new=1`, 'data-testid': 'new-record' }, t('admin.new'))),
      list,
    ),
  );
  view.append(...parts);
}

/** A small form with one button of its own (reset a password, delete a rule…). */
export function actionForm({ title, intro, fields = [], button, danger = false, action, testid }) {
  const formEl = onSubmit(
    form(
      { class: 'admin-form', 'data-testid': testid },
      fields,
      h('div', { class: 'actions' }, submitButton(button, danger ? { class: 'btn btn-primary btn-danger' } : {})),
    ),
    action,
  );
  return h('section', { class: 'card' }, h('h2', {}, title), intro ? h('p', { class: 'hint' }, intro) : null, formEl);
}

export { field };
