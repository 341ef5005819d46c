import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', '.build-*/**', 'node_modules/**', 'playwright-report/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Labels are associated by htmlFor/id throughout; the rule cannot follow our field components.
      'jsx-a11y/label-has-associated-control': 'off',
      'jsx-a11y/no-autofocus': 'off',
    },
  },
  {
    // Browser code must not pull i18next or zod back into page bundles (docs/decisions/0005, CONVENTIONS).
    files: ['app/routes/**/*.tsx', 'app/ui/**/*.tsx', 'app/modules/*/components/**/*.{ts,tsx}', 'app/root.tsx', 'app/entry.client.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react-i18next', message: "Use useTranslation from '~/modules/i18n/react'." },
            { name: 'remix-i18next/react', message: "Use useChangeLanguage from '~/modules/i18n/react'." },
            { name: '@conform-to/zod', message: "Use parseWithZod from '~/utils/parse-with-zod.server' in actions." },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
