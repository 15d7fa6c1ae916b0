import { z } from "zod";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The receiver's URL: https, no credentials in it. Plain http only to a loopback receiver, and only
 * where the host allows it (demo mode and tests), so a tenant cannot aim the server at itself.
 */
export function webhookUrlSchema(allowLoopback: boolean) {
  return z
    .string()
    .trim()
    .max(2000, "URL is at most 2,000 characters")
    .url("URL must be a full URL such as https://example.com/hooks/baas")
    .superRefine((raw, ctx) => {
      if (!URL.canParse(raw)) return; // reported by .url() already
      const u = new URL(raw);
      const loopback = LOOPBACK.has(u.hostname);
      if (u.username || u.password) ctx.addIssue({ code: "custom", message: "URL must not contain a user name or password" });
      else if (loopback && !allowLoopback) ctx.addIssue({ code: "custom", message: "URL must not point at this server (loopback)" });
      else if (u.protocol !== "https:" && !(u.protocol === "http:" && loopback)) ctx.addIssue({ code: "custom", message: "URL must use https" });
    });
}
