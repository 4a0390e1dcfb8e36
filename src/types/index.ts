/**
 * Manifest and configuration types, generated from schemas/*.schema.json (the one source of truth)
 * by `npm run gen:types`. Type names are unique across the generated modules.
 */
export type * from './generated/common.js';
export type * from './generated/cluster.js';
export type * from './generated/configmap.js';
export type * from './generated/container-orchestrator.js';
export type * from './generated/deployment.js';
export type * from './generated/namespace.js';
export type * from './generated/secret.js';
export type * from './generated/service.js';
