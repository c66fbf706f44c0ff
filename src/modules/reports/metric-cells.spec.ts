import { addPoint, emptyCell, intervalKey, pointsOf, ROLLED_MASKS, type FactRow } from './metric-cells.js';

describe('metric cells', () => {
  it('names weeks, months, quarters and years as PostgreSQL to_char does (ISO weeks)', () => {
    // to_char(d, 'IYYY-"W"IW') for these days, read off PostgreSQL 15.
    const weeks: Record<string, string> = {
      '2026-01-01': '2026-W01', // a Thursday: week 1 of 2026
      '2027-01-01': '2026-W53', // a Friday: the last week of 2026
      '2024-12-30': '2025-W01', // a Monday: week 1 of 2025
      '2026-10-05': '2026-W41',
      '2026-10-19': '2026-W43',
      '2021-01-03': '2020-W53',
    };
    for (const [day, week] of Object.entries(weeks)) expect(intervalKey('week', day)).toBe(week);
    expect(intervalKey('month', '2026-02-28')).toBe('2026-02');
    expect(intervalKey('quarter', '2026-10-05')).toBe('2026-Q4');
    expect(intervalKey('quarter', '2026-03-31')).toBe('2026-Q1');
    expect(intervalKey('year', '2026-12-31')).toBe('2026');
  });

  it('keeps a row per value of every set of at most two of the five dimensions', () => {
    expect(ROLLED_MASKS).toHaveLength(1 + 5 + 10);
    expect(new Set(ROLLED_MASKS).size).toBe(16);
  });

  it('counts a deadline once it has passed, overdue when the lead had not answered by then, never for a rejected case', () => {
    const fact: FactRow = {
      received_at: new Date('2026-10-07T01:00:00Z'),
      acknowledged_at: null,
      resolved_at: new Date('2026-10-21T02:00:00Z'),
      closed_at: null,
      due_at: new Date('2026-10-14T02:00:00Z'),
      ack_calendar_s: null,
      ack_working_s: null,
      resolve_calendar_s: 1,
      resolve_working_s: 1,
      on_time: false,
      answered_at: new Date('2026-10-21T02:00:00Z'),
      triaged_at: null,
      triage_working_s: null,
      triage_on_time: null,
      verified_at: null,
      verify_working_s: null,
      paused_working_s: 0,
      status: 'RESOLVED',
      agency_id: null,
      category_id: null,
      area_id: null,
      channel: null,
      priority: 'NORMAL',
    };
    expect(pointsOf(fact, new Date('2026-10-13T00:00:00Z')).map((p) => p.m)).toEqual(['R', 'S']);
    expect(pointsOf(fact, new Date('2026-11-01T00:00:00Z')).find((p) => p.m === 'D')).toMatchObject({ flag: true });
    expect(pointsOf({ ...fact, answered_at: new Date('2026-10-10T00:00:00Z') }, new Date('2026-11-01T00:00:00Z')).find((p) => p.m === 'D')).toMatchObject({
      flag: false,
    });
    expect(pointsOf({ ...fact, status: 'REJECTED' }, new Date('2026-11-01T00:00:00Z')).map((p) => p.m)).not.toContain('D');
  });

  it('counts triage and verification at their own instants, and the lead’s paused time with the resolution', () => {
    const fact: FactRow = {
      received_at: new Date('2026-10-07T01:00:00Z'),
      acknowledged_at: null,
      resolved_at: new Date('2026-10-21T02:00:00Z'),
      closed_at: new Date('2026-10-22T02:00:00Z'),
      due_at: null,
      ack_calendar_s: null,
      ack_working_s: null,
      resolve_calendar_s: 1,
      resolve_working_s: 1,
      on_time: true,
      answered_at: new Date('2026-10-21T02:00:00Z'),
      triaged_at: new Date('2026-10-07T05:00:00Z'),
      triage_working_s: 14_400,
      triage_on_time: true,
      verified_at: new Date('2026-10-22T02:00:00Z'),
      verify_working_s: 86_400,
      paused_working_s: 3_600,
      status: 'CLOSED',
      agency_id: null,
      category_id: null,
      area_id: null,
      channel: null,
      priority: 'NORMAL',
    };
    const cell = emptyCell();
    for (const p of pointsOf(fact, new Date('2026-11-01T00:00:00Z'))) addPoint(cell, p);
    expect(cell).toMatchObject({ triaged: 1, triageOnTime: 1, triageWorkSum: 14_400, verified: 1, verifyWorkSum: 86_400, pausedN: 1, pausedSum: 3_600 });
    expect(pointsOf({ ...fact, triage_on_time: false }, new Date()).find((p) => p.m === 'T')).toMatchObject({ at: fact.triaged_at, flag: false });
  });
});
