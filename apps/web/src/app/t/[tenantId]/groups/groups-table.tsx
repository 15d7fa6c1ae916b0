"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import type { RouterOutputs } from "@baas/api";
import { mentionPatternSchema } from "@baas/api/schemas";
import { useErrorText } from "~/components/app/use-error-text";
import { Input, Select } from "~/components/ui/input";
import { Card, ErrorNote, PageHeader } from "~/components/ui/misc";
import { Switch } from "~/components/ui/switch";
import { TagInput } from "~/components/ui/tag-input";
import { useTRPC } from "~/trpc/react";
import { ChatCost } from "./chat-cost";
import { useChannelUpdate } from "./use-channel-update";

type Chats = RouterOutputs["channel"]["chats"];
type Group = Chats["groups"][number];
type Dm = Chats["dms"][number];
type Patch = { requireMention?: boolean; modelOverride?: string | null; mentionPatterns?: string[]; policy?: Group["policy"] };
type Model = { model: string; displayName: string };

/** Groups and direct messages apart: a DM has no mention setting, so none is offered. */
export function GroupsTable({ tenantId, policies }: { tenantId: string; policies?: React.ReactNode }) {
  const t = useTranslations("groups");
  const trpc = useTRPC();
  const errorText = useErrorText();
  const { data: chats } = useSuspenseQuery(trpc.channel.chats.queryOptions({ tenantId }));
  const { data: models } = useSuspenseQuery(trpc.agent.models.queryOptions({ tenantId }));
  const { data: tenant } = useSuspenseQuery(trpc.tenant.get.queryOptions({ tenantId }));
  const canEdit = tenant.myRole === "OWNER" || tenant.myRole === "ADMIN";
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const update = useChannelUpdate(tenantId, (e) => setError(errorText(e)));
  const save = (channelId: string, patch: Patch) => {
    setError(null);
    update.mutate({ tenantId, channelId, ...patch });
  };
  const match = (c: { name: string; agent: { name: string } | null }) => `${c.name} ${c.agent?.name ?? ""}`.toLowerCase().includes(filter.toLowerCase());
  const groups = chats.groups.filter(match);
  const dms = chats.dms.filter(match);
  const common = { tenantId, canEdit, models, currency: chats.currency, save };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {policies}
      <div className="mb-3 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <Input type="search" aria-label={t("search")} placeholder={t("searchPlaceholder")} value={filter} onChange={(e) => setFilter(e.target.value)} className="sm:max-w-xs" />
        <p className="text-sm text-slate-500">{t("counts", { groups: groups.length, groupsTotal: chats.groups.length, dms: dms.length, dmsTotal: chats.dms.length })}</p>
      </div>
      <ErrorNote message={error} />
      <section aria-labelledby="groups-heading" className="mt-4">
        <h2 id="groups-heading" className="mb-2 text-lg font-medium">{t("groupsHeading")}</h2>
        <ul className="grid gap-3 lg:grid-cols-2" aria-label={t("groupsHeading")}>
          {groups.map((g) => <GroupCard key={g.id} group={g} {...common} />)}
          {groups.length === 0 ? <li className="text-sm text-slate-500">{t("noGroups")}</li> : null}
        </ul>
      </section>
      <section aria-labelledby="dms-heading" className="mt-8">
        <h2 id="dms-heading" className="mb-1 text-lg font-medium">{t("dmsHeading")}</h2>
        <p className="mb-2 text-sm text-slate-600">{t("dmsHint")}</p>
        <ul className="grid gap-3 lg:grid-cols-2" aria-label={t("dmsHeading")}>
          {dms.map((d) => <DmCard key={d.id} dm={d} {...common} />)}
          {dms.length === 0 ? <li className="text-sm text-slate-500">{t("noDms")}</li> : null}
        </ul>
      </section>
    </>
  );
}

interface CardProps {
  tenantId: string;
  canEdit: boolean;
  models: Model[];
  currency: string;
  save: (channelId: string, patch: Patch) => void;
}

function Who({ tenantId, agent, viaRule }: { tenantId: string; agent: Group["agent"]; viaRule: Group["viaRule"] }) {
  const t = useTranslations("groups");
  if (!agent && viaRule) return <span className="text-sm text-slate-600">{t("answeredByRule", { agent: `${viaRule.emoji ? `${viaRule.emoji} ` : ""}${viaRule.name}` })}</span>;
  if (!agent) return <Link href={`/t/${tenantId}/bindings`} className="text-sm text-amber-700 underline">{t("nobodyAnswers")}</Link>;
  return <span className="text-sm text-slate-600">{t("answeredBy", { agent: `${agent.emoji ? `${agent.emoji} ` : ""}${agent.name}` })}{agent.enabled ? "" : ` · ${t("agentOff")}`}</span>;
}

function ModelSelect({ label, value, disabled, models, onChange }: { label: string; value: string | null; disabled: boolean; models: Model[]; onChange: (v: string | null) => void }) {
  const t = useTranslations("groups");
  return (
    <Select aria-label={label} className="h-9 min-w-0" disabled={disabled} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">{t("agentModel")}</option>
      {models.map((m) => <option key={m.model} value={m.model}>{m.displayName}</option>)}
    </Select>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3">
      <span className="text-xs font-medium text-slate-500">{label}</span>
      <div className="min-w-0 max-w-[65%]">{children}</div>
    </div>
  );
}

function GroupCard({ group: g, tenantId, canEdit, models, currency, save }: CardProps & { group: Group }) {
  const t = useTranslations("groups");
  return (
    <li data-testid={`group-${g.name}`}>
      <Card className="space-y-3">
        <div>
          <p className="font-medium" title={g.rawId}>{g.name}</p>
          <Who tenantId={tenantId} agent={g.agent} viaRule={g.viaRule} />
        </div>
        <ChatCost cost={g.cost} currency={currency} />
        <Row label={t("requireMention")}>
          <Switch aria-label={t("requireMentionIn", { name: g.name })} disabled={!canEdit} checked={g.requireMention} onCheckedChange={(v) => save(g.id, { requireMention: v })} />
        </Row>
        <Row label={t("model")}>
          <ModelSelect label={t("modelFor", { name: g.name })} value={g.modelOverride} disabled={!canEdit} models={models} onChange={(v) => save(g.id, { modelOverride: v })} />
        </Row>
        <Row label={t("policy")}>
          <Select aria-label={t("policyFor", { name: g.name })} className="h-9 min-w-0" disabled={!canEdit} value={g.policy} onChange={(e) => save(g.id, { policy: e.target.value as Group["policy"] })}>
            <option value="OPEN">{t("policyOpen")}</option>
            <option value="ALLOWLIST">{t("policyAllowlist")}</option>
            <option value="BLOCKED">{t("policyBlocked")}</option>
          </Select>
        </Row>
        <div>
          <TagInput id={`mp-${g.id}`} label={t("mentionWordsFor", { name: g.name })} placeholder="@bot" disabled={!canEdit} value={g.mentionPatterns}
            validate={(tag) => mentionPatternSchema.safeParse(tag).error?.issues[0]?.message ?? null}
            onChange={(next) => save(g.id, { mentionPatterns: next })} />
        </div>
      </Card>
    </li>
  );
}

function DmCard({ dm, tenantId, canEdit, models, currency, save }: CardProps & { dm: Dm }) {
  const t = useTranslations("groups");
  return (
    <li data-testid={`dm-${dm.name}`}>
      <Card className="space-y-3">
        <div>
          <p className="font-medium" title={dm.rawId}>{dm.name}</p>
          <Who tenantId={tenantId} agent={dm.agent} viaRule={dm.viaRule} />
        </div>
        <ChatCost cost={dm.cost} currency={currency} />
        <Row label={t("model")}>
          <ModelSelect label={t("modelFor", { name: dm.name })} value={dm.modelOverride} disabled={!canEdit} models={models} onChange={(v) => save(dm.id, { modelOverride: v })} />
        </Row>
        <Row label={t("blocked")}>
          <Switch aria-label={t("blockPerson", { name: dm.name })} disabled={!canEdit} checked={dm.policy === "BLOCKED"} onCheckedChange={(v) => save(dm.id, { policy: v ? "BLOCKED" : "OPEN" })} />
        </Row>
      </Card>
    </li>
  );
}
