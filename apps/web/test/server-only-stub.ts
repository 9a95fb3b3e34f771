// Stands in for the 'server-only' package under vitest, where server modules are tested directly.
export {};
