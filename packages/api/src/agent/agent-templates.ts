import type { TEMPLATES } from "./agent.schemas";

export interface AgentTemplate {
  key: (typeof TEMPLATES)[number];
  label: string;
  name: string;
  emoji: string;
  systemPrompt: string;
  skills: string[];
}

/** Starting points for the create wizard; everything stays editable afterwards. */
export const agentTemplates: AgentTemplate[] = [
  {
    key: "sales",
    label: "Sales",
    name: "Sales assistant",
    emoji: "💼",
    systemPrompt:
      "You help prospective customers choose the right product. Be concise, ask one question at a time, and offer to connect them with a person when they are ready to buy.",
    skills: ["search", "image"],
  },
  {
    key: "support",
    label: "Support",
    name: "Support agent",
    emoji: "🛟",
    systemPrompt:
      "You answer customer support questions from the knowledge base. Be friendly and precise; when you are not sure, say so and escalate to a human.",
    skills: ["search", "stt"],
  },
  {
    key: "hr",
    label: "HR",
    name: "HR helper",
    emoji: "🧑‍💼",
    systemPrompt:
      "You answer employees' questions about policies, benefits and time off. Never share personal data of other employees.",
    skills: ["stt", "tts"],
  },
];
