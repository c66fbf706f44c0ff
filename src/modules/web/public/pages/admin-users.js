// Users: roles and unit, signing profile, deactivation and reactivation, and a new password set by the admin.
import { get, patch, post } from '../api.js';
import { field, flash, h } from '../dom.js';
import { label, localName, options, t } from '../i18n.js';
import { actionForm, activeOptions, crudPage, dropEmpty, orNull } from './admin-common.js';

export function renderAdminUsers(view, ctx) {
  const unitOptions = (units) => [['', t('admin.none')], ...units.map((u) => [u.code, `${localName(u)} (${u.code})`])];
  return crudPage(view, ctx, {
    path: '/admin/users',
    title: t('admin.users.title'),
    intro: t('admin.users.intro'),
    entityType: 'user',
    load: () => get('/admin/users'),
    refs: async () => ({ units: await get('/org-units') }),
    keyOf: (u) => u.id,
    nameOf: (u) => u.fullName,
    entityIdOf: (u) => u.id,
    columns: [
      { title: t('admin.users.fullName'), cell: (u) => u.fullName },
      { title: t('admin.users.email'), cell: (u) => u.email },
      { title: t('admin.users.role'), cell: (u) => label('role', u.role) },
      { title: t('admin.users.unit'), cell: (u) => u.orgUnitCode ?? '—' },
      { title: t('admin.status'), cell: (u) => (u.active ? t('admin.active') : h('span', { class: 'badge badge-inactive' }, t('admin.inactive'))) },
    ],
    fields: (u, { units }) => [
      h(
        'div',
        { class: 'grid-2' },
        u
          ? field({ name: 'email', label: t('admin.users.email'), value: u.email, attrs: { readonly: true, disabled: true } })
          : field({ name: 'email', label: t('admin.users.email'), type: 'email', required: true, attrs: { maxlength: 254, autocomplete: 'off' } }),
        u
          ? null
          : field({
              name: 'password',
              label: t('admin.users.password'),
              type: 'password',
              required: true,
              hint: t('admin.users.passwordHint'),
              attrs: { minlength: 12, maxlength: 200, autocomplete: 'new-password' },
            }),
        field({ name: 'fullName', label: t('admin.users.fullName'), required: true, value: u?.fullName, attrs: { maxlength: 200 } }),
        field({
          name: 'role',
          label: t('admin.users.role'),
          kind: 'select',
          required: true,
          options: [['', t('admin.choose')], ...options('role')],
          value: u?.role ?? '',
        }),
        field({
          name: 'orgUnitCode',
          label: t('admin.users.unit'),
          kind: 'select',
          options: unitOptions(units),
          value: u?.orgUnitCode ?? '',
          hint: t('admin.users.unitHint'),
        }),
        field({ name: 'jobTitle', label: t('admin.users.jobTitle'), value: u?.jobTitle, attrs: { maxlength: 200 } }),
        field({
          name: 'signingAuthority',
          label: t('admin.users.signingAuthority'),
          value: u?.signingAuthority,
          hint: t('admin.users.signingHint'),
          attrs: { maxlength: 200 },
        }),
        u
          ? field({
              name: 'active',
              label: t('admin.status'),
              kind: 'select',
              options: activeOptions(),
              value: String(u.active),
              hint: t('admin.users.activeHint'),
            })
          : null,
      ),
    ],
    create: (v) =>
      post(
        '/admin/users',
        dropEmpty({
          email: v.email,
          password: v.password,
          fullName: v.fullName,
          role: v.role,
          orgUnitCode: v.orgUnitCode,
          jobTitle: v.jobTitle,
          signingAuthority: v.signingAuthority,
        }),
      ),
    update: (u, v) =>
      patch(`/admin/users/${u.id}`, {
        fullName: v.fullName,
        role: v.role,
        orgUnitCode: orNull(v.orgUnitCode),
        jobTitle: orNull(v.jobTitle),
        signingAuthority: orNull(v.signingAuthority),
        active: v.active === 'true',
      }),
    extra: (u, { navigate }) => [
      actionForm({
        title: t('admin.users.resetTitle'),
        intro: t('admin.users.resetIntro'),
        testid: 'password-reset',
        fields: [
          field({
            name: 'password',
            label: t('admin.users.newPassword'),
            type: 'password',
            required: true,
            hint: t('admin.users.passwordHint'),
            attrs: { minlength: 12, maxlength: 200, autocomplete: 'new-password' },
          }),
        ],
        button: t('admin.users.resetButton'),
        action: async (v) => {
          await patch(`/admin/users/${u.id}`, { password: v.password });
          flash(t('admin.users.resetDone'));
          navigate(`/admin/users?edit=${u.id}`, { keepFlash: true });
        },
      }),
      actionForm({
        title: t('admin.users.revokeTitle'),
        intro: t('admin.users.revokeIntro'),
        testid: 'revoke-sessions',
        button: t('admin.users.revokeButton'),
        action: async () => {
          await post(`/admin/users/${u.id}/revoke-sessions`);
          flash(t('admin.users.revokeDone'));
          navigate(`/admin/users?edit=${u.id}`, { keepFlash: true });
        },
      }),
    ],
  });
}
