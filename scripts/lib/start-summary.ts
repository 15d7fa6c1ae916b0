/**
 * What `npm start` prints on every start, as one block after everything is up: the address to
 * open (the same APP_URL every sign-in link points at), how to sign in to the demo, where the
 * instance key is, and the database URL to give `psql`. Pure, so a test pins the wording.
 */
export interface StartSummary {
  appUrl: string;
  databaseUrl: string;
  embeddedDataDir: string | null;
  demo: { ownerEmail: string; operatorEmail: string; tenantId: string; keyLine: string } | null;
}

/**
 * The address npm start tells people to open and puts in sign-in links. Listening on loopback it
 * is the literal 127.0.0.1 (not "localhost"): the browser then holds its session cookie under the
 * same host the links point at, and no resolver can send "localhost" to ::1 where nothing listens.
 */
export function defaultAppUrl(host: string, port: number): string {
  const loopback = host === "127.0.0.1" || host === "localhost";
  return `http://${loopback ? "127.0.0.1" : "localhost"}:${port}`;
}

/** The URL for psql: the embedded server has no password, a real one's is masked. */
export function psqlUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "****";
  u.search = "";
  return u.toString();
}

export function summaryLines(s: StartSummary): string[] {
  const base = s.appUrl.replace(/\/$/, "");
  const lines = [
    `open ${base}  (sign-in links point here too; set APP_URL to change it)`,
  ];
  if (s.demo) {
    lines.push(`demo sign-in: press "Sign in as the demo owner" on ${base}/signin (${s.demo.ownerEmail}); operator: ${s.demo.operatorEmail}, its sign-in link appears in ${base}/dev/inbox`);
    lines.push(s.demo.keyLine);
    lines.push(`instance keys are issued on the Bots page: ${base}/t/${s.demo.tenantId}/instances`);
  }
  lines.push(`database${s.embeddedDataDir ? ` (embedded, data in ${s.embeddedDataDir}; its port changes every start)` : ""}: psql "${psqlUrl(s.databaseUrl)}"`);
  return lines;
}
