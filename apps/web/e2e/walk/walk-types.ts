/**
 * The i18n walk (../i18n-walk.browser.test.ts) visits every route listed by the files in this
 * folder named routes-*.ts, in both languages, at desktop and phone sizes. Each engineer lists the
 * pages they own in their own routes-<area>.ts, so adding pages never touches another's file.
 */
export interface WalkWorld {
  tenantId: string;
  /** A group channel with usage, and one of its session keys (for the drill-downs). */
  channelId: string;
  sessionKey: string;
  agentId: string;
  instanceId: string;
}

export interface WalkRoute {
  /** Screenshot name and test label. */
  name: string;
  path: (w: WalkWorld) => string;
  /** Visit without a session (sign-in pages). */
  anonymous?: boolean;
  /** A selector that shows the page has rendered its content (default: the first h1). */
  ready?: string;
}
