import type { GatewayAlert, Notifier } from "./types";

/** Default notifier: one log line per alert (alerts carry no secrets). Email arrives with the dashboard. */
export function createLogNotifier(log: (line: string) => void = (l) => console.warn(l)): Notifier {
  return {
    notify(alert: GatewayAlert) {
      log(`[baas] alert ${alert.kind} (${alert.severity})${alert.tenantId ? ` tenant=${alert.tenantId}` : ""}: ${alert.message}`);
    },
  };
}
