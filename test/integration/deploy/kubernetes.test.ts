import { posix } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  comparableRendering,
  kubectlCommand,
  kubectlSkipReason,
  renderOverlay,
  validateObject,
  type KubernetesObject,
} from './kubernetes-manifests';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: unknown[];
}

interface Probe {
  httpGet?: { path?: string; port?: string | number };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

interface Container {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    seccompProfile?: { type: string };
  };
  containers: Container[];
  volumes?: {
    name: string;
    emptyDir?: object;
    persistentVolumeClaim?: { claimName: string };
  }[];
  topologySpreadConstraints?: {
    topologyKey: string;
    labelSelector?: LabelSelector;
  }[];
  affinity?: {
    podAntiAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: {
        topologyKey: string;
        labelSelector?: LabelSelector;
      }[];
    };
  };
}

interface Deployment extends KubernetesObject {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    strategy?: { type?: string };
    template: {
      metadata: {
        labels: Record<string, string>;
        annotations?: Record<string, string>;
      };
      spec: PodSpec;
    };
  };
}

/** Returns the only object of `kind` in `objects`. */
function only<T extends KubernetesObject>(
  objects: KubernetesObject[],
  kind: string,
): T {
  const matches = objects.filter((object) => object.kind === kind);
  expect(matches.map((object) => object.metadata.name)).toHaveLength(1);
  return matches[0] as T;
}

/** Tells whether `selector` selects an object with `labels`. */
function selects(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (selector === undefined || selector.matchExpressions !== undefined) {
    return false;
  }
  const required = Object.entries(selector.matchLabels ?? {});
  return (
    required.length > 0 &&
    required.every(([key, value]) => labels[key] === value)
  );
}

/** Returns the server's container and its settings from the ConfigMap. */
function serverContainer(objects: KubernetesObject[]): {
  container: Container;
  settings: Record<string, string>;
} {
  const deployment = only<Deployment>(objects, 'Deployment');
  const container = deployment.spec.template.spec.containers.find(
    (candidate) => candidate.name === 'server',
  );
  expect(container).toBeDefined();

  const configMapNames = (container!.envFrom ?? []).map(
    (source) => source.configMapRef?.name,
  );
  const configMap = only<KubernetesObject & { data: Record<string, string> }>(
    objects,
    'ConfigMap',
  );
  expect(configMapNames).toContain(configMap.metadata.name);

  return { container: container!, settings: configMap.data };
}

/** Collects every string in a rendered object, with its path. */
function allStrings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') {
    return [[path, value]];
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) =>
    allStrings(item, `${path}/${key}`),
  );
}

const CREDENTIAL_NAME = /PASSWORD|SECRET|TOKEN|ACCESS_KEY|DATABASE_URL/i;

/** Checks what both overlays must guarantee. */
function checkCommonGuarantees(objects: KubernetesObject[]): void {
  for (const object of objects) {
    validateObject(object);
  }

  const deployment = only<Deployment>(objects, 'Deployment');
  const pod = deployment.spec.template.spec;
  const podLabels = deployment.spec.template.metadata.labels;
  const { container, settings } = serverContainer(objects);

  expect(selects(deployment.spec.selector, podLabels)).toBe(true);
  const services = objects.filter((object) => object.kind === 'Service');
  expect(services.length).toBeGreaterThan(0);
  for (const service of services) {
    const spec = service.spec as { selector?: Record<string, string> };
    expect(
      selects({ matchLabels: spec.selector }, podLabels),
      `Service ${service.metadata.name} selects the pods`,
    ).toBe(true);
  }

  // The server listens where the container port and probes point.
  expect(settings.HOST).toBe('0.0.0.0');
  const httpPort = container.ports?.find((port) => port.name === 'http');
  expect(httpPort?.containerPort).toBe(Number(settings.PORT));
  expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
  expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
  for (const probe of [container.livenessProbe, container.readinessProbe]) {
    expect(['http', httpPort?.containerPort]).toContain(probe?.httpGet?.port);
  }

  const annotations = deployment.spec.template.metadata.annotations ?? {};
  expect(annotations['prometheus.io/scrape']).toBe('true');
  expect(annotations['prometheus.io/path']).toBe('/metrics');
  expect(annotations['prometheus.io/port']).toBe(settings.PORT);

  for (const resource of ['cpu', 'memory']) {
    expect(container.resources?.requests?.[resource]).toBeDefined();
    expect(container.resources?.limits?.[resource]).toBeDefined();
  }

  // Hardening: non-root, read-only root file system with a writable /tmp.
  expect(pod.securityContext?.runAsNonRoot).toBe(true);
  expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
  expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
  expect(container.securityContext?.runAsNonRoot).toBe(true);
  expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
  expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
  expect(container.securityContext?.capabilities?.drop).toEqual(['ALL']);
  const tmpMount = container.volumeMounts?.find(
    (mount) => mount.mountPath === '/tmp',
  );
  const tmpVolume = pod.volumes?.find(
    (volume) => volume.name === tmpMount?.name,
  );
  expect(tmpVolume?.emptyDir).toBeDefined();

  expect(pod.automountServiceAccountToken).toBe(false);
  const serviceAccount = only(objects, 'ServiceAccount');
  expect(pod.serviceAccountName).toBe(serviceAccount.metadata.name);
  expect(serviceAccount.automountServiceAccountToken).toBe(false);

  // No credential is committed: operators create the Secrets.
  expect(objects.map((object) => object.kind)).not.toContain('Secret');
  for (const variable of container.env ?? []) {
    if (CREDENTIAL_NAME.test(variable.name)) {
      expect(variable.value, `${variable.name} has a literal value`).toBe(
        undefined,
      );
    }
  }
  for (const key of Object.keys(settings)) {
    if (key !== 'DATABASE_URL' || !settings[key]!.startsWith('sqlite:')) {
      expect(key).not.toMatch(CREDENTIAL_NAME);
    }
  }
  for (const [path, text] of objects.flatMap((object) => allStrings(object))) {
    expect(text, `${path} holds a URL with a user name`).not.toMatch(
      /\/\/[^/\s]*@/,
    );
  }
}

/** Returns the volume mounted at the folder holding `path`, if any. */
function volumeHolding(
  deployment: Deployment,
  container: Container,
  path: string,
) {
  const mount = container.volumeMounts?.find((candidate) =>
    path.startsWith(posix.join(candidate.mountPath, '/')),
  );
  return deployment.spec.template.spec.volumes?.find(
    (volume) => volume.name === mount?.name,
  );
}

const skipReason = kubectlSkipReason();
if (skipReason !== null) {
  console.warn(skipReason);
}

describe.skipIf(skipReason !== null)('dev overlay', () => {
  let objects: KubernetesObject[];

  beforeAll(() => {
    objects = renderOverlay('dev');
  });

  it('meets the common guarantees', () => {
    checkCommonGuarantees(objects);
  });

  it('runs one pod, replaced with Recreate', () => {
    const deployment = only<Deployment>(objects, 'Deployment');

    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy?.type).toBe('Recreate');
    expect(objects.map((object) => object.kind)).not.toContain(
      'HorizontalPodAutoscaler',
    );
  });

  it('keeps SQLite and scans on the claim', () => {
    const deployment = only<Deployment>(objects, 'Deployment');
    const { container, settings } = serverContainer(objects);
    const claim = only(objects, 'PersistentVolumeClaim');

    expect(settings.DATABASE_URL).toMatch(/^sqlite:\//);
    expect(settings.SCAN_STORAGE).toMatch(/^file:\//);
    const databasePath = settings.DATABASE_URL!.slice('sqlite:'.length);
    const scanPath = settings.SCAN_STORAGE!.slice('file:'.length);
    for (const path of [databasePath, scanPath]) {
      const volume = volumeHolding(deployment, container, path);
      expect(volume?.persistentVolumeClaim?.claimName, path).toBe(
        claim.metadata.name,
      );
    }
  });
});

describe.skipIf(skipReason !== null)('prod overlay', () => {
  let objects: KubernetesObject[];

  beforeAll(() => {
    objects = renderOverlay('prod');
  });

  it('meets the common guarantees', () => {
    checkCommonGuarantees(objects);
  });

  it('runs three pods or more', () => {
    const deployment = only<Deployment>(objects, 'Deployment');
    const autoscaler = only<
      KubernetesObject & {
        spec: {
          minReplicas: number;
          maxReplicas: number;
          scaleTargetRef: { apiVersion: string; kind: string; name: string };
        };
      }
    >(objects, 'HorizontalPodAutoscaler');

    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(3);
    expect(autoscaler.apiVersion).toBe('autoscaling/v2');
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(3);
    expect(autoscaler.spec.maxReplicas).toBeGreaterThanOrEqual(
      autoscaler.spec.minReplicas,
    );
    expect(autoscaler.spec.scaleTargetRef).toEqual({
      apiVersion: deployment.apiVersion,
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
  });

  it('spreads pods and budgets disruptions', () => {
    const deployment = only<Deployment>(objects, 'Deployment');
    const pod = deployment.spec.template.spec;
    const podLabels = deployment.spec.template.metadata.labels;
    const budget = only<
      KubernetesObject & { spec: { selector: LabelSelector } }
    >(objects, 'PodDisruptionBudget');

    expect(selects(budget.spec.selector, podLabels)).toBe(true);
    const spreadByNode = [
      ...(pod.topologySpreadConstraints ?? []),
      ...(pod.affinity?.podAntiAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ].filter(
      (rule) =>
        rule.topologyKey === 'kubernetes.io/hostname' &&
        selects(rule.labelSelector, podLabels),
    );
    expect(spreadByNode).toHaveLength(1);
  });

  it('reads credentials from Secrets', () => {
    const { container, settings } = serverContainer(objects);
    const fromSecret = (name: string) =>
      container.env?.find((variable) => variable.name === name)?.valueFrom
        ?.secretKeyRef;

    expect(settings.DATABASE_URL).toBeUndefined();
    expect(fromSecret('DATABASE_URL')).toEqual({
      name: 'copydesk-database',
      key: 'url',
    });
    expect(settings.SCAN_STORAGE).toMatch(/^s3:\/\/[a-z0-9.-]+\//);
    for (const name of [
      'S3_ENDPOINT',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
    ]) {
      expect(fromSecret(name)?.name, name).toBe('copydesk-s3');
    }
    expect(objects.map((object) => object.kind)).not.toContain(
      'PersistentVolumeClaim',
    );
  });

  it('limits traffic with a NetworkPolicy', () => {
    const deployment = only<Deployment>(objects, 'Deployment');
    const policy = only<
      KubernetesObject & {
        spec: {
          podSelector: LabelSelector;
          policyTypes: string[];
          ingress: {
            from: { namespaceSelector?: LabelSelector; ipBlock?: object }[];
            ports: { port: string | number; protocol: string }[];
          }[];
          egress: {
            to?: object[];
            ports: { port: number; protocol: string }[];
          }[];
        };
      }
    >(objects, 'NetworkPolicy');

    expect(
      selects(
        policy.spec.podSelector,
        deployment.spec.template.metadata.labels,
      ),
    ).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);

    for (const rule of policy.spec.ingress) {
      expect(rule.ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
      expect(rule.from.length).toBeGreaterThan(0);
      for (const peer of rule.from) {
        expect(peer.ipBlock).toBeUndefined();
        expect(
          Object.keys(peer.namespaceSelector?.matchLabels ?? {}),
        ).not.toHaveLength(0);
      }
    }

    const egressPorts = policy.spec.egress
      .flatMap((rule) => rule.ports)
      .map((port) => `${port.protocol}/${port.port}`)
      .sort();
    expect(egressPorts).toEqual(['TCP/443', 'TCP/53', 'TCP/5432', 'UDP/53']);
  });
});

describe.skipIf(skipReason !== null)('manifest validation', () => {
  let deployment: KubernetesObject;

  beforeAll(() => {
    deployment = only(renderOverlay('dev'), 'Deployment');
  });

  it('rejects a field of the wrong type', () => {
    const broken = structuredClone(deployment) as Deployment;
    (broken.spec as { replicas: unknown }).replicas = 'one';

    expect(() => validateObject(broken)).toThrow(/replicas must be integer/);
  });

  it('rejects a missing required field', () => {
    const broken = structuredClone(deployment) as Deployment;
    delete (broken.spec.template.spec as Partial<PodSpec>).containers;

    expect(() => validateObject(broken)).toThrow(/containers/);
  });

  it('rejects a kind without a schema', () => {
    const unknown = {
      apiVersion: 'example.org/v1',
      kind: 'Widget',
      metadata: { name: 'copydesk' },
    };

    expect(() => validateObject(unknown)).toThrow(
      'No Kubernetes schema for example.org/v1/Widget',
    );
  });
});

describe('kubectlCommand', () => {
  it('reads KUBECTL', () => {
    expect(kubectlCommand({ KUBECTL: '/opt/kubectl' })).toBe('/opt/kubectl');
  });

  it('defaults to kubectl from PATH', () => {
    expect(kubectlCommand({})).toBe('kubectl');
    expect(kubectlCommand({ KUBECTL: ' ' })).toBe('kubectl');
  });
});

describe.skipIf(skipReason !== null)('comparableRendering', () => {
  let objects: KubernetesObject[];

  beforeAll(() => {
    objects = renderOverlay('prod');
  });

  it('ignores the ConfigMap hash', () => {
    const rehashed = structuredClone(objects);
    const { container } = serverContainer(rehashed);
    const configMap = only(rehashed, 'ConfigMap');
    const oldName = configMap.metadata.name;
    const newName = oldName.replace(/-[a-z0-9]{10}$/, '-abcdefghij');
    const reference = container.envFrom?.find(
      (source) => source.configMapRef?.name === oldName,
    );
    configMap.metadata.name = newName;
    reference!.configMapRef!.name = newName;

    expect(newName).not.toBe(oldName);
    expect(rehashed).not.toEqual(objects);
    expect(comparableRendering(rehashed)).toEqual(comparableRendering(objects));
  });

  it('catches a changed field', () => {
    const changed = structuredClone(objects);
    const deployment = only<Deployment>(changed, 'Deployment');
    deployment.spec.template.spec.containers[0]!.securityContext!.readOnlyRootFilesystem = false;

    expect(comparableRendering(changed)).not.toEqual(
      comparableRendering(objects),
    );
  });

  it('catches a renamed ConfigMap', () => {
    const renamed = structuredClone(objects);
    const configMap = only(renamed, 'ConfigMap');
    configMap.metadata.name = configMap.metadata.name.replace(
      'copydesk-server-settings',
      'copydesk-settings',
    );

    expect(comparableRendering(renamed)).not.toEqual(
      comparableRendering(objects),
    );
  });
});

// A second kubectl, for example Debian 12's next to a newer one, whose
// rendering of each overlay must match that of the first.
const compareCommand = process.env.KUBECTL_COMPARE?.trim() || undefined;
if (skipReason === null && compareCommand === undefined) {
  console.warn(
    'KUBECTL_COMPARE is unset, so the renderings of two kubectl versions are not compared: set it to a second kubectl to compare',
  );
}

describe.skipIf(skipReason !== null || compareCommand === undefined)(
  'rendering across kubectl versions',
  () => {
    it.each(['dev', 'prod'])('%s overlay renders the same objects', (name) => {
      const first = renderOverlay(name);
      const second = renderOverlay(name, compareCommand);

      for (const objects of [first, second]) {
        expect(only(objects, 'ConfigMap').metadata.name).toMatch(
          /^copydesk-server-settings-[a-z0-9]{10}$/,
        );
      }
      expect(
        comparableRendering(second),
        `${compareCommand} against ${kubectlCommand()}`,
      ).toEqual(comparableRendering(first));
    });
  },
);
