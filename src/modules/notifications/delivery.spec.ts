import { ConfigError, loadConfig } from '../../../config/index.js';
import { backoffMs, deliveryJobIds } from './delivery.js';

describe('e-mail retry schedule', () => {
  it('doubles from the base up to the cap, less at most a quarter', () => {
    for (let i = 0; i < 200; i++) {
      expect(backoffMs(1, 1_000, 900_000)).toBeGreaterThanOrEqual(750);
      expect(backoffMs(1, 1_000, 900_000)).toBeLessThanOrEqual(1_000);
      const fourth = backoffMs(4, 1_000, 900_000);
      expect(fourth).toBeGreaterThanOrEqual(6_000);
      expect(fourth).toBeLessThanOrEqual(8_000);
      // Far past the cap (and past 2^1024), still the cap.
      const late = backoffMs(2_000, 1_000, 900_000);
      expect(late).toBeGreaterThanOrEqual(675_000);
      expect(late).toBeLessThanOrEqual(900_000);
    }
  });

  it('gives every attempt, resend and recovery its own job id, without the `:` BullMQ refuses', () => {
    const id = '6f1c2a8e-0b7e-4a43-9d7e-1f1b1b7c9a10';
    const ids = [deliveryJobIds.attempt(id, 2), deliveryJobIds.attempt(id, 3), deliveryJobIds.resend(id, 3), deliveryJobIds.recovered(id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((j) => j.includes(':'))).toBe(false);
    expect(ids.every((j) => j.startsWith(`email-${id}-`))).toBe(true);
  });

  it('reads its configuration, and refuses a cap below the base', () => {
    expect(loadConfig({}).notifications).toEqual({ backoffBaseMs: 1_000, backoffMaxMs: 900_000, retryWindowMs: 24 * 3_600_000, sendingStaleMs: 120_000 });
    expect(loadConfig({ NOTIFY_RETRY_HOURS: '0.5' }).notifications.retryWindowMs).toBe(1_800_000);
    expect(() => loadConfig({ NOTIFY_BACKOFF_BASE_MS: '5000', NOTIFY_BACKOFF_MAX_MS: '1000' })).toThrow(
      /NOTIFY_BACKOFF_MAX_MS: must be at least NOTIFY_BACKOFF_BASE_MS/,
    );
    expect(() => loadConfig({ NOTIFY_SENDING_STALE_MS: '10' })).toThrow(ConfigError);
  });
});
