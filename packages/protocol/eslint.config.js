export { default } from "@baas/eslint-config/base";
