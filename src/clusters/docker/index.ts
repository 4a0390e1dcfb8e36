/** Docker cluster driver: the only module of berth that talks to Docker (through dockerode). */
export { createDockerDriver, type DockerDriverDeps } from './driver.js';
export type { DockerFactory } from './client.js';
