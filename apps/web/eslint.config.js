export { default } from "@baas/eslint-config/react";
