export { startFakeLlm } from "./fake-llm";
export type {
  FakeLlm, FakeLlmOptions, Fault, FaultStatus, Provider, RecordedRequest, ReplyContext, ReplyFn, ReplyOverride, Usage, Windows,
} from "./llm-types";
export { startFakeStripe } from "./fake-stripe";
export type { FakeStripe, FakeStripeOptions } from "./stripe-types";
export type { FakeStripeState, StripeObject, WebhookDelivery } from "./stripe-state";
export { FAKE_API_VERSION, sendStripeWebhook, signStripeEvent, type WebhookResult } from "./stripe-webhook";
export { startFakeResend, type FakeResend, type FakeResendOptions, type SentEmail } from "./fake-resend";
export { startFakes, type FakesOptions, type RunningFakes } from "./start-fakes";
export { startTcpProxy, type ProxyMode, type TcpProxy } from "./tcp-proxy";
export { freePort } from "./free-port";
