import { type AssignmentState, deriveCaseStatus } from './case-status.js';

const a = (id: string, role: 'LEAD' | 'SUPPORT', status: AssignmentState['status'], parentAssignmentId: string | null = null): AssignmentState => ({
  id,
  role,
  status,
  parentAssignmentId,
});

describe('deriveCaseStatus', () => {
  it('follows the lead through acknowledgement and work', () => {
    expect(deriveCaseStatus('ASSIGNED', [a('l', 'LEAD', 'ASSIGNED'), a('s', 'SUPPORT', 'ASSIGNED')])).toBe('ASSIGNED');
    expect(deriveCaseStatus('ASSIGNED', [a('l', 'LEAD', 'ACKNOWLEDGED'), a('s', 'SUPPORT', 'ASSIGNED')])).toBe('ACKNOWLEDGED');
    expect(deriveCaseStatus('ACKNOWLEDGED', [a('l', 'LEAD', 'ACKNOWLEDGED'), a('s', 'SUPPORT', 'IN_PROGRESS')])).toBe('IN_PROGRESS');
  });

  it('follows the new lead after a return and a re-route, not the old one that returned it', () => {
    const returned = a('old', 'LEAD', 'RETURNED');
    expect(deriveCaseStatus('ASSIGNED', [returned, a('new', 'LEAD', 'ACKNOWLEDGED')])).toBe('ACKNOWLEDGED');
    expect(deriveCaseStatus('ACKNOWLEDGED', [returned, a('new', 'LEAD', 'RESOLVED')])).toBe('RESOLVED');
    expect(deriveCaseStatus('ASSIGNED', [returned, a('new', 'LEAD', 'RETURNED')])).toBe('RETURNED');
  });

  it('resolves only when the lead and every supporting agency have answered', () => {
    expect(deriveCaseStatus('IN_PROGRESS', [a('l', 'LEAD', 'RESOLVED'), a('s', 'SUPPORT', 'IN_PROGRESS')])).toBe('IN_PROGRESS');
    expect(deriveCaseStatus('IN_PROGRESS', [a('l', 'LEAD', 'RESOLVED'), a('s', 'SUPPORT', 'RESOLVED')])).toBe('RESOLVED');
    // A supporting agency that returned its part is not waited for.
    expect(deriveCaseStatus('IN_PROGRESS', [a('l', 'LEAD', 'RESOLVED'), a('s', 'SUPPORT', 'RETURNED')])).toBe('RESOLVED');
  });

  it('holds the case while anyone waits for information, and returns it when the lead returns it', () => {
    expect(deriveCaseStatus('IN_PROGRESS', [a('l', 'LEAD', 'IN_PROGRESS'), a('s', 'SUPPORT', 'NEEDS_INFO')])).toBe('NEEDS_INFO');
    expect(deriveCaseStatus('ASSIGNED', [a('l', 'LEAD', 'RETURNED'), a('s', 'SUPPORT', 'ACKNOWLEDGED')])).toBe('RETURNED');
  });

  it('counts a delegated assignment as what its delegates do', () => {
    const chain = [a('l', 'LEAD', 'DELEGATED'), a('d', 'LEAD', 'ASSIGNED', 'l')];
    expect(deriveCaseStatus('ACKNOWLEDGED', chain)).toBe('ACKNOWLEDGED');
    expect(deriveCaseStatus('ACKNOWLEDGED', [a('l', 'LEAD', 'DELEGATED'), a('d', 'LEAD', 'IN_PROGRESS', 'l')])).toBe('IN_PROGRESS');
    expect(deriveCaseStatus('ACKNOWLEDGED', [a('l', 'LEAD', 'DELEGATED'), a('d', 'LEAD', 'DELEGATED', 'l'), a('e', 'LEAD', 'IN_PROGRESS', 'd')])).toBe(
      'IN_PROGRESS',
    );
  });

  it('keeps the case in progress while the lead reviews its delegates’ answers, at every level of a chain', () => {
    expect(deriveCaseStatus('IN_PROGRESS', [a('l', 'LEAD', 'DELEGATE_ANSWERED'), a('d', 'LEAD', 'RESOLVED', 'l')])).toBe('IN_PROGRESS');
    const chain = [a('p', 'LEAD', 'DELEGATED'), a('d', 'LEAD', 'DELEGATE_ANSWERED', 'p'), a('c', 'LEAD', 'RESOLVED', 'd')];
    expect(deriveCaseStatus('IN_PROGRESS', chain)).toBe('IN_PROGRESS');
    expect(deriveCaseStatus('IN_PROGRESS', [a('p', 'LEAD', 'RESOLVED'), a('d', 'LEAD', 'RESOLVED', 'p')])).toBe('RESOLVED');
  });

  it('keeps a reopened case reopened until an agency picks it up again', () => {
    expect(deriveCaseStatus('REOPENED', [a('l', 'LEAD', 'ASSIGNED')])).toBe('REOPENED');
    expect(deriveCaseStatus('REOPENED', [a('l', 'LEAD', 'ACKNOWLEDGED')])).toBe('ACKNOWLEDGED');
  });

  it('ignores cancelled assignments and leaves a case without a lead as it is', () => {
    expect(deriveCaseStatus('NEW', [])).toBe('NEW');
    expect(deriveCaseStatus('ASSIGNED', [a('old', 'LEAD', 'CANCELLED'), a('l', 'LEAD', 'ACKNOWLEDGED')])).toBe('ACKNOWLEDGED');
  });
});
