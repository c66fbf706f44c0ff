// Org units as a tree (parent and children, level, kind), with their contacts, heads and letterhead.
import { get, patch, post, reference } from '../api.js';
import { field, h } from '../dom.js';
import { label, localName, options, t } from '../i18n.js';
import { activeOptions, crudPage, dropEmpty, orNull, splitList } from './admin-common.js';

const none = () => [['', t('admin.none')]];

function tree(rows, editHref) {
  const children = new Map();
  for (const r of rows) {
    const key = r.parentCode ?? '';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(r);
  }
  const codes = new Set(rows.map((r) => r.code));
  const branch = (parent) =>
    h(
      'ul',
      { class: parent ? 'unit-tree-branch' : 'unit-tree' },
      (children.get(parent) ?? []).map((u) =>
        h(
          'li',
          { 'data-unit': u.code },
          h(
            'div',
            { class: 'unit-node' },
            h('a', { href: editHref(u), 'data-edit': u.code }, localName(u)),
            ' ',
            h('span', { class: 'case-code' }, u.code),
            ' ',
            h('span', { class: 'badge' }, label('orgUnitKind', u.kind)),
            ' ',
            h('span', { class: 'badge' }, label('level', u.level)),
            u.active ? null : h('span', { class: 'badge badge-inactive' }, t('admin.inactive')),
            u.emails?.length ? h('span', { class: 'meta' }, ` ${u.emails.join(', ')}`) : null,
          ),
          children.has(u.code) ? branch(u.code) : null,
        ),
      ),
    );
  // Units whose parent is not listed are shown at the top, so none is lost.
  for (const r of rows) if (r.parentCode && !codes.has(r.parentCode)) children.get('')?.push(r) ?? children.set('', [r]);
  return h('div', { 'data-testid': 'unit-tree' }, branch(''));
}

export function renderAdminUnits(view, ctx) {
  return crudPage(view, ctx, {
    path: '/admin/units',
    title: t('admin.units.title'),
    intro: t('admin.units.intro'),
    entityType: 'org_unit',
    load: () => get('/org-units'),
    refs: async () => {
      const [units, areas, users] = await Promise.all([get('/org-units'), reference('areas'), get('/admin/users')]);
      return { units, areas, users };
    },
    keyOf: (u) => u.code,
    nameOf: (u) => localName(u),
    entityIdOf: (u) => u.id,
    renderList: tree,
    fields: (u, { units, areas, users }) => {
      const signers = users.filter((x) => x.active && u && x.orgUnitCode === u.code).map((x) => [x.id, `${x.fullName} (${x.email})`]);
      return [
        h(
          'div',
          { class: 'grid-2' },
          field({
            name: 'code',
            label: t('admin.units.code'),
            required: true,
            value: u?.code,
            attrs: u ? { readonly: true } : { maxlength: 64 },
            hint: t('admin.codeHint'),
          }),
          field({
            name: 'parentCode',
            label: t('admin.units.parent'),
            kind: 'select',
            options: [...none(), ...units.filter((x) => x.code !== u?.code).map((x) => [x.code, `${localName(x)} (${x.code})`])],
            value: u?.parentCode ?? '',
          }),
          field({
            name: 'kind',
            label: t('admin.units.kind'),
            kind: 'select',
            required: true,
            options: [['', t('admin.choose')], ...options('orgUnitKind')],
            value: u?.kind ?? '',
          }),
          field({
            name: 'level',
            label: t('admin.units.level'),
            kind: 'select',
            required: true,
            options: [['', t('admin.choose')], ...options('level')],
            value: u?.level ?? '',
          }),
          field({ name: 'nameVi', label: t('admin.nameVi'), required: true, value: u?.nameVi, attrs: { maxlength: 300 } }),
          field({ name: 'nameEn', label: t('admin.nameEn'), required: true, value: u?.nameEn, attrs: { maxlength: 300 } }),
          field({
            name: 'areaCode',
            label: t('admin.units.area'),
            kind: 'select',
            options: [...none(), ...areas.map((a) => [a.code, `${localName(a)} (${a.code})`])],
            value: u?.areaCode ?? '',
          }),
          u ? field({ name: 'active', label: t('admin.status'), kind: 'select', options: activeOptions(), value: String(u.active) }) : null,
        ),
        h('h3', {}, t('admin.units.contacts')),
        h(
          'div',
          { class: 'grid-2' },
          field({
            name: 'emails',
            label: t('admin.units.emails'),
            kind: 'textarea',
            hint: t('admin.listHint'),
            value: (u?.emails ?? []).join('\n'),
            attrs: { rows: 3 },
          }),
          field({
            name: 'headEmails',
            label: t('admin.units.headEmails'),
            kind: 'textarea',
            hint: t('admin.units.headHint'),
            value: (u?.headEmails ?? []).join('\n'),
            attrs: { rows: 3 },
          }),
        ),
        h('h3', {}, t('admin.units.letterhead')),
        h(
          'div',
          { class: 'grid-2' },
          field({
            name: 'documentSymbol',
            label: t('admin.units.documentSymbol'),
            value: u?.documentSymbol,
            hint: t('admin.units.symbolHint'),
            attrs: { maxlength: 64 },
          }),
          field({ name: 'superiorBody', label: t('admin.units.superiorBody'), value: u?.superiorBody, attrs: { maxlength: 300 } }),
          field({ name: 'letterheadName', label: t('admin.units.letterheadName'), value: u?.letterheadName, attrs: { maxlength: 300 } }),
          field({ name: 'documentPlace', label: t('admin.units.documentPlace'), value: u?.documentPlace, attrs: { maxlength: 100 } }),
          u
            ? field({
                name: 'defaultSignerId',
                label: t('admin.units.defaultSigner'),
                kind: 'select',
                options: [...none(), ...signers],
                value: u.defaultSignerId ?? '',
                hint: t('admin.units.signerHint'),
              })
            : null,
        ),
      ];
    },
    check: (v) => {
      const errors = [];
      for (const name of ['emails', 'headEmails']) {
        const bad = splitList(v[name]).find((e) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e));
        if (bad) errors.push({ field: name, message: t('admin.v.emailList', { value: bad }) });
      }
      return errors;
    },
    create: (v) =>
      post(
        '/admin/org-units',
        dropEmpty({
          code: v.code,
          parentCode: v.parentCode,
          kind: v.kind,
          level: v.level,
          areaCode: v.areaCode,
          nameVi: v.nameVi,
          nameEn: v.nameEn,
          emails: splitList(v.emails),
          headEmails: splitList(v.headEmails),
          documentSymbol: v.documentSymbol,
          superiorBody: v.superiorBody,
          letterheadName: v.letterheadName,
          documentPlace: v.documentPlace,
        }),
      ),
    update: (u, v) =>
      patch(`/admin/org-units/${encodeURIComponent(u.code)}`, {
        parentCode: orNull(v.parentCode),
        kind: v.kind,
        level: v.level,
        areaCode: orNull(v.areaCode),
        nameVi: v.nameVi,
        nameEn: v.nameEn,
        emails: splitList(v.emails),
        headEmails: splitList(v.headEmails),
        documentSymbol: orNull(v.documentSymbol),
        superiorBody: orNull(v.superiorBody),
        letterheadName: orNull(v.letterheadName),
        documentPlace: orNull(v.documentPlace),
        defaultSignerId: orNull(v.defaultSignerId),
        active: v.active === 'true',
      }),
  });
}
