// The client is an ES module and this project compiles to CommonJS: its types are imported here,
// once, in import mode; its code is loaded at run time by `connectKubernetes`.
import type * as k8s from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

export type BatchV1Api = k8s.BatchV1Api;
export type CoreV1Api = k8s.CoreV1Api;
export type KubeConfig = k8s.KubeConfig;
export type KubernetesObject = k8s.KubernetesObject;
export type Log = k8s.Log;
export type V1EnvVar = k8s.V1EnvVar;
export type V1Job = k8s.V1Job;
export type V1Pod = k8s.V1Pod;
export type V1Secret = k8s.V1Secret;
export type Watch = k8s.Watch;
