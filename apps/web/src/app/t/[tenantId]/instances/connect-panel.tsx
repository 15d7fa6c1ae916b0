"use client";
import { useTranslations } from "next-intl";

/**
 * The exact steps of packages/clawdbot-plugin/README.md (Install, Configure), with this control
 * plane's address and, right after one was issued, the key filled in.
 */
export function ConnectPanel({ appUrl, instanceKey }: { appUrl: string; instanceKey?: string }) {
  const t = useTranslations("bots.connect");
  const key = instanceKey ?? "baas_inst_…";
  const config = `{
  plugins: {
    entries: {
      baas: {
        enabled: true,
        hooks: { allowConversationAccess: true },
        config: {
          gatewayUrl: "${appUrl.replace(/\/$/, "")}/api/trpc",
          instanceKey: "${key}",
          agents: "all",
          failMode: "failClosed",
        },
      },
    },
  },
  models: {
    mode: "merge",
    providers: {
      baas: { baseUrl: "http://127.0.0.1:9", api: "anthropic-messages", apiKey: "baas-relay", models: [] },
      "baas-openai": { baseUrl: "http://127.0.0.1:9/v1", api: "openai-completions", apiKey: "baas-relay", models: [] },
    },
  },
}`;
  const block = "mt-1 max-w-full overflow-x-auto whitespace-pre rounded bg-slate-900 p-3 text-xs text-slate-100";
  return (
    <section aria-labelledby="connect-heading" className="space-y-3 text-sm" data-testid="connect-panel">
      <h2 id="connect-heading" className="text-lg font-medium">{t("title")}</h2>
      <p className="text-slate-600">{t("intro")}</p>
      <ol className="list-decimal space-y-3 pl-5">
        <li>
          {t("install")}
          <pre className={block}>openclaw plugins install ./baas-clawdbot-plugin-0.1.0.tgz --force --accept-capabilities</pre>
        </li>
        <li>
          {t("configure")}
          <pre className={block} data-testid="connect-config">{config}</pre>
        </li>
        <li>
          {t("enable")}
          <pre className={block}>openclaw plugins enable baas</pre>
        </li>
        <li>{t("verify")}</li>
      </ol>
    </section>
  );
}
