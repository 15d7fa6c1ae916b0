// The esbuild options of the plugin's bundle, shared by the build and the test that checks what
// the bundle holds (test/bundle.test.ts).
import { join } from "node:path";

/** @param {string} root the package folder @param {string} version */
export function bundleOptions(root, version) {
  return {
    entryPoints: [join(root, "src/index.ts")],
    outfile: join(root, "dist/index.js"),
    write: false,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    external: ["openclaw", "openclaw/*", "clawdbot", "clawdbot/*"],
    define: { __PLUGIN_VERSION__: JSON.stringify(version) },
    legalComments: "none",
    logLevel: "warning",
  };
}
