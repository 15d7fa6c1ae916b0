import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { demoKeyLine } from "./demo-key";

const hash = (k: string) => createHash("sha256").update(k).digest("hex");

describe("the demo instance key on every start", () => {
  it("says the key while the instance still has it, and never a key the instance no longer accepts", () => {
    expect(demoKeyLine("baas_demo_abc", hash("baas_demo_abc"), hash)).toBe("demo instance key (the plugin's instanceKey): baas_demo_abc");
    const rotated = demoKeyLine("baas_demo_abc", hash("baas_inst_new"), hash);
    expect(rotated).not.toContain("baas_demo_abc");
    expect(rotated).toMatch(/issued in the app/);
    expect(demoKeyLine("baas_demo_abc", null, hash)).not.toContain("baas_demo_abc");
  });
});
