"use client";
import { bindingRuleSchema, type ruleTargetSchema } from "@baas/api/schemas";
import type { z } from "zod";
import type { RouterOutputs } from "@baas/api";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "~/components/app/use-error-text";
import { Button } from "~/components/ui/button";
import { Input, Select } from "~/components/ui/input";
import { ErrorNote } from "~/components/ui/misc";
import { useTRPC } from "~/trpc/react";

type Chats = RouterOutputs["channel"]["chats"];

/**
 * "Agent X answers: [this group ▾] / all groups / all direct messages / a person…". The pattern
 * underneath (whatsapp:dm:*) is built by the server from this choice; nobody types it.
 */
export function RuleBuilder({ tenantId, agents, chats, onDone }: { tenantId: string; agents: Array<{ id: string; name: string; emoji: string | null }>; chats: Chats; onDone: () => unknown }) {
  const t = useTranslations("bindings.rule");
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [agentId, setAgentId] = useState("");
  const [where, setWhere] = useState("");
  const [phone, setPhone] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = useMutation(trpc.binding.addRule.mutationOptions({ onSuccess: () => { setWhere(""); setPhone(""); return onDone(); } }));
  const target = (): z.input<typeof ruleTargetSchema> => {
    if (where === "allGroups") return { kind: "allGroups" };
    if (where === "allDms") return { kind: "allDms" };
    if (where === "person") return { kind: "person" as const, phone };
    return { kind: "chat" as const, channelId: where.replace(/^chat:/, "") };
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // The same schema the server checks with, so the sentence appears before anything is sent.
    const parsed = bindingRuleSchema.safeParse({ agentId, target: target() });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? t("incomplete"));
    setProblem(null);
    add.mutate({ tenantId, agentId, target: target() });
  };
  return (
    <form className="space-y-3" noValidate aria-label={t("label")} onSubmit={submit}>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_auto_minmax(0,1fr)] sm:items-center">
        <Select aria-label={t("agent")} value={agentId} onChange={(e) => setAgentId(e.target.value)}>
          <option value="">{t("pickAgent")}</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.emoji ?? "🤖"} {a.name}</option>)}
        </Select>
        <span className="text-sm text-slate-600">{t("answers")}</span>
        <Select aria-label={t("where")} value={where} onChange={(e) => setWhere(e.target.value)}>
          <option value="">{t("pickWhere")}</option>
          <optgroup label={t("groups")}>
            {chats.groups.map((c) => <option key={c.id} value={`chat:${c.id}`}>{t("theGroup", { name: c.name })}</option>)}
          </optgroup>
          <optgroup label={t("dms")}>
            {chats.dms.map((c) => <option key={c.id} value={`chat:${c.id}`}>{t("theDm", { name: c.name })}</option>)}
          </optgroup>
          <optgroup label={t("wider")}>
            <option value="allGroups">{t("allGroups")}</option>
            <option value="allDms">{t("allDms")}</option>
            <option value="person">{t("person")}</option>
          </optgroup>
        </Select>
      </div>
      {where === "person" ? (
        <div className="space-y-1">
          <label htmlFor="rule-phone" className="block text-sm font-medium">{t("phone")}</label>
          <Input id="rule-phone" inputMode="tel" placeholder="+55 11 99999-0000" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
      ) : null}
      <ErrorNote message={problem ?? errorText(add.error)} />
      <Button type="submit" disabled={add.isPending}>{t("add")}</Button>
    </form>
  );
}
