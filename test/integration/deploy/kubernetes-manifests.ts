/**
 * Renders the Kustomize overlays in deploy/kubernetes with `kubectl
 * kustomize` and validates each object against the Kubernetes OpenAPI
 * schemas that `kubernetes-models` compiles.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import * as models from 'kubernetes-models';
import { parseAllDocuments } from 'yaml';

import { isCiRun } from '../../e2e/support/chromium';

export const OVERLAYS_DIR = join(
  import.meta.dirname,
  '../../../deploy/kubernetes/overlays',
);

export const INSTALL_KUBECTL_HINT =
  "install Debian's kubernetes-client package (apt-get install kubernetes-client) or a newer kubectl, or set KUBECTL to the kubectl to run";

/**
 * Returns the kubectl to run: `KUBECTL` when it is set and not blank, else
 * `kubectl`, which is looked up on PATH.
 */
export function kubectlCommand(
  env: Record<string, string | undefined> = process.env,
): string {
  const command = env.KUBECTL?.trim();
  return command === undefined || command === '' ? 'kubectl' : command;
}

/** A rendered Kubernetes object, as parsed from YAML. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: unknown): { validate(): void };
}

/**
 * Returns why the manifest tests skip, or null when they run. Outside CI a
 * missing kubectl skips them. In CI, or when `KUBECTL` names one, it fails
 * them, so that the check is never lost silently.
 */
export function kubectlSkipReason(): string | null {
  if (
    kubectlCommand() !== 'kubectl' ||
    isCiRun() ||
    kubectlVersion('kubectl') !== null
  ) {
    return null;
  }
  return `kubectl is missing, so the Kubernetes manifest tests are skipped: ${INSTALL_KUBECTL_HINT}`;
}

function kubectlVersion(command: string): string | null {
  const result = spawnSync(command, ['version', '--client'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout : null;
}

/**
 * Runs `kubectl kustomize` on an overlay and parses every object. Only
 * stdout is parsed, because newer kubectl (1.32 with Kustomize 5.5, for
 * one) prints deprecation warnings for the Kustomize 2.0.3 fields on
 * stderr.
 */
export function renderOverlay(
  name: string,
  command: string = kubectlCommand(),
): KubernetesObject[] {
  const result = spawnSync(command, ['kustomize', join(OVERLAYS_DIR, name)], {
    encoding: 'utf8',
  });
  if (result.error !== undefined) {
    throw new Error(
      `${command} kustomize failed to start (${result.error.message}): ${INSTALL_KUBECTL_HINT}`,
    );
  }
  if (result.status !== 0) {
    throw new Error(
      `${command} kustomize failed on overlay "${name}": ${result.stderr}`,
    );
  }

  return parseAllDocuments(result.stdout).map((document) => {
    if (document.errors.length > 0) {
      throw new Error(
        `${command} kustomize output for "${name}" is invalid YAML: ${document.errors[0]!.message}`,
      );
    }
    return document.toJS() as KubernetesObject;
  });
}

/** Matches a generated ConfigMap name and captures the part before the hash. */
const HASHED_NAME = /^(.+)-[a-z0-9]{10}$/;

/**
 * Rewrites a rendering so that the output of two Kustomize versions can be
 * compared. Drops the hash suffix of each ConfigMap name wherever the name
 * appears, because Kustomize 2.0.3 and 5.5 compute different hashes for
 * the same ConfigMap. Drops an empty `metadata.annotations`, which 2.0.3
 * writes on generated ConfigMaps. Sorts objects by kind, namespace and
 * name.
 */
export function comparableRendering(
  objects: KubernetesObject[],
): KubernetesObject[] {
  const unhashedNames = new Map<string, string>();
  for (const object of objects) {
    const match = HASHED_NAME.exec(object.metadata.name);
    if (object.kind === 'ConfigMap' && match !== null) {
      unhashedNames.set(object.metadata.name, match[1]!);
    }
  }

  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return unhashedNames.get(value) ?? value;
    }
    if (Array.isArray(value)) {
      return value.map(rewrite);
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, rewrite(item)]),
      );
    }
    return value;
  };

  const sortKey = (object: KubernetesObject) =>
    `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  return objects
    .map((object) => {
      const copy = rewrite(object) as KubernetesObject;
      const annotations = copy.metadata.annotations;
      if (
        typeof annotations === 'object' &&
        annotations !== null &&
        Object.keys(annotations).length === 0
      ) {
        delete copy.metadata.annotations;
      }
      return copy;
    })
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

let modelClasses: Map<string, ModelClass> | undefined;

/** Indexes every model class of `kubernetes-models` by `apiVersion/kind`. */
function findModelClasses(): Map<string, ModelClass> {
  if (modelClasses !== undefined) {
    return modelClasses;
  }

  modelClasses = new Map();
  const visit = (namespace: object) => {
    for (const value of Object.values(namespace)) {
      if (typeof value === 'function' && 'kind' in value) {
        const model = value as ModelClass;
        modelClasses!.set(`${model.apiVersion}/${model.kind}`, model);
      } else if (typeof value === 'object' && value !== null) {
        visit(value);
      }
    }
  };
  visit(models);
  return modelClasses;
}

/**
 * Throws when `object` does not match the schema of its kind, or when
 * there is no schema for its kind.
 *
 * NOTE: the compiled schemas reject wrong types and missing required
 * fields but accept unknown fields, so a misspelt field name passes here.
 * The tests therefore read back every setting they rely on.
 */
export function validateObject(object: KubernetesObject): void {
  const key = `${object.apiVersion}/${object.kind}`;
  const model = findModelClasses().get(key);
  if (model === undefined) {
    throw new Error(
      `No Kubernetes schema for ${key} (object "${object.metadata?.name}"): use a built-in kind or add its schema to the test`,
    );
  }

  try {
    new model(object).validate();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${key} "${object.metadata.name}" is invalid: ${message}`);
  }
}
