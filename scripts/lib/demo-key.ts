/**
 * What `npm start` says about the demo instance key on every start. The key is derived from the
 * demo's encryption key (seed/demo-tenant.ts), so it can be said again as long as the instance
 * still has it: once someone issued a new key in the app, only its hash is left to compare with.
 */
export function demoKeyLine(key: string, storedHash: string | null, hash: (k: string) => string): string {
  if (storedHash !== null && hash(key) === storedHash) return `demo instance key (the plugin's instanceKey): ${key}`;
  return "demo instance key: a new one was issued in the app since the demo was seeded; issue another on the instance's page if it is lost";
}
