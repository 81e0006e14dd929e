import { normalize, sep } from 'node:path';
import { AppError } from '../core/errors.ts';

/** A content-relative Markdown path that cannot escape the content directory. */
export function safeRelativePath(relativePath: string): string {
  const path = normalize(relativePath).split(sep).join('/');
  if (path.startsWith('/') || path.startsWith('..') || /^[a-zA-Z]:/.test(path) || !path.endsWith('.md')) {
    throw new AppError('invalid_input', `not a Markdown path inside the knowledge base: ${relativePath}`);
  }
  return path;
}
