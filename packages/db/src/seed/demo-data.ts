/**
 * The first customer of the planning document (seed 004): VM Deco, whose Clawdbot runs the
 * "Alcateia", ten animal-named agents answering in WhatsApp groups and DMs. Group names come from
 * its channel report (Cultura Builder, Sócios Mentes, Advisors Dashboard…); DM traffic dominates.
 */
export const DEMO_TENANT = { slug: "vm-deco", name: "VM Deco", currency: "BRL", timezone: "America/Sao_Paulo" } as const;
export const DEMO_OWNER_EMAIL = "owner@vmdeco.demo";
export const DEMO_OPERATOR_EMAIL = "operator@baas.demo";

export const DEMO_USERS = [
  { email: DEMO_OWNER_EMAIL, name: "Deco", role: "OWNER" },
  { email: "marina@vmdeco.demo", name: "Marina Alves", role: "ADMIN" },
  { email: "rafael@vmdeco.demo", name: "Rafael Costa", role: "MEMBER" },
  { email: "contador@vmdeco.demo", name: "Contabilidade VM", role: "VIEWER" },
] as const;

export interface DemoAgent {
  externalId: string;
  name: string;
  emoji: string | null;
  model: string;
  role: string;
  skills: string[];
}

export const DEMO_AGENTS: readonly DemoAgent[] = [
  { externalId: "lobo", name: "Lobo", emoji: "🐺", model: "claude-opus-4-5", role: "líder da Alcateia e assistente pessoal do Deco", skills: ["stt", "tts", "search", "image"] },
  { externalId: "aguia", name: "Águia", emoji: "🦅", model: "claude-sonnet-4-5", role: "visão estratégica para os sócios", skills: ["search"] },
  { externalId: "coruja", name: "Coruja", emoji: "🦉", model: "claude-sonnet-4-5", role: "pesquisa e base de conhecimento", skills: ["search", "stt"] },
  { externalId: "raposa", name: "Raposa", emoji: "🦊", model: "claude-sonnet-4-5", role: "comercial e propostas", skills: ["search"] },
  { externalId: "falcao", name: "Falcão", emoji: null, model: "claude-sonnet-4-5", role: "dados, métricas e dashboards", skills: ["search"] },
  { externalId: "golfinho", name: "Golfinho", emoji: "🐬", model: "claude-sonnet-4-5", role: "atendimento a clientes", skills: ["stt", "tts"] },
  { externalId: "pantera", name: "Pantera", emoji: "🐆", model: "claude-sonnet-4-5", role: "finanças e cobranças", skills: [] },
  { externalId: "castor", name: "Castor", emoji: "🦫", model: "claude-sonnet-4-5", role: "obras e projetos", skills: ["image"] },
  { externalId: "cao", name: "Cão", emoji: "🐕", model: "claude-haiku-4-5", role: "família e casa", skills: ["stt"] },
  { externalId: "arara", name: "Arara", emoji: "🦜", model: "claude-haiku-4-5", role: "marketing e redes sociais", skills: ["image", "tts"] },
];

export interface DemoChannel {
  key: string;
  peerKind: "GROUP" | "DM";
  externalId: string;
  name: string;
  agent: string;
  requireMention: boolean;
  modelOverride?: string;
  /** Relative share of the tenant's traffic. */
  weight: number;
}

export const DEMO_CHANNELS: readonly DemoChannel[] = [
  { key: "cultura-builder", peerKind: "GROUP", externalId: "120363041875200001@g.us", name: "Cultura Builder", agent: "coruja", requireMention: true, weight: 28 },
  { key: "socios-mentes", peerKind: "GROUP", externalId: "120363041875200002@g.us", name: "Sócios Mentes", agent: "aguia", requireMention: true, modelOverride: "claude-opus-4-5", weight: 12 },
  { key: "advisors-dashboard", peerKind: "GROUP", externalId: "120363041875200003@g.us", name: "Advisors Dashboard", agent: "falcao", requireMention: true, weight: 9 },
  { key: "vm-comercial", peerKind: "GROUP", externalId: "120363041875200004@g.us", name: "VM Deco Comercial", agent: "raposa", requireMention: true, weight: 8 },
  { key: "suporte-clientes", peerKind: "GROUP", externalId: "120363041875200005@g.us", name: "Suporte Clientes VM", agent: "golfinho", requireMention: false, weight: 10 },
  { key: "financeiro", peerKind: "GROUP", externalId: "120363041875200006@g.us", name: "Financeiro VM", agent: "pantera", requireMention: true, weight: 5 },
  { key: "obras", peerKind: "GROUP", externalId: "120363041875200007@g.us", name: "Obras & Projetos", agent: "castor", requireMention: true, weight: 6 },
  { key: "marketing", peerKind: "GROUP", externalId: "120363041875200008@g.us", name: "Marketing & Conteúdo", agent: "arara", requireMention: true, weight: 6 },
  { key: "familia", peerKind: "GROUP", externalId: "120363041875200009@g.us", name: "Família Deco", agent: "cao", requireMention: false, weight: 7 },
  { key: "dm-deco", peerKind: "DM", externalId: "5511990000001@s.whatsapp.net", name: "Deco", agent: "lobo", requireMention: false, weight: 160 },
  { key: "dm-marina", peerKind: "DM", externalId: "5511990000002@s.whatsapp.net", name: "Marina Alves", agent: "lobo", requireMention: false, weight: 35 },
  { key: "dm-rafael", peerKind: "DM", externalId: "5511990000003@s.whatsapp.net", name: "Rafael Costa", agent: "raposa", requireMention: false, weight: 18 },
];

/** Catch-all route: any other WhatsApp DM goes to Lobo. */
export const DEMO_DM_PATTERN = { pattern: "whatsapp:dm:*", agent: "lobo" } as const;

export const TENANT_MONTHLY_BUDGET_USD = 1_000;
