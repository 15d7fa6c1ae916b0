import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { writeMergedCatalogs } from "./src/i18n/catalog";

// messages/<locale>/<namespace>.json → src/i18n/generated/<locale>.json, read by src/i18n/request.ts.
writeMergedCatalogs(import.meta.dirname);
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  // Workspace packages export TypeScript sources.
  transpilePackages: ["@baas/api", "@baas/db", "@baas/gateway", "@baas/protocol"],
  // Prisma's driver adapter and pg stay plain Node modules at run time.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
  typedRoutes: false,
  // Every answer, pages and API alike: no framing (clickjacking), no MIME sniffing, no full URLs
  // (magic-link tokens) leaked in Referer, no plugins, no forms posted or <base> pointed elsewhere.
  headers: async () => [
    {
      source: "/:path*",
      headers: [
        { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'" },
        { key: "X-Frame-Options", value: "DENY" },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
      ],
    },
  ],
};

export default withNextIntl(config);
