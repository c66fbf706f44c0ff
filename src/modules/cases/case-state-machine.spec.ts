import { CASE_STATUSES } from './case.types.js';
import { canTransition, FINAL_STATUSES, TRANSITIONS } from './case-state-machine.js';

describe('case state machine', () => {
  it('covers every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('follows the life cycle NEW → TRIAGED → ASSIGNED → ACKNOWLEDGED → IN_PROGRESS → RESOLVED → CLOSED', () => {
    const path = ['NEW', 'TRIAGED', 'ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('leaves rejected and merged cases final; a closed case can only be reopened', () => {
    for (const s of CASE_STATUSES) {
      expect(canTransition('REJECTED', s)).toBe(false);
      expect(canTransition('MERGED', s)).toBe(false);
      expect(canTransition('CLOSED', s)).toBe(s === 'REOPENED');
    }
    expect(FINAL_STATUSES).toEqual(['CLOSED', 'REJECTED', 'MERGED']);
  });

  it('does not let work skip verification or triage', () => {
    expect(canTransition('NEW', 'RESOLVED')).toBe(false);
    expect(canTransition('IN_PROGRESS', 'CLOSED')).toBe(false);
    expect(canTransition('ASSIGNED', 'CLOSED')).toBe(false);
    expect(canTransition('RESOLVED', 'IN_PROGRESS')).toBe(false);
  });
});
