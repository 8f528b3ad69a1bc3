// Package batchkubernetes holds a Kubernetes Indexed Job that issues a
// batch of credentials in shards (job.yaml) and its guide (README.md). Its
// test runs the Job's script once per index, as the cluster would, and
// checks that the shards together issue what one run does.
package batchkubernetes
