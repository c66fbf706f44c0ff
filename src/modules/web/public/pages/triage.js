// The triage desk: what waits for classification, what waits for verification, extension requests.
import { get, post, reference } from '../api.js';
import { field, flash, form, h, loading, onSubmit, pageHeader, problemBox, table } from '../dom.js';
import { formatDateTime, formatNumber, localName, t } from '../i18n.js';
import { caseTable, filterBar, pagedCases } from './cases.js';

const VIEWS = {
  intake: { title: 'triage.intake', intro: 'triage.intakeIntro', statuses: ['NEW', 'RETURNED', 'NEEDS_INFO'] },
  verify: { title: 'triage.verify', intro: 'triage.verifyIntro', statuses: ['RESOLVED'] },
  extensions: { title: 'triage.extensions', intro: 'triage.extensionsIntro' },
};

export async function renderTriage(view, { query }) {
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
  const { title, intro, statuses } = VIEWS[current];
  view.append(pageHeader(t('triage.title')), tabs, h('h2', {}, t(title)), h('p', { class: 'lead' }, t(intro)));

  const results = h('div', { class: 'results' });
  if (current === 'extensions') {
    view.append(results);
    await renderExtensions(results);
    return;
  }
  const base = { status: statuses };
  const bar = await filterBar({
    statuses: statuses.length > 1 ? statuses : null,
    apply: (q) => pagedCases(results, { ...base, ...q, status: q.status ?? statuses }, caseTable),
  });
  view.append(bar, results);
  await pagedCases(results, base, caseTable);
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
