//go:build race

package testsupport

// Race is true in a test binary built with -race.
const Race = true
