export { createGatewayFixture, ensureFixturePrices, FIXTURE_PRICES, type GatewayFixture, type GatewayFixtureOptions, type FixtureAccount } from "./fixture";
