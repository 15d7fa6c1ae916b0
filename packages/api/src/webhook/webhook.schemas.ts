import { isIP } from "node:net";
import { z } from "zod";
import { isAllowedAddress } from "./safe-target";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const isLoopbackName = (h: string) => LOOPBACK.has(h) || /(^|\.)localhost\.?$/i.test(h);

/**
 * The receiver's URL: https, no credentials in it. Plain http only to a loopback receiver, and only
 * where the host allows it (demo mode and tests), so a tenant cannot aim the server at itself; no
 * private or reserved address (names are checked again when delivering, see safe-target.ts).
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
      const loopback = isLoopbackName(u.hostname);
      const literal = u.hostname.replace(/^\[|\]$/g, "");
      if (u.username || u.password) ctx.addIssue({ code: "custom", message: "URL must not contain a user name or password" });
      else if (loopback && !allowLoopback) ctx.addIssue({ code: "custom", message: "URL must not point at this server (loopback)" });
      else if (isIP(literal) && !loopback && !isAllowedAddress(literal)) ctx.addIssue({ code: "custom", message: "URL must not point at a private or reserved address" });
      else if (u.protocol !== "https:" && !(u.protocol === "http:" && loopback)) ctx.addIssue({ code: "custom", message: "URL must use https" });
    });
}
