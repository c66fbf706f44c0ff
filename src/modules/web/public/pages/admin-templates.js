// The admin's reply templates: the list (all, in use or not), a form to add one or change the one
// being edited, and a switch to stop or resume using each. Every change is audited by the API.
import { get, patch, post, reference } from '../api.js';
import { describeError, field, flash, form, h, onSubmit, pageHeader, problemBox, submitButton, table } from '../dom.js';
import { localName, t } from '../i18n.js';
import { adminNav } from './admin-common.js';

const PURPOSES = ['AGENCY_ANSWER', 'TRIAGE_REQUEST'];

export async function renderAdminTemplates(view) {
  const categories = await reference('categories');
  const listBox = h('div', { 'data-testid': 'templates-list' });
  const formBox = h('div', {});
  let editing = null;

  const categoryName = (x) => (x.category ? localName(x.category, 'label') : t('adminTemplates.anyCategory'));

  async function loadList() {
    try {
      const { items } = await get('/admin/reply-templates');
      listBox.replaceChildren(
        items.length
          ? table(
              [
                { title: t('adminTemplates.titleField'), cell: (x) => x.title },
                { title: t('adminTemplates.purpose'), cell: (x) => t(`adminTemplates.purpose.${x.purpose}`) },
                { title: t('adminTemplates.category'), cell: categoryName },
                { title: t('adminTemplates.status'), cell: (x) => t(x.active ? 'adminTemplates.active' : 'adminTemplates.inactive') },
                {
                  title: t('adminTemplates.actions'),
                  cell: (x) => [
                    h('button', { type: 'button', class: 'btn btn-small', onclick: () => edit(x) }, t('adminTemplates.edit')),
                    ' ',
                    h(
                      'button',
                      { type: 'button', class: 'btn btn-small', onclick: () => toggle(x) },
                      t(x.active ? 'adminTemplates.deactivate' : 'adminTemplates.activate'),
                    ),
                  ],
                },
              ],
              items,
              { caption: t('adminTemplates.list') },
            )
          : h('p', { class: 'empty' }, t('adminTemplates.none')),
      );
    } catch (error) {
      listBox.replaceChildren(problemBox(error, loadList));
    }
  }

  async function toggle(x) {
    try {
      const saved = await patch(`/admin/reply-templates/${x.id}`, { active: !x.active });
      flash(t('adminTemplates.saved', { title: saved.title }));
    } catch (error) {
      flash(describeError(error), 'error');
    }
    await loadList();
  }

  function edit(x) {
    editing = x;
    drawForm();
    formBox.querySelector('input, select, textarea')?.focus();
  }

  function drawForm() {
    const x = editing;
    const formEl = form(
      { class: 'stack', 'data-testid': 'template-form' },
      h('h2', {}, t(x ? 'adminTemplates.edit' : 'adminTemplates.new')),
      h(
        'div',
        { class: 'grid-2' },
        field({
          name: 'categoryCode',
          label: t('adminTemplates.category'),
          kind: 'select',
          options: [
            ['', t('adminTemplates.anyCategory')],
            ...categories.filter((c) => c.active || c.code === x?.categoryCode).map((c) => [c.code, localName(c, 'label')]),
          ],
          value: x?.categoryCode ?? '',
        }),
        field({
          name: 'purpose',
          label: t('adminTemplates.purpose'),
          kind: 'select',
          required: true,
          options: PURPOSES.map((p) => [p, t(`adminTemplates.purpose.${p}`)]),
          value: x?.purpose ?? 'AGENCY_ANSWER',
        }),
      ),
      field({ name: 'title', label: t('adminTemplates.titleField'), required: true, value: x?.title ?? '', attrs: { maxlength: 200 } }),
      field({ name: 'body', label: t('adminTemplates.body'), kind: 'textarea', required: true, value: x?.body ?? '', attrs: { maxlength: 4000, rows: 6 } }),
      h(
        'div',
        { class: 'actions' },
        submitButton(t('adminTemplates.save')),
        x ? h('button', { type: 'button', class: 'btn', onclick: () => ((editing = null), drawForm()) }, t('adminTemplates.cancel')) : null,
      ),
    );
    onSubmit(formEl, async (v) => {
      const body = { categoryCode: v.categoryCode || null, purpose: v.purpose, title: v.title, body: v.body };
      const saved = x ? await patch(`/admin/reply-templates/${x.id}`, body) : await post('/admin/reply-templates', body);
      flash(t('adminTemplates.saved', { title: saved.title }));
      editing = null;
      drawForm();
      await loadList();
    });
    formBox.replaceChildren(h('section', { class: 'card' }, formEl));
  }

  view.append(
    adminNav('/admin/templates'),
    pageHeader(t('adminTemplates.title'), t('adminTemplates.intro')),
    formBox,
    h('section', { class: 'card' }, listBox),
  );
  drawForm();
  await loadList();
}
