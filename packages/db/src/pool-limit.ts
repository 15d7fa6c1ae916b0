/**
 * Splits Prisma's `connection_limit` URL parameter off a connection string: a deployment (or
 * `npm start` on the single-session embedded server) can size the pool through DATABASE_URL
 * alone, as with Prisma's own engines.
 */
export function splitPoolLimit(connectionString: string): { connectionString: string; max?: number } {
  if (!connectionString.includes("connection_limit=")) return { connectionString };
  const url = new URL(connectionString);
  const limit = Number(url.searchParams.get("connection_limit"));
  url.searchParams.delete("connection_limit");
  return { connectionString: url.toString(), max: Number.isInteger(limit) && limit > 0 ? limit : undefined };
}
