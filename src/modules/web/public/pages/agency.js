// The agency inbox: the unit's assignments, most urgent first, with their deadlines in colour and words.
import { get, post, reference } from '../api.js';
import { clockBadge, deadlineBadge, deadlineUrgency, describeError, flash, h, isRefusal, pageHeader, priorityBadge, table } from '../dom.js';
import { label, localName, t } from '../i18n.js';

const OPEN = ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'DELEGATED'];

/** The deadline that matters now: acknowledging while not yet acknowledged, then resolving. */
function currentDeadline(a) {
  return a.status === 'ASSIGNED' ? a.acknowledgeDueAt : a.resolveDueAt;
}

/** The clock that matters now (API `clock` / `acknowledgeClock`): acknowledging while not yet acknowledged, then answering. */
function currentClock(a) {
  return a.status === 'ASSIGNED' ? a.acknowledgeClock : a.clock;
}

/** Urgency of a clock, as its badge shows it (working time left; paused clocks are not urgent). */
function clockUrgency(clock) {
  if (!clock) return 'none';
  if (clock.state === 'PAUSED') return 'paused';
  if (clock.state === 'BREACHED') return 'overdue';
  if (clock.state !== 'RUNNING') return 'none';
  return clock.remainingWorkingSeconds < 2 * 86_400 ? 'soon' : 'ok';
}

/** An assignment's deadline badge: coloured while open, "done" once resolved, nothing once returned or cancelled. */
export function assignmentDeadline(a, dueAt) {
  if (a.clock && a.status !== 'RETURNED' && a.status !== 'CANCELLED') return clockBadge(a.status === 'ASSIGNED' ? a.acknowledgeClock : a.clock);
  if (OPEN.includes(a.status)) return deadlineBadge(dueAt);
  return a.status === 'RESOLVED' ? deadlineBadge(null, true) : '—';
}

export async function renderInbox(view, { query, navigate }) {
  const showDone = query.done === '1';
  const [{ items }, areas, categories] = await Promise.all([
    get('/assignments', { active: showDone ? 'false' : undefined }),
    reference('areas'),
    reference('categories'),
  ]);
  // The inbox names areas and categories in Vietnamese only: take the reader's language from the pickers.
  const areaName = (a) => localName(areas.find((x) => x.code === a.areaCode)) || a.areaVi;
  const categoryName = (a) =>
    a.categoryCode
      ? localName(
          categories.find((x) => x.code === a.categoryCode),
          'label',
        ) || a.categoryVi
      : t('case.noCategory');
  const open = items.filter((a) => OPEN.includes(a.status));
  const urgency = open.map((a) => (currentClock(a) ? clockUrgency(currentClock(a)) : deadlineUrgency(currentDeadline(a))));
  const count = (kind) => urgency.filter((u) => u === kind).length;

  const toggle = h('input', {
    type: 'checkbox',
    id: 'show-done',
    checked: showDone,
    onchange: (e) => navigate(e.target.checked ? '/agency?done=1' : '/agency'),
  });
  const acknowledge = async (a, button) => {
    button.disabled = true;
    try {
      const res = await post(`/assignments/${a.id}/acknowledge`);
      flash(`${a.caseCode}: ${t('agencyPanel.acknowledged')} ${t('agencyPanel.caseNow', { status: label('caseStatus', res.caseStatus) })}`);
      navigate(showDone ? '/agency?done=1' : '/agency', { keepFlash: true });
    } catch (error) {
      button.disabled = false;
      flash(describeError(error), 'error');
      // Refused because the work moved on: show the list as it now is.
      if (isRefusal(error)) navigate(showDone ? '/agency?done=1' : '/agency', { keepFlash: true });
    }
  };

  view.append(
    pageHeader(t('agency.title'), t('agency.intro')),
    h(
      'ul',
      { class: 'counters', 'aria-label': t('leader.kpis') },
      h('li', { class: 'counter' }, t('agency.openCount', { n: open.length })),
      h('li', { class: 'counter counter-overdue' }, t('agency.overdueCount', { n: count('overdue') })),
      h('li', { class: 'counter counter-soon' }, t('agency.dueSoonCount', { n: count('soon') })),
      // Paused work is not late: it waits for someone else (shown only when there is some).
      count('paused') ? h('li', { class: 'counter' }, t('agency.pausedCount', { n: count('paused') })) : null,
    ),
    h('div', { class: 'check' }, toggle, h('label', { for: 'show-done' }, t('agency.showDone'))),
  );
  if (!items.length) {
    view.append(h('p', { class: 'empty' }, t('agency.empty')));
    return;
  }
  view.append(
    table(
      [
        {
          title: t('list.title'),
          className: 'col-title',
          cell: (a) => h('a', { href: `#/cases/${a.caseId}`, class: 'case-link' }, h('span', { class: 'case-code' }, a.caseCode), ' ', a.title),
        },
        { title: t('list.place'), cell: (a) => `${areaName(a)} · ${categoryName(a)}` },
        { title: t('list.priority'), cell: (a) => priorityBadge(a.priority) },
        { title: t('agency.role'), cell: (a) => t(`role.${a.role}`) },
        {
          title: t('list.status'),
          cell: (a) => h('span', { class: `badge assignment-${a.status.toLowerCase().replace(/_/g, '-')}` }, label('assignmentStatus', a.status)),
        },
        {
          title: t('agency.deadline'),
          cell: (a) =>
            h(
              'span',
              { class: 'deadline-cell' },
              h('span', { class: 'deadline-kind' }, t(a.status === 'ASSIGNED' ? 'agency.ackDue' : 'agency.resolveDue')),
              assignmentDeadline(a, currentDeadline(a)),
            ),
        },
        { title: t('agency.directives'), cell: (a) => (a.directives ? String(a.directives) : '—'), className: 'num' },
        {
          title: t('agency.actions'),
          cell: (a) =>
            a.status === 'ASSIGNED'
              ? h(
                  'button',
                  { type: 'button', class: 'btn btn-primary btn-small', onclick: (e) => acknowledge(a, e.currentTarget) },
                  t('agencyPanel.acknowledge'),
                )
              : h('a', { href: `#/cases/${a.caseId}`, class: 'btn btn-small' }, t('agency.open')),
        },
      ],
      items,
      { className: 'inbox-table' },
    ),
  );
}
