// @ts-check
import angular from 'angular-eslint';
import tseslint from 'typescript-eslint';

/** Test support lives in `testing/` folders; production code never imports it. */
const testSupportImports = {
  regex: '^\\.{1,2}/(.+/)?testing(/|\\.ts$|$)',
  message: 'Test support (testing/) is for tests and benchmarks only.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      '.angular/',
      'cdk.out/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.local-cloud/',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended, ...tseslint.configs.stylistic],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.spec.ts', '**/testing/**', 'e2e/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [testSupportImports],
        },
      ],
    },
  },
  {
    // core/ is what every feature uses, so it knows none of them (a later config of the same rule
    // replaces the one above, hence the testing/ pattern again).
    files: ['src/app/core/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            testSupportImports,
            {
              regex: '^\\.\\./(auth|notes|profile|home)(/|$)',
              message: 'core/ must not depend on a feature; move the piece into the feature.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    files: ['src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
);
