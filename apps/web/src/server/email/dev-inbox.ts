/** Demo-mode inbox: emails the server would have sent, kept in memory for /dev/inbox. */
export interface InboxEmail {
  id: number;
  to: string;
  subject: string;
  text: string;
  link: string | null;
  at: Date;
}

const g = globalThis as unknown as { __baasInbox?: InboxEmail[] };
const inbox = (g.__baasInbox ??= []);
let nextId = inbox.length + 1;

export function pushInbox(mail: Omit<InboxEmail, "id" | "at">): void {
  inbox.unshift({ ...mail, id: nextId++, at: new Date() });
  inbox.splice(50);
}

export function readInbox(): InboxEmail[] {
  return [...inbox];
}
