"use client";
import { ruleTargetSchema } from "@baas/api/schemas";
import type { RouterOutputs } from "@baas/api";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { z } from "zod";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";

type Chats = RouterOutputs["channel"]["chats"];
export type Target = z.input<typeof ruleTargetSchema>;

export interface Answers {
  chats: Set<string>;
  allGroups: boolean;
  allDms: boolean;
  people: string[];
}

export const noAnswers = (): Answers => ({ chats: new Set(), allGroups: false, allDms: false, people: [] });

export function targetsOf(a: Answers): Target[] {
  return [
    ...[...a.chats].map((channelId) => ({ kind: "chat" as const, channelId })),
    ...(a.allGroups ? [{ kind: "allGroups" as const }] : []),
    ...(a.allDms ? [{ kind: "allDms" as const }] : []),
    ...a.people.map((phone) => ({ kind: "person" as const, phone })),
  ];
}

/** Step 3: where the new agent answers. A chat someone else answers moves to it (said plainly). */
export function AnswersStep({ chats, value, onChange }: { chats: Chats; value: Answers; onChange: (a: Answers) => void }) {
  const t = useTranslations("agents.wizard");
  const [phone, setPhone] = useState("");
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const toggle = (id: string) => {
    const next = new Set(value.chats);
    if (!next.delete(id)) next.add(id);
    onChange({ ...value, chats: next });
  };
  const addPerson = () => {
    const parsed = ruleTargetSchema.safeParse({ kind: "person", phone });
    if (!parsed.success || parsed.data.kind !== "person") return setPhoneError(parsed.error?.issues[0]?.message ?? t("phoneInvalid"));
    setPhoneError(null);
    setPhone("");
    if (!value.people.includes(parsed.data.phone)) onChange({ ...value, people: [...value.people, parsed.data.phone] });
  };
  const chatList = (rows: Chats["groups"] | Chats["dms"], label: string) => (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{label}</legend>
      {rows.length === 0 ? <p className="text-sm text-slate-500">{t("noneYet")}</p> : null}
      {rows.map((c) => (
        <label key={c.id} className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={value.chats.has(c.id)} onChange={() => toggle(c.id)} />
          <span>
            <span className="font-medium" title={c.rawId}>{c.name}</span>
            {c.agent ? <span className="block text-xs text-amber-700">{t("movesFrom", { agent: c.agent.name })}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <div className="space-y-5">
      {chatList(chats.groups, t("groups"))}
      {chatList(chats.dms, t("dms"))}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("wider")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={value.allGroups} onChange={(e) => onChange({ ...value, allGroups: e.target.checked })} />
          {t("allGroups")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={value.allDms} onChange={(e) => onChange({ ...value, allDms: e.target.checked })} />
          {t("allDms")}
        </label>
      </fieldset>
      <div className="space-y-2">
        <label htmlFor="answer-phone" className="block text-sm font-medium">{t("person")}</label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input id="answer-phone" inputMode="tel" placeholder="+55 11 99999-0000" value={phone} aria-invalid={Boolean(phoneError)} onChange={(e) => setPhone(e.target.value)} />
          <Button type="button" variant="secondary" className="shrink-0 whitespace-nowrap" onClick={addPerson}>{t("addPerson")}</Button>
        </div>
        {phoneError ? <p role="alert" className="text-sm text-red-600">{phoneError}</p> : null}
        {value.people.length ? (
          <ul className="flex flex-wrap gap-2" aria-label={t("people")}>
            {value.people.map((p) => (
              <li key={p} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-sm">
                {p}
                <button type="button" aria-label={t("removePerson", { phone: p })} onClick={() => onChange({ ...value, people: value.people.filter((x) => x !== p) })}>×</button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
