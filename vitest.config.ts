import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    alias: { electron: new URL('./tests/fakes/electron.ts', import.meta.url).pathname },
  },
});
