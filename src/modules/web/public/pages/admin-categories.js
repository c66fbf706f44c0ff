// Categories (topics of concerns): Vietnamese and English labels, sensitive or not, in use or not.
import { get, patch, post } from '../api.js';
import { field, h } from '../dom.js';
import { t } from '../i18n.js';
import { activeOptions, crudPage, yesNo } from './admin-common.js';

export function renderAdminCategories(view, ctx) {
  return crudPage(view, ctx, {
    path: '/admin/categories',
    title: t('admin.categories.title'),
    intro: t('admin.categories.intro'),
    entityType: 'category',
    load: () => get('/categories'),
    keyOf: (c) => c.code,
    nameOf: (c) => c.labelVi,
    entityIdOf: (c) => c.id,
    columns: [
      { title: t('admin.categories.code'), cell: (c) => c.code },
      { title: t('admin.labelVi'), cell: (c) => c.labelVi },
      { title: t('admin.labelEn'), cell: (c) => c.labelEn },
      { title: t('admin.categories.sensitive'), cell: (c) => (c.sensitive ? t('admin.yes') : t('admin.no')) },
      { title: t('admin.status'), cell: (c) => (c.active ? t('admin.active') : h('span', { class: 'badge badge-inactive' }, t('admin.inactive'))) },
    ],
    fields: (c) => [
      h(
        'div',
        { class: 'grid-2' },
        field({
          name: 'code',
          label: t('admin.categories.code'),
          required: true,
          value: c?.code,
          hint: t('admin.codeHint'),
          attrs: c ? { readonly: true } : { maxlength: 64, 'data-pattern': '^[A-Z0-9][A-Z0-9_-]*$', 'data-pattern-message': 'admin.v.code' },
        }),
        field({ name: 'labelVi', label: t('admin.labelVi'), required: true, value: c?.labelVi, attrs: { maxlength: 200 } }),
        field({ name: 'labelEn', label: t('admin.labelEn'), required: true, value: c?.labelEn, attrs: { maxlength: 200 } }),
        field({
          name: 'sensitive',
          label: t('admin.categories.sensitive'),
          kind: 'select',
          options: yesNo(),
          value: String(c?.sensitive ?? false),
          hint: t('admin.categories.sensitiveHint'),
        }),
        c ? field({ name: 'active', label: t('admin.status'), kind: 'select', options: activeOptions(), value: String(c.active) }) : null,
      ),
    ],
    create: (v) => post('/admin/categories', { code: v.code, labelVi: v.labelVi, labelEn: v.labelEn, sensitive: v.sensitive === 'true' }),
    update: (c, v) =>
      patch(`/admin/categories/${encodeURIComponent(c.code)}`, {
        labelVi: v.labelVi,
        labelEn: v.labelEn,
        sensitive: v.sensitive === 'true',
        active: v.active === 'true',
      }),
  });
}
