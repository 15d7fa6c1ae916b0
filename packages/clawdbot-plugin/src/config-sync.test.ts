import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSync, type ConfigWriter } from "./config-sync";
import type { ControlPlane } from "./control-plane";
import type { ConfigRevision } from "./contract";

const good = {
  agents: { ownership: "explicit", entries: { lobo: { identity: { name: "Lobo", emoji: "🐺" }, model: "baas/claude-sonnet-4-5", groupChat: { mentionPatterns: ["@lobo"] } }, coruja: { identity: { name: "Coruja" } } } },
  bindings: [{ agentId: "lobo", match: { channel: "whatsapp", peer: { kind: "group", id: "1203@g.us" } } }],
  channels: { whatsapp: { dmPolicy: "pairing", groupPolicy: "allowlist", groups: { "1203@g.us": { requireMention: false } } } },
};

function harness(revisions: ConfigRevision[], opts: { hostRefuses?: boolean } = {}) {
  const acks: Array<Record<string, unknown>> = [];
  let host: Record<string, unknown> = { agents: { entries: { lobo: { identity: { name: "Old" }, workspace: "/ws/lobo" } } }, gateway: { port: 18789 } };
  const cp = {
    pullConfig: async ({ knownHash }: { knownHash?: string | null }) => {
      const revision = revisions.at(-1) ?? null;
      return { revision, changed: !!revision && revision.hash !== knownHash };
    },
    ackConfig: async (a: Record<string, unknown>) => void acks.push(a),
  } as unknown as ControlPlane;
  const write: ConfigWriter = async (mutate) => {
    const draft = structuredClone(host);
    mutate(draft);
    if (opts.hostRefuses) throw new Error("agents.entries.lobo.model: unknown provider");
    host = draft;
    return { hostHash: "host-" + JSON.stringify(draft).length };
  };
  const stateFile = join(mkdtempSync(join(tmpdir(), "baas-sync-")), "sync.json");
  return { acks, host: () => host, sync: new ConfigSync({ controlPlane: cp, write, stateFile }), stateFile, cp, write };
}

describe("config sync", () => {
  it("applies a valid revision through the host writer and acks the host hash", async () => {
    const h = harness([{ id: "r1", version: 1, hash: "h1", config: good, status: "PENDING", createdAt: new Date() }]);
    expect(await h.sync.syncOnce()).toBe("applied");
    const host = h.host() as any;
    expect(host.agents.entries.lobo).toEqual({ identity: { name: "Lobo", emoji: "🐺" }, model: "baas/claude-sonnet-4-5", groupChat: { mentionPatterns: ["@lobo"] }, workspace: "/ws/lobo" });
    expect(host.agents.ownership).toBe("explicit");
    expect(host.bindings).toEqual([{ type: "route", agentId: "lobo", match: { channel: "whatsapp", peer: { kind: "group", id: "1203@g.us" } } }]);
    expect(host.channels.whatsapp.groups["1203@g.us"]).toEqual({ requireMention: false });
    expect(host.gateway).toEqual({ port: 18789 });
    expect(h.acks).toEqual([{ revisionId: "r1", status: "applied", hostHash: expect.stringMatching(/^host-/) }]);
    expect(await h.sync.syncOnce()).toBe("unchanged");
  });

  it("never applies a bad revision: acks failed with the reason and keeps the last good config", async () => {
    const revs: ConfigRevision[] = [{ id: "r1", version: 1, hash: "h1", config: good, status: "PENDING", createdAt: new Date() }];
    const h = harness(revs);
    await h.sync.syncOnce();
    const lastGood = structuredClone(h.host());
    revs.push({ id: "r2", version: 2, hash: "h2", config: { ...good, bindings: [{ agentId: "ghost", match: { channel: "whatsapp" } }] }, status: "PENDING", createdAt: new Date() });
    expect(await h.sync.syncOnce()).toBe("failed");
    expect(h.host()).toEqual(lastGood);
    expect(h.acks.at(-1)).toMatchObject({ revisionId: "r2", status: "failed", error: expect.stringContaining('unknown agent "ghost"') });
    expect(h.sync.applied).toMatchObject({ appliedRevisionId: "r1", knownHash: "h2" });
    // The rejected revision is not retried in a loop.
    expect(await h.sync.syncOnce()).toBe("unchanged");
  });

  it("a revision the host itself refuses is acked failed and changes nothing", async () => {
    const h = harness([{ id: "r1", version: 1, hash: "h1", config: good, status: "PENDING", createdAt: new Date() }], { hostRefuses: true });
    const before = structuredClone(h.host());
    expect(await h.sync.syncOnce()).toBe("failed");
    expect(h.host()).toEqual(before);
    expect(h.acks[0]).toMatchObject({ status: "failed", error: expect.stringContaining("host refused") });
  });

  it("remembers what it applied across restarts (no re-apply after a reboot)", async () => {
    const h = harness([{ id: "r1", version: 1, hash: "h1", config: good, status: "APPLIED", createdAt: new Date() }]);
    await h.sync.syncOnce();
    const again = new ConfigSync({ controlPlane: h.cp, write: h.write, stateFile: h.stateFile });
    expect(await again.syncOnce()).toBe("unchanged");
    expect(h.acks).toHaveLength(1);
  });
});
