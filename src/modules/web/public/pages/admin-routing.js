// Routing rules: category × level → agency (lead or supporting, by rank, optionally within a programme).
import { del, get, patch, post } from '../api.js';
import { field, flash, h } from '../dom.js';
import { label, localName, options, t } from '../i18n.js';
import { actionForm, crudPage, orNull } from './admin-common.js';

export function renderAdminRouting(view, ctx) {
  return crudPage(view, ctx, {
    path: '/admin/routing',
    title: t('admin.routing.title'),
    intro: t('admin.routing.intro'),
    entityType: 'routing_rule',
    load: () => get('/admin/routing-rules'),
    refs: async () => {
      const [categories, units, programmes] = await Promise.all([get('/categories'), get('/org-units'), get('/programmes')]);
      return { categories, units, programmes };
    },
    keyOf: (r) => r.id,
    nameOf: (r) => `${r.categoryCode} · ${label('level', r.level)} → ${r.orgUnitCode}`,
    entityIdOf: (r) => r.id,
    columns: [
      { title: t('admin.routing.category'), cell: (r) => r.categoryCode },
      { title: t('admin.routing.level'), cell: (r) => label('level', r.level) },
      { title: t('admin.routing.unit'), cell: (r) => r.orgUnitCode },
      { title: t('admin.routing.role'), cell: (r) => t(`admin.routing.role.${r.role}`) },
      { title: t('admin.routing.rank'), cell: (r) => String(r.rank), className: 'num' },
      { title: t('admin.routing.programme'), cell: (r) => r.programmeCode ?? '—' },
    ],
    fields: (r, { categories, units, programmes }) => [
      h(
        'div',
        { class: 'grid-2' },
        field({
          name: 'categoryCode',
          label: t('admin.routing.category'),
          kind: 'select',
          required: true,
          options: [['', t('admin.choose')], ...categories.map((c) => [c.code, `${localName(c, 'label')} (${c.code})`])],
          value: r?.categoryCode ?? '',
        }),
        field({
          name: 'level',
          label: t('admin.routing.level'),
          kind: 'select',
          required: true,
          options: [['', t('admin.choose')], ...options('level')],
          value: r?.level ?? '',
        }),
        field({
          name: 'orgUnitCode',
          label: t('admin.routing.unit'),
          kind: 'select',
          required: true,
          options: [['', t('admin.choose')], ...units.map((u) => [u.code, `${localName(u)} (${u.code})`])],
          value: r?.orgUnitCode ?? '',
        }),
        field({
          name: 'role',
          label: t('admin.routing.role'),
          kind: 'select',
          options: ['LEAD', 'SUPPORT'].map((x) => [x, t(`admin.routing.role.${x}`)]),
          value: r?.role ?? 'LEAD',
        }),
        field({
          name: 'rank',
          label: t('admin.routing.rank'),
          type: 'number',
          value: String(r?.rank ?? 0),
          hint: t('admin.routing.rankHint'),
          attrs: { min: 0, max: 1000 },
        }),
        field({
          name: 'programmeCode',
          label: t('admin.routing.programme'),
          kind: 'select',
          options: [['', t('admin.none')], ...programmes.map((p) => [p.code, `${p.code} — ${localName(p, 'title')}`])],
          value: r?.programmeCode ?? '',
        }),
      ),
    ],
    create: (v) => {
      const body = { categoryCode: v.categoryCode, level: v.level, orgUnitCode: v.orgUnitCode, role: v.role, rank: Number(v.rank || 0) };
      if (v.programmeCode) body.programmeCode = v.programmeCode;
      return post('/admin/routing-rules', body);
    },
    update: (r, v) =>
      patch(`/admin/routing-rules/${r.id}`, {
        categoryCode: v.categoryCode,
        level: v.level,
        orgUnitCode: v.orgUnitCode,
        role: v.role,
        rank: Number(v.rank || 0),
        programmeCode: orNull(v.programmeCode),
      }),
    extra: (r, { navigate }) => [
      actionForm({
        title: t('admin.routing.deleteTitle'),
        intro: t('admin.routing.deleteIntro'),
        testid: 'delete-record',
        button: t('admin.delete'),
        danger: true,
        action: async () => {
          if (!window.confirm(t('admin.confirmDelete'))) return;
          await del(`/admin/routing-rules/${r.id}`);
          flash(t('admin.deleted'));
          navigate('/admin/routing', { keepFlash: true });
        },
      }),
    ],
  });
}
