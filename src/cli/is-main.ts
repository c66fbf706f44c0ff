import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module with this import.meta.url is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return Boolean(script) && pathToFileURL(realpathSync(script)).href === moduleUrl;
}
