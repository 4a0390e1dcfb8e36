/** The git adapter: the only part of berth that imports isomorphic-git. */
export { openSource, type SourceSpec } from './source.js';
export { openStatusStore, DEFAULT_STATUS_BRANCH, type StatusStoreSpec } from './status-store.js';
export type { RepoSpec } from './open.js';
export { TOKEN_ENV } from './remote.js';
export { redactUrl } from './urls.js';
