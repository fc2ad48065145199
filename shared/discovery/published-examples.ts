// Values that providers print in their own documentation and SDK examples: everyone has a copy, so
// finding one is no leak. Kept as hashes, so this file holds no token-shaped text for any scanner.

/** FNV-1a of a string with a given seed: two of them make a 64-bit fingerprint, plenty to tell examples apart. */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const exampleFingerprint = (value: string): string =>
  fnv1a(value, 0x811c9dc5).toString(16).padStart(8, '0') + fnv1a(value, 0x5bd1e995).toString(16).padStart(8, '0');

const published = new Set([
  // Stripe's sample test keys ("A sample test API key is included in all the examples here",
  // https://docs.stripe.com/api/authentication), old and current, and the get-started guide's.
  '1d14fe37e0cbd727',
  'e972e9a4a20776d4',
  'ca7de891f7568d21',
]);

/** True for a value a provider publishes as an example (AWS's end in EXAMPLE and are caught as placeholders). */
export const isPublishedExample = (value: string): boolean => published.has(exampleFingerprint(value));
