import path from 'node:path';
import { appHost, appScheme } from './app-origin.js';

/**
 * The file under `root` that an `app://lapse/…` request names, or null for anything else: a
 * foreign host, a malformed escape, or a path that would climb out of the renderer folder.
 */
export function rendererFileFor(requestUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  // Decoded %2F and %5C can smuggle "../" past URL normalisation; the resolved path is the truth.
  const inside = path.relative(base, file);
  if (!inside || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return file;
}
