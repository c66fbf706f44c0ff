// The case page: facts, concerns, agencies and timeline for everyone allowed to see the case, and
// the actions of the reader's role (triage desk, agency, leader, the officer asked for information).
import { get, post, reference } from '../api.js';
import { clockBadge, deadlineBadge, describeError, flash, h, isRefusal, pageHeader, priorityBadge, problemBox, statusBadge, table } from '../dom.js';
import { formatDate, formatDateTime, formatNumber, label, localName, t } from '../i18n.js';
import { FINAL, lastInfoRequest, panel, provideInfoPanel, similarPanel, textActionForm } from './case-actions.js';
import { assignmentDeadline } from './agency.js';
import { renderAgencyPanel } from './case-agency.js';
import { notesSection } from './case-notes.js';
import { lettersSection } from './case-letters.js';
import { renderTriagePanel } from './case-triage.js';
import { attachmentLink, attachmentsSection, eventAttachments } from './case-attachments.js';

const BACK = { officer: '/officer/mine', triager: '/triage', agency: '/agency', leader: '/cases' };

export async function renderCase(view, { user, params, navigate }) {
  const [units, categories, areas] = await Promise.all([reference('org-units'), reference('categories'), reference('areas')]);
  const unitName = (code) => localName(units.find((u) => u.code === code)) || code;
  const names = {
    unit: unitName,
    category: (code) =>
      localName(
        categories.find((x) => x.code === code),
        'label',
      ) || code,
    area: (code) => localName(areas.find((x) => x.code === code)) || code,
  };

  /** Loads the case again and redraws the page (after an action, or when the case moved on). */
  const refresh = async () => {
    const c = await get(`/cases/${params.id}`);
    const panels = await actionPanels({ c, user, units, navigate, act });
    const letters = await lettersSection(c, user, act);
    view.replaceChildren(
      h('p', { class: 'back' }, h('a', { href: `#${BACK[user.role] ?? '/'}` }, `← ${t('case.back')}`)),
      caseHeader(c),
      h(
        'div',
        { class: 'case-layout' },
        // What the reader can do comes first (on a phone above the timeline, and first for a screen
        // reader); on a wide screen the grid puts it in the right-hand column.
        panels.length ? h('div', { class: 'case-side', role: 'region', 'aria-label': t('case.actionsRegion') }, panels) : null,
        h(
          'div',
          { class: 'case-main' },
          facts(c),
          concerns(c, names),
          attachmentsSection(c, user, unitName, reload),
          steps(c),
          assignments(c, unitName),
          letters,
          notesSection(c, user),
          timeline(c, names),
        ),
      ),
    );
  };

  const reload = async () => {
    try {
      await refresh();
    } catch (error) {
      view.replaceChildren(problemBox(error, reload));
    }
    view.querySelector('h1')?.focus();
  };

  /**
   * Runs an action and shows the case as it now is. A refusal because of the case's state (409
   * wrong status or busy, 412 stale view, 422) reloads the case, so the buttons are those of the
   * case as it is, and says why in the API's words; bad input (400) stays with its form.
   */
  async function act(request, successText) {
    try {
      const result = await request();
      flash(successText(result));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      flash(`${describeError(error)} ${t('error.refreshed')}`, 'error');
    }
    await reload();
  }

  await refresh();
}

function caseHeader(c) {
  const header = pageHeader(c.title);
  header.prepend(
    h(
      'p',
      { class: 'case-header-meta' },
      h('span', { class: 'case-code' }, c.code),
      ' ',
      h('span', { 'data-testid': 'case-status' }, statusBadge(c.status)),
      ' ',
      priorityBadge(c.priority),
    ),
  );
  return header;
}

function facts(c) {
  const rows = [
    [t('case.code'), c.code],
    [t('case.status'), label('caseStatus', c.status)],
    [t('case.priority'), label('priority', c.priority)],
    [t('case.sensitivity'), label('sensitivity', c.sensitivity)],
    [t('case.category'), c.category ? localName(c.category, 'label') : t('case.noCategory')],
    [t('case.area'), localName(c.area)],
    [t('case.concernCount'), formatNumber(c.concernCount)],
    [t('case.peopleAffected'), formatNumber(c.peopleAffected)],
    [t('case.received'), formatDateTime(c.createdAt)],
  ];
  if (c.summary) rows.push([t('case.summary'), c.summary]);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title' }, t('case.facts')),
    c.mergedIntoId ? h('p', { class: 'notice' }, t('case.mergedInto'), ' ', h('a', { href: `#/cases/${c.mergedIntoId}` }, t('case.openMerged'))) : null,
    h(
      'dl',
      { class: 'facts' },
      rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
  );
}

function concerns(c, names) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'concerns-title' },
    h('h2', { id: 'concerns-title' }, `${t('case.concerns')} (${c.concerns.length})`),
    h(
      'ul',
      { class: 'concerns' },
      c.concerns.map((k) =>
        h(
          'li',
          { class: 'concern' },
          h('h3', {}, k.title),
          h(
            'p',
            { class: 'meta' },
            [
              label('channel', k.channel),
              formatDateTime(k.receivedAt),
              names.area(k.areaCode),
              k.peopleAffected != null ? `${t('case.peopleAffected')}: ${formatNumber(k.peopleAffected)}` : null,
            ]
              .filter(Boolean)
              .join(' · '),
          ),
          h('p', { class: 'concern-text' }, k.description),
          k.reporter
            ? h('p', { class: 'meta' }, `${t('case.reporter')}: ${[k.reporter.name, k.reporter.phone, k.reporter.email].filter(Boolean).join(' · ')}`)
            : null,
        ),
      ),
    ),
  );
}

function documentText(ref) {
  return ref ? t('case.document', { number: ref.number, date: formatDate(ref.date), issuer: ref.issuer }) : '';
}

function assignments(c, unitName) {
  const byId = new Map(c.assignments.map((a) => [a.id, a]));
  const body = c.assignments.length
    ? table(
        [
          {
            title: t('case.unit'),
            cell: (a) => [
              unitName(a.orgUnitCode),
              a.parentAssignmentId
                ? h('span', { class: 'meta' }, ` (${t('case.delegatedFrom', { unit: unitName(byId.get(a.parentAssignmentId)?.orgUnitCode) })})`)
                : null,
            ],
          },
          { title: t('case.role'), cell: (a) => t(`role.${a.role}`) },
          { title: t('case.status'), cell: (a) => label('assignmentStatus', a.status) },
          {
            title: t('case.ackDue'),
            cell: (a) =>
              a.acknowledgeClock
                ? clockBadge(a.acknowledgeClock)
                : a.status === 'ASSIGNED'
                  ? deadlineBadge(a.acknowledgeDueAt)
                  : formatDate(a.acknowledgedAt) || '—',
          },
          { title: t('case.resolveDue'), cell: (a) => (a.clock ? clockBadge(a.clock) : assignmentDeadline(a, a.resolveDueAt)) },
          {
            title: t('case.result'),
            cell: (a) =>
              a.outcome
                ? [
                    h('strong', {}, label('outcome', a.outcome)),
                    h('p', {}, a.resolutionSummary),
                    h('p', { class: 'meta' }, documentText(a.documentRef), signedDocument(c, a.documentRef)),
                  ]
                : '—',
          },
        ],
        c.assignments,
        { className: 'assignments-table' },
      )
    : h('p', { class: 'empty' }, t('case.noAssignments'));
  return h('section', { class: 'card', 'aria-labelledby': 'assignments-title' }, h('h2', { id: 'assignments-title' }, t('case.assignments')), body);
}

/** The signed answer itself, when the reader may open it. */
function signedDocument(c, ref) {
  const file = ref?.attachmentId && (c.attachments ?? []).find((x) => x.id === ref.attachmentId);
  return file ? [' · ', attachmentLink(file)] : null;
}

/** The standing body's own steps and the directives' replies, each with its clock in words. */
function steps(c) {
  const rows = [c.steps?.triage, c.steps?.verify, ...(c.steps?.directives ?? [])].filter(Boolean);
  if (!rows.length) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'steps-title', 'data-testid': 'step-clocks' },
    h('h2', { id: 'steps-title' }, t('clock.steps')),
    h(
      'ul',
      { class: 'step-clocks' },
      rows.map((k) => h('li', { 'data-step': k.step }, h('span', { class: 'deadline-kind' }, t(`clock.step.${k.step}`)), ' ', clockBadge(k))),
    ),
  );
}

/** The lines under a timeline entry, from what the event's payload carries. */
function eventDetails(e, { unit: unitName, category: categoryName }) {
  const p = e.payload ?? {};
  const lines = [];
  const line = (text) => text && lines.push(h('p', { class: 'meta' }, text));
  const quote = (text) => text && lines.push(h('blockquote', {}, text));
  if (p.orgUnitCode && e.type !== 'DELEGATED') line(`${t('ev.unit')}: ${unitName(p.orgUnitCode)}`);
  if (p.lead) line(`${t('role.LEAD')}: ${unitName(p.lead)}${p.supporting?.length ? ` · ${t('role.SUPPORT')}: ${p.supporting.map(unitName).join(', ')}` : ''}`);
  if (e.type === 'DELEGATED') line(`${unitName(p.orgUnitCode)} → ${unitName(p.toOrgUnitCode)}`);
  if (p.delegateOrgUnitCode) line(`${unitName(p.orgUnitCode)} ← ${unitName(p.delegateOrgUnitCode)}`);
  if (e.type === 'CREATED' && p.channel) line(`${t('case.channel')}: ${label('channel', p.channel)}`);
  if (e.type === 'TRIAGED')
    line([categoryName(p.categoryCode), label('priority', p.priority), label('sensitivity', p.sensitivity)].filter(Boolean).join(' · '));
  if (p.outcome) line(label('outcome', p.outcome));
  if (p.days) line(t('ev.days', { n: formatNumber(Number(p.days), 1) }));
  if (p.level) line(t('ev.level', { n: p.level }));
  if (p.step) line(t(`clock.step.${p.step}`));
  if (e.type === 'CLOCK_PAUSED' || e.type === 'CLOCK_RESUMED') line(t(`clock.reason.${p.reason}`));
  if (p.resolveDueAt) line(t('ev.newDue', { date: formatDateTime(p.resolveDueAt) }));
  for (const key of ['question', 'answer', 'reason', 'note', 'text', 'summary']) quote(p[key]);
  if (p.documentRef) line(documentText(p.documentRef));
  if (p.delegateDocumentRef) line(documentText(p.delegateDocumentRef));
  if (p.letterNumber) line(t('letters.event', { number: p.letterNumber }));
  if (p.intoCaseId) lines.push(h('p', { class: 'meta' }, h('a', { href: `#/cases/${p.intoCaseId}` }, p.intoCaseCode ?? p.intoCaseId)));
  if (p.fromCaseId) lines.push(h('p', { class: 'meta' }, h('a', { href: `#/cases/${p.fromCaseId}` }, p.fromCaseCode ?? p.fromCaseId)));
  return lines;
}

function timeline(c, names) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, t('case.timeline')),
    h(
      'ol',
      { class: 'timeline', 'data-testid': 'timeline' },
      c.events.map((e) =>
        h(
          'li',
          { class: 'timeline-item', 'data-event': e.type },
          h('time', { datetime: e.occurredAt }, formatDateTime(e.occurredAt)),
          h(
            'div',
            {},
            h(
              'p',
              { class: 'timeline-title' },
              h('strong', {}, label('event', e.type)),
              e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` — ${label('caseStatus', e.fromStatus)} → ${label('caseStatus', e.toStatus)}` : null,
            ),
            e.actorName ? h('p', { class: 'meta' }, `${e.actorName} · ${label('role', e.actorRole)}`) : null,
            eventDetails(e, names),
            eventAttachments(c, e),
          ),
        ),
      ),
    ),
  );
}

async function actionPanels(ctx) {
  const { c, user, act } = ctx;
  const panels = [];
  if (user.role === 'triager') panels.push(...(await renderTriagePanel(ctx)));
  if (user.role === 'agency') panels.push(...(await renderAgencyPanel(ctx)));
  if (user.role === 'leader' && !FINAL.includes(c.status)) {
    panels.push(
      panel(
        t('action.directive'),
        textActionForm({
          name: 'text',
          text: t('action.directiveText'),
          submit: t('action.send'),
          send: (text) =>
            act(
              () => post(`/cases/${c.id}/directives`, { text }),
              () => t('action.directiveSent'),
            ),
        }),
      ),
      await similarPanel(ctx, false),
    );
  }
  // An agency answers the leaders' directives not yet replied to.
  if (user.role === 'agency' && !FINAL.includes(c.status)) {
    const replied = new Set(c.events.filter((e) => e.type === 'DIRECTIVE_REPLIED').map((e) => String(e.payload.directiveEventId)));
    for (const d of c.events.filter((e) => e.type === 'DIRECTIVE_ISSUED' && !replied.has(String(e.id)))) {
      panels.push(
        panel(
          t('action.directiveReply'),
          h('blockquote', {}, d.payload.text),
          textActionForm({
            name: 'text',
            text: t('action.directiveReplyText'),
            submit: t('action.send'),
            send: (text) =>
              act(
                () => post(`/cases/${c.id}/directives/${d.id}/reply`, { text }),
                () => t('action.directiveReplied'),
              ),
          }),
        ),
      );
    }
  }
  // An agency's question goes to the standing body; only a question asked of the officer is theirs to answer.
  if (user.role === 'officer' && c.status === 'NEEDS_INFO' && lastInfoRequest(c)?.askedOf === 'officer') panels.push(provideInfoPanel(ctx));
  return panels;
}
