export function buildIfStale(options?: { client?: boolean }): void;
