/** Model list served by GET /v1/models in both providers' shapes. */
const ANTHROPIC_MODELS = [
  ["claude-opus-4-5", "Claude Opus 4.5"],
  ["claude-sonnet-4-5", "Claude Sonnet 4.5"],
  ["claude-haiku-4-5", "Claude Haiku 4.5"],
] as const;
const OPENAI_MODELS = ["gpt-5", "gpt-5-mini", "gpt-4.1", "gpt-4o-mini"] as const;
const CREATED = "2025-01-01T00:00:00Z";

export function anthropicModels(): Record<string, unknown> {
  const data = ANTHROPIC_MODELS.map(([id, display_name]) => ({ type: "model", id, display_name, created_at: CREATED }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

export function anthropicModel(id: string): Record<string, unknown> {
  const known = ANTHROPIC_MODELS.find(([m]) => m === id);
  return { type: "model", id, display_name: known?.[1] ?? id, created_at: CREATED };
}

const openAiModel = (id: string) => ({ id, object: "model", created: 1_735_689_600, owned_by: "fake" });

export function openAiModels(): Record<string, unknown> {
  return { object: "list", data: OPENAI_MODELS.map(openAiModel) };
}

export { openAiModel };
