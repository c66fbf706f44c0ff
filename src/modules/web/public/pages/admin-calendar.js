// The working calendar as a year: twelve month grids with the days off (public holidays, substitute
// days, the government's swaps, admins' corrections) and the make-up working days; an admin sets or
// clears a day, and keeps the list of holiday rules.
import { del, get, post, put } from '../api.js';
import { field, flash, form, h, onSubmit, pageHeader, problemBox, requiredNote, submitButton, table } from '../dom.js';
import { formatDate, getLang, t, todayInVietnam } from '../i18n.js';
import { actionForm, adminNav, historyPanel, yesNo } from './admin-common.js';

const pad = (n) => String(n).padStart(2, '0');

function monthGrid(year, month, marks, selected) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first, as Vietnamese calendars print
  const cells = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const monthName = new Intl.DateTimeFormat(getLang() === 'vi' ? 'vi-VN' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(first);
  return h(
    'table',
    { class: 'month', 'data-month': String(month) },
    h('caption', {}, monthName),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        t('admin.calendar.weekdays')
          .split(',')
          .map((d) => h('th', { scope: 'col' }, d)),
      ),
    ),
    h(
      'tbody',
      {},
      weeks.map((week) =>
        h(
          'tr',
          {},
          Array.from({ length: 7 }, (_, i) => {
            const d = week[i];
            if (!d) return h('td', {});
            const day = `${year}-${pad(month)}-${pad(d)}`;
            const mark = marks.get(day);
            const weekend = i >= 5;
            const kind = mark ? (mark.kind === 'DAY_OFF' ? 'off' : 'work') : weekend ? 'weekend' : '';
            const text = mark ? mark.reasons.map((r) => r.text).join('; ') : null;
            const content = mark
              ? h('a', { href: `#/admin/calendar?year=${year}&day=${day}`, title: text, 'aria-label': `${d}: ${text}` }, String(d))
              : String(d);
            return h(
              'td',
              { class: `day ${kind} ${mark?.source ? `src-${mark.source.toLowerCase()}` : ''} ${day === selected ? 'selected' : ''}`, 'data-day': day },
              content,
            );
          }),
        ),
      ),
    ),
  );
}

export async function renderAdminCalendar(view, { query, navigate }) {
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = /^\d{4}$/.test(query.year ?? '') ? Number(query.year) : thisYear;
  const selected = /^\d{4}-\d{2}-\d{2}$/.test(query.day ?? '') ? query.day : null;
  const [cal, rules] = await Promise.all([get('/calendar', { year }), get('/admin/calendar/holiday-rules')]);
  const marks = new Map();
  for (const d of [...cal.daysOff, ...cal.workingDays]) marks.set(d.day, d);
  const override = selected ? cal.overrides.find((o) => o.day === selected) : null;

  const yearPicker = onSubmit(
    form(
      { class: 'filters' },
      field({ name: 'year', label: t('admin.calendar.year'), type: 'number', required: true, value: String(year), attrs: { min: 2000, max: 2100 } }),
      h('div', { class: 'actions' }, submitButton(t('admin.calendar.show'))),
    ),
    (v) => navigate(`/admin/calendar?year=${v.year}`),
  );

  const legend = h(
    'ul',
    { class: 'calendar-legend' },
    [
      ['off', 'admin.calendar.legendOff'],
      ['work', 'admin.calendar.legendWork'],
      ['weekend', 'admin.calendar.legendWeekend'],
    ].map(([cls, key]) => h('li', {}, h('span', { class: `swatch day ${cls}`, 'aria-hidden': 'true' }), t(key))),
  );

  const grids = h(
    'div',
    { class: 'year-grid', 'data-testid': 'year-grid' },
    Array.from({ length: 12 }, (_, i) => monthGrid(year, i + 1, marks, selected)),
  );

  const dayForm = onSubmit(
    form(
      { class: 'admin-form', 'data-testid': 'day-editor' },
      requiredNote(),
      h(
        'div',
        { class: 'grid-2' },
        field({ name: 'day', label: t('admin.calendar.day'), type: 'date', required: true, value: selected ?? '' }),
        field({
          name: 'kind',
          label: t('admin.calendar.kind'),
          kind: 'select',
          required: true,
          options: [
            ['DAY_OFF', t('admin.calendar.kind.DAY_OFF')],
            ['WORKING_DAY', t('admin.calendar.kind.WORKING_DAY')],
          ],
          value: override?.kind ?? 'DAY_OFF',
        }),
        field({ name: 'note', label: t('admin.calendar.note'), required: true, value: override?.note ?? '', attrs: { maxlength: 300 } }),
        field({
          name: 'source',
          label: t('admin.calendar.source'),
          kind: 'select',
          options: [
            ['ADMIN', t('admin.calendar.source.ADMIN')],
            ['GOVERNMENT', t('admin.calendar.source.GOVERNMENT')],
          ],
          value: override?.source ?? 'ADMIN',
        }),
        field({
          name: 'reference',
          label: t('admin.calendar.reference'),
          value: override?.reference ?? '',
          hint: t('admin.calendar.referenceHint'),
          attrs: { maxlength: 300 },
        }),
      ),
      h('div', { class: 'actions' }, submitButton(t('admin.calendar.setDay'))),
    ),
    async (v) => {
      const body = { kind: v.kind, note: v.note, source: v.source };
      if (v.reference) body.reference = v.reference;
      await put(`/admin/calendar/${v.day}`, body);
      flash(t('admin.calendar.daysaved', { day: formatDate(v.day) }));
      navigate(`/admin/calendar?year=${v.day.slice(0, 4)}&day=${v.day}`, { keepFlash: true });
    },
    (v) => (v.source === 'GOVERNMENT' && !v.reference ? [{ field: 'reference', message: t('admin.v.reference') }] : []),
  );

  const clearForm = actionForm({
    title: t('admin.calendar.clearTitle'),
    intro: t('admin.calendar.clearIntro'),
    testid: 'day-clear',
    fields: [field({ name: 'day', label: t('admin.calendar.day'), type: 'date', required: true, value: override ? selected : '' })],
    button: t('admin.calendar.clearDay'),
    action: async (v) => {
      await del(`/admin/calendar/${v.day}`);
      flash(t('admin.calendar.dayCleared', { day: formatDate(v.day) }));
      navigate(`/admin/calendar?year=${v.day.slice(0, 4)}&day=${v.day}`, { keepFlash: true });
    },
  });

  const overrides = cal.overrides.length
    ? table(
        [
          { title: t('admin.calendar.day'), cell: (o) => h('a', { href: `#/admin/calendar?year=${year}&day=${o.day}` }, o.day) },
          { title: t('admin.calendar.kind'), cell: (o) => t(`admin.calendar.kind.${o.kind}`) },
          { title: t('admin.calendar.note'), cell: (o) => o.note },
          { title: t('admin.calendar.source'), cell: (o) => t(`admin.calendar.source.${o.source}`) },
          { title: t('admin.calendar.reference'), cell: (o) => o.reference ?? '—' },
        ],
        cal.overrides,
        { caption: t('admin.calendar.overrides', { year }) },
      )
    : h('p', { class: 'empty' }, t('admin.calendar.noOverrides'));

  const ruleRows = table(
    [
      { title: t('admin.rules.name'), cell: (r) => r.name },
      { title: t('admin.rules.date'), cell: (r) => `${r.day}/${r.month} ${t(`admin.rules.calendar.${r.calendar}`)}` },
      { title: t('admin.rules.length'), cell: (r) => String(r.lengthDays), className: 'num' },
      { title: t('admin.rules.years'), cell: (r) => `${r.fromYear}–${r.toYear ?? ''}` },
      { title: t('admin.rules.legalBasis'), cell: (r) => r.legalBasis },
      {
        title: t('admin.actions'),
        cell: (r) =>
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-small',
              'data-delete-rule': String(r.id),
              'aria-label': t('admin.rules.deleteLabel', { name: r.name }),
              onclick: async (event) => {
                if (!window.confirm(t('admin.confirmDelete'))) return;
                try {
                  await del(`/admin/calendar/holiday-rules/${r.id}`);
                  flash(t('admin.deleted'));
                  navigate(`/admin/calendar?year=${year}`, { keepFlash: true });
                } catch (error) {
                  event.target.after(problemBox(error));
                }
              },
            },
            t('admin.delete'),
          ),
      },
    ],
    rules,
    { caption: t('admin.rules.title') },
  );

  const ruleForm = onSubmit(
    form(
      { class: 'admin-form', 'data-testid': 'rule-editor' },
      h(
        'div',
        { class: 'grid-3' },
        field({ name: 'name', label: t('admin.rules.name'), required: true, attrs: { maxlength: 120 } }),
        field({
          name: 'calendar',
          label: t('admin.rules.calendarKind'),
          kind: 'select',
          options: ['SOLAR', 'LUNAR'].map((c) => [c, t(`admin.rules.calendar.${c}`)]),
        }),
        field({ name: 'day', label: t('admin.rules.day'), type: 'number', required: true, attrs: { min: 1, max: 31 } }),
        field({ name: 'month', label: t('admin.rules.month'), type: 'number', required: true, attrs: { min: 1, max: 12 } }),
        field({ name: 'lengthDays', label: t('admin.rules.length'), type: 'number', value: '1', attrs: { min: 1, max: 10 } }),
        field({ name: 'adjacent', label: t('admin.rules.adjacent'), kind: 'select', options: yesNo(), value: 'false', hint: t('admin.rules.adjacentHint') }),
        field({ name: 'fromYear', label: t('admin.rules.fromYear'), type: 'number', required: true, value: String(year), attrs: { min: 2000, max: 2100 } }),
        field({ name: 'toYear', label: t('admin.rules.toYear'), type: 'number', attrs: { min: 2000, max: 2100 } }),
        field({ name: 'legalBasis', label: t('admin.rules.legalBasis'), required: true, attrs: { maxlength: 300 } }),
      ),
      h('div', { class: 'actions' }, submitButton(t('admin.rules.add'))),
    ),
    async (v) => {
      const body = {
        name: v.name,
        calendar: v.calendar,
        day: Number(v.day),
        month: Number(v.month),
        lengthDays: Number(v.lengthDays || 1),
        adjacent: v.adjacent === 'true',
        fromYear: Number(v.fromYear),
        legalBasis: v.legalBasis,
      };
      if (v.toYear) body.toYear = Number(v.toYear);
      await post('/admin/calendar/holiday-rules', body);
      flash(t('admin.created'));
      navigate(`/admin/calendar?year=${year}`, { keepFlash: true });
    },
  );

  view.append(
    adminNav('/admin/calendar'),
    pageHeader(t('admin.calendar.title', { year }), t('admin.calendar.intro')),
    h('section', { class: 'card' }, yearPicker, legend, grids),
    h('section', { class: 'card' }, h('h2', {}, selected ? t('admin.calendar.dayTitle', { day: selected }) : t('admin.calendar.setTitle')), dayForm),
    clearForm,
    ...(selected ? [historyPanel('calendar_day', selected)] : []),
    h('section', { class: 'card' }, overrides),
    h('section', { class: 'card' }, ruleRows, h('h3', {}, t('admin.rules.new')), ruleForm),
  );
}
