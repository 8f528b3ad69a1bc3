// Package benchratio measures the ratio of two costs in one benchmark run,
// for the speed goals that compare two things (BENCHMARKS.md): a pipeline
// and its baseline, or a refused input and a normal one. It is test support
// for the module's benchmarks.
package benchratio
