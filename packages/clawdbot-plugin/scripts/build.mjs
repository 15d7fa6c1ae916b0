// Bundles the plugin into dist/index.js: @trpc/client, superjson, zod and @baas/protocol are inlined so the
// installed plugin needs nothing from this workspace or from npm at run time. The host's SDK
// (openclaw/plugin-sdk/*) stays external: the host resolves it for the plugins it loads.
import { build } from "esbuild";
import { bundleOptions } from "./bundle-options.mjs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

const out = await build(bundleOptions(root, pkg.version));
// Written whole and renamed into place: a host loading dist/ while another build runs (the test
// suites build and pack at once) never reads half a file.
await mkdir(join(root, "dist"), { recursive: true });
const tmp = join(root, "dist", `.index.js.${process.pid}.tmp`);
await writeFile(tmp, out.outputFiles[0].contents);
await rename(tmp, join(root, "dist/index.js"));
console.log(`built dist/index.js (${pkg.name}@${pkg.version})`);
