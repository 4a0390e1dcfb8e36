/** The config repository the end-to-end tests commit: two apps so changes can be shown to stay local. */
export function berthYaml(dockerHost: string): string {
  return `container_orchestrator:
  multi_cluster:
    enabled: true
    cluster_management:
      - cluster: "e2e"
        api_server: "${dockerHost}"
        namespace: "demo"
`;
}

export const SECRET_VALUE = 'e2e-s3cret-value-9f1c';

export function webYaml(opts: { replicas?: number; color?: string } = {}): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting.txt: "Hello from e2e"
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secret
stringData:
  api-token: ${SECRET_VALUE}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: berth-demo/web:1
          env:
            - name: COLOR
              value: "${opts.color ?? 'teal'}"
          ports:
            - name: http
              containerPort: 8080
          resources:
            limits: { cpu: 250m, memory: 64Mi }
          readinessProbe:
            httpGet: { path: /ready, port: http }
            periodSeconds: 1
          volumeMounts:
            - { name: config, mountPath: /etc/berth-demo/config }
            - { name: secret, mountPath: /etc/berth-demo/secret }
      volumes:
        - name: config
          configMap: { name: web-config }
        - name: secret
          secret: { secretName: web-secret }
`;
}

export function apiYaml(): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: berth-demo/web:1
          env:
            - name: GREETING
              value: "api"
          ports:
            - containerPort: 8080
`;
}
