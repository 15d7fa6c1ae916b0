/** Zod schemas shared by the web forms and the routers (no server-only imports here). */
export { agentFieldsSchema, agentCreateSchema, externalIdSchema, SKILLS, TEMPLATES, type AgentFieldsInput } from "./agent/agent.schemas";
export { channelSettingsSchema, mentionPatternSchema, tenantPoliciesSchema } from "./channel/channel.schemas";
export { bindingCreateSchema, bindingPatternSchema, bindingRuleSchema, ruleTargetSchema } from "./binding/binding.schemas";
export { instanceNameSchema } from "./instance-admin/instance-admin.schemas";
export { inviteSchema } from "./invitation/invitation.schemas";
export { createAccountInput, replaceCredentialInput, updateTierInput } from "./operator/operator.schemas";
export { budgetFieldsSchema, BUDGET_ACTIONS, BUDGET_PERIODS, BUDGET_SCOPES, DEFAULT_THRESHOLDS, type BudgetFieldsInput } from "./budget/budget.schemas";
export { rateLimitFieldsSchema, type RateLimitFieldsInput } from "./rate-limit/rate-limit.schemas";
export { rangeSchema, RANGES, MAX_RANGE_DAYS, type RangeInput } from "./analytics/analytics.schemas";
