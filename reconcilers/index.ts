/**
 * The static registry: every reconciler, in the order they compile. A test checks that each
 * folder under reconcilers/ is registered here and that every kind has exactly one owner.
 */
import type { Reconciler } from '../src/core/reconciler.js';
import { configReconciler } from './config/index.js';
import { deploymentReconciler } from './deployment/index.js';
import { namespaceReconciler } from './namespace/index.js';
import { serviceReconciler } from './service/index.js';

export const reconcilers: readonly Reconciler[] = [namespaceReconciler, configReconciler, serviceReconciler, deploymentReconciler];
