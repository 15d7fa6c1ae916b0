/** The badge colour of an alert severity, on the alerts page and the overview alike. */
export const severityTone = (s: string) => (s === "CRITICAL" ? "red" : s === "WARNING" ? "amber" : "blue") as "red" | "amber" | "blue";
