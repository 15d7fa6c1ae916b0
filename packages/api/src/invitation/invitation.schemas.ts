import { z } from "zod";

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  role: z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]),
});
