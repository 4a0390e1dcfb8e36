/** The manifest loader: repository files → a validated, typed revision with source locations. */
export { loadRevision, fileRole, CONFIG_FILE, type FileRole } from './load.js';
export type { LoadedRevision, LoadedCluster, LoadedConfig, LoadResult } from './revision.js';
export {
  KINDS,
  CONFIG_SCHEMA,
  lookupKind,
  isKind,
  apiGroup,
  type KindName,
  type KindBodies,
  type TypedObject,
} from './kinds.js';
export { clusterTargets, dockerEndpoint, DEFAULT_NAMESPACE } from './clusters.js';
export { parseCpuMilli, parseMemoryBytes, parseQuantity, isQuantity } from './quantity.js';
export { parseDuration, isDuration } from './duration.js';
export { formatPath } from './paths.js';
export { MAX_FILE_BYTES, MAX_ALIAS_COUNT } from './yaml-file.js';
