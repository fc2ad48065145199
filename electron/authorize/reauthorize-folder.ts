import path from 'node:path';

/** Where unfinished reauthorizations are journalled (reauthorize-journal.ts); no schema loaded here. */
export const reauthorizeFolder = (home: string): string => path.join(home, 'reauthorizations');
