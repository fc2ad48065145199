/** The renderer's CSP, sent as a header as well as the page's meta tag so neither alone is load-bearing. */
export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
