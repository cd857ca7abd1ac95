/**
 * The Kubernetes manifests (deploy/k8s/) checked against Kubernetes' own
 * schemas (`kubernetes-models` validates each object with the API's OpenAPI
 * definitions), then for what the deployment needs: probes on the app's
 * health endpoints, a grace period longer than the shutdown, WebSocket
 * timeouts on the ingress, and names that point at each other.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { ConfigMap, Secret, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { loadConfig } from "../../lib/config.ts";

const DIR = fileURLToPath(new URL("../../deploy/k8s/", import.meta.url));

// deno-lint-ignore no-explicit-any
type Manifest = any;
const MODELS: Record<string, new (m: Manifest) => { validate(): void }> = {
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "networking.k8s.io/v1/Ingress": Ingress,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

async function manifests(): Promise<Manifest[]> {
  const kustomization = parseAllDocuments(await Deno.readTextFile(`${DIR}kustomization.yaml`))[0].toJS();
  const out: Manifest[] = [];
  for (const file of kustomization.resources as string[]) {
    for (const doc of parseAllDocuments(await Deno.readTextFile(`${DIR}${file}`))) {
      assert.deepEqual(doc.errors, [], file);
      out.push(doc.toJS());
    }
  }
  return out;
}

const find = (all: Manifest[], kind: string) => {
  const m = all.find((x) => x.kind === kind);
  assert.ok(m, `a ${kind}`);
  return m;
};

Deno.test("every manifest is valid against the Kubernetes schemas", async () => {
  const all = await manifests();
  assert.equal(all.length, 7);
  for (const m of all) {
    const Model = MODELS[`${m.apiVersion}/${m.kind}`];
    assert.ok(Model, `a known kind: ${m.apiVersion} ${m.kind}`);
    new Model(m).validate();
  }
  // The validator judges: a wrong type is refused.
  const bad = structuredClone(find(all, "Deployment"));
  bad.spec.template.spec.containers[0].ports[0].containerPort = "8000";
  assert.throws(() => new Deployment(bad).validate(), /containerPort/);
});

Deno.test("the deployment probes the app, outlives its shutdown and runs unprivileged", async () => {
  const all = await manifests();
  const d = find(all, "Deployment");
  const pod = d.spec.template.spec;
  const c = pod.containers[0];
  assert.equal(c.readinessProbe.httpGet.path, "/readyz");
  assert.equal(c.livenessProbe.httpGet.path, "/healthz");
  assert.ok(c.ports.some((p: Manifest) => p.name === c.readinessProbe.httpGet.port && p.containerPort === 8000));
  // preStop pause + the app's shutdown bound (10 s) must fit in the grace period.
  assert.ok(pod.terminationGracePeriodSeconds >= c.lifecycle.preStop.sleep.seconds + 10 + 5);
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(c.securityContext.allowPrivilegeEscalation, false);
  assert.equal(d.spec.strategy.rollingUpdate.maxUnavailable, 0);
  for (const ref of c.envFrom) {
    const name = ref.configMapRef?.name ?? ref.secretRef?.name;
    assert.ok(all.some((m) => m.metadata.name === name && (m.kind === "ConfigMap" || m.kind === "Secret")), name);
  }
});

Deno.test("service, ingress, autoscaler and disruption budget point at the deployment", async () => {
  const all = await manifests();
  const d = find(all, "Deployment");
  const labels = d.spec.template.metadata.labels;
  const svc = find(all, "Service");
  for (const [k, v] of Object.entries(svc.spec.selector)) assert.equal(labels[k], v);
  assert.equal(svc.spec.ports[0].targetPort, "http");
  const ing = find(all, "Ingress");
  const backend = ing.spec.rules[0].http.paths[0].backend.service;
  assert.equal(backend.name, svc.metadata.name);
  assert.equal(backend.port.name, svc.spec.ports[0].name);
  assert.ok(Number(ing.metadata.annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600, "sockets");
  assert.ok(Number(ing.metadata.annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"]) >= 3600, "sockets");
  const hpa = find(all, "HorizontalPodAutoscaler");
  assert.deepEqual([hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name], ["Deployment", d.metadata.name]);
  assert.ok(hpa.spec.minReplicas >= 2);
  const pdb = find(all, "PodDisruptionBudget");
  for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) assert.equal(labels[k], v);
});

Deno.test("the config map and secret make a production configuration the app accepts", async () => {
  const all = await manifests();
  const env = { ...find(all, "ConfigMap").data, ...find(all, "Secret").stringData };
  for (const key of ["JWT_SECRET", "ENCRYPTION_KEY", "MONGODB_URI", "REDIS_URL", "S3_URL"]) assert.ok(env[key], key);
  const config = loadConfig(env);
  assert.equal(config.production, true);
  assert.equal(config.s3?.bucket, "frontdesk-files");
});
