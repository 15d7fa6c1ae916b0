import { startFakeLlm } from "@baas/testkit";
import { startFakeGateway } from "./fake-gateway";
const llm = await startFakeLlm({ port: 18080 });
const gw = await startFakeGateway({ llmUrl: llm.url, credential: "max-1" });
console.log(JSON.stringify({ llm: llm.url, gw: gw.url }));
setInterval(() => console.log("calls", JSON.stringify(gw.state.calls.map((c) => [c.path, c.input.context ?? c.input]))), 5000);
