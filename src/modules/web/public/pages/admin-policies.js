// Deadline policies: working days to acknowledge and resolve per priority (optionally per category or
// programme), reminders, escalation step, and the standing body's own steps.
import { del, get, patch, post } from '../api.js';
import { field, flash, h } from '../dom.js';
import { formatNumber, label, localName, options, t } from '../i18n.js';
import { actionForm, crudPage, DECIMAL, orNull, splitList, yesNo } from './admin-common.js';

const NUMBERS = ['acknowledgeDays', 'resolveDays', 'escalationStepDays', 'triageDays', 'verifyDays', 'directiveReplyDays'];

function body(v) {
  const out = { priority: v.priority, remindDayBefore: v.remindDayBefore === 'true', pauseOnExtension: v.pauseOnExtension === 'true' };
  for (const name of NUMBERS) if (v[name] !== '') out[name] = Number(v[name]);
  out.reminderFractions = splitList(v.reminderFractions).map(Number);
  return out;
}

export function renderAdminPolicies(view, ctx) {
  return crudPage(view, ctx, {
    path: '/admin/policies',
    title: t('admin.policies.title'),
    intro: t('admin.policies.intro'),
    entityType: 'deadline_policy',
    load: () => get('/admin/deadline-policies'),
    refs: async () => {
      const [categories, programmes] = await Promise.all([get('/categories'), get('/programmes')]);
      return { categories, programmes };
    },
    keyOf: (p) => p.id,
    nameOf: (p) => [label('priority', p.priority), p.categoryCode, p.programmeCode].filter(Boolean).join(' · '),
    entityIdOf: (p) => p.id,
    columns: [
      { title: t('admin.policies.priority'), cell: (p) => label('priority', p.priority) },
      { title: t('admin.policies.category'), cell: (p) => p.categoryCode ?? t('admin.policies.all') },
      { title: t('admin.policies.programme'), cell: (p) => p.programmeCode ?? t('admin.policies.all') },
      { title: t('admin.policies.acknowledgeDays'), cell: (p) => formatNumber(p.acknowledgeDays, 2), className: 'num' },
      { title: t('admin.policies.resolveDays'), cell: (p) => formatNumber(p.resolveDays, 2), className: 'num' },
      { title: t('admin.policies.escalationStepDays'), cell: (p) => formatNumber(p.escalationStepDays, 2), className: 'num' },
    ],
    fields: (p, { categories, programmes }) => [
      h(
        'div',
        { class: 'grid-3' },
        field({
          name: 'priority',
          label: t('admin.policies.priority'),
          kind: 'select',
          required: true,
          options: [['', t('admin.choose')], ...options('priority')],
          value: p?.priority ?? '',
        }),
        field({
          name: 'categoryCode',
          label: t('admin.policies.category'),
          kind: 'select',
          options: [['', t('admin.policies.all')], ...categories.map((c) => [c.code, `${localName(c, 'label')} (${c.code})`])],
          value: p?.categoryCode ?? '',
        }),
        field({
          name: 'programmeCode',
          label: t('admin.policies.programme'),
          kind: 'select',
          options: [['', t('admin.policies.all')], ...programmes.map((g) => [g.code, g.code])],
          value: p?.programmeCode ?? '',
        }),
      ),
      h(
        'div',
        { class: 'grid-3' },
        NUMBERS.map((name) =>
          field({
            name,
            label: t(`admin.policies.${name}`),
            required: name === 'acknowledgeDays' || name === 'resolveDays',
            value: p ? String(p[name]) : '',
            hint: p ? null : t('admin.policies.defaultHint'),
            attrs: DECIMAL,
          }),
        ),
        field({
          name: 'reminderFractions',
          label: t('admin.policies.reminderFractions'),
          value: (p?.reminderFractions ?? [0.5, 0.8]).join(', '),
          hint: t('admin.policies.fractionsHint'),
        }),
        field({
          name: 'remindDayBefore',
          label: t('admin.policies.remindDayBefore'),
          kind: 'select',
          options: yesNo(),
          value: String(p?.remindDayBefore ?? true),
        }),
        field({
          name: 'pauseOnExtension',
          label: t('admin.policies.pauseOnExtension'),
          kind: 'select',
          options: yesNo(),
          value: String(p?.pauseOnExtension ?? false),
        }),
      ),
    ],
    check: (v) => {
      const bad = splitList(v.reminderFractions).find((x) => !(Number(x) > 0 && Number(x) < 1));
      return bad === undefined ? [] : [{ field: 'reminderFractions', message: t('admin.v.fraction', { value: bad }) }];
    },
    create: (v) => {
      const b = body(v);
      if (v.categoryCode) b.categoryCode = v.categoryCode;
      if (v.programmeCode) b.programmeCode = v.programmeCode;
      return post('/admin/deadline-policies', b);
    },
    update: (p, v) => patch(`/admin/deadline-policies/${p.id}`, { ...body(v), categoryCode: orNull(v.categoryCode), programmeCode: orNull(v.programmeCode) }),
    extra: (p, { navigate }) => [
      actionForm({
        title: t('admin.policies.deleteTitle'),
        intro: t('admin.policies.deleteIntro'),
        testid: 'delete-record',
        button: t('admin.delete'),
        danger: true,
        action: async () => {
          if (!window.confirm(t('admin.confirmDelete'))) return;
          await del(`/admin/deadline-policies/${p.id}`);
          flash(t('admin.deleted'));
          navigate('/admin/policies', { keepFlash: true });
        },
      }),
    ],
  });
}
