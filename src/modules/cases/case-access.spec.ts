import type { AuthUser } from '../auth/auth.decorators.js';
import { assignmentGivesView, Params, stricterSensitivity, visibilityCondition } from './case-access.js';
import { ASSIGNMENT_STATUSES } from './entities/assignment.entity.js';

const user = (role: AuthUser['role']): AuthUser => ({ id: 'u1', email: 'x@demo.local', fullName: 'X', role, orgUnitId: 'o1' });

describe('case access', () => {
  it('merges keep the stricter sensitivity, whichever side holds it', () => {
    expect(stricterSensitivity('PUBLIC', 'CONFIDENTIAL')).toBe('CONFIDENTIAL');
    expect(stricterSensitivity('CONFIDENTIAL', 'RESTRICTED')).toBe('CONFIDENTIAL');
    expect(stricterSensitivity('RESTRICTED', 'PUBLIC')).toBe('RESTRICTED');
    expect(stricterSensitivity('PUBLIC', 'PUBLIC')).toBe('PUBLIC');
  });

  it('an agency keeps its view through every assignment status but RETURNED and CANCELLED', () => {
    expect(ASSIGNMENT_STATUSES.filter((s) => !assignmentGivesView(s))).toEqual(['RETURNED', 'CANCELLED']);
  });

  it('binds what it compares, and names CONFIDENTIAL only where the rule admits it', () => {
    for (const role of ['leader', 'triager', 'agency', 'officer', 'admin'] as const) {
      const p = new Params();
      const sql = visibilityCondition(user(role), p.add);
      expect(sql).not.toMatch(/u1|o1/);
      expect(p.values.length).toBe(sql.match(/\$\d+/g)?.length ?? 0);
    }
    expect(visibilityCondition(user('admin'), new Params().add)).toBe(`c.sensitivity = 'PUBLIC'`);
    expect(visibilityCondition(user('officer'), new Params().add)).toMatch(/c\.sensitivity IN \('PUBLIC', 'RESTRICTED'\)/);
  });
});
