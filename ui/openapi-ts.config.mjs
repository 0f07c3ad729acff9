// Configuration of the API client generator (`npm run generate-client`); also read by
// scripts/check-client.mjs, which fails when src/client is stale w.r.t. openapi.json.
/** @type {import("@hey-api/openapi-ts").UserConfig} */
export default {
  input: "./openapi.json",
  output: "./src/client",
  plugins: [
    "@hey-api/client-fetch",
    "@hey-api/typescript",
    "@hey-api/sdk",
    "@tanstack/react-query",
  ],
  logs: { level: "warn" },
}
