{{/*
Names are fixed, as in ASO's chart: there is one operator per cluster (or one cluster-wide
install plus one install per tenant namespace in multitenant mode), and the webhook
configurations and CRDs refer to these names.
*/}}

{{- define "aso.labels" -}}
app.kubernetes.io/name: azure-service-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The operator mode, checked. */}}
{{- define "aso.mode" -}}
{{- $mode := .Values.azureOperatorMode | default "watchers-and-webhooks" -}}
{{- if not (has $mode (list "watchers-and-webhooks" "watchers" "webhooks")) -}}
{{- fail (printf "azureOperatorMode must be watchers-and-webhooks, watchers or webhooks; got %q" $mode) -}}
{{- end -}}
{{- if and .Values.multitenant.enable (eq $mode "watchers-and-webhooks") -}}
{{- fail "multitenant.enable=true needs azureOperatorMode=webhooks (the cluster-wide install) or azureOperatorMode=watchers (one install per tenant namespace)" -}}
{{- end -}}
{{- $mode -}}
{{- end -}}

{{/* "true" when this install runs the webhook server (and owns the webhook configurations). */}}
{{- define "aso.webhooksEnabled" -}}
{{- if ne (include "aso.mode" .) "watchers" -}}true{{- end -}}
{{- end -}}

{{/* "true" when this install's controller reconciles (azureOperatorMode watchers-and-webhooks or watchers). */}}
{{- define "aso.watchersEnabled" -}}
{{- if ne (include "aso.mode" .) "webhooks" -}}true{{- end -}}
{{- end -}}

{{/*
The controller's rules in the namespaces it reconciles: the operator's kinds (no create or delete: users own
them), their status and finalizers; Secrets and ConfigMaps read by name (credentials, inputs) and written by
name (exports: create, update), never listed, watched or deleted; Events it creates.
*/}}
{{- define "aso.namespacedRules" -}}
{{- include "aso.kindRules" . }}
- apiGroups: [""]
  resources: [secrets, configmaps]
  verbs: [get, create, update]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
{{- end -}}

{{/* "true" for a tenant install of multitenant mode: it owns no cluster-wide singletons. */}}
{{- define "aso.tenant" -}}
{{- if and .Values.multitenant.enable (eq (include "aso.mode" .) "watchers") -}}true{{- end -}}
{{- end -}}

{{/* Suffix of cluster-scoped names: empty, or "-<namespace>" for a tenant install. */}}
{{- define "aso.clusterSuffix" -}}
{{- if include "aso.tenant" . -}}-{{ .Release.Namespace }}{{- end -}}
{{- end -}}

{{- define "aso.image" -}}
{{- $image := index .root.Values.image .component -}}
{{ $image.repository }}:{{ $image.tag | default .root.Chart.AppVersion }}
{{- end -}}

{{/* Pod scheduling and metadata shared by both Deployments. */}}
{{- define "aso.podScheduling" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{- define "aso.podAnnotations" -}}
{{- with .Values.podAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The webhook server's certificate Secret (cert-manager's Certificate or self-managed). */}}
{{- define "aso.certSecret" -}}webhook-server-cert{{- end -}}

{{/* cert-manager's CA-injection annotation, when cert-manager issues the certificate. */}}
{{- define "aso.injectCaAnnotation" -}}
{{- if .Values.certManager.enabled -}}
annotations:
  cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/azureserviceoperator-serving-cert
{{- end -}}
{{- end -}}
