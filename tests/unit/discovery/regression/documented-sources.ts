// Where each format in the regression set is defined. The cases are written from these documents
// (the providers' own pages first), never from Lapse's detector; where a provider publishes no
// format, the note says what the case rests on instead.

export interface FormatSource {
  url: string;
  /** What the document says that the cases rely on. */
  note: string;
}

export const documentedSources = {
  github: {
    url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
    note: 'ghp_ personal, github_pat_ fine-grained, gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server, ghr_ refresh.',
  },
  githubChecksum: {
    url: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
    note: 'Prefix, underscore, 30 random base62 characters and a 6-character base62 CRC32 checksum of them: 40 characters in all.',
  },
  githubInstallationJwt: {
    url: 'https://github.blog/changelog/ (2026-04-24, "Notice about upcoming new format for GitHub App installation tokens")',
    note: 'Installation tokens on github.com become ghs_<APPID>_<JWT>, about 520 characters; the JWT is not for clients to validate.',
  },
  npm: {
    url: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/',
    note: 'npm_ prefix and the same 30 + 6 CRC32 checksum scheme as GitHub.',
  },
  gitlab: {
    url: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
    note: 'glpat- gloas- gldt- glrt- glrtr- glcbt- glptt- glft- glimt- glagent- glwt- glsoat- glffct-, and _gitlab_session= for session cookies.',
  },
  gitlabRunnerRegistration: {
    url: 'https://gitlab.com/gitlab-org/gitlab/-/blob/master/app/models/concerns/runners_token_prefixable.rb',
    note: 'Runner registration tokens start with GR1348941 ("GR" and the rotation date 20220225 in hex).',
  },
  gitlabRoutable: {
    url: 'https://handbook.gitlab.com/handbook/engineering/architecture/design-documents/cells/routable_tokens/',
    note: 'Routable tokens: prefix, base64url payload, "." two-character version "." then length and CRC in base 36.',
  },
  slackTokens: {
    url: 'https://api.slack.com/authentication/token-types',
    note: 'xoxb- bot, xoxp- user, xapp- app-level, xoxe.xoxb-/xoxe.xoxp- rotating, xoxe- refresh, legacy xoxa-/xoxs-/xoxo-; bot tokens are xoxb-<team digits>-<bot digits>-<secret>.',
  },
  slackWebhooks: {
    url: 'https://api.slack.com/messaging/webhooks',
    note: 'Incoming webhook URLs are https://hooks.slack.com/services/T…/B…/<secret>; the docs print T00000000/B00000000/XXXX… as the placeholder.',
  },
  stripe: {
    url: 'https://docs.stripe.com/keys',
    note: 'Secret keys sk_live_/sk_test_, restricted keys rk_live_/rk_test_, publishable pk_ keys are public. The API reference ships sample test keys in every example.',
  },
  stripeSamples: {
    url: 'https://docs.stripe.com/api/authentication',
    note: '"A sample test API key is included in all the examples here": published, so never a leak.',
  },
  aws: {
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes',
    note: 'AKIA access key, ASIA temporary (STS) key, ABIA STS service bearer token, ACCA context-specific credential; AIDA/AROA/AGPA… name users, roles and groups (not credentials).',
  },
  awsSecretKey: {
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    note: 'An access key is a pair: the key id and a 40-character secret access key; the documented example pair ends in EXAMPLE / EXAMPLEKEY.',
  },
  awsLegacyKeyId: {
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html',
    note: "A3T… key ids are not in AWS's prefix table; established scanners report them, so the set keeps them as AWS key ids.",
  },
  openai: {
    url: 'https://platform.openai.com/api-keys',
    note: 'OpenAI publishes no format. Keys carry T3BlbkFJ (base64 of "OpenAI") between two random halves: sk-<20>T3BlbkFJ<20> legacy, sk-proj-/sk-svcacct-/sk-admin- newer.',
  },
  sentry: {
    url: 'https://docs.sentry.io/security-legal-pii/security/token-formats/',
    note: 'sntryu_ + 64 hex (personal); sntrys_ + base64 JSON (iat, url, region_url, org) + _ + secret (organization).',
  },
  huggingface: {
    url: 'https://huggingface.co/docs/hub/security-tokens',
    note: 'User access tokens start with hf_ (34 letters follow); organization API tokens api_org_.',
  },
  google: {
    url: 'https://cloud.google.com/docs/authentication/api-keys',
    note: 'API keys are AIza followed by 35 characters of [A-Za-z0-9_-].',
  },
  cloudflare: {
    url: 'https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/',
    note: 'cfut_/cfat_/cfk_ + 40 base62 + 8 lowercase hex CRC32 of the 40.',
  },
  digitalocean: {
    url: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
    note: 'dop_v1_ personal, doo_v1_ OAuth, dor_v1_ refresh: 64 hex characters after the prefix.',
  },
  jwt: {
    url: 'https://www.rfc-editor.org/rfc/rfc7519',
    note: 'Three base64url parts joined by "."; §6.1: an Unsecured JWT ({"alg":"none"}) has an empty signature, so it ends in ".".',
  },
  pem: {
    url: 'https://www.rfc-editor.org/rfc/rfc7468',
    note: 'PEM labels: PRIVATE KEY (PKCS#8, RFC 5958), ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY (PKCS#1, RFC 8017), EC PRIVATE KEY (SEC1, RFC 5915); legacy encryption marks Proc-Type: 4,ENCRYPTED.',
  },
  openssh: {
    url: 'https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key',
    note: '"openssh-key-v1\\0", then ciphername ("none" when unencrypted), kdfname, kdfoptions, key count, public keys, then the private section.',
  },
  userinfo: {
    url: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
    note: 'scheme://user:password@host; PostgreSQL, MySQL, MongoDB, Redis and AMQP connection URIs all use it (Redis allows an empty user).',
  },
  basicAuth: {
    url: 'https://www.rfc-editor.org/rfc/rfc7617',
    note: 'Authorization: Basic base64(user ":" password); curl -u user:password sends it.',
  },
} satisfies Record<string, FormatSource>;

export type SourceName = keyof typeof documentedSources;
