import { Buffer } from 'node:buffer';

/**
 * A look-alike assembled at run time, so the source never holds a token-shaped literal that a
 * scanner (ours or anyone's) would report as a leak.
 */
export const lookAlike = (prefix: string, body: string): string => prefix + body;

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** The jwt.io sample token that documentation everywhere copies: a decoy, never a secret. */
export const jwtIoSample = (): string =>
  [
    base64url({ alg: 'HS256', typ: 'JWT' }),
    base64url({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }),
    'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ].join('.');
