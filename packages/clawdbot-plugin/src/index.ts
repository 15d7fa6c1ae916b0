import { register } from "./plugin";

/** OpenClaw / Clawdbot plugin entry (plain object form, understood by both hosts). */
export default {
  id: "baas",
  name: "BaaS",
  description: "Routes every agent model call through the BaaS control plane (budgets, attribution, upstream rotation).",
  register,
};
