/** The outcome of comparing desired with live state: what a pass would do, per object. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'unchanged';

export interface FieldChange {
  readonly path: string; // e.g. spec.replicas, containers[web].env.GREETING
  readonly old?: unknown; // redacted ('<secret>') when the value comes from a Secret
  readonly new?: unknown;
}

export interface Change {
  readonly action: ChangeAction;
  readonly kind: string; // Deployment, Namespace, Container, Network, ConfigMap, …
  readonly namespace?: string;
  readonly name: string;
  readonly app?: string;
  readonly fields: readonly FieldChange[];
  readonly reason?: string;
}

export interface ClusterPlan {
  readonly cluster: string;
  readonly changes: readonly Change[];
  /** What a sync would fail at (for example a placement that cannot fit), beside what it would do. */
  readonly errors?: readonly Error[];
}

export function hasChanges(plan: ClusterPlan): boolean {
  return plan.changes.some((c) => c.action !== 'unchanged');
}

export const SECRET_PLACEHOLDER = '<secret>';
