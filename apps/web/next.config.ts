import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages export TypeScript sources.
  transpilePackages: ["@baas/api", "@baas/db", "@baas/gateway"],
  // Prisma's driver adapter and pg stay plain Node modules at run time.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
