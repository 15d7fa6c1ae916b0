import { defineConfig } from "prisma/config";

// Prisma 7 reads its CLI settings here. Only `prisma generate` runs on these machines (the
// native schema engine cannot be downloaded); migrations are applied by src/migrate.ts.
export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
});
