// @ts-check
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';

const PACKAGE_BOUNDARY = {
  group: ['../../*/src/*', '@edgefleet/*/src/*'],
  message: 'Import other packages through their public entry point (@edgefleet/<pkg>).',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'proto/generated/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      'coordinator/src/noc/dashboard/static/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', { patterns: [PACKAGE_BOUNDARY] }],
    },
  },
  // The coordinator's rooms (docs/architecture.md). A later block replaces the rule, so each one
  // repeats the package boundary.
  roomRule('coordinator/src/leases/**', [
    {
      group: ['../grpc/*', '@grpc/grpc-js'],
      message: 'leases/ talks to agents through its OfferChannel; gRPC lives in grpc/.',
    },
  ]),
  roomRule('coordinator/src/fleet/**', [
    {
      group: ['../transport/*', '../grpc/*'],
      message: 'fleet/ is the registry: links and transports call it, not the other way round.',
    },
  ]),
  roomRule('coordinator/src/{http,noc}/**', [
    {
      group: ['../pki/*'],
      message:
        'HTTP routes reach certificates and secrets through enrollment/ or fleet/, never pki/.',
    },
  ]),
  roomRule('coordinator/src/ledger/**', [
    {
      group: ['../grpc/*', '../http/*', '../leases/*', '../noc/*'],
      message: 'The ledger is below leases, gRPC and HTTP: they call it.',
    },
  ]),
);

/** no-restricted-imports for one room's code: the package boundary plus the room's own patterns. */
function roomRule(files, patterns) {
  return {
    files: [files],
    // A test may cross rooms to check the whole path (a lease refusal as the gRPC client sees it).
    ignores: ['**/*.test.ts', '**/*.test-support.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PACKAGE_BOUNDARY, ...patterns] }] },
  };
}
