//go:build tools

// Package tools pins the commands scripts/k8s-build.sh builds, so `go mod tidy`
// keeps their dependencies in go.sum. This module is a build recipe, not berth code.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
