// Playwright end-to-end tests against the built release bundle in dist/.
// `cargo xtask test` serves dist/ itself and passes BASE_URL; run alone, Playwright starts
// `cargo xtask serve` (after `cargo xtask dev` or a `trunk build --release`).
import { defineConfig } from '@playwright/test';

const port = 8099;
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../target/playwright',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL,
    serviceWorkers: 'allow',
    launchOptions: {
      // Debian's chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: process.env.BASE_URL
    ? undefined
    : {
        command: `cargo xtask serve 127.0.0.1:${port}`,
        url: baseURL,
        reuseExistingServer: false,
      },
});
