/**
 * Config sync: pull the desired revision, validate it, apply it through the host's own config
 * mechanism, ack the result. A revision that fails validation or that the host refuses is
 * acked "failed" and never touches the running config: the last good one stays.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import type { ControlPlane } from "./control-plane";
import type { ConfigRevision } from "./contract";

const agentId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "agent ids are lower case letters, digits, - and _");
const fragmentSchema = z
  .object({
    agents: z.object({
      ownership: z.literal("explicit").optional(),
      entries: z.record(
        agentId,
        z.object({
          identity: z.object({ name: z.string().min(1).max(80), emoji: z.string().max(16).optional(), avatar: z.string().max(2048).optional(), theme: z.string().max(200).optional() }),
          model: z.string().regex(/^[a-z0-9_-]+\/[A-Za-z0-9._:-]+$/, "model refs look like <provider>/<model>").optional(),
          groupChat: z.object({ mentionPatterns: z.array(z.string().min(1).max(100)).max(50) }).optional(),
        }),
      ),
    }),
    bindings: z.array(
      z.object({
        agentId,
        match: z.object({ channel: z.string().min(1), peer: z.object({ kind: z.enum(["direct", "group", "channel"]), id: z.string().min(1) }).optional() }),
      }),
    ),
    channels: z.record(
      z.string(),
      z.object({
        dmPolicy: z.enum(["pairing", "allowlist", "open", "disabled"]).optional(),
        groupPolicy: z.enum(["open", "allowlist", "disabled"]).optional(),
        groups: z.record(z.string().min(1), z.object({ requireMention: z.boolean() })).optional(),
      }),
    ),
  })
  .superRefine((cfg, ctx) => {
    const ids = Object.keys(cfg.agents.entries);
    if (ids.length > 1 && cfg.agents.ownership !== "explicit") {
      ctx.addIssue({ code: "custom", path: ["agents", "ownership"], message: "several agents need ownership: explicit" });
    }
    cfg.bindings.forEach((b, i) => {
      if (!ids.includes(b.agentId)) ctx.addIssue({ code: "custom", path: ["bindings", i, "agentId"], message: `unknown agent "${b.agentId}"` });
    });
  });

export type ConfigFragment = z.infer<typeof fragmentSchema>;

export function validateFragment(config: unknown): { ok: true; fragment: ConfigFragment } | { ok: false; error: string } {
  const r = fragmentSchema.safeParse(config);
  if (r.success) return { ok: true, fragment: r.data };
  return { ok: false, error: r.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ") };
}

type Draft = Record<string, unknown>;
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Merges the fragment into the host config draft (OpenClaw shape); host-only keys survive. */
export function applyFragment(draft: Draft, fragment: ConfigFragment): void {
  const agents = obj(draft.agents);
  const entries = obj(agents.entries);
  for (const [id, want] of Object.entries(fragment.agents.entries)) {
    const have = obj(entries[id]);
    entries[id] = {
      ...have,
      identity: { ...obj(have.identity), ...want.identity },
      ...(want.model ? { model: want.model } : {}),
      ...(want.groupChat ? { groupChat: { ...obj(have.groupChat), ...want.groupChat } } : {}),
    };
  }
  agents.entries = entries;
  if (fragment.agents.ownership) agents.ownership = fragment.agents.ownership;
  draft.agents = agents;
  draft.bindings = fragment.bindings.map((b) => ({ type: "route", ...b }));
  const channels = obj(draft.channels);
  for (const [provider, want] of Object.entries(fragment.channels)) {
    channels[provider] = { ...obj(channels[provider]), ...want };
  }
  if (Object.keys(fragment.channels).length > 0) draft.channels = channels;
}

/** The host's config writer: OpenClaw's api.runtime.config.mutateConfigFile, or a test double. */
export type ConfigWriter = (mutate: (draft: Draft) => void) => Promise<{ hostHash: string | null }>;

interface SyncState {
  appliedRevisionId?: string;
  appliedHash?: string;
  /** Last hash pulled, applied or not: the long-poll waits for something newer. */
  knownHash?: string;
}

export class ConfigSync {
  private state: SyncState = {};
  private loaded = false;

  constructor(
    private readonly deps: { controlPlane: ControlPlane; write: ConfigWriter; stateFile: string; log?: (m: string) => void },
  ) {}

  get applied(): Readonly<SyncState> {
    return this.state;
  }

  /** One pull → validate → apply → ack cycle. Returns what happened, for logs and tests. */
  async syncOnce(waitMs = 0, signal?: AbortSignal): Promise<"unchanged" | "applied" | "failed" | "none"> {
    await this.load();
    const { revision, changed } = await this.deps.controlPlane.pullConfig({ knownHash: this.state.knownHash ?? null, waitMs }, signal);
    if (!revision) return "none";
    if (!changed || revision.hash === this.state.knownHash) return "unchanged";
    return this.apply(revision);
  }

  private async apply(revision: ConfigRevision): Promise<"applied" | "failed"> {
    const v = validateFragment(revision.config);
    let hostHash: string | null = null;
    let error: string | null = v.ok ? null : `invalid revision: ${v.error}`;
    if (v.ok) {
      try {
        hostHash = (await this.deps.write((draft) => applyFragment(draft, v.fragment))).hostHash;
      } catch (e) {
        error = `host refused the config: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    this.state.knownHash = revision.hash;
    if (!error) {
      this.state.appliedRevisionId = revision.id;
      this.state.appliedHash = revision.hash;
    }
    await this.save();
    this.deps.log?.(error ? `config v${revision.version} rejected: ${error}` : `config v${revision.version} applied`);
    await this.deps.controlPlane.ackConfig(
      error ? { revisionId: revision.id, status: "failed", error } : { revisionId: revision.id, status: "applied", hostHash },
    );
    return error ? "failed" : "applied";
  }

  private async load() {
    if (this.loaded) return;
    this.loaded = true;
    try {
      this.state = JSON.parse(await readFile(this.deps.stateFile, "utf8")) as SyncState;
    } catch {
      this.state = {};
    }
  }

  private async save() {
    await mkdir(dirname(this.deps.stateFile), { recursive: true });
    await writeFile(this.deps.stateFile, JSON.stringify(this.state), "utf8");
  }
}
