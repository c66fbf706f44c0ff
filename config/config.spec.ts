import { ConfigError, loadConfig } from './index.js';

describe('configuration', () => {
  it('has defaults that work on a developer machine', () => {
    const c = loadConfig({});
    expect(c.database.url).toBe('postgres://postgres@127.0.0.1:5432/concern_desk');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379/0');
    expect(c.http.port).toBe(3000);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', SMTP_URL: 'nope' });
    } catch (e) {
      const message = (e as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'SMTP_URL']) expect(message).toContain(name);
      expect(message).not.toContain('REDIS_URL');
    }
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).env).toBe('production');
  });

  it('reads the operator and login settings: METRICS_TOKEN is a secret of 32 characters or more, TRUST_PROXY off unless set', () => {
    const c = loadConfig({});
    expect(c.operations.metricsToken).toBeNull();
    expect(c.http.trustProxy).toBe(false);
    expect(c.auth.loginIpMaxFailuresPerDay).toBe(100);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
    expect(loadConfig({ METRICS_TOKEN: 't'.repeat(32) }).operations.metricsToken).toBe('t'.repeat(32));
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('keeps attachments on the local disk unless S3_BUCKET is set, and asks for the S3 credentials in pairs', () => {
    expect(loadConfig({}).storage).toEqual({ dir: './var/storage', s3: null });
    expect(loadConfig({}).attachments).toEqual({ maxBytes: 20 * 1024 * 1024, maxPerCase: 50, maxCaseBytes: 200 * 1024 * 1024 });
    const s3 = loadConfig({
      S3_BUCKET: 'ho-so',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'a',
      S3_SECRET_ACCESS_KEY: 'b',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(s3.storage.s3).toEqual({
      bucket: 'ho-so',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      forcePathStyle: true,
    });
    expect(() => loadConfig({ S3_BUCKET: 'ho-so', S3_ACCESS_KEY_ID: 'a' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET: must be set/);
    expect(() => loadConfig({ S3_BUCKET: 'A' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: '10' })).toThrow(/ATTACHMENT_MAX_BYTES/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });
});
