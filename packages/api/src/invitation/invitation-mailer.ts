/**
 * How invitations reach people. The host (apps/web) implements it with Resend and turns
 * `invitePath` into a magic link that signs the invitee in and lands on the accept page.
 */
export interface InvitationMailer {
  sendInvitation(p: { email: string; tenantId: string; tenantName: string; inviterEmail: string; role: string; invitePath: string }): Promise<void>;
}
