// The officer's pages: log a concern (made for a phone in the field), and "my concerns".
import { post } from '../api.js';
import { field, flash, form, h, onSubmit, pageHeader, requiredNote, submitButton } from '../dom.js';
import { options, t } from '../i18n.js';
import { areaOptions, caseCards, categoryOptions, pagedCases } from './cases.js';

// The API's limits (CreateConcernDto), checked here first so the officer reads the message in Vietnamese.
const PHONE_PATTERN = '^\\+?[0-9 .()-]{6,20}$';

/**
 * A key per filled-in form: sending the same form twice (a double tap, a retry on a bad connection)
 * returns the first answer instead of logging the concern twice. Built from getRandomValues, which,
 * unlike randomUUID, also exists on a plain-http intranet address.
 */
function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** datetime-local gives local wall time without a zone; the API wants an ISO 8601 instant. */
function toInstant(local) {
  return local ? new Date(local).toISOString() : undefined;
}

function nowForInput() {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export async function renderNewConcern(view) {
  const [areas, categories] = await Promise.all([areaOptions(), categoryOptions()]);
  let idempotencyKey = newIdempotencyKey();

  const concernForm = form(
    { class: 'card stack concern-form' },
    requiredNote(),
    h(
      'div',
      { class: 'grid-2' },
      field({ name: 'channel', label: t('officer.channel'), kind: 'select', required: true, options: [['', t('form.choose')], ...options('channel')] }),
      field({ name: 'areaCode', label: t('officer.area'), kind: 'select', required: true, options: [['', t('form.choose')], ...areas] }),
    ),
    field({
      name: 'categoryCode',
      label: t('officer.category'),
      kind: 'select',
      hint: t('officer.categoryHint'),
      options: [['', t('officer.categoryUnknown')], ...categories],
    }),
    field({ name: 'title', label: t('officer.title'), required: true, hint: t('officer.titleHint'), attrs: { minlength: 3, maxlength: 300 } }),
    field({ name: 'description', label: t('officer.description'), kind: 'textarea', required: true, attrs: { maxlength: 10000, rows: 6 } }),
    h(
      'div',
      { class: 'grid-2' },
      field({ name: 'occurredAt', label: t('officer.occurredAt'), type: 'datetime-local', attrs: { max: nowForInput(), 'data-not-future': '' } }),
      field({ name: 'peopleAffected', label: t('officer.peopleAffected'), type: 'number', attrs: { min: 0, max: 10000000, step: 1, inputmode: 'numeric' } }),
    ),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, t('officer.reporter')),
      h('p', { class: 'hint' }, t('officer.reporterHint')),
      field({ name: 'reporter.name', label: t('officer.reporterName'), attrs: { maxlength: 200, autocomplete: 'off' } }),
      h(
        'div',
        { class: 'grid-2' },
        field({
          name: 'reporter.phone',
          label: t('officer.reporterPhone'),
          type: 'tel',
          attrs: { 'data-pattern': PHONE_PATTERN, 'data-pattern-message': 'v.phone', inputmode: 'tel', autocomplete: 'off' },
        }),
        field({ name: 'reporter.email', label: t('officer.reporterEmail'), type: 'email', attrs: { maxlength: 254, autocomplete: 'off' } }),
      ),
    ),
    h('div', { class: 'actions' }, submitButton(t('officer.submit'))),
  );

  onSubmit(
    concernForm,
    async (v) => {
      const reporter = v['reporter.name']
        ? { name: v['reporter.name'], phone: v['reporter.phone'] || undefined, email: v['reporter.email'] || undefined }
        : undefined;
      const body = {
        channel: v.channel,
        areaCode: v.areaCode,
        categoryCode: v.categoryCode || undefined,
        title: v.title,
        description: v.description,
        occurredAt: toInstant(v.occurredAt),
        peopleAffected: v.peopleAffected === '' ? undefined : Number(v.peopleAffected),
        reporter,
      };
      const saved = await post('/concerns', body, { 'idempotency-key': idempotencyKey });
      idempotencyKey = newIdempotencyKey();
      concernForm.reset();
      flash([
        h('span', { 'data-testid': 'concern-saved', 'data-case-id': saved.caseId }, t('officer.saved', { code: saved.caseCode })),
        ' ',
        h('a', { href: `#/cases/${saved.caseId}` }, t('officer.viewCase', { code: saved.caseCode })),
      ]);
      window.scrollTo({ top: 0 });
      concernForm.elements.channel.focus();
    },
    (v) => ((v['reporter.phone'] || v['reporter.email']) && !v['reporter.name'] ? [{ field: 'reporter.name', message: t('v.reporterName') }] : []),
  );

  view.append(pageHeader(t('officer.newTitle'), t('officer.newIntro')), concernForm);
}

export async function renderMyConcerns(view) {
  const list = h('div', { class: 'results' });
  view.append(pageHeader(t('officer.mineTitle'), t('officer.mineIntro')), list);
  // An officer's GET /cases is scoped by the API to the cases of the concerns they logged.
  await pagedCases(list, {}, caseCards, t('officer.mineEmpty'));
}
