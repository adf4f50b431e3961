// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./app/_server/i18n-request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so `npm test` never clobbers a running production build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The app's build checks the app; `npm run typecheck` (part of `npm test`) checks tests and scripts too.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  experimental: {
    serverActions: { bodySizeLimit: '2mb' },
  },
  // The nonce-based Content-Security-Policy is set per request in proxy.ts; these are static.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
