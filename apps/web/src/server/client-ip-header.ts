/** Set by apps/web/server.ts from the socket (or a trusted proxy's forwarded header), never by clients. */
export const CLIENT_IP_HEADER = "x-baas-client-ip";
