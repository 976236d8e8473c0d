/**
 * The local IAM Identity Center (`idc server`): public entry points of the server part.
 *
 * - {@link startServer} runs it on a socket (what `idc server` calls);
 * - {@link createApp} builds the Hono app from {@link ServerDeps} for in-process use and tests;
 * - {@link openStore}, {@link applyOrg}, {@link parseOrgFile} and {@link DEMO_ORG} set up state.
 *
 * @module
 */
export { createApp } from './app.js'
export type { Logger, ServerDeps, ServerOptions } from './deps.js'
export { startServer, type RunningServer, type StartServerOptions } from './main.js'
export { openStore, type Store, type OpenStoreOptions } from './store/store.js'
export { applyOrg, ensureAdminCredentials, type OrgSpec } from './domain/org.js'
export { parseOrgFile, OrgFileError } from './domain/org-file.js'
export { DEMO_ORG, DEMO_START_URL } from './domain/demo-org.js'
export { createInvitation } from './domain/invitations.js'
