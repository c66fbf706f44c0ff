import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/index.js';
import { createApp } from './app.factory.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await createApp(config);
  await app.listen({ port: config.http.port, host: '0.0.0.0' });
}

void main();
