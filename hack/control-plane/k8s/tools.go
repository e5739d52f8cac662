//go:build tools

// Package tools records the main packages this wrapper module builds. The "tool" block in go.mod
// keeps them (and their dependencies) in go.mod/go.sum for "go mod tidy"; this file only documents
// them for readers and tools that predate Go 1.24 tool directives.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	_ "k8s.io/kubectl/pkg/cmd"
)
