// Who may import whom (docs/architecture.md, "Imports"): each part's forbidden neighbours, enforced by
// ESLint's no-restricted-imports. Filled in by the services refactoring.
export const importRules = [];
