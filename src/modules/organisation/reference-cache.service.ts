import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface Snapshot {
  areas: Map<string, string>;
  categories: Map<string, { id: string; sensitive: boolean }>;
  loadedAt: number;
}

const TTL_MS = 60_000;

/**
 * Codes → ids for areas and categories, kept in memory because intake resolves them
 * on every request and they change rarely. A miss reloads at once (a code created a second ago
 * is found); otherwise the snapshot is at most TTL_MS old. Admin writes in this process reload it.
 */
@Injectable()
export class ReferenceCache {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;

  constructor(private readonly db: DataSource) {}

  invalidate() {
    this.snapshot = null;
  }

  async areaId(code: string): Promise<string | undefined> {
    return (await this.lookup((s) => s.areas.get(code))) ?? undefined;
  }

  async category(code: string): Promise<{ id: string; sensitive: boolean } | undefined> {
    return (await this.lookup((s) => s.categories.get(code))) ?? undefined;
  }

  private async lookup<T>(pick: (s: Snapshot) => T | undefined): Promise<T | undefined> {
    let s = await this.current();
    let value = pick(s);
    if (value === undefined && Date.now() - s.loadedAt > 1000) {
      this.snapshot = null;
      s = await this.current();
      value = pick(s);
    }
    return value;
  }

  private async current(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.loadedAt < TTL_MS) return this.snapshot;
    this.loading ??= this.load().finally(() => (this.loading = null));
    return (this.snapshot = await this.loading);
  }

  private async load(): Promise<Snapshot> {
    const [areas, categories] = await Promise.all([
      this.db.query(`SELECT id, code FROM area WHERE active`),
      this.db.query(`SELECT id, code, sensitive FROM category WHERE active`),
    ]);
    return {
      areas: new Map(areas.map((r: { code: string; id: string }) => [r.code, r.id])),
      categories: new Map(categories.map((r: { code: string; id: string; sensitive: boolean }) => [r.code, { id: r.id, sensitive: r.sensitive }])),
      loadedAt: Date.now(),
    };
  }
}
