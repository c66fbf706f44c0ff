import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { DEMO_PASSWORD, isEmpty, seedDemo } from '../infrastructure/database/seed/seed-demo';

/** `npm run db:seed`: loads the demo province into an empty database (refuses to mix with real data). */
export async function seed({ ifEmpty = false } = {}) {
  const config = loadConfig();
  const db = await new DataSource(dataSourceOptions(config, { poolSize: 2 })).initialize();
  try {
    if (!(await isEmpty(db))) {
      const message = 'database already has data: demo data not loaded';
      if (ifEmpty) return console.log(message);
      throw new Error(message);
    }
    const { users, concerns } = await seedDemo(db);
    console.log(`demo data loaded: ${users} users (password ${DEMO_PASSWORD}), ${concerns} concerns`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  seed().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
