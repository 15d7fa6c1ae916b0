import "server-only";
import { Resend } from "resend";
import { emailToInbox, env, isDemoMode } from "~/env";
import { pushInbox } from "./dev-inbox";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The one link the email is about (shown in the dev inbox and, in demo mode, the log). */
  link: string;
}

let client: Resend | undefined;

/** Resend when a key is configured (RESEND_BASE_URL points the SDK at the test fake); else the dev inbox. */
export async function sendEmail(mail: OutgoingEmail): Promise<void> {
  if (emailToInbox()) {
    pushInbox({ to: mail.to, subject: mail.subject, text: mail.text, link: mail.link });
    // JSON-quoted: an address or subject with a newline can't forge a second log line.
    const who = `${JSON.stringify(mail.to)} (${JSON.stringify(mail.subject)})`;
    // The link signs someone in: in the log only in demo mode, where it is the whole point.
    if (isDemoMode()) console.info(`[baas] email to ${who}: ${mail.link}`);
    else console.warn(`[baas] email to ${who} NOT sent: set RESEND_API_KEY to send email`);
    return;
  }
  client ??= new Resend(env().RESEND_API_KEY);
  const { error } = await client.emails.send({ from: env().EMAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  if (error) throw new Error(`Email could not be sent: ${error.message}`);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** The footer is passed in the recipient's language (emails.footer). */
export function linkEmailHtml(title: string, body: string, link: string, cta: string, footer: string): string {
  return `<div style="font-family:system-ui,sans-serif;max-width:480px"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(cta)}</a></p>
<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></div>`;
}
