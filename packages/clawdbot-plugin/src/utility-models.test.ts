import { describe, expect, it } from "vitest";
import { routedUtilityModel, routeUtilityModels } from "./utility-models";

describe("utility models go through BaaS", () => {
  it("moves a host ref BaaS serves onto the plugin provider, keeps the model", () => {
    expect(routedUtilityModel("anthropic/claude-haiku-4-5", null)).toBe("baas/claude-haiku-4-5");
    expect(routedUtilityModel("openai/gpt-5-mini", null)).toBe("baas-openai/gpt-5-mini");
    expect(routedUtilityModel("baas/claude-haiku-4-5", null)).toBeNull();
    expect(routedUtilityModel("google/gemini-2.5-flash", null)).toBeNull();
  });

  it("makes an automatic utility model explicit on the primary's wire, and leaves a disabled one alone", () => {
    expect(routedUtilityModel(undefined, "anthropic/claude-sonnet-4-5")).toBe("baas/claude-haiku-4-5");
    expect(routedUtilityModel(undefined, "openai/gpt-4o")).toBe("baas-openai/gpt-4o-mini");
    expect(routedUtilityModel(undefined, null)).toBe("baas/claude-haiku-4-5");
    expect(routedUtilityModel(undefined, "google/gemini-2.5-pro")).toBeNull();
    expect(routedUtilityModel("", "anthropic/claude-sonnet-4-5")).toBeNull();
  });

  it("routes the defaults and every agent whose primary is on another wire; a second pass changes nothing", () => {
    const draft: Record<string, unknown> = {
      agents: {
        defaults: { model: "anthropic/claude-sonnet-4-5" },
        entries: { lobo: {}, pardal: { model: "openai/gpt-4o-mini" }, tico: { utilityModel: "anthropic/claude-3-5-haiku" }, mute: { utilityModel: "" } },
      },
    };
    expect(routeUtilityModels(draft, "all").sort()).toEqual([
      "agents.defaults.utilityModel → baas/claude-haiku-4-5",
      "agents.entries.pardal.utilityModel → baas-openai/gpt-4o-mini",
      "agents.entries.tico.utilityModel → baas/claude-3-5-haiku",
    ]);
    expect((draft.agents as { entries: Record<string, unknown> }).entries).toMatchObject({ lobo: {}, mute: { utilityModel: "" } });
    expect(routeUtilityModels(draft, "all")).toEqual([]);
  });

  it("with a list of agents, routes only those, each explicitly, and never the shared defaults", () => {
    const draft: Record<string, unknown> = { agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5" } }, list: [{ id: "lobo" }, { id: "other" }] } };
    expect(routeUtilityModels(draft, ["lobo"])).toEqual(["agents.list.0.utilityModel → baas/claude-haiku-4-5"]);
    expect((draft.agents as { defaults: Record<string, unknown> }).defaults.utilityModel).toBeUndefined();
  });
});
