// The triage desk's side of the case page: route (suggested agencies first), merge, ask, reject,
// verify and close, or reopen. Every change carries the case version seen (If-Match).
import { get, ifMatch, post } from '../api.js';
import { checkboxes, disclosure, field, form, h, onSubmit, requiredNote, submitButton } from '../dom.js';
import { label, localName, options, t } from '../i18n.js';
import { FINAL, lastInfoRequest, panel, provideInfoPanel, similarPanel, textActionForm } from './case-actions.js';
import { categoryOptions } from './cases.js';
import { withTemplatePicker } from './template-picker.js';

const ROUTABLE = ['NEW', 'TRIAGED', 'RETURNED'];
/** Before an agency works on it, a case may still be merged, rejected or questioned. */
const BEFORE_AGENCY_WORK = [...ROUTABLE, 'NEEDS_INFO'];

export async function renderTriagePanel(ctx) {
  const { c, act } = ctx;
  const done = (r) => t('case.done', { status: label('caseStatus', r.status) });
  const send = (action, body) => act(() => post(`/cases/${c.id}/${action}`, body, ifMatch(c.version)), done);
  const panels = [];

  if (ROUTABLE.includes(c.status)) panels.push(await routePanel(ctx, send));
  // Only the addressee answers: what the standing body asked of the officer, the officer answers.
  if (c.status === 'NEEDS_INFO' && lastInfoRequest(c)?.askedOf !== 'officer') panels.push(provideInfoPanel(ctx));
  if (c.status === 'RESOLVED') {
    panels.push(
      panel(
        t('action.verify'),
        h('p', { class: 'hint' }, t('action.verifyIntro')),
        textActionForm({ name: 'note', text: t('action.closeNote'), required: false, submit: t('action.close'), send: (note) => send('close', { note }) }),
        disclosure(t('action.reopen'), reopenForm(send)),
      ),
    );
  }
  if (c.status === 'CLOSED') panels.push(panel(t('action.reopen'), reopenForm(send)));

  const more = [];
  if (ROUTABLE.includes(c.status)) {
    more.push(
      disclosure(
        t('action.requestInfo'),
        withTemplatePicker(
          textActionForm({ name: 'question', text: t('action.question'), submit: t('action.send'), send: (question) => send('request-info', { question }) }),
          'question',
          { c, purpose: 'TRIAGE_REQUEST' },
        ),
      ),
    );
  }
  if (BEFORE_AGENCY_WORK.includes(c.status)) {
    more.push(
      disclosure(
        t('action.reject'),
        textActionForm({ name: 'reason', text: t('action.rejectReason'), submit: t('action.reject'), send: (reason) => send('reject', { reason }) }),
      ),
    );
  }
  if (more.length) panels.push(panel(t('action.more'), more));
  if (!FINAL.includes(c.status)) panels.push(await similarPanel(ctx, BEFORE_AGENCY_WORK.includes(c.status)));
  return panels;
}

function reopenForm(send) {
  return textActionForm({ name: 'reason', text: t('action.reopenReason'), submit: t('action.reopen'), send: (reason) => send('reopen', { reason }) });
}

/** Classify and route: the agencies the coordination programme's rules suggest come first. */
async function routePanel({ c, units }, send) {
  const [categories, { items: suggestions }] = await Promise.all([categoryOptions(), get(`/cases/${c.id}/suggested-agencies`)]);
  const agencies = units.filter((u) => u.active && u.kind !== 'PROPAGANDA_DEPT');
  const suggested = [...new Set(suggestions.map((s) => s.orgUnitCode))].map((code) => agencies.find((u) => u.code === code)).filter(Boolean);
  const others = agencies.filter((u) => !suggested.includes(u));
  // A unit that returned the case is not proposed again as its lead.
  const returnedBy = c.assignments.filter((a) => a.status === 'RETURNED').map((a) => a.orgUnitCode);
  const lead = suggestions.find((s) => s.role === 'LEAD' && !returnedBy.includes(s.orgUnitCode))?.orgUnitCode ?? '';

  const leadOptions = [
    ['', t('form.choose')],
    ...(suggested.length ? [{ group: t('triageForm.suggested'), options: suggested.map((u) => [u.code, localName(u)]) }] : []),
    { group: t('triageForm.others'), options: others.map((u) => [u.code, localName(u)]) },
  ];
  const routeForm = form(
    { class: 'stack', 'data-testid': 'route-form' },
    requiredNote(),
    field({
      name: 'categoryCode',
      label: t('case.category'),
      kind: 'select',
      required: true,
      options: [['', t('form.choose')], ...categories],
      value: c.category?.code ?? '',
    }),
    h(
      'div',
      { class: 'grid-2' },
      field({ name: 'priority', label: t('case.priority'), kind: 'select', required: true, options: options('priority'), value: c.priority }),
      field({ name: 'sensitivity', label: t('case.sensitivity'), kind: 'select', required: true, options: options('sensitivity'), value: c.sensitivity }),
    ),
    field({ name: 'summary', label: t('triageForm.summary'), kind: 'textarea', value: c.summary ?? '', attrs: { maxlength: 4000, rows: 3 } }),
    field({ name: 'leadAgency', label: t('triageForm.lead'), kind: 'select', required: true, options: leadOptions, value: lead }),
    checkboxes({
      name: 'supportingAgencies',
      legend: t('triageForm.supporting'),
      items: suggested.map((u) => [u.code, `${localName(u)} ${t('triageForm.suggestedMark')}`, false]),
    }),
    disclosure(
      t('triageForm.otherUnits'),
      checkboxes({ name: 'supportingAgencies', legend: t('triageForm.otherUnits'), items: others.map((u) => [u.code, localName(u), false]) }),
    ),
    h('div', { class: 'actions' }, submitButton(t('triageForm.submit'))),
  );
  // The lead agency cannot also support: its box is unticked and disabled.
  const syncLead = () => {
    for (const box of routeForm.querySelectorAll('input[name=supportingAgencies]')) {
      box.disabled = box.value === routeForm.elements.leadAgency.value;
      if (box.disabled) box.checked = false;
    }
  };
  routeForm.elements.leadAgency.addEventListener('change', syncLead);
  syncLead();
  onSubmit(routeForm, (v) =>
    send('triage', {
      categoryCode: v.categoryCode,
      priority: v.priority,
      sensitivity: v.sensitivity,
      summary: v.summary || undefined,
      leadAgency: v.leadAgency,
      supportingAgencies: v.supportingAgencies ?? [],
    }),
  );
  return panel(t(c.status === 'RETURNED' ? 'triageForm.reroute' : 'triageForm.title'), routeForm);
}
