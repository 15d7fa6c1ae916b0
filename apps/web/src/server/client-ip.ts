import "server-only";
import { CLIENT_IP_HEADER } from "./client-ip-header";

/** The client's address as apps/web/server.ts saw it; "unknown" when served some other way. */
export function clientIpOf(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. An unknown address is not loopback. */
export function isLoopback(ip: string): boolean {
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return ip === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
