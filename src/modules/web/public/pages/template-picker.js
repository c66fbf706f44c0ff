// "Chèn mẫu trả lời": a list of the reply templates of a purpose for the case's category, whose
// choice fills a textarea of the form, placeholders filled in here ({caseCode}, {agencyName}…).
import { get } from '../api.js';
import { h } from '../dom.js';
import { formatDate, localName, t, todayInVietnam } from '../i18n.js';

let uid = 0;

/** Fills the placeholders the admin screen documents; an unknown one stays as written. */
export function fillTemplate(body, values) {
  return body.replace(/\{(\w+)\}/g, (whole, name) => (values[name] != null && values[name] !== '' ? String(values[name]) : whole));
}

/**
 * Puts the picker at the top of `formEl`, for its textarea `fieldName`. `agency` is the unit
 * answering (agencies) or null (the desk). Loads the templates once; none, and the picker says so.
 */
export function withTemplatePicker(formEl, fieldName, { c, purpose, agency = null }) {
  const id = `template-pick-${++uid}`;
  const select = h('select', { id, 'data-testid': 'template-select' }, h('option', { value: '' }, '…'));
  const button = h('button', { type: 'button', class: 'btn btn-small', disabled: true }, t('templates.insertButton'));
  const box = h(
    'div',
    { class: 'field template-picker', 'data-testid': 'template-picker' },
    h('label', { for: id }, t('templates.insert')),
    h('div', { class: 'actions' }, select, button),
  );
  formEl.prepend(box);
  let templates = [];
  get('/reply-templates', { category: c.category?.code, purpose })
    .then(({ items }) => {
      templates = items;
      select.replaceChildren(
        h('option', { value: '' }, items.length ? `— ${t('templates.pick')} —` : t('templates.none')),
        ...items.map((x) => h('option', { value: x.id }, x.title)),
      );
      button.disabled = !items.length;
    })
    .catch(() => box.remove());
  button.addEventListener('click', () => {
    const chosen = templates.find((x) => x.id === select.value);
    const target = formEl.elements.namedItem(fieldName);
    if (!chosen || !target) return;
    const text = fillTemplate(chosen.body, {
      caseCode: c.code,
      caseTitle: c.title,
      agencyName: agency ? localName(agency) : '',
      areaName: localName(c.area),
      today: formatDate(todayInVietnam()),
    });
    target.value = target.value.trim() ? `${target.value.trimEnd()}\n${text}` : text;
    target.dispatchEvent(new Event('input', { bubbles: true }));
    target.focus();
  });
  return formEl;
}
