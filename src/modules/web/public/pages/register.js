// The register of outgoing documents (sổ đăng ký văn bản đi) of the reader's unit, by year: every
// number in order; a row whose case the reader may not see keeps its number, not its words.
import { download, get } from '../api.js';
import { field, flash, form, h, onSubmit, pageHeader, problemBox, submitButton, table } from '../dom.js';
import { formatDate, getLang, t, todayInVietnam } from '../i18n.js';

export async function renderRegister(view, { query, navigate }) {
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = /^\d{4}$/.test(query.year ?? '') ? Number(query.year) : thisYear;
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  if (!years.includes(year)) years.push(year);

  const picker = onSubmit(
    form(
      { class: 'filters' },
      field({ name: 'year', label: t('register.year'), kind: 'select', options: years.map((y) => [String(y), String(y)]), value: String(year) }),
      h('div', { class: 'actions' }, submitButton(t('register.show'))),
    ),
    (v) => navigate(`/letters?year=${v.year}`),
  );

  const exportFile = (format) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        onclick: async (event) => {
          const button = event.currentTarget;
          button.disabled = true;
          try {
            flash(t('letters.downloaded', { name: await download('/letters/register/export', { year, format }, `So-van-ban-di-${year}.${format}`) }));
          } catch (error) {
            button.after(problemBox(error));
          } finally {
            button.disabled = false;
          }
        },
      },
      t(format === 'xlsx' ? 'register.exportXlsx' : 'register.exportCsv'),
    );

  const rows = [];
  const body = h('div', { 'data-testid': 'register' });
  const columns = [
    { title: t('letters.number'), cell: (r) => r.numberText },
    { title: t('letters.date'), cell: (r) => formatDate(r.issuedAt) },
    { title: t('register.kind'), cell: (r) => r.kindLabel?.[getLang()] ?? r.kind },
    { title: t('register.subject'), cell: (r) => (r.withheld ? h('span', { class: 'meta' }, t('register.withheld')) : r.subject) },
    { title: t('letters.to'), cell: (r) => r.recipients.map((x) => x.name).join('; ') },
    { title: t('letters.signer'), cell: (r) => [r.signer.title, r.signer.name].filter(Boolean).join(' – ') },
    { title: t('register.case'), cell: (r) => (r.case ? h('a', { href: `#/cases/${r.case.id}` }, r.case.code) : '—') },
  ];
  const load = async (cursor) => {
    const page = await get('/letters/register', { year, cursor });
    rows.push(...page.items);
    const more = page.nextCursor
      ? h('button', { type: 'button', class: 'btn', onclick: () => load(page.nextCursor).catch((e) => body.append(problemBox(e))) }, t('register.more'))
      : null;
    const list = rows.length ? table(columns, rows, { caption: `${t('register.title')} ${year}` }) : h('p', { class: 'empty' }, t('register.empty'));
    body.replaceChildren(...[list, more].filter(Boolean));
  };
  await load();

  view.append(
    pageHeader(t('register.title'), t('register.intro')),
    h('section', { class: 'card' }, picker, h('div', { class: 'actions', 'aria-label': t('register.export') }, exportFile('xlsx'), ' ', exportFile('csv'))),
    h('section', { class: 'card' }, body),
  );
}
