// Lint: typescript-eslint's recommended rules over every TypeScript source.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // tmp/ and .bench-out/ are git-ignored scratch space.
  { ignores: ['node_modules/', 'dist/', 'client/dist/', 'coverage/', 'tmp/', '.bench-out/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
