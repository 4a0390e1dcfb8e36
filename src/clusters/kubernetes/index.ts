/** berth's Kubernetes driver: the only module that imports @kubernetes/client-node. */
export { createKubernetesDriver, type KubernetesDriverDeps } from './driver.js';
export { RequestCounter, type KubeHttp, type KubeRequest, type KubeResponse } from './transport.js';
