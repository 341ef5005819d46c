// BUILD_DIR lets parallel test runs build side by side without overwriting each other.
const buildDir = process.env.BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: buildDir ? `${buildDir}/index.js` : 'build/index.js',
  assetsBuildDirectory: buildDir ? `${buildDir}/public/build` : 'public/build',
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // Locale catalogues are read from disk by the server; rebuild in dev when they change.
  watchPaths: ['app/locales/**/*.json'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
};
