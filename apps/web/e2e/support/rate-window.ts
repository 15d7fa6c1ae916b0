/**
 * The sign-in limits count in fixed windows aligned to the epoch (the hot store's rate windows).
 * A test that sends N attempts and expects the N+1st refused would see it allowed if a window edge
 * fell in between: a new window starts at zero. The app under test is a separate production
 * process whose clock cannot be injected, so a test that needs `needMs` inside one window waits for
 * the next window when the current one ends sooner; that happens in about one run in a hundred.
 */
export async function insideOneWindow(windowMs: number, needMs: number, now = Date.now()): Promise<void> {
  const left = windowMs - (now % windowMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
}
