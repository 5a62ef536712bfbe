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

// Debian 12's own kubectl (package kubernetes-client 1.20, Kustomize 2.0.3)
// cannot read the `labels` and `patches` fields that these overlays use.
export const INSTALL_KUBECTL_HINT =
  'install kubectl 1.22 or newer (tested with 1.32 and its Kustomize 5.5)';

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
 * missing kubectl skips them; in CI it fails them, so that the check is
 * never lost silently.
 */
export function kubectlSkipReason(): string | null {
  if (kubectlVersion() !== null || isCiRun()) {
    return null;
  }
  return `kubectl is missing, so the Kubernetes manifest tests are skipped: ${INSTALL_KUBECTL_HINT}`;
}

function kubectlVersion(): string | null {
  const result = spawnSync('kubectl', ['version', '--client'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout : null;
}

/** Runs `kubectl kustomize` on an overlay and parses every object. */
export function renderOverlay(name: string): KubernetesObject[] {
  const result = spawnSync('kubectl', ['kustomize', join(OVERLAYS_DIR, name)], {
    encoding: 'utf8',
  });
  if (result.error !== undefined) {
    throw new Error(
      `kubectl kustomize failed to start (${result.error.message}): ${INSTALL_KUBECTL_HINT}`,
    );
  }
  if (result.status !== 0) {
    throw new Error(
      `kubectl kustomize failed on overlay "${name}": ${result.stderr}`,
    );
  }

  return parseAllDocuments(result.stdout).map((document) => {
    if (document.errors.length > 0) {
      throw new Error(
        `kubectl kustomize output for "${name}" is invalid YAML: ${document.errors[0]!.message}`,
      );
    }
    return document.toJS() as KubernetesObject;
  });
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
