// Coordination programmes (parties, period, categories, agreed deadlines) and their annual plans.
import { get, patch, post } from '../api.js';
import { checkboxes, field, flash, form, h, onSubmit, submitButton, table } from '../dom.js';
import { formatDate, localName, t } from '../i18n.js';
import { activeOptions, crudPage, historyPanel, orNull } from './admin-common.js';

const path = (code) => `/admin/programmes/${encodeURIComponent(code)}`;

function plansSection(p, { query, navigate }) {
  const editHref = (plan) => `#/admin/programmes?edit=${encodeURIComponent(p.code)}&plan=${plan}`;
  const plan = query.plan && query.plan !== 'new' ? p.annualPlans.find((a) => String(a.year) === query.plan) : null;
  const list = p.annualPlans.length
    ? table(
        [
          { title: t('admin.plans.year'), cell: (a) => String(a.year) },
          { title: t('admin.plans.code'), cell: (a) => a.code },
          { title: t('admin.plans.signedOn'), cell: (a) => (a.signedOn ? formatDate(a.signedOn) : '—') },
          { title: t('admin.plans.notes'), cell: (a) => a.notes ?? '' },
          { title: t('admin.actions'), cell: (a) => h('a', { href: editHref(a.year), 'data-edit-plan': String(a.year) }, t('admin.edit')) },
        ],
        p.annualPlans,
        { caption: t('admin.plans.title') },
      )
    : h('p', { class: 'empty' }, t('admin.plans.empty'));
  const parts = [
    h('h2', {}, t('admin.plans.title')),
    list,
    h('p', { class: 'actions' }, h('a', { class: 'btn', href: editHref('new') }, t('admin.plans.new'))),
  ];
  if (query.plan) {
    const formEl = onSubmit(
      form(
        { class: 'admin-form', 'data-testid': 'plan-editor' },
        h(
          'div',
          { class: 'grid-2' },
          plan
            ? field({ name: 'year', label: t('admin.plans.year'), value: String(plan.year), attrs: { readonly: true, disabled: true } })
            : field({ name: 'year', label: t('admin.plans.year'), type: 'number', required: true, attrs: { min: 2000, max: 2100 } }),
          field({ name: 'code', label: t('admin.plans.code'), required: true, value: plan?.code, attrs: { minlength: 3, maxlength: 64 } }),
          field({ name: 'signedOn', label: t('admin.plans.signedOn'), type: 'date', value: plan?.signedOn ?? '' }),
          field({ name: 'notes', label: t('admin.plans.notes'), kind: 'textarea', value: plan?.notes ?? '', attrs: { rows: 3, maxlength: 4000 } }),
        ),
        h('div', { class: 'actions' }, submitButton(plan ? t('admin.save') : t('admin.create'))),
      ),
      async (v) => {
        if (plan) await patch(`${path(p.code)}/plans/${plan.year}`, { code: v.code, signedOn: orNull(v.signedOn), notes: orNull(v.notes) });
        else {
          const b = { code: v.code, year: Number(v.year) };
          if (v.signedOn) b.signedOn = v.signedOn;
          if (v.notes) b.notes = v.notes;
          await post(`${path(p.code)}/plans`, b);
        }
        flash(plan ? t('admin.saved') : t('admin.created'));
        navigate(`/admin/programmes?edit=${encodeURIComponent(p.code)}&plan=${plan?.year ?? v.year}`, { keepFlash: true });
      },
    );
    parts.push(h('h3', {}, plan ? t('admin.plans.editing', { year: plan.year }) : t('admin.plans.creating')), formEl);
  }
  const out = [h('section', { class: 'card' }, parts)];
  if (plan) out.push(historyPanel('annual_plan', plan.id));
  return out;
}

export function renderAdminProgrammes(view, ctx) {
  return crudPage(view, ctx, {
    path: '/admin/programmes',
    title: t('admin.programmes.title'),
    intro: t('admin.programmes.intro'),
    entityType: 'coordination_programme',
    load: () => get('/programmes'),
    refs: async () => {
      const [units, categories] = await Promise.all([get('/org-units'), get('/categories')]);
      return { units, categories };
    },
    keyOf: (p) => p.code,
    nameOf: (p) => p.code,
    entityIdOf: (p) => p.id,
    columns: [
      { title: t('admin.programmes.code'), cell: (p) => p.code },
      { title: t('admin.programmes.titleField'), cell: (p) => localName(p, 'title') },
      { title: t('admin.programmes.period'), cell: (p) => `${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}` },
      { title: t('admin.programmes.parties'), cell: (p) => p.partyCodes.join(', ') },
      { title: t('admin.plans.title'), cell: (p) => p.annualPlans.map((a) => a.year).join(', ') || '—' },
      { title: t('admin.status'), cell: (p) => (p.active ? t('admin.active') : t('admin.inactive')) },
    ],
    fields: (p, { units, categories }) => [
      h(
        'div',
        { class: 'grid-2' },
        field({
          name: 'code',
          label: t('admin.programmes.code'),
          required: true,
          value: p?.code,
          attrs: p ? { readonly: true } : { minlength: 3, maxlength: 64 },
        }),
        p ? field({ name: 'active', label: t('admin.status'), kind: 'select', options: activeOptions(), value: String(p.active) }) : h('div'),
        field({ name: 'titleVi', label: t('admin.programmes.titleVi'), required: true, value: p?.titleVi, attrs: { minlength: 3, maxlength: 500 } }),
        field({ name: 'titleEn', label: t('admin.programmes.titleEn'), required: true, value: p?.titleEn, attrs: { minlength: 3, maxlength: 500 } }),
        field({ name: 'periodStart', label: t('admin.programmes.periodStart'), type: 'date', required: true, value: p?.periodStart }),
        field({ name: 'periodEnd', label: t('admin.programmes.periodEnd'), type: 'date', required: true, value: p?.periodEnd }),
        field({
          name: 'acknowledgeDays',
          label: t('admin.programmes.acknowledgeDays'),
          type: 'number',
          value: p?.acknowledgeDays ?? '',
          attrs: { min: 1, max: 365 },
        }),
        field({ name: 'resolveDays', label: t('admin.programmes.resolveDays'), type: 'number', value: p?.resolveDays ?? '', attrs: { min: 1, max: 3650 } }),
      ),
      checkboxes({
        name: 'partyCodes',
        legend: t('admin.programmes.parties'),
        items: units.filter((u) => u.level !== 'COMMUNE').map((u) => [u.code, `${localName(u)} (${u.code})`, p?.partyCodes.includes(u.code)]),
      }),
      checkboxes({
        name: 'categoryCodes',
        legend: t('admin.programmes.categories'),
        items: categories.map((c) => [c.code, `${localName(c, 'label')} (${c.code})`, p?.categoryCodes.includes(c.code)]),
      }),
    ],
    check: (v) => {
      const errors = [];
      if (!v.partyCodes.length) errors.push({ field: 'partyCodes', message: t('admin.v.oneParty') });
      if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) errors.push({ field: 'periodEnd', message: t('admin.v.periodEnd') });
      return errors;
    },
    create: (v) => {
      const b = {
        code: v.code,
        titleVi: v.titleVi,
        titleEn: v.titleEn,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        partyCodes: v.partyCodes,
        categoryCodes: v.categoryCodes,
      };
      if (v.acknowledgeDays) b.acknowledgeDays = Number(v.acknowledgeDays);
      if (v.resolveDays) b.resolveDays = Number(v.resolveDays);
      return post('/admin/programmes', b);
    },
    update: (p, v) =>
      patch(path(p.code), {
        titleVi: v.titleVi,
        titleEn: v.titleEn,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        partyCodes: v.partyCodes,
        categoryCodes: v.categoryCodes,
        acknowledgeDays: v.acknowledgeDays ? Number(v.acknowledgeDays) : null,
        resolveDays: v.resolveDays ? Number(v.resolveDays) : null,
        active: v.active === 'true',
      }),
    extra: (p, c) => plansSection(p, c),
  });
}
