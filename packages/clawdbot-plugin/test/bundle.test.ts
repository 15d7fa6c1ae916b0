/**
 * The plugin ships as one self-contained file that must hold no control-plane code: the router
 * types reach it as type-only imports, shared code only through @baas/protocol. Checked on the
 * real build (same esbuild options as `pnpm build`), by the files esbuild put into the bundle.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundleOptions } from "../scripts/bundle-options.mjs";
import { PACKAGE_DIR } from "./openclaw-host";

describe("the plugin bundle", () => {
  it("contains the protocol package and the tRPC client, and no server code", async () => {
    const version = (JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string }).version;
    const out = await build({ ...bundleOptions(PACKAGE_DIR, version), metafile: true });
    // Paths in the metafile are relative to the working directory.
    const inputs = Object.keys(out.metafile!.inputs).map((f) => resolve(f));
    expect(inputs.some((f) => f.includes("packages/protocol/src/"))).toBe(true);
    expect(inputs.some((f) => f.includes("@trpc/client"))).toBe(true);
    const server = inputs.filter((f) => /packages\/(api|db|gateway)\/|prisma|node_modules\/(pg|redis|@redis|stripe)\//.test(f));
    expect(server).toEqual([]);
    const text = out.outputFiles![0]!.text;
    for (const marker of ["PrismaClient", "createTRPCRouter", "initTRPC", "@baas/api", "@baas/db", "@baas/gateway"]) expect(text).not.toContain(marker);
  });
});
